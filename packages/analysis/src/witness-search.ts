/**
 * A confirmed witness for a region, or the reason there is none. z3 answers over the reals, so its
 * first model may hold a number such as 26900001/26900000 that no JSON decimal writes exactly, or
 * a value the interpreter reads otherwise at a boundary; then the same region is asked again with
 * every number a whole number, then with every number in hundredths, before the region is given
 * up (and reported as not covered, never dropped).
 */
import type { Universe } from './smt/universe.ts';
import type { SV } from './smt/values.ts';
import type { Z, ZExpr } from './smt/z3.ts';
import { modelToJson, NotRepresentable, type JsonValue } from './witness.ts';

export type Found = { readonly witness: JsonValue } | { readonly reason: string };

/** Every number constant of a symbolic input. */
export function numConsts(v: SV, out: ZExpr[] = []): ZExpr[] {
  if (v.t === 'num') out.push(v.v);
  else if (v.t === 'opt') numConsts(v.v, out);
  else if (v.t === 'rec') for (const x of v.f.values()) numConsts(x, out);
  else if (v.t === 'list') for (const x of v.items) numConsts(x, out);
  return out;
}

/**
 * `judge` returns undefined when the interpreter confirms the witness, else why not. `s` holds the
 * question (with earlier regions blocked); `model` is its current answer, inside `guard`.
 */
export async function findWitness(Z: Z, s: ZExpr, guard: ZExpr, model: ZExpr, u: Universe, value: SV, nums: readonly ZExpr[], judge: (w: JsonValue) => string | undefined): Promise<Found> {
  const reasons: string[] = [];
  const attempt = (m: ZExpr, label: string): JsonValue | undefined => {
    try {
      const w = modelToJson(m, u, value);
      const why = judge(w);
      if (why === undefined) return w;
      reasons.push(`${label}: ${why}`);
    } catch (e) {
      if (!(e instanceof NotRepresentable)) throw e;
      reasons.push(`${label}: ${e.message}`);
    }
    return undefined;
  };
  const first = attempt(model, 'the first model');
  if (first !== undefined) return { witness: first };
  if (nums.length === 0) return { reason: reasons.join('; ') };
  const tries: [string, (x: ZExpr) => ZExpr][] = [
    ['with whole numbers', (x) => Z.IsInt(x)],
    ['with numbers in hundredths', (x) => Z.IsInt(x.mul(100))],
  ];
  for (const [label, c] of tries) {
    s.push();
    s.add(guard, ...nums.map(c));
    const r = await s.check();
    const w = r === 'sat' ? attempt(s.model(), label) : undefined;
    if (r !== 'sat') reasons.push(`${label}: ${r === 'unsat' ? 'none in this region' : 'the solver gave up'}`);
    s.pop();
    if (w !== undefined) return { witness: w };
  }
  return { reason: reasons.join('; ') };
}
