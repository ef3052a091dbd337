/**
 * The SMT encoding of a policy's IR (@pol/core/ir): one term per expression, and the decision of
 * the whole rule forest as one term with its leaves. It reads the IR only: literals are already
 * exact, parentheses and `is`/`in`/percent sugar already gone, sets already dated members, so each
 * IR kind has exactly one encoding and the IR types say what shape every value has.
 *
 * Lists are bounded to the SymInput's bound (mode 'bounded'), or every aggregate outside a loop is
 * replaced by a free variable shared, by meaning, between the programs of one query (mode
 * 'abstract'): an over-approximation, used only to prove that something cannot happen.
 *
 * The encoding joins the differential tests through its concrete evaluation (concrete.ts): fixed
 * to a validated input, the decision term must evaluate to the interpreter's decision.
 */
import type * as IR from '@pol/core/ir';
import { Rational } from '@pol/core/checker';
import type { SymInput } from './sym-input.ts';
import { exprKey } from '../ir-key.ts';
import { dayNumber } from './dates.ts';
import { clampMonths, constantAmount, shiftDays, shiftMonthsBy, shiftMonthsByTerm, truncToInt, yearOfDay } from './date-arith.ts';
import { DateFacts } from './date-facts.ts';
import type { Universe } from './universe.ts';
import { inIndices, ite, type Scalar, type SV } from './values.ts';
import { Unsupported, type Z, type ZExpr } from './z3.ts';

export type Mode = 'bounded' | 'abstract';

export interface Leaf {
  readonly id: number;
  /** rule/exception names from the top-level rule down; ['otherwise'] for the fallback */
  readonly path: readonly string[];
  /** the rules from the top-level one down to the deciding one; empty for the fallback */
  readonly rules: readonly IR.Rule[];
  readonly guard: ZExpr;
  readonly variant: string;
  /** what the leaf decides (the fields of its decision as terms) */
  readonly decision: SymDecision;
}

export interface SymDecision {
  readonly variant: ZExpr;
  readonly leaf: ZExpr;
  readonly fields: ReadonlyMap<string, { readonly p: ZExpr; readonly v: SV | undefined }>;
}

export class Encoder<I extends { readonly value: SV } = SymInput> {
  private readonly defs = new Map<number, SV>();
  private readonly binders = new Map<number, SV>();
  private readonly nodes = new Map<IR.Expr, SV>();
  /** membership terms by set and element path: `destination in Tier1` is written in many rules */
  private readonly memberships = new Map<string, ZExpr>();
  readonly asOf: ZExpr | undefined;
  /** whether any aggregate was encoded (bounded) or abstracted */
  usesLists = false;
  /** abstract mode: the aggregates this encoder replaced by the shared unknowns, by key */
  readonly abstracted = new Map<string, IR.Agg>();

  /**
   * `shared`: the free variables standing for aggregates in abstract mode, by meaning (exprKey
   * with everything inlined), shared between the encoders of one query.
   */
  constructor(
    readonly Z: Z,
    readonly u: Universe,
    readonly program: IR.Program,
    /** the symbolic input as this program reads it (a SymInput, or a version's view of a union input) */
    readonly input: I,
    readonly mode: Mode,
    private readonly shared: Map<string, SV> = new Map(),
    /**
     * 'free': a ledger balance is any quantity (the analyses: whatever the store holds); 'none':
     * the balance of an evaluation given no balances, the ledger's opening or zero (`pol why`,
     * which decides one transaction as `pol eval` without `--ledger` does)
     */
    private readonly balances: 'free' | 'none' = 'free',
    /** true facts about the calendar terms encoded (date-facts.ts), for the caller to assert beside them */
    readonly dateFacts: DateFacts = new DateFacts(Z),
  ) {
    const af = program.input.asOf;
    this.asOf = af === undefined ? undefined : (this.field(input.value, af) as Scalar).v;
  }

  private field(rec: SV, name: string): SV {
    const f = rec.t === 'rec' ? rec.f.get(name) : undefined;
    if (!f) throw new Unsupported(`no field ${name}`);
    return f;
  }

  // ---- the decision structure ----

  /** Every `require` holds. */
  valid(): ZExpr {
    return this.Z.And(...this.program.requires.map((r) => this.bool(r.condition)));
  }

  /** Each `require` on its own, in order. */
  requires(): ZExpr[] {
    return this.program.requires.map((r) => this.bool(r.condition));
  }

