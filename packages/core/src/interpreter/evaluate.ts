/**
 * The reference interpreter: the semantics of Pol, written to be obviously right rather than fast
 * (docs/semantics.md says the same in prose). It shares no helper with generated code, so the
 * differential tests between the two can catch a bug in either.
 */
import type * as A from '../ast/nodes.ts';
import type { CheckedProgram } from '../checker/program.ts';
import type { Span } from '../source/span.ts';
import { addDays, addMonths, daysBetween, yearOf } from '../calendar/dates.ts';
import { Rational } from '../values/rational.ts';
import type { RRecord, RValue } from '../values/value.ts';
import { balanceKey } from '../result/ledger.ts';
import { keyParts, NO_BALANCES, type Balances } from './ledger.ts';

export interface Decision {
  readonly variant: string;
  readonly fields: ReadonlyMap<string, RValue>;
}

export interface Step {
  readonly id: string;
  readonly kind: 'rule' | 'exception' | 'otherwise';
  readonly title: string | undefined;
  readonly cites: readonly string[];
  readonly span: Span;
}

/** Why a rule or exception did not decide (only with `explain`). */
export interface NotApplied {
  readonly id: string;
  readonly kind: 'rule' | 'exception';
  readonly status: 'not-in-effect' | 'condition-false' | 'overridden';
  /** the part of the condition that was false, as written */
  readonly failed: Span | undefined;
  readonly span: Span;
}

export interface Result {
  readonly decision: Decision;
  /** other exceptions at the deciding level that also apply and reach the same kind of decision */
  readonly alternatives: readonly Decision[];
  readonly obligations: readonly string[];
  /** the rule and the exceptions that fired, outermost first; the last one decided */
  readonly trace: readonly Step[];
  readonly notApplied: readonly NotApplied[] | undefined;
  /** what the deciding rule records in the policy's ledgers, in the order written */
  readonly postings: readonly Posting[];
}

/** `amount` added to one balance of a ledger (result/ledger.ts names balances). */
export interface Posting {
  readonly ledger: string;
  readonly key: readonly string[];
  readonly before: Rational;
  readonly amount: Rational;
  readonly after: Rational;
}

export interface EvaluateOptions {
  readonly explain?: boolean;
  /** the ledgers' balances before this transaction; a balance not given has had no posting */
  readonly balances?: Balances;
}

type Body = A.RuleDecl | A.ExceptionDecl;

interface Env {
  readonly input: RRecord;
  readonly asOf: string | undefined;
  readonly defines: Map<string, RValue>;
  readonly binders: Map<string, RValue>;
  readonly balances: Balances;
}

/** Evaluates one condition on a validated input (used for `require`). */
export function evaluateCondition(program: CheckedProgram, input: RRecord, condition: A.Expr): boolean {
  return new Interpreter(program, input, false).condition(condition);
}

/**
 * Evaluates one expression on a validated input, for explanations (interpreter/reasons.ts). The
 * caller must only ask where evaluation is defined: never a binder outside its aggregate, and an
 * optional only where the condition around it proved it present.
 */
export function evaluateExpr(program: CheckedProgram, input: RRecord, e: A.Expr): RValue {
  return new Interpreter(program, input, false).valueOf(e);
}

/** Evaluates a decision written in the policy (an example's `expect`) on a validated input. */
export function evaluateDecisionExpr(program: CheckedProgram, input: RRecord, d: A.DecisionExpr): Decision {
  return new Interpreter(program, input, false).decision(d);
}

/** Evaluates a validated input (see validateInput). Never throws on one. */
export function evaluate(program: CheckedProgram, input: RRecord, options: EvaluateOptions = {}): Result {
  return new Interpreter(program, input, options.explain === true, options.balances).run();
}

// which defines a define names depends on the program only: read once per program, not once per
// evaluation (a diff evaluates thousands of inputs; the walk was a fifth of the interpreter's time)
const defineDepsOf = new WeakMap<CheckedProgram, Map<string, string[]>>();
const definesByName = new WeakMap<CheckedProgram, Map<string, A.DefineDecl>>();

class Interpreter {
  private readonly env: Env;
  private readonly constCache = new Map<string, RValue>();
  private readonly groupCache = new Map<string, ReadonlySet<string>>();
  private readonly notApplied: NotApplied[] | undefined;

  constructor(
    private readonly program: CheckedProgram,
    input: RRecord,
    explain: boolean,
    balances: Balances = NO_BALANCES,
  ) {
    const asOfField = program.input.asOf;
    const asOf = asOfField ? (input.get(asOfField) as string) : undefined;
    this.env = { input, asOf, defines: new Map(), binders: new Map(), balances };
    this.notApplied = explain ? [] : undefined;
  }

