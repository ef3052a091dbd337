/**
 * Meaning-preserving rewrites of the IR, so that back ends only print: constant folding (consts
 * become literals), `a < 75% * b` as a scaled comparison, and values computed in several places
 * shared as one def. The differential tests run every policy through lower + optimize + emit and
 * compare with the interpreter on the unoptimised tree.
 *
 * Explanations must not change: an explanation names the first false part of a rule's `and` by its
 * source text, so folding keeps spans, never drops a part that could be the first false one, and
 * a shared def is referenced with the span of each place it replaces.
 */
import { Rational } from '../values/rational.ts';
import { BOOL } from '../types/pol-types.ts';
import type { Span } from '../source/span.ts';
import * as I from './nodes.ts';

export interface OptimizeOptions {
  /** share repeated subexpressions as defs (default true) */
  readonly share?: boolean;
}

export function optimize(p: I.Program, options: OptimizeOptions = {}): I.Program {
  const folded = new Folder(p).program();
  const shared = options.share === false ? folded : share(folded);
  return compactDefs(shared);
}

// ---------------------------------------------------------------- folding

function isLiteral(e: I.Expr): e is I.Num | I.DateLit | I.Bool | I.EnumLit {
  return e.k === 'num' || e.k === 'date' || e.k === 'bool' || e.k === 'enum';
}

function bool(value: boolean, span: Span): I.Bool {
  return { k: 'bool', value, span, type: BOOL };
}

/** A literal moved to another place keeps the span of the place (explanations quote it). */
function at<T extends I.Expr>(e: T, span: Span): T {
  return { ...e, span };
}

class Folder {
  private readonly defs: I.Def[] = [];

  constructor(private readonly p: I.Program) {}

  program(): I.Program {
    for (const d of this.p.defs) this.defs.push({ ...d, value: this.expr(d.value) });
    return {
      ...this.p,
      defs: this.defs,
      requires: this.p.requires.map((r) => ({ ...r, condition: this.expr(r.condition) })),
      rules: this.p.rules.map((r) => this.rule(r)),
      otherwise: { ...this.p.otherwise, decide: this.decision(this.p.otherwise.decide) },
      ledgers: this.p.ledgers.map((l) => ({ ...l, opening: l.opening ? this.expr(l.opening) : undefined })),
    };
  }

  private rule(r: I.Rule): I.Rule {
    return {
      ...r,
      when: r.when ? this.expr(r.when) : undefined,
      decide: this.decision(r.decide),
      records: r.records.map((c) => ({ ledger: c.ledger, amount: this.expr(c.amount) })),
      exceptions: r.exceptions.map((e) => this.rule(e)),
    };
  }

  private decision(d: I.Decision): I.Decision {
    return { ...d, args: d.args.map((a) => ({ name: a.name, value: this.expr(a.value) })) };
  }

