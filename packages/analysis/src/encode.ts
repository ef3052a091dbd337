/**
 * The SMT encoding of a checked program. Numbers are exact reals, dates day numbers, enum members
 * indices (shared between two versions through a Universe), optionals a presence flag beside a value,
 * lists bounded to K items (mode 'bounded') or their aggregates replaced by shared free variables
 * (mode 'abstract', an over-approximation used only to prove unsatisfiability).
 */
import type { Ast, CheckedProgram, Type } from '@pol/core/checker';
import { Rational } from '@pol/core/checker';
import { dayNumber, MAX_DAY, MIN_DAY } from './dates.ts';
import { canonical } from './print.ts';
import { Unsupported, type Z, type ZExpr } from './z3.ts';

export type SV =
  | { t: 'bool'; v: ZExpr }
  | { t: 'num'; v: ZExpr }
  | { t: 'date'; v: ZExpr }
  | { t: 'enum'; name: string; v: ZExpr }
  | { t: 'set'; of: string; m: (boolean | ZExpr)[] }
  | { t: 'rec'; type: Type; f: Map<string, SV> }
  | { t: 'list'; len: ZExpr; items: SV[]; type: Type }
  | { t: 'opt'; p: ZExpr; v: SV; type: Type };

export type Mode = 'bounded' | 'abstract';

/** Enum members by name across the programs being compared. */
export class Universe {
  readonly enums = new Map<string, string[]>();
  readonly variants: string[] = [];
  readonly fieldNames: string[] = [];
  add(p: CheckedProgram): void {
    for (const [name, info] of p.enums) {
      const list = this.enums.get(name) ?? [];
      for (const m of info.members) if (!list.includes(m)) list.push(m);
      this.enums.set(name, list);
    }
    for (const v of p.decision.variants) {
      if (!this.variants.includes(v.name)) this.variants.push(v.name);
      for (const q of v.params) if (!this.fieldNames.includes(q.name)) this.fieldNames.push(q.name);
    }
  }
  index(e: string, m: string): number {
    const i = this.enums.get(e)?.indexOf(m) ?? -1;
    if (i < 0) throw new Unsupported(`unknown member ${e}.${m}`);
    return i;
  }
}

/** The symbolic input shared by the programs, with its domain constraints. */
export class SymInput {
  readonly domain: ZExpr[] = [];
  readonly value: SV;
  private n = 0;
  constructor(
    private readonly Z: Z,
    private readonly u: Universe,
    readonly type: Type,
    readonly bound: number,
  ) {
    this.value = this.make(type, 'in');
  }
  private make(t: Type, path: string): SV {
    const Z = this.Z;
    const id = `${path}#${this.n++}`;
    switch (t.kind) {
      case 'bool':
        return { t: 'bool', v: Z.Bool.const(id) };
      case 'number': {
        const v = Z.Real.const(id);
        if (t.unit !== null) this.domain.push(v.ge(0));
        return { t: 'num', v };
      }
      case 'date': {
        const v = Z.Int.const(id);
        this.domain.push(v.ge(MIN_DAY), v.le(MAX_DAY));
        return { t: 'date', v };
      }
      case 'enum': {
        const v = Z.Int.const(id);
        const n = this.u.enums.get(t.name)?.length ?? 0;
        this.domain.push(v.ge(0), v.lt(n));
        return { t: 'enum', name: t.name, v };
      }
      case 'optional':
        return { t: 'opt', p: Z.Bool.const(`${id}?`), v: this.make(t.inner, path), type: t };
      case 'record': {
        const f = new Map<string, SV>();
        for (const [k, ft] of t.fields) f.set(k, this.make(ft, `${path}.${k}`));
        return { t: 'rec', type: t, f };
      }
      case 'list': {
        const len = Z.Int.const(`${id}.len`);
        this.domain.push(len.ge(0), len.le(this.bound));
        const items: SV[] = [];
        for (let i = 0; i < this.bound; i++) items.push(this.make(t.element, `${path}[${i}]`));
        return { t: 'list', len, items, type: t };
      }
      default:
        throw new Unsupported(`input of type ${t.kind}`);
    }
  }
}