  decision(d: A.DecisionExpr): Decision {
    return this.decide(d);
  }

  condition(e: A.Expr): boolean {
    return this.bool(e);
  }

  valueOf(e: A.Expr): RValue {
    return this.value(e);
  }

  run(): Result {
    for (const rule of this.program.rules) {
      if (!this.applies(rule)) continue;
      const { decidedBy, ...r } = this.resolve(rule);
      return { ...r, notApplied: this.notApplied, postings: this.postings(decidedBy) };
    }
    const o = this.program.otherwise;
    return {
      decision: this.decide(o.decide),
      alternatives: [],
      obligations: [],
      trace: [{ id: 'otherwise', kind: 'otherwise', title: undefined, cites: o.cites.map((c) => c.value), span: o.span }],
      notApplied: this.notApplied,
      postings: [],
    };
  }

  /** The postings of the body that decided, each from the balance before this transaction. */
  private postings(b: Body): Posting[] {
    return b.records.map((c) => {
      const info = this.program.ledgers.find((l) => l.name === c.ledger!.name)!;
      const key = keyParts(info, this.env.input)!;
      const before = this.balance(info.name);
      const amount = this.num(c.amount);
      return { ledger: info.name, key, before, amount, after: before.add(amount) };
    });
  }

  /** A ledger's balance before this transaction: stored, else the opening balance, else zero. */
  private balance(name: string): Rational {
    const info = this.program.ledgers.find((l) => l.name === name)!;
    // the checker proved every key present wherever a ledger is read or recorded
    const key = keyParts(info, this.env.input)!;
    const stored = this.env.balances.get(balanceKey(name, key));
    if (stored) return stored;
    const opening = info.opening ? this.value(info.opening) : null;
    return opening instanceof Rational ? opening : Rational.ZERO;
  }

  private inEffect(b: Body): boolean {
    const on = this.env.asOf;
    if (on === undefined) return true;
    if (b.effective && on < b.effective.value) return false;
    if (b.until && on >= b.until.value) return false;
    return true;
  }

  /** Whether a rule or exception applies; records why not when explaining. */
  private applies(b: Body): boolean {
    if (!this.inEffect(b)) {
      this.notApplied?.push({ id: b.name.name, kind: b.kind, status: 'not-in-effect', failed: (b.effective ?? b.until)?.span, span: b.name.span });
      return false;
    }
    if (!b.when) return true;
    if (this.bool(b.when)) return true;
    this.notApplied?.push({ id: b.name.name, kind: b.kind, status: 'condition-false', failed: this.failingPart(b.when), span: b.name.span });
    return false;
  }

  private failingPart(e: A.Expr): Span {
    if (e.kind === 'paren') return this.failingPart(e.inner);
    if (e.kind === 'binary' && e.op === 'and') {
      if (!this.bool(e.left)) return this.failingPart(e.left);
      return this.failingPart(e.right);
    }
    return e.span;
  }

  private step(b: Body): Step {
    return { id: b.name.name, kind: b.kind, title: b.title?.value, cites: b.cites.map((c) => c.value), span: b.span };
  }

  /**
   * Default logic: a body decides unless one of its exceptions applies; the first applicable
   * exception (in written order) overrides it, recursively.
   */
  private resolve(b: Body): Omit<Result, 'notApplied' | 'postings'> & { readonly decidedBy: Body } {
    const applicable = b.exceptions.filter((e) => this.applies(e));
    const winner = applicable[0];
    if (!winner) {
      return { decision: this.decide(b.decide), alternatives: [], obligations: b.obligations.map((o) => o.value), trace: [this.step(b)], decidedBy: b };
    }
    const first = this.resolve(winner);
    const alternatives = [...first.alternatives];
    for (const other of applicable.slice(1)) {
      this.notApplied?.push({ id: other.name.name, kind: 'exception', status: 'overridden', failed: undefined, span: other.name.span });
      const d = this.resolve(other).decision;
      if (d.variant === first.decision.variant && !sameDecision(d, first.decision) && !alternatives.some((a) => sameDecision(a, d))) {
        alternatives.push(d);
      }
    }
    return { decision: first.decision, alternatives, obligations: first.obligations, trace: [this.step(b), ...first.trace], decidedBy: first.decidedBy };
  }

  private decide(d: A.DecisionExpr): Decision {
    const fields = new Map<string, RValue>();
    for (const a of d.args) fields.set(a.name.name, this.value(a.value));
    return { variant: d.variant.name, fields };
  }