  inEffect(r: { readonly from: string | undefined; readonly until: string | undefined }): ZExpr {
    const Z = this.Z;
    const cs: ZExpr[] = [];
    if (this.asOf !== undefined) {
      if (r.from !== undefined) cs.push(this.asOf.ge(dayNumber(r.from)));
      if (r.until !== undefined) cs.push(this.asOf.lt(dayNumber(r.until)));
    }
    return cs.length === 0 ? Z.Bool.val(true) : Z.And(...cs);
  }

  applies(r: IR.Rule): ZExpr {
    const e = this.inEffect(r);
    return r.when ? this.Z.And(e, this.bool(r.when)) : e;
  }

  /**
   * Leaves (mutually exclusive, covering every input) and the decision as one term: the first
   * applicable rule decides unless one of its exceptions applies, the first applicable exception
   * overriding it, recursively (default logic, docs/semantics.md).
   *
   * With `named` (the diff's form), `decision` is the decision's shape only: the variant, and each
   * field's presence and value as some leaf that sets it decides them, for their sorts. The diff
   * fixes the decision leaf by leaf (each leaf's `decision`) and never asserts the whole forest,
   * whose if-then-else terms were a fifth of a 3,000-rule diff's terms.
   */
  decisionStructure(named?: { readonly prefix: string; readonly defs: ZExpr[]; readonly oneWay?: boolean }): { leaves: Leaf[]; decision: SymDecision } {
    const Z = this.Z;
    const leaves: Leaf[] = [];
    // `named`: each leaf's guard is a conjunction of a few Booleans defined in `defs`. Written as
    // terms, the guards share their parts, but z3 flattens each one as it asserts it: n guards of
    // up to n conjuncts (quadratic). A chain of names ("reached and none of the first i applies")
    // is linear but gives z3 implication chains as long as the rule list, whose conflict analysis
    // grew faster than the rules did (3,000 rules: half the time in lemma minimisation). So "none
    // of the first i applies" is the conjunction of the O(log n) segments of a balanced tree over
    // the siblings, each segment named once.
    let names = 0;
    const name = (t: ZExpr): ZExpr => {
      if (!named) return t;
      const b = Z.Bool.const(`${named.prefix}#${names++}`);
      named.defs.push(named.oneWay ? Z.Implies(b, t) : b.eq(t));
      return b;
    };
    const leaf = (rules: readonly IR.Rule[], d: IR.Decision, guard: ZExpr): SymDecision => {
      const id = leaves.length;
      const decision = this.decide(d, id);
      leaves.push({ id, path: rules.length ? rules.map((r) => r.name) : ['otherwise'], rules, guard, variant: d.variant, decision });
      return decision;
    };
    // "none of the siblings l..r-1 applies", named, for the prefixes of a sibling list
    const noneOf = (cs: readonly ZExpr[]): ((i: number) => ZExpr[]) => {
      const segs = new Map<string, ZExpr>();
      const seg = (l: number, r: number): ZExpr => {
        if (r - l === 1) return Z.Not(cs[l]!);
        const k = `${l}:${r}`;
        let t = segs.get(k);
        if (!t) {
          const m = (l + r) >> 1;
          segs.set(k, (t = name(Z.And(seg(l, m), seg(m, r)))));
        }
        return t;
      };
      const cover = (l: number, r: number, i: number, out: ZExpr[]): ZExpr[] => {
        if (r <= i) out.push(seg(l, r));
        else if (l < i) {
          const m = (l + r) >> 1;
          cover(l, m, i, out);
          cover(m, r, i, out);
        }
        return out;
      };
      return (i) => (i === 0 || cs.length === 0 ? [] : cover(0, cs.length, i, []));
    };
    // the first of `siblings` that applies decides, else `fallback`
    const first = (siblings: readonly IR.Rule[], above: readonly IR.Rule[], guard: ZExpr, fallback: (none: ZExpr) => SymDecision): SymDecision => {
      const branches: { c: ZExpr; d: SymDecision }[] = [];
      if (named) {
        const cs = siblings.map((r) => this.applies(r));
        const before = noneOf(cs);
        siblings.forEach((r, i) => {
          const path = [...above, r];
          branches.push({ c: cs[i]!, d: first(r.exceptions, path, name(Z.And(guard, ...before(i), cs[i]!)), (n) => leaf(path, r.decide, n)) });
        });
        const rest = before(siblings.length);
        let d = fallback(rest.length ? name(Z.And(guard, ...rest)) : guard);
        for (let i = branches.length - 1; i >= 0; i--) d = shapeOf(this.u.fieldNames, branches[i]!.d, d);
        return d;
      }
      let none: ZExpr = Z.Bool.val(true);
      for (const r of siblings) {
        const c = this.applies(r);
        const path = [...above, r];
        branches.push({ c, d: first(r.exceptions, path, Z.And(guard, none, c), (n) => leaf(path, r.decide, n)) });
        none = Z.And(none, Z.Not(c));
      }
      let d = fallback(Z.And(guard, none));
      for (let i = branches.length - 1; i >= 0; i--) d = this.iteDecision(branches[i]!.c, branches[i]!.d, d);
      return d;
    };
    const decision = first(this.program.rules, [], Z.Bool.val(true), (none) => leaf([], this.program.otherwise.decide, none));
    return { leaves, decision };
  }