export interface Leaf {
  readonly id: number;
  /** rule/exception ids from the top-level rule down; ['otherwise'] for the fallback */
  readonly path: string[];
  readonly node: Ast.RuleDecl | Ast.ExceptionDecl | Ast.OtherwiseDecl;
  readonly guard: ZExpr;
  readonly variant: string;
}

export interface SymDecision {
  variant: ZExpr;
  leaf: ZExpr;
  fields: Map<string, { p: ZExpr; v: SV | undefined }>;
}

type Body = Ast.RuleDecl | Ast.ExceptionDecl;

export class Encoder {
  private readonly defines = new Map<string, SV>();
  private readonly consts = new Map<string, SV>();
  private readonly groups = new Map<string, SV>();
  private binders = new Map<string, SV>();
  readonly asOf: ZExpr | undefined;
  /** free variables standing for aggregates (abstract mode), by canonical text, shared via `shared` */
  usesLists = false;

  constructor(
    readonly Z: Z,
    readonly u: Universe,
    readonly program: CheckedProgram,
    readonly input: SymInput,
    readonly mode: Mode,
    private readonly shared: Map<string, SV> = new Map(),
  ) {
    const af = program.input.asOf;
    this.asOf = af ? (this.field(input.value, af) as { v: ZExpr }).v : undefined;
  }

  private field(rec: SV, name: string): SV {
    if (rec.t !== 'rec') throw new Unsupported('field of a non-record');
    const f = rec.f.get(name);
    if (!f) throw new Unsupported(`no field ${name}`);
    return f;
  }

  // ---- the decision structure ----

  valid(): ZExpr {
    return this.Z.And(...this.program.requires.map((r) => this.bool(r.condition)));
  }

  inEffect(b: { effective?: Ast.DateLit | undefined; until?: Ast.DateLit | undefined }): ZExpr {
    const Z = this.Z;
    const cs: ZExpr[] = [];
    if (this.asOf !== undefined) {
      if (b.effective) cs.push(this.asOf.ge(dayNumber(b.effective.value)));
      if (b.until) cs.push(this.asOf.lt(dayNumber(b.until.value)));
    }
    return cs.length === 0 ? Z.Bool.val(true) : Z.And(...cs);
  }

  applies(b: Body): ZExpr {
    const e = this.inEffect(b);
    return b.when ? this.Z.And(e, this.bool(b.when)) : e;
  }

  /** Leaves (mutually exclusive, covering every input) and the decision as one term. */
  decisionStructure(): { leaves: Leaf[]; decision: SymDecision } {
    const Z = this.Z;
    const leaves: Leaf[] = [];
    const leafDecision = (node: Leaf['node'], path: string[], guard: ZExpr): SymDecision => {
      const id = leaves.length;
      leaves.push({ id, path, node, guard, variant: node.decide.variant.name });
      return this.decide(node.decide, id);
    };
    const body = (b: Body, path: string[], guard: ZExpr): SymDecision => {
      const apps = b.exceptions.map((e) => this.applies(e));
      let none = guard;
      const branches: { c: ZExpr; d: SymDecision }[] = [];
      let prefix: ZExpr = Z.Bool.val(true);
      b.exceptions.forEach((e, i) => {
        const g = Z.And(guard, prefix, apps[i]);
        branches.push({ c: apps[i], d: body(e, [...path, e.name.name], g) });
        prefix = Z.And(prefix, Z.Not(apps[i]));
      });
      none = Z.And(guard, prefix);
      let d = leafDecision(b, path, none);
      for (let i = branches.length - 1; i >= 0; i--) d = this.iteDecision(branches[i]!.c, branches[i]!.d, d);
      return d;
    };
    const rules = this.program.rules;
    const apps = rules.map((r) => this.applies(r));
    let prefix: ZExpr = Z.Bool.val(true);
    const branches: { c: ZExpr; d: SymDecision }[] = [];
    rules.forEach((r, i) => {
      branches.push({ c: apps[i], d: body(r, [r.name.name], Z.And(prefix, apps[i])) });
      prefix = Z.And(prefix, Z.Not(apps[i]));
    });
    let d = leafDecision(this.program.otherwise, ['otherwise'], prefix);
    for (let i = branches.length - 1; i >= 0; i--) d = this.iteDecision(branches[i]!.c, branches[i]!.d, d);
    return { leaves, decision: d };
  }