  // ---- expressions ----

  private bool(e: A.Expr): boolean {
    return this.value(e) === true;
  }

  private num(e: A.Expr): Rational {
    return this.value(e) as Rational;
  }

  private value(e: A.Expr): RValue {
    switch (e.kind) {
      case 'number':
        return Rational.parse(e.text)!;
      case 'percent':
        return Rational.parse(e.text)!.div(Rational.of(100n));
      case 'date':
        return e.value;
      case 'bool':
        return e.value;
      case 'paren':
        return this.value(e.inner);
      case 'identifier':
        return this.identifier(e);
      case 'member': {
        const obj = this.value(e.object) as RRecord;
        return obj.get(e.property.name) ?? null;
      }
      case 'unary':
        return e.op === 'not' ? !this.bool(e.operand) : this.num(e.operand).neg();
      case 'binary':
        return this.binary(e);
      case 'compare':
        return this.compare(e);
      case 'in': {
        const el = this.value(e.element) as string;
        const set = this.value(e.set) as ReadonlySet<string>;
        return set.has(el) !== e.negated;
      }
      case 'is': {
        const v = this.value(e.subject);
        const test = e.test;
        if (test.kind === 'present') return (v !== null) !== e.negated;
        if (test.kind === 'absent') return (v === null) !== e.negated;
        return (v === test.name) !== e.negated;
      }
      case 'coalesce': {
        const v = this.value(e.value);
        return v === null ? this.value(e.fallback) : v;
      }
      case 'set':
        return new Set(e.members.filter((m) => this.memberOnDate(m)).map((m) => m.name.name));
      case 'every':
        return new Set(this.program.enums.get(e.enumName.name)?.members ?? []);
      case 'aggregate':
        return this.aggregate(e);
      case 'daysBetween':
        return Rational.of(BigInt(daysBetween(this.value(e.from) as string, this.value(e.to) as string)));
      case 'calendarYear':
        return Rational.of(BigInt(yearOf(this.value(e.date) as string)));
    }
  }

  /**
   * `date + n unit`, `n unit + date`, `date - n unit`: the whole part of n (the fraction dropped,
   * toward zero) in days or months; a year is 12 months, so `n years` moves by the whole part of 12n months.
   */
  private moveDate(date: string, amount: Rational, amountExpr: A.Expr, sign: bigint): string {
    const unit = this.program.typeOf(amountExpr);
    const n = unit.kind === 'number' && unit.unit === 'years' ? amount.mul(Rational.of(12n)) : amount;
    const whole = (n.num / n.den) * sign;
    return unit.kind === 'number' && unit.unit === 'days' ? addDays(date, whole) : addMonths(date, whole);
  }

  /** A dated member belongs on dates from `from` (inclusive) until `until` (exclusive). */
  private memberOnDate(m: A.SetMember): boolean {
    const on = this.env.asOf;
    if (on === undefined) return true;
    if (m.from && on < m.from.value) return false;
    if (m.until && on >= m.until.value) return false;
    return true;
  }

  private identifier(e: A.Identifier): RValue {
    const r = this.program.resolve(e);
    switch (r.kind) {
      case 'input':
        return this.env.input.get(r.field) ?? null;
      case 'binder':
        return this.env.binders.get(r.name) ?? null;
      case 'member':
        return r.member;
      case 'define': {
        if (!this.env.defines.has(r.name)) this.computeDefine(r.name);
        return this.env.defines.get(r.name)!;
      }
      case 'const': {
        if (this.constCache.has(r.name)) return this.constCache.get(r.name)!;
        const c = this.program.consts.find((x) => x.name.name === r.name)!;
        const v = this.value(c.value);
        this.constCache.set(r.name, v);
        return v;
      }
      case 'ledger':
        return this.balance(r.name);
      case 'group': {
        const cached = this.groupCache.get(r.name);
        if (cached) return cached;
        const g = this.program.groups.find((x) => x.name.name === r.name)!;
        const v = this.value(g.value) as ReadonlySet<string>;
        this.groupCache.set(r.name, v);
        return v;
      }
    }
  }

