/**
 * The lowering: CheckedProgram -> ir.Program, the only place where sugar is removed. What the back
 * ends see is written in ir/nodes.ts; what each construct means is the interpreter's
 * (interpreter/evaluate.ts), and the differential tests hold the two together.
 */
import type * as A from '../ast/nodes.ts';
import type { CheckedProgram } from '../checker/program.ts';
import { InternalError } from '../diagnostics/diagnostic.ts';
import type { Span } from '../source/span.ts';
import type { Type } from '../types/pol-types.ts';
import { Rational } from '../values/rational.ts';
import * as I from './nodes.ts';
import { always, dated, difference, rangesOf, union, type DatedSet } from './sets.ts';
import { alternativePairs } from './alternatives.ts';

export function lower(p: CheckedProgram): I.Program {
  return new Lowering(p).program();
}

type Body = A.RuleDecl | A.ExceptionDecl;

class Lowering {
  private readonly defIds = new Map<string, number>();
  private readonly defs: I.Def[] = [];
  private readonly sets: I.SetDef[] = [];
  /** named sets (groups, set-valued consts and defines) by name */
  private readonly namedSets = new Map<string, { id: number; value: DatedSet }>();
  private readonly setKeys = new Map<string, number>();
  private readonly binderIds = new Map<A.AggregateExpr, number>();
  private readonly binders: I.BinderInfo[] = [];
  private ruleCounter = 0;
  private readonly ledgerIds = new Map<string, number>();

  constructor(private readonly p: CheckedProgram) {}

  program(): I.Program {
    const p = this.p;
    // named first: a define may read a balance
    p.ledgers.forEach((l, i) => this.ledgerIds.set(l.name, i));
    for (const g of p.groups) this.namedSet(g.name.name, g.value, g.span);
    // consts never depend on defines (the checker forbids it), so consts first keeps dependency order
    for (const d of [...p.consts, ...p.defines]) {
      if (p.typeOf(d.value).kind === 'set') {
        this.namedSet(d.name.name, d.value, d.span);
        continue;
      }
      const value = this.expr(d.value);
      const id = this.defs.length;
      this.defs.push({ id, name: d.name.name, origin: d.kind, value, type: p.typeOf(d.value), span: d.span });
      this.defIds.set(d.name.name, id);
    }
    // before the rules, whose records name ledgers by index; openings read only the input
    const ledgers = p.ledgers.map((l): I.LedgerDef => {
      return { name: l.name, unit: l.unit, keys: l.keys.map((k) => ({ label: k.label, path: k.path, period: k.period })), opening: l.opening ? this.expr(l.opening) : undefined };
    });
    const requires = p.requires.map((r): I.Require => {
      const condition = this.expr(r.condition);
      return { condition, path: requirePath(condition), because: r.because.value, span: r.span };
    });
    const rules = p.rules.map((r) => this.rule(r));
    const o = p.otherwise;
    const fields: string[] = [];
    for (const v of p.decision.variants) for (const x of v.params) if (!fields.includes(x.name)) fields.push(x.name);
    const records = new Map<string, A.RecordDecl>();
    for (const f of p.files) for (const d of f.declarations) if (d.kind === 'record') records.set(d.name.name, d);
    return {
      name: p.header?.name.value ?? p.input.name,
      version: p.header?.version?.value,
      files: p.files.map((f) => ({ shown: this.shown(f.path), text: p.sources.get(f.path)?.text ?? '' })),
      mainFile: this.shown(p.rootPath),
      enums: [...p.enums.values()].map((e) => ({ name: e.name, members: e.members, labels: e.labels })),
      records: namedRecords(p, records),
      input: { name: p.input.name, asOf: p.input.asOf, type: p.input.type },
      decision: { name: p.decision.name, variants: p.decision.variants.map((v) => ({ name: v.name, params: v.params })), fields },
      defs: this.defs,
      sets: this.sets,
      binders: this.binders,
      requires,
      rules,
      otherwise: { decide: this.decision(o.decide), cites: o.cites.map((c) => c.value), span: o.span, site: this.site(o.span) },
      ledgers,
      sources: p.sources,
    };
  }

  // ---- where things are ----