  decide(d: Ast.DecisionExpr, leaf: number): SymDecision {
    const Z = this.Z;
    const fields = new Map<string, { p: ZExpr; v: SV | undefined }>();
    for (const name of this.u.fieldNames) fields.set(name, { p: Z.Bool.val(false), v: undefined });
    for (const a of d.args) fields.set(a.name.name, { p: Z.Bool.val(true), v: this.value(a.value) });
    return { variant: Z.Int.val(this.u.variants.indexOf(d.variant.name)), leaf: Z.Int.val(leaf), fields };
  }

  private iteDecision(c: ZExpr, a: SymDecision, b: SymDecision): SymDecision {
    const Z = this.Z;
    const fields = new Map<string, { p: ZExpr; v: SV | undefined }>();
    for (const name of this.u.fieldNames) {
      const x = a.fields.get(name)!;
      const y = b.fields.get(name)!;
      const v = x.v && y.v ? this.ite(c, x.v, y.v) : (x.v ?? y.v);
      fields.set(name, { p: Z.If(c, x.p, y.p), v });
    }
    return { variant: Z.If(c, a.variant, b.variant), leaf: Z.If(c, a.leaf, b.leaf), fields };
  }

  ite(c: ZExpr, a: SV, b: SV): SV {
    const Z = this.Z;
    if (a.t === 'opt' || b.t === 'opt') {
      const ao = a.t === 'opt' ? a : { t: 'opt' as const, p: Z.Bool.val(true), v: a, type: a as unknown as Type };
      const bo = b.t === 'opt' ? b : { t: 'opt' as const, p: Z.Bool.val(true), v: b, type: b as unknown as Type };
      return { t: 'opt', p: Z.If(c, ao.p, bo.p), v: this.ite(c, ao.v, bo.v), type: ao.type };
    }
    if (a.t !== b.t) throw new Unsupported(`mixed values ${a.t}/${b.t}`);
    switch (a.t) {
      case 'bool':
      case 'num':
      case 'date':
      case 'enum':
        return { ...a, v: Z.If(c, a.v, (b as { v: ZExpr }).v) };
      case 'set': {
        const bm = (b as typeof a).m;
        return { ...a, m: a.m.map((x, i) => (x === bm[i] ? x : Z.If(c, toB(Z, x), toB(Z, bm[i]!)))) };
      }
      case 'rec': {
        const f = new Map<string, SV>();
        for (const [k, v] of a.f) f.set(k, this.ite(c, v, (b as typeof a).f.get(k)!));
        return { ...a, f };
      }
      case 'list': {
        const bl = b as typeof a;
        if (a.items.length !== bl.items.length) throw new Unsupported('lists of different bounds');
        return { ...a, len: Z.If(c, a.len, bl.len), items: a.items.map((x, i) => this.ite(c, x, bl.items[i]!)) };
      }
      default:
        throw new Unsupported('ite');
    }
  }

  // ---- expressions ----

  bool(e: Ast.Expr): ZExpr {
    const v = this.value(e);
    if (v.t !== 'bool') throw new Unsupported(`expected a Boolean, found ${v.t}`);
    return v.v;
  }