  /**
   * Computes a define and, first, the defines it needs, deepest first, with an explicit stack: a
   * chain of thousands of defines (each using the one before) must not exhaust the call stack.
   * Each value is computed once, when first needed, exactly as a recursive reading would.
   */
  private computeDefine(name: string): void {
    const stack = [name];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (this.env.defines.has(top)) {
        stack.pop();
        continue;
      }
      const missing = this.defineDeps(top).filter((d) => !this.env.defines.has(d));
      if (missing.length > 0) {
        stack.push(...missing.reverse());
        continue;
      }
      stack.pop();
      const d = this.define(top);
      // A define sees only the input and other globals, never an enclosing aggregate's binder.
      const saved = new Map(this.env.binders);
      this.env.binders.clear();
      const v = this.value(d.value);
      for (const [k, val] of saved) this.env.binders.set(k, val);
      this.env.defines.set(top, v);
    }
  }

  private define(name: string): A.DefineDecl {
    let byName = definesByName.get(this.program);
    if (!byName) definesByName.set(this.program, (byName = new Map(this.program.defines.map((d) => [d.name.name, d]))));
    return byName.get(name)!;
  }

  /** The defines a define's value names directly, in the order they appear. */
  private defineDeps(name: string): string[] {
    let cache = defineDepsOf.get(this.program);
    if (!cache) defineDepsOf.set(this.program, (cache = new Map()));
    const cached = cache.get(name);
    if (cached) return cached;
    const d = this.define(name);
    const out: string[] = [];
    const todo: unknown[] = [d.value];
    while (todo.length > 0) {
      const x = todo.pop();
      if (!x || typeof x !== 'object') continue;
      if (Array.isArray(x)) {
        for (let i = x.length - 1; i >= 0; i--) todo.push(x[i]);
        continue;
      }
      const node = x as { kind?: string };
      if (node.kind === 'identifier') {
        const id = x as A.Identifier;
        const r = this.program.resolve(id);
        if (r.kind === 'define' && !out.includes(r.name)) out.push(r.name);
        continue;
      }
      if (typeof node.kind !== 'string') continue;
      // names that are not values (units, field names, binders, enums) have no resolution
      const fields = Object.entries(x).filter(([k]) => k !== 'span' && k !== 'unit' && k !== 'part' && k !== 'property' && k !== 'binder' && k !== 'enumName');
      for (let i = fields.length - 1; i >= 0; i--) todo.push(fields[i]![1]);
    }
    cache.set(name, out);
    return out;
  }

  private binary(e: A.BinaryExpr): RValue {
    switch (e.op) {
      case 'and':
        return this.bool(e.left) && this.bool(e.right);
      case 'or':
        return this.bool(e.left) || this.bool(e.right);
      default: {
        const l = this.value(e.left);
        const r = this.value(e.right);
        if (l instanceof Set) {
          const rs = r as ReadonlySet<string>;
          if (e.op === '+') return new Set([...l, ...rs]);
          return new Set([...l].filter((x) => !rs.has(x)));
        }
        if (typeof l === 'string') return this.moveDate(l, r as Rational, e.right, e.op === '-' ? -1n : 1n);
        if (typeof r === 'string') return this.moveDate(r, l as Rational, e.left, 1n);
        const a = l as Rational;
        const b = r as Rational;
        switch (e.op) {
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
    }
  }

  private compare(e: A.CompareExpr): boolean {
    const l = this.value(e.left);
    const r = this.value(e.right);
    let c: number;
    if (l instanceof Rational) c = l.cmp(r as Rational);
    else if (typeof l === 'string') c = l < (r as string) ? -1 : l > (r as string) ? 1 : 0;
    else c = l === r ? 0 : 1;
    switch (e.op) {
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

  private aggregate(e: A.AggregateExpr): RValue {
    const items = this.value(e.list) as RValue[];
    const name = e.binder.name;
    const had = this.env.binders.has(name);
    const saved = this.env.binders.get(name);
    let sum = Rational.ZERO;
    let count = 0;
    let result: boolean = e.op === 'all';
    for (const item of items) {
      this.env.binders.set(name, item);
      if (e.where && !this.bool(e.where)) continue;
      if (e.op === 'sum') sum = sum.add(this.num(e.body!));
      else if (e.op === 'count') count++;
      else if (e.op === 'all' && !this.bool(e.body!)) {
        result = false;
        break;
      } else if (e.op === 'any' && this.bool(e.body!)) {
        result = true;
        break;
      }
    }
    if (had) this.env.binders.set(name, saved ?? null);
    else this.env.binders.delete(name);
    if (e.op === 'sum') return sum;
    if (e.op === 'count') return Rational.of(BigInt(count));
    return result;
  }
}

function sameDecision(a: Decision, b: Decision): boolean {
  if (a.variant !== b.variant || a.fields.size !== b.fields.size) return false;
  for (const [k, v] of a.fields) {
    const w = b.fields.get(k);
    if (v instanceof Rational ? !(w instanceof Rational && v.eq(w)) : v !== w) return false;
  }
  return true;
}
