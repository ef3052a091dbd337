/**
 * Units as dimensions: each base unit (a `unit` without a definition, and the duration units) is
 * one dimension; a derived unit (`unit PD = TPP / mm2`) is a product of base units with integer
 * powers. A product or quotient of quantities has a unit only when its dimension is a declared
 * unit (or none at all: a plain Number), so every unit in a type is a name the policy declares.
 */
export type Dim = ReadonlyMap<string, number>;

export function baseDim(name: string): Dim {
  return new Map([[name, 1]]);
}

export function combine(a: Dim, b: Dim, op: '*' | '/'): Dim {
  const out = new Map(a);
  for (const [k, p] of b) {
    const n = (out.get(k) ?? 0) + (op === '*' ? p : -p);
    if (n === 0) out.delete(k);
    else out.set(k, n);
  }
  return out;
}

/** A stable key for a dimension, and how a formula for it reads: `TPP / mm2`, `TPP * h`, `1 / mm2`. */
export function dimKey(d: Dim): string {
  const part = (sign: 1 | -1): string =>
    [...d]
      .filter(([, p]) => p * sign > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([k, p]) => Array.from({ length: Math.abs(p) }, () => k))
      .join(' * ');
  const num = part(1);
  const den = part(-1);
  return den ? `${num || '1'} / ${den}` : num;
}