  value(e: Ast.Expr): SV {
    const Z = this.Z;
    switch (e.kind) {
      case 'number':
        return { t: 'num', v: ratVal(Z, Rational.parse(e.text)!) };
      case 'percent':
        return { t: 'num', v: ratVal(Z, Rational.parse(e.text)!.div(Rational.of(100n))) };
      case 'date':
        return { t: 'date', v: Z.Int.val(dayNumber(e.value)) };
      case 'bool':
        return { t: 'bool', v: Z.Bool.val(e.value) };
      case 'paren':
        return this.value(e.inner);
      case 'identifier':
        return this.identifier(e);
      case 'member': {
        const o = this.value(e.object);
        if (o.t === 'rec') return this.field(o, e.property.name);
        if (o.t === 'opt' && o.v.t === 'rec') {
          const f = this.field(o.v, e.property.name);
          if (f.t === 'opt') return { ...f, p: Z.And(o.p, f.p) };
          return { t: 'opt', p: o.p, v: f, type: { kind: 'optional', inner: this.program.typeOf(e) } };
        }
        throw new Unsupported('member of a non-record');
      }
      case 'unary': {
        if (e.op === 'not') return { t: 'bool', v: Z.Not(this.bool(e.operand)) };
        const v = this.value(e.operand);
        if (v.t !== 'num') throw new Unsupported('negation of a non-number');
        return { t: 'num', v: v.v.neg() };
      }
      case 'binary':
        return this.binary(e);
      case 'compare':
        return { t: 'bool', v: this.compare(e) };
      case 'in': {
        const el = this.value(e.element);
        const set = this.value(e.set);
        if (set.t !== 'set') throw new Unsupported('in on a non-set');
        const r = this.member(el, set);
        return { t: 'bool', v: e.negated ? Z.Not(r) : r };
      }
      case 'is': {
        const v = this.value(e.subject);
        let r: ZExpr;
        if (e.test.kind === 'present' || e.test.kind === 'absent') {
          const p = v.t === 'opt' ? v.p : Z.Bool.val(true);
          r = e.test.kind === 'present' ? p : Z.Not(p);
        } else {
          const name = e.test.name;
          const inner = v.t === 'opt' ? v.v : v;
          if (inner.t !== 'enum') throw new Unsupported('is on a non-enum');
          const eq = inner.v.eq(this.u.index(inner.name, name));
          r = v.t === 'opt' ? Z.And(v.p, eq) : eq;
        }
        return { t: 'bool', v: e.negated ? Z.Not(r) : r };
      }
      case 'coalesce': {
        const v = this.value(e.value);
        const f = this.value(e.fallback);
        if (v.t !== 'opt') return v;
        return this.ite(v.p, v.v, f);
      }
      case 'set': {
        const t = this.program.typeOf(e);
        if (t.kind !== 'set') throw new Unsupported('set literal type');
        const n = this.u.enums.get(t.of)?.length ?? 0;
        const m: (boolean | ZExpr)[] = new Array(n).fill(false);
        for (const sm of e.members) {
          const i = this.u.index(t.of, sm.name.name);
          const on = this.inEffect({ effective: sm.from, until: sm.until });
          m[i] = orB(Z, m[i]!, sm.from || sm.until ? (this.asOf === undefined ? true : on) : true);
        }
        return { t: 'set', of: t.of, m };
      }
      case 'every': {
        const name = e.enumName.name;
        const members = this.program.enums.get(name)?.members ?? [];
        const n = this.u.enums.get(name)?.length ?? 0;
        const m: (boolean | ZExpr)[] = new Array(n).fill(false);
        for (const x of members) m[this.u.index(name, x)] = true;
        return { t: 'set', of: name, m };
      }
      case 'aggregate':
        return this.aggregate(e);
    }
  }