  private shown(file: string): string {
    const rootPath = this.p.rootPath;
    const root = rootPath.includes('/') ? rootPath.slice(0, rootPath.lastIndexOf('/') + 1) : '';
    return root && file.startsWith(root) ? file.slice(root.length) : file;
  }

  private site(span: Span): I.Site {
    return { file: this.shown(span.file), line: this.p.sources.get(span.file)?.position(span.start).line ?? 0 };
  }

  // ---- rules ----

  private rule(b: Body): I.Rule {
    const id = this.ruleCounter++;
    const when = b.when ? this.expr(b.when) : undefined;
    const decide = this.decision(b.decide);
    const records = b.records.map((c) => ({ ledger: this.ledgerId(c.ledger?.name ?? ''), amount: this.expr(c.amount) }));
    const exceptions = b.exceptions.map((e) => this.rule(e));
    return {
      id,
      name: b.name.name,
      kind: b.kind,
      title: b.title?.value,
      cites: b.cites.map((c) => c.value),
      from: b.effective?.value,
      until: b.until?.value,
      dateSpan: (b.effective ?? b.until)?.span,
      when,
      decide,
      obligations: b.obligations.map((o) => o.value),
      records,
      exceptions,
      alternatives: alternativePairs(exceptions),
      span: b.span,
      nameSpan: b.name.span,
      site: this.site(b.span),
      nameSite: this.site(b.name.span),
    };
  }

  private ledgerId(name: string): number {
    const id = this.ledgerIds.get(name);
    if (id === undefined) throw new InternalError(`ledger ${name} is not declared`);
    return id;
  }

  private decision(d: A.DecisionExpr): I.Decision {
    return { variant: d.variant.name, args: d.args.map((a) => ({ name: a.name.name, value: this.expr(a.value) })), span: d.span };
  }

  // ---- sets ----

  private namedSet(name: string, e: A.Expr, span: Span): void {
    const value = this.datedSet(e);
    const id = this.addSet(name, this.p.typeOf(e), value, span);
    this.namedSets.set(name, { id, value });
  }