  decide(d: IR.Decision, leaf: number): SymDecision {
    const Z = this.Z;
    const fields = new Map<string, { p: ZExpr; v: SV | undefined }>();
    for (const name of this.u.fieldNames) fields.set(name, { p: Z.Bool.val(false), v: undefined });
    for (const a of d.args) {
      const v = this.value(a.value);
      // an optional value decides the field only when present
      fields.set(a.name, v.t === 'opt' ? { p: v.p, v: v.v } : { p: Z.Bool.val(true), v });
    }
    return { variant: Z.Int.val(this.u.variants.indexOf(d.variant)), leaf: Z.Int.val(leaf), fields };
  }

  private iteDecision(c: ZExpr, a: SymDecision, b: SymDecision): SymDecision {
    const Z = this.Z;
    const fields = new Map<string, { p: ZExpr; v: SV | undefined }>();
    for (const name of this.u.fieldNames) {
      const x = a.fields.get(name)!;
      const y = b.fields.get(name)!;
      const v = x.v && y.v ? ite(Z, c, x.v, y.v) : (x.v ?? y.v);
      fields.set(name, { p: Z.If(c, x.p, y.p), v });
    }
    return { variant: Z.If(c, a.variant, b.variant), leaf: Z.If(c, a.leaf, b.leaf), fields };
  }

  // ---- expressions ----

  bool(e: IR.Expr): ZExpr {
    return this.scalar(e).v;
  }

  /** A value the checker proved present and of a base type (every operand position in Pol). */
  private scalar(e: IR.Expr): Scalar {
    const v = this.value(e);
    if (v.t === 'opt' || v.t === 'rec' || v.t === 'list') throw new Unsupported(`a ${v.t} where a plain value is expected`);
    return v;
  }

  value(e: IR.Expr): SV {
    // outside an aggregate a node means the same everywhere: encoded once (the decision structure,
    // each leaf's decision and a diff's region descriptions all ask for the same nodes)
    if (this.binders.size > 0) return this.encode(e);
    let v = this.nodes.get(e);
    if (!v) {
      v = this.encode(e);
      this.nodes.set(e, v);
    }
    return v;
  }

  private encode(e: IR.Expr): SV {
    const Z = this.Z;
    switch (e.k) {
      case 'num':
        return { t: 'num', v: ratVal(Z, e.value) };
      case 'date':
        return { t: 'date', v: Z.Int.val(dayNumber(e.value)) };
      case 'bool':
        return { t: 'bool', v: Z.Bool.val(e.value) };
      case 'enum':
        return { t: 'enum', name: e.enumName, v: Z.Int.val(this.u.index(e.enumName, e.member)) };
      case 'input':
        return narrow(this.field(this.input.value, e.field), e.narrowed);
      case 'field':
        return narrow(this.field(this.value(e.object), e.name), e.narrowed);
      case 'binder': {
        const v = this.binders.get(e.id);
        if (!v) throw new Unsupported(`binder $${e.id} outside its aggregate`);
        return v;
      }
      case 'def':
        return this.def(e.id);
      case 'balance':
        return this.balances === 'none' ? this.evaluatedBalance(e.ledger) : this.freeBalance(e.ledger);
      case 'not':
        return { t: 'bool', v: Z.Not(this.bool(e.arg)) };
      case 'neg':
        return { t: 'num', v: this.scalar(e.arg).v.neg() };
      case 'and':
        return { t: 'bool', v: Z.And(...e.args.map((a) => this.bool(a))) };
      case 'or':
        return { t: 'bool', v: Z.Or(...e.args.map((a) => this.bool(a))) };
      case 'arith':
        return { t: 'num', v: this.arith(e.op, this.scalar(e.l).v, this.scalar(e.r).v) };
      case 'cmp':
        return { t: 'bool', v: this.compare(e) };
      case 'present': {
        const v = this.value(e.arg);
        return { t: 'bool', v: v.t === 'opt' ? v.p : Z.Bool.val(true) };
      }
      case 'coalesce': {
        const v = this.value(e.value);
        return v.t === 'opt' ? ite(Z, v.p, v.v, this.value(e.fallback)) : v;
      }
      case 'member': {
        const path = this.binders.size === 0 ? pathKey(e.elem) : undefined;
        const key = path === undefined ? undefined : `${e.set}|${path}`;
        let t = key === undefined ? undefined : this.memberships.get(key);
        if (!t) {
          t = this.member(this.scalar(e.elem), this.program.sets[e.set]!);
          if (key !== undefined) this.memberships.set(key, t);
        }
        return { t: 'bool', v: t };
      }
      case 'agg':
        return this.aggregate(e);
      case 'dateShift': {
        const day = this.scalar(e.date).v;
        // a constant number of months is a lookup z3 decides quickly (date-arith.ts)
        const months = e.unit === 'months' ? constantAmount(this.program, e.amount) : undefined;
        if (months !== undefined) {
          const k = clampMonths(months);
          const v = shiftMonthsBy(Z, day, k);
          if (k !== 0) this.dateFacts.monthMoveBy(day, v, k);
          return { t: 'date', v };
        }
        const amount = this.scalar(e.amount).v;
        if (e.unit === 'days') return { t: 'date', v: shiftDays(Z, day, amount) };
        const n = truncToInt(Z, amount);
        const v = shiftMonthsByTerm(Z, day, n);
        this.dateFacts.monthMove(day, v, n);
        return { t: 'date', v };
      }
      case 'daysBetween':
        return { t: 'num', v: Z.ToReal(this.scalar(e.to).v.sub(this.scalar(e.from).v)) };
      case 'yearOf': {
        const day = this.scalar(e.date).v;
        const year = yearOfDay(Z, day);
        this.dateFacts.yearOf(day, year);
        return { t: 'num', v: Z.ToReal(year) };
      }
    }
  }