  private member(el: SV, set: Extract<SV, { t: 'set' }>): ZExpr {
    const Z = this.Z;
    if (el.t === 'opt') return Z.And(el.p, this.member(el.v, set));
    if (el.t !== 'enum') throw new Unsupported('in on a non-enum');
    const ors: ZExpr[] = [];
    set.m.forEach((x, i) => {
      if (x === false) return;
      ors.push(x === true ? el.v.eq(i) : Z.And(el.v.eq(i), x));
    });
    return ors.length === 0 ? Z.Bool.val(false) : Z.Or(...ors);
  }

  private identifier(e: Ast.Identifier): SV {
    const r = this.program.resolve(e);
    switch (r.kind) {
      case 'input':
        return this.field(this.input.value, r.field);
      case 'binder': {
        const v = this.binders.get(r.name);
        if (!v) throw new Unsupported(`unbound ${r.name}`);
        return v;
      }
      case 'member':
        return { t: 'enum', name: r.enumName, v: this.Z.Int.val(this.u.index(r.enumName, r.member)) };
      case 'define':
        return this.memo(this.defines, r.name, () => this.program.defines.find((x) => x.name.name === r.name)!.value);
      case 'const':
        return this.memo(this.consts, r.name, () => this.program.consts.find((x) => x.name.name === r.name)!.value);
      case 'group':
        return this.memo(this.groups, r.name, () => this.program.groups.find((x) => x.name.name === r.name)!.value);
    }
  }

  private memo(cache: Map<string, SV>, name: string, expr: () => Ast.Expr): SV {
    const hit = cache.get(name);
    if (hit) return hit;
    const saved = this.binders;
    this.binders = new Map();
    const v = this.value(expr());
    this.binders = saved;
    cache.set(name, v);
    return v;
  }

  private binary(e: Ast.BinaryExpr): SV {
    const Z = this.Z;
    if (e.op === 'and') return { t: 'bool', v: Z.And(this.bool(e.left), this.bool(e.right)) };
    if (e.op === 'or') return { t: 'bool', v: Z.Or(this.bool(e.left), this.bool(e.right)) };
    const l = this.value(e.left);
    const r = this.value(e.right);
    if (l.t === 'set' && r.t === 'set') {
      const m = l.m.map((x, i) => (e.op === '+' ? orB(Z, x, r.m[i] ?? false) : andB(Z, x, notB(Z, r.m[i] ?? false))));
      return { t: 'set', of: l.of, m };
    }
    if (l.t !== 'num' || r.t !== 'num') throw new Unsupported(`arithmetic on ${l.t}`);
    switch (e.op) {
      case '+':
        return { t: 'num', v: l.v.add(r.v) };
      case '-':
        return { t: 'num', v: l.v.sub(r.v) };
      case '*':
        return { t: 'num', v: l.v.mul(r.v) };
      case '/':
        return { t: 'num', v: Z.If(r.v.eq(0), Z.Real.val(0), l.v.div(r.v)) };
    }
  }

  private compare(e: Ast.CompareExpr, l0?: SV, r0?: SV): ZExpr {
    const Z = this.Z;
    const l = l0 ?? this.value(e.left);
    const r = r0 ?? this.value(e.right);
    if (l.t === 'opt' || r.t === 'opt') {
      if (e.op !== '=' && e.op !== '!=') {
        // The checker admits an ordering on an optional only where a guard (`is present`) has narrowed
        // it, so the comparison matters only when the value is present: compare the values.
        return this.compare({ ...e, left: e.left, right: e.right }, l.t === 'opt' ? l.v : l, r.t === 'opt' ? r.v : r);
      }
      const lp = l.t === 'opt' ? l.p : Z.Bool.val(true);
      const rp = r.t === 'opt' ? r.p : Z.Bool.val(true);
      const lv = l.t === 'opt' ? l.v : l;
      const rv = r.t === 'opt' ? r.v : r;
      const eq = Z.Or(Z.And(Z.Not(lp), Z.Not(rp)), Z.And(lp, rp, this.eqScalar(lv, rv)));
      return e.op === '=' ? eq : Z.Not(eq);
    }
    if (e.op === '=') return this.eqScalar(l, r);
    if (e.op === '!=') return Z.Not(this.eqScalar(l, r));
    if (l.t === 'bool' || l.t === 'set' || l.t === 'rec' || l.t === 'list') throw new Unsupported(`ordering of ${l.t}`);
    if (l.t === 'enum') throw new Unsupported('ordering of enum members');
    const a = l.v;
    const b = (r as { v: ZExpr }).v;
    switch (e.op) {
      case '<':
        return a.lt(b);
      case '<=':
        return a.le(b);
      case '>':
        return a.gt(b);
      default:
        return a.ge(b);
    }
  }