  expr(e: I.Expr): I.Expr {
    switch (e.k) {
      case 'num':
      case 'date':
      case 'bool':
      case 'enum':
      case 'input':
      case 'binder':
      case 'balance':
        return e;
      case 'def': {
        const d = this.defs[e.id];
        return d && isLiteral(d.value) ? at(d.value, e.span) : e;
      }
      case 'field': {
        const object = this.expr(e.object);
        return object === e.object ? e : { ...e, object };
      }
      case 'not': {
        const arg = this.expr(e.arg);
        if (arg.k === 'bool') return bool(!arg.value, e.span);
        return arg === e.arg ? e : { ...e, arg };
      }
      case 'neg': {
        const arg = this.expr(e.arg);
        if (arg.k === 'num') return { ...arg, value: arg.value.neg(), span: e.span };
        return arg === e.arg ? e : { ...e, arg };
      }
      case 'and':
      case 'or':
        return this.logic(e);
      case 'arith': {
        const l = this.expr(e.l);
        const r = this.expr(e.r);
        if (l.k === 'num' && r.k === 'num') return { k: 'num', value: arith(e.op, l.value, r.value), span: e.span, type: e.type };
        return l === e.l && r === e.r ? e : { ...e, l, r };
      }
      case 'cmp': {
        const l = this.expr(e.l);
        const r = this.expr(e.r);
        if (isLiteral(l) && isLiteral(r)) return bool(compareLiterals(e.op, l, r), e.span);
        return scaled(l === e.l && r === e.r ? e : { ...e, l, r });
      }
      case 'present': {
        const arg = this.expr(e.arg);
        if (arg.type.kind !== 'optional') return bool(true, e.span);
        return arg === e.arg ? e : { ...e, arg };
      }
      case 'coalesce': {
        const value = this.expr(e.value);
        if (value.type.kind !== 'optional') return value;
        const fallback = this.expr(e.fallback);
        return value === e.value && fallback === e.fallback ? e : { ...e, value, fallback };
      }
      case 'member': {
        const elem = this.expr(e.elem);
        const set = this.p.sets[e.set];
        if (elem.k === 'enum' && set && set.ranges.length === 1 && sameMembers(set.ranges[0]!.members, set.undated)) {
          return bool(set.undated.includes(elem.member), e.span);
        }
        return elem === e.elem ? e : { ...e, elem };
      }
      case 'agg':
        return { ...e, list: this.expr(e.list), where: e.where ? this.expr(e.where) : undefined, body: e.body ? this.expr(e.body) : undefined };
      // date arithmetic is not folded: each back end computes it, so the differential tests see it
      case 'dateShift': {
        const date = this.expr(e.date);
        const amount = this.expr(e.amount);
        return date === e.date && amount === e.amount ? e : { ...e, date, amount };
      }
      case 'daysBetween': {
        const from = this.expr(e.from);
        const to = this.expr(e.to);
        return from === e.from && to === e.to ? e : { ...e, from, to };
      }
      case 'yearOf': {
        const date = this.expr(e.date);
        return date === e.date ? e : { ...e, date };
      }
    }
  }