  private def(id: number): SV {
    const hit = this.defs.get(id);
    if (hit) return hit;
    // defs are global: they see no binder (the lowering resolves names that way)
    const saved = [...this.binders];
    this.binders.clear();
    const v = this.value(this.program.defs[id]!.value);
    for (const [k, x] of saved) this.binders.set(k, x);
    this.defs.set(id, v);
    return v;
  }

  private arith(op: IR.ArithOp, a: ZExpr, b: ZExpr): ZExpr {
    switch (op) {
      case '+':
        return a.add(b);
      case '-':
        return a.sub(b);
      case '*':
        return a.mul(b);
      case '/':
        // division by zero is zero (docs/semantics.md)
        return this.Z.If(b.eq(0), this.Z.Real.val(0), a.div(b));
    }
  }

  private compare(e: IR.Cmp): ZExpr {
    const Z = this.Z;
    let l = this.scalar(e.l).v;
    let r = this.scalar(e.r).v;
    if (e.scale) {
      l = l.mul(Z.Real.val(e.scale.l.toString()));
      r = r.mul(Z.Real.val(e.scale.r.toString()));
    }
    if (e.op === '=') return l.eq(r);
    if (e.op === '!=') return Z.Not(l.eq(r));
    // enum members are indices here, not names: only numbers and dates are ordered (the checker's rule)
    if (e.domain !== 'number' && e.domain !== 'date') throw new Unsupported(`ordering of ${e.domain} values`);
    switch (e.op) {
      case '<':
        return l.lt(r);
      case '<=':
        return l.le(r);
      case '>':
        return l.gt(r);
      case '>=':
        return l.ge(r);
    }
  }

  /** Membership on the evaluation date: each member on the days of its ranges, or `undated` without a date. */
  private member(el: Scalar, s: IR.SetDef): ZExpr {
    const Z = this.Z;
    if (this.asOf === undefined) return inIndices(Z, el.v, s.undated.map((m) => this.u.index(s.of, m)));
    // the members on the same days together: one term of index intervals per list of ranges
    const byRanges = new Map<string, { ranges: readonly IR.DateRange[]; indices: number[] }>();
    for (const [m, ranges] of s.members) {
      if (ranges.length === 0) continue;
      const k = JSON.stringify(ranges);
      const g = byRanges.get(k) ?? { ranges, indices: [] };
      g.indices.push(this.u.index(s.of, m));
      byRanges.set(k, g);
    }
    const ors = [...byRanges.values()].map((g) => {
      const on = g.ranges.map((r) => this.inEffect(r));
      return Z.And(inIndices(Z, el.v, g.indices), on.length === 1 ? on[0] : Z.Or(...on));
    });
    return ors.length === 0 ? Z.Bool.val(false) : ors.length === 1 ? ors[0] : Z.Or(...ors);
  }