  eqScalar(l: SV, r: SV): ZExpr {
    if ((l.t === 'num' || l.t === 'date' || l.t === 'enum' || l.t === 'bool') && l.t === r.t) return l.v.eq(r.v);
    throw new Unsupported(`equality of ${l.t} and ${r.t}`);
  }

  private aggregate(e: Ast.AggregateExpr): SV {
    const Z = this.Z;
    this.usesLists = true;
    if (this.mode === 'abstract' && this.binders.size === 0) {
      const key = canonical(this.program, e);
      let v = this.shared.get(key);
      if (!v) {
        const name = `agg#${this.shared.size}`;
        v = e.op === 'sum' || e.op === 'count' ? { t: 'num', v: Z.Real.const(name) } : { t: 'bool', v: Z.Bool.const(name) };
        this.shared.set(key, v);
      }
      return v;
    }
    const list = this.value(e.list);
    const lst = list.t === 'opt' ? list.v : list;
    if (lst.t !== 'list') throw new Unsupported('aggregate over a non-list');
    // an absent optional list: the interpreter would fail; the checker requires a guard
    const name = e.binder.name;
    const had = this.binders.get(name);
    const terms: ZExpr[] = [];
    lst.items.forEach((item, i) => {
      this.binders.set(name, item);
      let active: ZExpr = lst.len.gt(i);
      if (e.where) active = Z.And(active, this.bool(e.where));
      if (e.op === 'sum') {
        const b = this.value(e.body!);
        if (b.t !== 'num') throw new Unsupported('sum of a non-number');
        terms.push(Z.If(active, b.v, Z.Real.val(0)));
      } else if (e.op === 'count') terms.push(Z.If(active, Z.Real.val(1), Z.Real.val(0)));
      else if (e.op === 'all') terms.push(Z.Implies(active, this.bool(e.body!)));
      else terms.push(Z.And(active, this.bool(e.body!)));
    });
    if (had) this.binders.set(name, had);
    else this.binders.delete(name);
    if (e.op === 'sum' || e.op === 'count') return { t: 'num', v: terms.length === 0 ? Z.Real.val(0) : terms.length === 1 ? terms[0] : Z.Sum(terms[0], ...terms.slice(1)) };
    if (e.op === 'all') return { t: 'bool', v: terms.length === 0 ? Z.Bool.val(true) : Z.And(...terms) };
    return { t: 'bool', v: terms.length === 0 ? Z.Bool.val(false) : Z.Or(...terms) };
  }
}

export function ratVal(Z: Z, r: Rational): ZExpr {
  return Z.Real.val(r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`);
}

function toB(Z: Z, x: boolean | ZExpr): ZExpr {
  return typeof x === 'boolean' ? Z.Bool.val(x) : x;
}
function orB(Z: Z, a: boolean | ZExpr, b: boolean | ZExpr): boolean | ZExpr {
  if (a === true || b === true) return true;
  if (a === false) return b;
  if (b === false) return a;
  return Z.Or(a, b);
}
function andB(Z: Z, a: boolean | ZExpr, b: boolean | ZExpr): boolean | ZExpr {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  return Z.And(a, b);
}
function notB(Z: Z, a: boolean | ZExpr): boolean | ZExpr {
  return typeof a === 'boolean' ? !a : Z.Not(a);
}
