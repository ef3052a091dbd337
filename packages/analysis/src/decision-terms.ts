/**
 * The decisions of a diff's two versions as the terms it asserts: each leaf's decision fixed to
 * constants under its selector, "at least one leaf decides", the obligation lists as numbers, and
 * whether two decisions differ.
 */
import type { Leaf, SymDecision } from './smt/encode.ts';
import type { SV } from './smt/values.ts';
import type { Z, ZExpr } from './smt/z3.ts';

/**
 * A version's decision and obligation list as constants (`label.variant`, `label.obligations`,
 * ...), fixed leaf by leaf: `selector(l) => variant = v_l and ...`. Asserting the forest's nested
 * if-then-else instead made z3's assert-time simplification grow with the square of the rule
 * count (15 s for 300 rules). `shape` gives each field's sorts (Encoder.decisionStructure).
 */
export function pinDecision(Z: Z, leaves: readonly Leaf[], shape: SymDecision, selector: (l: Leaf) => ZExpr, label: string, obligationKey: (l: Leaf) => number): { d: SymDecision; obl: ZExpr; defs: ZExpr[] } {
  const fresh = (t: ZExpr, k: string): ZExpr => Z.Const(`${label}.${k}`, t.sort);
  const freshSV = (x: SV, k: string): SV => (x.t === 'opt' ? { t: 'opt', p: fresh(x.p, `${k}?`), v: freshSV(x.v, k) } : x.t === 'rec' || x.t === 'list' ? x : { ...x, v: fresh(x.v, k) });
  const d: SymDecision = {
    variant: fresh(shape.variant, 'variant'),
    leaf: shape.leaf,
    fields: new Map([...shape.fields].map(([k, f]) => [k, { p: fresh(f.p, `${k}.present`), v: f.v && freshSV(f.v, k) }])),
  };
  const obl = Z.Int.const(`${label}.obligations`);
  const eqSV = (x: SV, y: SV): ZExpr[] => (x.t === 'opt' && y.t === 'opt' ? [x.p.eq(y.p), ...eqSV(x.v, y.v)] : x.t === 'opt' ? [x.p, ...eqSV(x.v, y)] : x.t === 'rec' || x.t === 'list' || y.t === 'opt' || y.t === 'rec' || y.t === 'list' ? [] : [x.v.eq(y.v)]);
  const defs: ZExpr[] = [];
  for (const l of leaves) {
    const one = l.decision;
    const same: ZExpr[] = [d.variant.eq(one.variant), obl.eq(obligationKey(l))];
    for (const [k, f] of d.fields) {
      const g = one.fields.get(k)!;
      same.push(f.p.eq(g.p));
      if (f.v && g.v) same.push(Z.Implies(g.p, Z.And(...eqSV(f.v, g.v))));
    }
    defs.push(Z.Implies(selector(l), Z.And(...same)));
  }
  return { d, obl, defs };
}

/** Whether two decisions differ: in outcome, or in a field's presence or value (`eq` compares values). */
export function decisionsDiffer(Z: Z, eq: (a: SV, b: SV) => ZExpr, a: SymDecision, b: SymDecision): ZExpr {
  const same: ZExpr[] = [a.variant.eq(b.variant)];
  for (const [k, x] of a.fields) {
    const y = b.fields.get(k)!;
    const vs = x.v && y.v ? eq(x.v, y.v) : Z.Bool.val(x.v === undefined && y.v === undefined);
    same.push(Z.Or(Z.And(Z.Not(x.p), Z.Not(y.p)), Z.And(x.p, y.p, vs)));
  }
  return Z.Not(Z.And(...same));
}

/**
 * "At least one of `xs`" as a balanced tree of named binary disjunctions (each name implies its
 * two halves; `defs` receives them): z3 re-examines a disjunction each time one of its literals is
 * assigned, so one disjunction over every leaf of 3,000 rules cost time quadratic in the rules.
 */
export function someOf(Z: Z, xs: readonly ZExpr[], prefix: string, defs: ZExpr[]): ZExpr {
  let names = 0;
  const tree = (l: number, r: number): ZExpr => {
    if (r - l <= 2) return r - l === 1 ? xs[l]! : Z.Or(xs[l]!, xs[l + 1]!);
    const m = (l + r) >> 1;
    const b = Z.Bool.const(`${prefix}#${names++}`);
    defs.push(Z.Implies(b, Z.Or(tree(l, m), tree(m, r))));
    return b;
  };
  return xs.length === 0 ? Z.Bool.val(false) : tree(0, xs.length);
}

/** Numbers each distinct obligation list of the leaves (the same list, the same number), last leaf first. */
export function numberObligations(leaves: readonly Leaf[], table: Map<string, number>): (l: Leaf) => number {
  const keyOf = (l: Leaf): number => {
    const k = JSON.stringify(l.rules.at(-1)?.obligations ?? []);
    if (!table.has(k)) table.set(k, table.size);
    return table.get(k)!;
  };
  for (let i = leaves.length - 1; i >= 0; i--) keyOf(leaves[i]!);
  return keyOf;
}

export function obligationTerm(Z: Z, leaves: readonly Leaf[], leaf: ZExpr, keyOf: (l: Leaf) => number): ZExpr {
  let t: ZExpr = Z.Int.val(leaves.length ? keyOf(leaves[leaves.length - 1]!) : 0);
  for (let i = leaves.length - 2; i >= 0; i--) t = Z.If(leaf.eq(i), Z.Int.val(keyOf(leaves[i]!)), t);
  return t;
}