  /**
   * A balance is the store's, not the input's: a free quantity, one per ledger, shared by every
   * encoder of a query (the same ledger state under both versions of a diff).
   */
  private freeBalance(ledger: number): SV {
    const name = `balance.${this.program.ledgers[ledger]!.name}`;
    let b = this.shared.get(name);
    if (!b) {
      b = { t: 'num', v: this.Z.Real.const(name) };
      this.shared.set(name, b);
    }
    return b;
  }

  /** The balance of an evaluation given no balances: the ledger's opening, else zero. */
  private evaluatedBalance(ledger: number): SV {
    const Z = this.Z;
    const opening = this.program.ledgers[ledger]!.opening;
    const zero: SV = { t: 'num', v: Z.Real.val(0) };
    if (!opening) return zero;
    const v = this.value(opening);
    return v.t === 'opt' ? ite(Z, v.p, v.v, zero) : v;
  }

  /**
   * Each free balance equal to what an evaluation given no balances reads: a witness found under
   * these is confirmed by the interpreter as it is (`pol diff` asks for one so first).
   */
  balancesAsEvaluated(): ZExpr[] {
    return this.balanceTerms().map(({ free, evaluated }) => free.eq(evaluated));
  }

  /** Each ledger's balance as the rules read it (a free constant) and as an evaluation without a store reads it (the opening, else zero). */
  balanceTerms(): { readonly free: ZExpr; readonly evaluated: ZExpr }[] {
    return this.program.ledgers.map((_, i) => ({ free: (this.freeBalance(i) as Scalar).v, evaluated: (this.evaluatedBalance(i) as Scalar).v }));
  }

  private aggregate(e: IR.Agg): SV {
    const Z = this.Z;
    this.usesLists = true;
    if (this.mode === 'abstract' && this.binders.size === 0) {
      const key = exprKey(this.program, e, true);
      let v = this.shared.get(key);
      if (!v) {
        const name = `agg#${this.shared.size}`;
        v = e.op === 'sum' || e.op === 'count' ? { t: 'num', v: Z.Real.const(name) } : { t: 'bool', v: Z.Bool.const(name) };
        this.shared.set(key, v);
      }
      this.abstracted.set(key, e);
      return v;
    }
    const list = this.value(e.list);
    if (list.t !== 'list') throw new Unsupported(`an aggregate over a ${list.t}`);
    const terms: ZExpr[] = [];
    list.items.forEach((item, i) => {
      this.binders.set(e.binder, item);
      let active: ZExpr = list.len.gt(i);
      if (e.where) active = Z.And(active, this.bool(e.where));
      if (e.op === 'sum') terms.push(Z.If(active, this.scalar(e.body!).v, Z.Real.val(0)));
      else if (e.op === 'count') terms.push(Z.If(active, Z.Real.val(1), Z.Real.val(0)));
      else if (e.op === 'all') terms.push(Z.Implies(active, this.bool(e.body!)));
      else terms.push(Z.And(active, this.bool(e.body!)));
    });
    this.binders.delete(e.binder);
    if (e.op === 'sum' || e.op === 'count') return { t: 'num', v: terms.length === 0 ? Z.Real.val(0) : terms.length === 1 ? terms[0] : Z.Sum(terms[0], ...terms.slice(1)) };
    if (e.op === 'all') return { t: 'bool', v: terms.length === 0 ? Z.Bool.val(true) : Z.And(...terms) };
    return { t: 'bool', v: terms.length === 0 ? Z.Bool.val(false) : Z.Or(...terms) };
  }
}

/** `a.b.c` for a read of the input along fields, else undefined. */
function pathKey(e: IR.Expr): string | undefined {
  if (e.k === 'input') return e.field;
  if (e.k === 'field') {
    const o = pathKey(e.object);
    return o === undefined ? undefined : `${o}.${e.name}`;
  }
  return undefined;
}

/** A narrowed optional is known present where it is read: its value. */
function narrow(v: SV, narrowed: boolean): SV {
  return narrowed && v.t === 'opt' ? v.v : v;
}

export function ratVal(Z: Z, r: Rational): ZExpr {
  return Z.Real.val(r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`);
}

/** The form of two decisions: `a`'s variant, and each field as the first that sets it decides it (named mode of decisionStructure). */
function shapeOf(fieldNames: readonly string[], a: SymDecision, b: SymDecision): SymDecision {
  const fields = new Map<string, { p: ZExpr; v: SV | undefined }>();
  for (const name of fieldNames) {
    const x = a.fields.get(name)!;
    fields.set(name, x.v ? x : b.fields.get(name)!);
  }
  return { variant: a.variant, leaf: a.leaf, fields };
}