  /**
   * `and`: true parts drop out; everything after a false part drops out (it is never evaluated, so
   * never the first false part). `or` the same way round.
   */
  private logic(e: I.And | I.Or): I.Expr {
    const unit = e.k === 'and';
    const args: I.Expr[] = [];
    for (const a of e.args) {
      const x = this.expr(a);
      if (x.k === 'bool' && x.value === unit) continue;
      if (x.k === e.k) args.push(...x.args);
      else args.push(x);
      if (x.k === 'bool') break;
    }
    if (args.length === 0) return bool(unit, e.span);
    // An `or` is explained as a whole (its text is the failing part), so what is left of it keeps
    // its span; left with one `and`, it stays an `or` (with its false part), since an `and` would
    // be explained by its first false part (or flattened into an enclosing `and`).
    if (args.length === 1 && !unit) return args[0]!.k === 'and' ? { ...e, args: [args[0]!, bool(false, e.span)] } : { ...args[0]!, span: e.span };
    if (args.length === 1) return args[0]!;
    return args.length === e.args.length && args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
  }
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function arith(op: I.ArithOp, a: Rational, b: Rational): Rational {
  switch (op) {
    case '+':
      return a.add(b);
    case '-':
      return a.sub(b);
    case '*':
      return a.mul(b);
    case '/':
      return a.div(b);
  }
}

// The optimiser folds comparisons with its own few lines rather than the interpreter's: a shared
// helper would carry one bug into both, where the differential tests could not see it.
function compareLiterals(op: I.CompareOp, l: I.Num | I.DateLit | I.Bool | I.EnumLit, r: I.Num | I.DateLit | I.Bool | I.EnumLit): boolean {
  const text = (x: I.DateLit | I.EnumLit): string => (x.k === 'date' ? x.value : x.member);
  let c: number;
  if (l.k === 'num' && r.k === 'num') c = l.value.cmp(r.value);
  else if ((l.k === 'date' || l.k === 'enum') && (r.k === 'date' || r.k === 'enum')) c = text(l) < text(r) ? -1 : text(l) > text(r) ? 1 : 0;
  // Booleans (and, were the checker to let them through, mixed kinds) are equal or "greater"
  else c = l.k === 'bool' && r.k === 'bool' && l.value === r.value ? 0 : 1;
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** Scale factors are kept small so that a back end can multiply safe integers without overflow. */
const SCALE_MAX = 1_000_000n;

/** `a op k * b` with k = n/d a positive fraction: `a * d op b * n` (exact, as d and n are > 0). */
function scaled(e: I.Cmp): I.Cmp {
  if (e.domain !== 'number' || e.scale) return e;
  const split = (x: I.Expr): { k: Rational; rest: I.Expr } | undefined => {
    if (x.k !== 'arith' || x.op !== '*') return undefined;
    if (x.l.k === 'num' && x.r.k !== 'num') return { k: x.l.value, rest: x.r };
    if (x.r.k === 'num' && x.l.k !== 'num') return { k: x.r.value, rest: x.l };
    return undefined;
  };
  const small = (r: Rational): boolean => r.num > 0n && r.num < SCALE_MAX && r.den > 1n && r.den < SCALE_MAX;
  const right = split(e.r);
  if (right && small(right.k) && e.l.k !== 'num') return { ...e, r: right.rest, scale: { l: right.k.den, r: right.k.num } };
  const left = split(e.l);
  if (left && small(left.k) && e.r.k !== 'num') return { ...e, l: left.rest, scale: { l: left.k.num, r: left.k.den } };
  return e;
}

// ---------------------------------------------------------------- sharing

/** Subexpressions at least this big (in nodes) are worth computing once when they recur. */
const SHARE_MIN_SIZE = 4;

function share(p: I.Program): I.Program {
  const keys = new Map<I.Expr, string>();
  const sizes = new Map<I.Expr, number>();
  const count = new Map<string, number>();
  const visit = (e: I.Expr): void => {
    let size = 1;
    let parts: string[] = [];
    for (const c of I.children(e)) {
      visit(c);
      size += sizes.get(c)!;
      parts.push(keys.get(c)!);
    }
    // An aggregate's own binder is renamed by nesting depth (de Bruijn: the innermost loop is
    // ^0), so that the same loop written twice shares, and a loop never equals a different one.
    if (e.k === 'agg') parts = parts.map((k) => k.replace(/\^(\d+)/g, (_m, d: string) => `^${Number(d) + 1}`).split(`binder:${e.binder}(`).join('^0('));
    const key = e.k === 'agg' ? `agg:${e.op}:${e.where ? 'w' : ''}${e.body ? 'b' : ''}(${parts.join(',')})` : `${nodeKey(e)}(${parts.join(',')})`;
    keys.set(e, key);
    sizes.set(e, size);
    // Eligible: no binder of an enclosing loop occurs free (the value is the same on every
    // iteration). Narrowed reads are eligible: every occurrence is where the checker proved the
    // value present, and a def is computed at its first use (nodes.ts, DefRef), so never where
    // the value is absent.
    const eligible = !key.includes('binder:');
    if (eligible && size >= SHARE_MIN_SIZE) count.set(key, (count.get(key) ?? 0) + 1);
  };
  const roots = everyExpr(p);
  roots.forEach(visit);
  const chosen = new Set([...count].filter(([, n]) => n >= 2).map(([k]) => k));
  if (chosen.size === 0) return p;

  const defs = [...p.defs];
  const names = new Set(defs.map((d) => d.name));
  const made = new Map<string, number>();
  const rewrite = (e: I.Expr): I.Expr => {
    const key = keys.get(e);
    const inner = rewriteChildren(e, rewrite);
    if (key === undefined || !chosen.has(key)) return inner;
    let id = made.get(key);
    if (id === undefined) {
      id = defs.length;
      let name = describe(e, p);
      for (let n = 2; names.has(name); n++) name = `${describe(e, p)}_${n}`;
      names.add(name);
      defs.push({ id, name, origin: 'shared', value: inner, type: e.type, span: e.span });
      made.set(key, id);
    }
    return { k: 'def', id, span: e.span, type: e.type };
  };
  // A condition that is an `and` is explained by its first false part: it stays an `and` (its
  // parts may still be shared).
  const rewritten = mapProgram(p, rewrite, (e) => (e.k === 'and' ? rewriteChildren(e, rewrite) : rewrite(e)));
  for (let i = 0; i < p.defs.length; i++) defs[i] = { ...defs[i]!, value: rewrite(p.defs[i]!.value) };
  return { ...rewritten, defs };
}

function nodeKey(e: I.Expr): string {
  switch (e.k) {
    case 'num':
      return `num:${e.value.num}/${e.value.den}`;
    case 'date':
      return `date:${e.value}`;
    case 'bool':
      return `bool:${e.value}`;
    case 'enum':
      return `enum:${e.enumName}.${e.member}`;
    case 'input':
      return `input:${e.field}:${e.narrowed}`;
    case 'field':
      return `field:${e.name}:${e.narrowed}`;
    case 'binder':
      return `binder:${e.id}`;
    case 'def':
      return `def:${e.id}`;
    case 'balance':
      return `balance:${e.ledger}`;
    case 'arith':
      return `arith:${e.op}`;
    case 'cmp':
      return `cmp:${e.op}:${e.domain}:${e.scale ? `${e.scale.l}/${e.scale.r}` : ''}`;
    case 'member':
      return `member:${e.set}`;
    case 'agg':
      return `agg:${e.op}:${e.binder}:${e.where ? 'w' : ''}${e.body ? 'b' : ''}`;
    default:
      return e.k;
  }
}

/** A readable name for a shared value, from what it computes (`destination_in_Tier3`). */
function describe(e: I.Expr, p: I.Program): string {
  const word = (x: I.Expr): string => {
    switch (x.k) {
      case 'input':
        return x.field;
      case 'field':
        return `${word(x.object)}_${x.name}`;
      case 'def':
        return p.defs[x.id]?.name ?? 'value';
      case 'enum':
        return x.member;
      case 'num':
        return x.value.den === 1n ? String(x.value.num).replace('-', 'minus_') : 'number';
      case 'member':
        return `${word(x.elem)}_in_${p.sets[x.set]?.name ?? 'set'}`;
      case 'not':
        return `not_${word(x.arg)}`;
      case 'and':
      case 'or':
        return x.args.slice(0, 2).map(word).join(`_${x.k}_`) + (x.args.length > 2 ? `_${x.k}_more` : '');
      case 'cmp':
        return `${word(x.l)}_${{ '=': 'is', '!=': 'is_not', '<': 'below', '<=': 'at_most', '>': 'above', '>=': 'at_least' }[x.op]}_${word(x.r)}`;
      case 'agg':
        return `${x.op}_of_${word(x.list)}`;
      case 'present':
        return `${word(x.arg)}_present`;
      default:
        return x.k;
    }
  };
  const name = word(e).replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_');
  return name.length > 48 ? name.slice(0, 48).replace(/_$/, '') : name;
}

// ---------------------------------------------------------------- walking

/** e with f applied to its children; e itself when no child changes (most do not). */
function rewriteChildren(e: I.Expr, f: (x: I.Expr) => I.Expr): I.Expr {
  switch (e.k) {
    case 'field': {
      const object = f(e.object);
      return object === e.object ? e : { ...e, object };
    }
    case 'not':
    case 'neg':
    case 'present': {
      const arg = f(e.arg);
      return arg === e.arg ? e : { ...e, arg };
    }
    case 'and':
    case 'or': {
      const args = e.args.map(f);
      return args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
    }
    case 'arith':
    case 'cmp': {
      const l = f(e.l);
      const r = f(e.r);
      return l === e.l && r === e.r ? e : { ...e, l, r };
    }
    case 'coalesce': {
      const value = f(e.value);
      const fallback = f(e.fallback);
      return value === e.value && fallback === e.fallback ? e : { ...e, value, fallback };
    }
    case 'member': {
      const elem = f(e.elem);
      return elem === e.elem ? e : { ...e, elem };
    }
    case 'agg':
      return { ...e, list: f(e.list), where: e.where ? f(e.where) : undefined, body: e.body ? f(e.body) : undefined };
    default:
      return e;
  }
}

/** Every expression root of a program: defs, requires, conditions and decision fields. */
export function everyExpr(p: I.Program): I.Expr[] {
  const out: I.Expr[] = [...p.defs.map((d) => d.value), ...p.requires.map((r) => r.condition)];
  for (const r of I.allRules(p)) {
    if (r.when) out.push(r.when);
    out.push(...r.decide.args.map((a) => a.value));
    out.push(...r.records.map((c) => c.amount));
  }
  out.push(...p.otherwise.decide.args.map((a) => a.value));
  for (const l of p.ledgers) if (l.opening) out.push(l.opening);
  return out;
}

/** The program with `f` applied to every root expression except the defs'. */
function mapProgram(p: I.Program, f: (e: I.Expr) => I.Expr, when: (e: I.Expr) => I.Expr = f): I.Program {
  const decision = (d: I.Decision): I.Decision => ({ ...d, args: d.args.map((a) => ({ name: a.name, value: f(a.value) })) });
  const rule = (r: I.Rule): I.Rule => ({
    ...r,
    when: r.when ? when(r.when) : undefined,
    decide: decision(r.decide),
    records: r.records.map((c) => ({ ledger: c.ledger, amount: f(c.amount) })),
    exceptions: r.exceptions.map(rule),
  });
  return {
    ...p,
    requires: p.requires.map((r) => ({ ...r, condition: f(r.condition) })),
    rules: p.rules.map(rule),
    otherwise: { ...p.otherwise, decide: decision(p.otherwise.decide) },
    ledgers: p.ledgers.map((l) => ({ ...l, opening: l.opening ? f(l.opening) : undefined })),
  };
}

/**
 * Drops defs nothing uses (folded consts, for one) and renumbers the rest in dependency order, each
 * after the defs it reads.
 */
function compactDefs(p: I.Program): I.Program {
  const deps = (e: I.Expr, out: Set<number>): void => {
    if (e.k === 'def') out.add(e.id);
    for (const c of I.children(e)) deps(c, out);
  };
  const used = new Set<number>();
  for (const e of everyExpr({ ...p, defs: [] })) deps(e, used);
  const order: number[] = [];
  const seen = new Set<number>();
  // depth first, each def after what it reads, with an explicit stack: a chain of 10,000 defines
  // (each reading the one before) must not exhaust the call stack
  const place = (root: number): void => {
    if (seen.has(root)) return;
    seen.add(root);
    const stack: { id: number; deps: number[] | undefined; next: number }[] = [{ id: root, deps: undefined, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.deps === undefined) {
        const d = new Set<number>();
        deps(p.defs[top.id]!.value, d);
        top.deps = [...d].sort((a, b) => a - b);
      }
      if (top.next < top.deps.length) {
        const c = top.deps[top.next++]!;
        if (!seen.has(c)) {
          seen.add(c);
          stack.push({ id: c, deps: undefined, next: 0 });
        }
        continue;
      }
      stack.pop();
      order.push(top.id);
    }
  };
  [...used].sort((a, b) => a - b).forEach(place);
  const renumber = new Map(order.map((old, i) => [old, i]));
  const fix = (e: I.Expr): I.Expr => {
    const x = rewriteChildren(e, fix);
    return x.k === 'def' ? { ...x, id: renumber.get(x.id)! } : x;
  };
  const defs = order.map((old, i) => ({ ...p.defs[old]!, id: i, value: fix(p.defs[old]!.value) }));
  return { ...mapProgram(p, fix), defs };
}
