/**
 * The facts of one transaction as the solver sees them: every leaf of the input (a scalar value,
 * or a record or list that is there without any value inside) with a Boolean "this leaf differs
 * from the transaction", which is what `pol why` counts. A leaf the policy never reads, or one the
 * user keeps, is pinned to its value; the leaves that may change are the ones counted.
 *
 * Paths are written as validation errors write them (`veu.compute_by_country[2].tpp`); patterns
 * put `[]` for every list index (`veu.compute_by_country[].tpp`), as reads through a loop variable
 * name them.
 */
import type { RRecord, RValue, Type } from '@pol/core/checker';
import { Rational } from '@pol/core/checker';
import type * as IR from '@pol/core/ir';
import { children } from '@pol/core/ir';
import { dayNumber } from '../smt/dates.ts';
import type { Universe } from '../smt/universe.ts';
import { ID_ENUM } from '../smt/sym-input.ts';
import type { Scalar, SV } from '../smt/values.ts';
import { Unsupported, type Z, type ZExpr } from '../smt/z3.ts';

export interface FactLeaf {
  readonly path: string;
  readonly pattern: string;
  /** a scalar (its symbolic value), or a record / list item / optional that holds no scalar */
  readonly sv: Scalar | undefined;
  readonly type: Type;
  /** whether the transaction has this leaf, and its value there */
  readonly oldReached: boolean;
  readonly old: RValue | undefined;
  /** whether the changed input has it */
  readonly reach: ZExpr;
  readonly differs: ZExpr;
  /** may change (read by the policy and not kept); only these are counted */
  readonly free: boolean;
}

export interface Facts {
  readonly leaves: readonly FactLeaf[];
  /** pins: unread and kept leaves keep their value */
  readonly pins: readonly ZExpr[];
}

/** Every input path the policy reads (a value, or only its presence), as patterns, with every prefix. */
export function readPaths(p: IR.Program): Set<string> {
  const out = new Set<string>();
  const binders = new Map<number, string>();
  if (p.input.asOf !== undefined) out.add(p.input.asOf);
  const pathOf = (e: IR.Expr): string | undefined => {
    if (e.k === 'input') return e.field;
    if (e.k === 'binder') return binders.get(e.id);
    if (e.k === 'field') {
      const o = pathOf(e.object);
      return o === undefined ? undefined : `${o}.${e.name}`;
    }
    return undefined;
  };
  const add = (path: string): void => {
    for (let i = path.length; i > 0; i--) if (i === path.length || path[i] === '.' || path[i] === '[') out.add(path.slice(0, i));
  };
  const walk = (e: IR.Expr): void => {
    const path = pathOf(e);
    if (path !== undefined) add(path);
    if (e.k === 'agg') {
      const list = pathOf(e.list);
      if (list !== undefined) binders.set(e.binder, `${list}[]`);
    }
    for (const c of children(e)) walk(c);
  };
  p.defs.forEach((d) => walk(d.value));
  p.requires.forEach((r) => walk(r.condition));
  const rule = (r: IR.Rule): void => {
    if (r.when) walk(r.when);
    r.decide.args.forEach((a) => walk(a.value));
    r.exceptions.forEach(rule);
  };
  p.rules.forEach(rule);
  p.otherwise.decide.args.forEach((a) => walk(a.value));
  return out;
}