  private addSet(name: string | undefined, t: Type, value: DatedSet, span: Span): number {
    if (t.kind !== 'set') throw new InternalError(`a set of type ${t.kind}`);
    const order = this.p.enums.get(t.of)?.members ?? [];
    const members = new Map([...value].filter(([, m]) => m.ranges.length > 0 || m.undated).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([m, mb]) => [m, mb.ranges] as const));
    const undated = order.filter((m) => value.get(m)?.undated === true);
    const ranges = rangesOf(value, order);
    if (name === undefined) {
      // a set written in place: one entry per distinct value
      const key = JSON.stringify([t.of, [...members], undated]);
      const known = this.setKeys.get(key);
      if (known !== undefined) return known;
      this.setKeys.set(key, this.sets.length);
    }
    const id = this.sets.length;
    this.sets.push({ id, name, of: t.of, members, undated, ranges, span });
    return id;
  }

  private datedSet(e: A.Expr): DatedSet {
    switch (e.kind) {
      case 'paren':
        return this.datedSet(e.inner);
      case 'set': {
        let out: DatedSet = new Map();
        for (const m of e.members) out = union(out, new Map([[m.name.name, dated(m.from?.value, m.until?.value)]]));
        return out;
      }
      case 'every':
        return new Map((this.p.enums.get(e.enumName.name)?.members ?? []).map((m) => [m, always()]));
      case 'identifier': {
        const r = this.p.resolve(e);
        if (r.kind !== 'group' && r.kind !== 'const' && r.kind !== 'define') break;
        const known = this.namedSets.get(r.name);
        if (!known) throw new InternalError(`set ${r.name} used before it is lowered`);
        return known.value;
      }
      case 'binary':
        if (e.op === '+') return union(this.datedSet(e.left), this.datedSet(e.right));
        if (e.op === '-') return difference(this.datedSet(e.left), this.datedSet(e.right));
        break;
    }
    throw new InternalError(`not a set expression: ${e.kind}`);
  }

  private setRef(e: A.Expr): number {
    let x = e;
    while (x.kind === 'paren') x = x.inner;
    if (x.kind === 'identifier') {
      const known = this.namedSets.get(x.name);
      const r = this.p.resolve(x);
      if (known && (r.kind === 'group' || r.kind === 'const' || r.kind === 'define')) return known.id;
    }
    return this.addSet(undefined, this.p.typeOf(e), this.datedSet(e), e.span);
  }

  // ---- expressions ----

  private expr(e: A.Expr): I.Expr {
    const span = e.span;
    const type = this.p.typeOf(e);
    switch (e.kind) {
      case 'paren':
        return this.expr(e.inner);
      case 'number':
        return { k: 'num', value: parseNumber(e.text), span, type };
      case 'percent':
        return { k: 'num', value: parseNumber(e.text).div(Rational.of(100n)), span, type };
      case 'date':
        return { k: 'date', value: e.value, span, type };
      case 'bool':
        return { k: 'bool', value: e.value, span, type };
      case 'identifier':
        return this.identifier(e, type);
      case 'member': {
        const object = this.expr(e.object);
        const ot = this.p.typeOf(e.object);
        const rec = ot.kind === 'optional' ? ot.inner : ot;
        const declared = rec.kind === 'record' ? rec.fields.get(e.property.name) : undefined;
        return { k: 'field', object, name: e.property.name, narrowed: declared?.kind === 'optional' && type.kind !== 'optional', span, type };
      }
      case 'unary':
        return e.op === 'not' ? { k: 'not', arg: this.expr(e.operand), span, type } : { k: 'neg', arg: this.expr(e.operand), span, type };
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          const op = e.op;
          const args: I.Expr[] = [];
          for (const side of [e.left, e.right]) {
            const x = this.expr(side);
            if (x.k === op) args.push(...x.args);
            else args.push(x);
          }
          return { k: op, args, span, type };
        }
        if (type.kind === 'set') throw new InternalError('a set value outside `in`');
        if (type.kind === 'date') return this.dateShift(e, type);
        return { k: 'arith', op: e.op, l: this.expr(e.left), r: this.expr(e.right), span, type };
      }
      case 'compare':
        return { k: 'cmp', op: e.op, domain: domainOf(this.p.typeOf(e.left)), l: this.expr(e.left), r: this.expr(e.right), span, type };
      case 'in': {
        const m: I.Expr = { k: 'member', elem: this.expr(e.element), set: this.setRef(e.set), span, type };
        return e.negated ? { k: 'not', arg: m, span, type } : m;
      }
      case 'is': {
        const subject = this.expr(e.subject);
        const t = e.test;
        if (t.kind === 'present' || t.kind === 'absent') {
          const present: I.Expr = { k: 'present', arg: subject, span, type };
          return (t.kind === 'absent') !== e.negated ? { k: 'not', arg: present, span, type } : present;
        }
        const st = this.p.typeOf(e.subject);
        const enumName = st.kind === 'enum' ? st.name : st.kind === 'optional' && st.inner.kind === 'enum' ? st.inner.name : '';
        const member: I.Expr = { k: 'enum', enumName, member: t.name, span: t.span, type: { kind: 'enum', name: enumName } };
        return { k: 'cmp', op: e.negated ? '!=' : '=', domain: 'enum', l: subject, r: member, span, type };
      }
      case 'coalesce':
        return { k: 'coalesce', value: this.expr(e.value), fallback: this.expr(e.fallback), span, type };
      case 'aggregate': {
        const id = this.binders.length;
        const lt = this.p.typeOf(e.list);
        this.binders.push({ id, name: e.binder.name, type: lt.kind === 'list' ? lt.element : lt });
        this.binderIds.set(e, id);
        return {
          k: 'agg',
          op: e.op,
          binder: id,
          list: this.expr(e.list),
          where: e.where ? this.expr(e.where) : undefined,
          body: e.body ? this.expr(e.body) : undefined,
          span,
          type,
        };
      }
      case 'daysBetween':
        return { k: 'daysBetween', from: this.expr(e.from), to: this.expr(e.to), span, type };
      case 'calendarYear':
        return { k: 'yearOf', date: this.expr(e.date), span, type };
      case 'set':
      case 'every':
        throw new InternalError('a set value outside `in`');
    }
  }

  /** `date ± n unit` (either side for `+`) as a shift by a signed amount in days or months. */
  private dateShift(e: A.BinaryExpr, type: Type): I.Expr {
    const span = e.span;
    const dateOnLeft = this.p.typeOf(e.left).kind === 'date';
    const [dateSide, amountSide] = dateOnLeft ? [e.left, e.right] : [e.right, e.left];
    const at = this.p.typeOf(amountSide);
    const unit = at.kind === 'number' ? at.unit : null;
    let amount = this.expr(amountSide);
    if (unit === 'years') {
      const t: Type = { kind: 'number', unit: 'months' };
      amount = { k: 'arith', op: '*', l: amount, r: { k: 'num', value: Rational.of(12n), span: amountSide.span, type: { kind: 'number', unit: null } }, span: amountSide.span, type: t };
    }
    if (e.op === '-') amount = { k: 'neg', arg: amount, span: amountSide.span, type: amount.type };
    return { k: 'dateShift', unit: unit === 'days' ? 'days' : 'months', date: this.expr(dateSide), amount, span, type };
  }

  private identifier(e: A.Identifier, type: Type): I.Expr {
    const span = e.span;
    const r = this.p.resolve(e);
    switch (r.kind) {
      case 'input': {
        const declared = this.p.input.type.fields.get(r.field);
        return { k: 'input', field: r.field, narrowed: declared?.kind === 'optional' && type.kind !== 'optional', span, type };
      }
      case 'binder': {
        const id = this.binderIds.get(r.aggregate);
        if (id === undefined) throw new InternalError(`binder ${r.name} out of scope`);
        return { k: 'binder', id, span, type };
      }
      case 'member':
        return { k: 'enum', enumName: r.enumName, member: r.member, span, type };
      case 'define':
      case 'const': {
        const id = this.defIds.get(r.name);
        if (id === undefined) throw new InternalError(`${r.kind} ${r.name} used before it is lowered`);
        return { k: 'def', id, span, type };
      }
      case 'group':
        throw new InternalError('a group outside `in`');
      case 'ledger':
        return { k: 'balance', ledger: this.ledgerId(r.name), span, type };
    }
  }
}

