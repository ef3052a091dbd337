/**
 * Symbolic values: what an IR expression stands for in the solver. Numbers are exact reals, dates
 * day numbers (Int), enum members indices into the Universe's member list (Int), optionals a
 * presence flag beside a value, lists bounded to `items.length` elements with a symbolic length.
 * The shape of a value follows the IR node's type, which the checker has already proved, so the
 * encoder never needs to guess (or cast) what it holds.
 */
import { Unsupported, type Z, type ZExpr } from './z3.ts';

export type Scalar = { t: 'bool'; v: ZExpr } | { t: 'num'; v: ZExpr } | { t: 'date'; v: ZExpr } | { t: 'enum'; name: string; v: ZExpr };

export type SV =
  | Scalar
  | { t: 'rec'; f: ReadonlyMap<string, SV> }
  | { t: 'list'; len: ZExpr; items: readonly SV[] }
  | { t: 'opt'; p: ZExpr; v: SV };

/**
 * `x` (an enum index) is one of `indices`: runs of consecutive indices as intervals, a lone index
 * as an equality. Fewer atoms than one equality per member for the solver's arithmetic.
 */
export function inIndices(Z: Z, x: ZExpr, indices: readonly number[]): ZExpr {
  const xs = [...new Set(indices)].sort((a, b) => a - b);
  const parts: ZExpr[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    const lo = xs[i]!;
    const hi = xs[j]!;
    // the domain already says 0 <= x
    parts.push(lo === hi ? x.eq(lo) : lo === 0 ? x.le(hi) : Z.And(x.ge(lo), x.le(hi)));
    i = j + 1;
  }
  return parts.length === 0 ? Z.Bool.val(false) : parts.length === 1 ? parts[0] : Z.Or(...parts);
}

/** `if c then a else b`, value by value. An optional on one side lifts the other to "present". */
export function ite(Z: Z, c: ZExpr, a: SV, b: SV): SV {
  if (a.t === 'opt' || b.t === 'opt') {
    const ao = a.t === 'opt' ? a : { p: Z.Bool.val(true), v: a };
    const bo = b.t === 'opt' ? b : { p: Z.Bool.val(true), v: b };
    return { t: 'opt', p: Z.If(c, ao.p, bo.p), v: ite(Z, c, ao.v, bo.v) };
  }
  switch (a.t) {
    case 'bool':
    case 'num':
    case 'date':
    case 'enum':
      return { ...a, v: Z.If(c, a.v, (b as Scalar).v) };
    case 'rec': {
      const bf = (b as typeof a).f;
      return { t: 'rec', f: new Map([...a.f].map(([k, v]) => [k, ite(Z, c, v, bf.get(k)!)])) };
    }
    case 'list': {
      const bl = b as typeof a;
      return { t: 'list', len: Z.If(c, a.len, bl.len), items: a.items.map((x, i) => ite(Z, c, x, bl.items[i]!)) };
    }
  }
}

/** Equality of two decision field values (scalars, possibly optional). */
export function fieldEq(Z: Z, a: SV, b: SV): ZExpr {
  if (a.t === 'opt' || b.t === 'opt') {
    const ap = a.t === 'opt' ? a.p : Z.Bool.val(true);
    const bp = b.t === 'opt' ? b.p : Z.Bool.val(true);
    return Z.Or(Z.And(Z.Not(ap), Z.Not(bp)), Z.And(ap, bp, fieldEq(Z, a.t === 'opt' ? a.v : a, b.t === 'opt' ? b.v : b)));
  }
  if (a.t === 'rec' || a.t === 'list') throw new Unsupported(`decision field of kind ${a.t}`);
  // fields of the same name may have other types in two versions: then they never agree
  if (a.t !== b.t) return Z.Bool.val(false);
  return a.v.eq(b.v);
}