/** `--keep`: a path is kept when it is a kept name or lies under one (records and lists by prefix). */
export function isKept(path: string, keep: readonly string[]): boolean {
  return keep.some((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`));
}

const pattern = (path: string): string => path.replace(/\[\d+\]/g, '[]');

/** The input's leaves beside the transaction's values, each with its "differs" term. */
export function factsOf(Z: Z, u: Universe, value: SV, type: Type, old: RRecord, read: ReadonlySet<string>, keep: readonly string[]): Facts {
  const leaves: FactLeaf[] = [];
  const pins: ZExpr[] = [];
  const T = Z.Bool.val(true);
  const readUnder = (pat: string): boolean => read.has(pat);
  const push = (leaf: Omit<FactLeaf, 'free'>): FactLeaf => {
    const isRead = readUnder(leaf.pattern);
    const free = isRead && !isKept(leaf.path, keep);
    // an unread leaf the transaction lacks may appear when a record around it must (a required
    // field of it): its value cannot matter, so it is neither pinned nor counted
    if (!free && (leaf.oldReached || isKept(leaf.path, keep))) pins.push(Z.Not(leaf.differs));
    const l = { ...leaf, free };
    leaves.push(l);
    return l;
  };
  /** returns the leaves under this node (to build the "holds no scalar" indicator of a container) */
  const walk = (sv: SV, t: Type, v: RValue | undefined, reached: boolean, reach: ZExpr, path: string): FactLeaf[] => {
    switch (sv.t) {
      case 'bool':
      case 'num':
      case 'date':
      case 'enum': {
        const differs = reached ? Z.Or(Z.Not(reach), Z.Not(sv.v.eq(constOf(Z, u, sv, v!)))) : reach;
        return [push({ path, pattern: pattern(path), sv, type: t, oldReached: reached, old: reached ? v : undefined, reach, differs })];
      }
      case 'opt': {
        if (t.kind !== 'optional') throw new Unsupported(`an optional value of type ${t.kind}`);
        const has = reached && v !== null && v !== undefined;
        const inner = Z.And(reach, sv.p);
        // an optional the policy never reads stays as it is (absent stays absent)
        if (!readUnder(pattern(path))) pins.push(has ? sv.p : Z.Not(sv.p));
        const under = walk(sv.v, t.inner, has ? v : undefined, has, inner, path);
        if (sv.v.t === 'bool' || sv.v.t === 'num' || sv.v.t === 'date' || sv.v.t === 'enum') return under;
        return [...under, container(t, path, has, v, inner, under)];
      }
      case 'rec': {
        if (t.kind !== 'record') throw new Unsupported(`a record value of type ${t.kind}`);
        const rec = reached ? (v as RRecord) : undefined;
        const out: FactLeaf[] = [];
        for (const [k, x] of sv.f) out.push(...walk(x, t.fields.get(k)!, rec?.get(k) ?? null, reached, reach, path ? `${path}.${k}` : k));
        return out;
      }
      case 'list': {
        if (t.kind !== 'list') throw new Unsupported(`a list value of type ${t.kind}`);
        const items = reached ? (v as readonly RValue[]) : [];
        const out: FactLeaf[] = [];
        if (reached && !readUnder(pattern(path))) pins.push(sv.len.eq(items.length));
        sv.items.forEach((item, i) => {
          const has = i < items.length;
          const r = Z.And(reach, sv.len.gt(i));
          const under = walk(item, t.element, has ? items[i] : undefined, has, r, `${path}[${i}]`);
          out.push(...under);
          if (item.t === 'rec') out.push(container(t.element, `${path}[${i}]`, has, items[i], r, under));
        });
        return out;
      }
    }
  };
  const container = (t: Type, path: string, has: boolean, v: RValue | undefined, reach: ZExpr, under: readonly FactLeaf[]): FactLeaf => {
    const flips = has ? Z.Not(reach) : reach;
    // a record that appears or goes counts once when no counted value inside it changes with it
    const counted = under.filter((l) => l.sv && l.free);
    const differs = counted.length === 0 ? flips : Z.And(flips, ...counted.map((l) => Z.Not(l.differs)));
    return push({ path, pattern: pattern(path), sv: undefined, type: t, oldReached: has, old: has ? v : undefined, reach, differs });
  };
  walk(value, type, old, true, T, '');
  return { leaves, pins };
}

/** The transaction's value of a scalar leaf, as the solver writes it. */
export function constOf(Z: Z, u: Universe, sv: Scalar, v: RValue): ZExpr {
  switch (sv.t) {
    case 'bool':
      return Z.Bool.val(v === true);
    case 'num': {
      const r = v as Rational;
      return Z.Real.val(r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`);
    }
    case 'date':
      return Z.Int.val(dayNumber(v as string));
    case 'enum':
      return Z.Int.val(sv.name === ID_ENUM ? u.idNumber(v as string) : u.index(sv.name, v as string));
  }
}

/** A leaf's value as people read it: a decimal, a date, a member, true/false; `absent`. */
export function showValue(v: RValue | undefined): string {
  if (v === undefined || v === null) return 'absent';
  if (v instanceof Rational) return v.toString();
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.length} items]`;
  return '{}';
}