function parseNumber(text: string): Rational {
  const r = Rational.parse(text);
  if (!r) throw new InternalError(`the checker let through the number ${text}`);
  return r;
}

function domainOf(t: Type): I.Domain {
  const base = t.kind === 'optional' ? t.inner : t;
  switch (base.kind) {
    case 'number':
    case 'date':
    case 'enum':
    case 'bool':
      return base.kind;
    default:
      // the checker refuses comparisons of anything else; an `error` type never reaches here
      throw new InternalError(`a comparison of ${base.kind} values`);
  }
}

/**
 * The input path a `require` is about: the one path its condition reads, or ''. Written on the IR
 * (the interpreter has its own on the tree, interpreter/validate-input.ts, so the two are checked
 * against each other by the differential tests rather than sharing code).
 */
function requirePath(condition: I.Expr): string {
  const paths = new Set<string>();
  const pathOf = (e: I.Expr): string | undefined => {
    if (e.k === 'input') return e.field;
    if (e.k === 'field') {
      const base = pathOf(e.object);
      return base === undefined ? undefined : `${base}.${e.name}`;
    }
    return undefined;
  };
  const walk = (e: I.Expr): void => {
    const p = pathOf(e);
    if (p !== undefined) paths.add(p);
    else I.children(e).forEach(walk);
  };
  walk(condition);
  return paths.size === 1 ? [...paths][0]! : '';
}

/** The record types the policy declares by name, found where the input and decision use them. */
function namedRecords(p: CheckedProgram, decls: ReadonlyMap<string, A.RecordDecl>): Map<string, Extract<Type, { kind: 'record' }>> {
  const out = new Map<string, Extract<Type, { kind: 'record' }>>();
  const visit = (t: Type): void => {
    if (t.kind === 'record') {
      if (t.name !== undefined && decls.has(t.name) && !out.has(t.name)) out.set(t.name, t);
      for (const ft of t.fields.values()) visit(ft);
    } else if (t.kind === 'list') visit(t.element);
    else if (t.kind === 'optional') visit(t.inner);
  };
  visit(p.input.type);
  for (const v of p.decision.variants) for (const x of v.params) visit(x.type);
  // in declaration order
  return new Map([...decls.keys()].filter((n) => out.has(n)).map((n) => [n, out.get(n)!]));
}

