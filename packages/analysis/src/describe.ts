/** Region descriptions: the enum and Boolean input fields a region pins, and its date bounds, each proved. */
import * as IR from '@pol/core/ir';
import type { Encoder } from './smt/encode.ts';
import type { Universe } from './smt/universe.ts';
import type { SV } from './smt/values.ts';
import type { JsonValue } from './witness.ts';
import { dayNumber, fromDayNumber, MAX_DAY, MIN_DAY } from './smt/dates.ts';
import type { Z, ZExpr } from './smt/z3.ts';

/** Which enum input fields the region pins to the witness's value, and its date range. */
export async function describeRegion(Z: Z, input: { readonly value: SV }, enc: Encoder<{ readonly value: SV }>, u: Universe, s: ZExpr, region: ZExpr, w: JsonValue, dates: number[]): Promise<string[]> {
  const out: string[] = [];
  // the solver `s` holds the difference; each question is asked inside push/pop, briefly
  const unsatWith = async (...cs: ZExpr[]): Promise<boolean> => {
    s.push();
    s.add(region, ...cs);
    const r = await s.check();
    s.pop();
    return r === 'unsat';
  };
  const walk = async (v: SV, path: string, j: JsonValue, cond: ZExpr[]): Promise<void> => {
    if (v.t === 'rec' && j && typeof j === 'object' && !Array.isArray(j)) {
      for (const [k, x] of v.f) await walk(x, path ? `${path}.${k}` : k, (j as Record<string, JsonValue>)[k] ?? null, cond);
    } else if (v.t === 'opt' && j !== null) {
      await walk(v.v, path, j, [...cond, v.p]);
    } else if (v.t === 'enum' && typeof j === 'string') {
      if (await unsatWith(Z.Not(Z.And(...cond, v.v.eq(u.index(v.name, j)))))) out.push(`${path} is ${j}`);
    } else if (v.t === 'bool' && typeof j === 'boolean') {
      if (await unsatWith(Z.Not(Z.And(...cond, j ? v.v : Z.Not(v.v))))) out.push(`${path} is ${j}`);
    }
  };
  await walk(input.value, '', w, []);
  if (enc.asOf !== undefined && typeof w === 'object' && w && !Array.isArray(w)) {
    const name = enc.program.input.asOf!;
    const d0 = dayNumber(String((w as Record<string, JsonValue>)[name]));
    // bounds of the region's dates among the dates the policies mention (binary search; each bound proved)
    const cands = [MIN_DAY, ...dates, MAX_DAY + 1].filter((x, k, xs) => xs.indexOf(x) === k).sort((a, b) => a - b);
    const below = cands.filter((c) => c <= d0);
    let lo = 0;
    let hi = below.length - 1; // find the largest c in below with no region date < c
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (await unsatWith(enc.asOf.lt(below[mid]!))) lo = mid;
      else hi = mid - 1;
    }
    if (below[lo]! > MIN_DAY) out.push(`${name} >= ${fromDayNumber(below[lo]!)}`);
    const above = cands.filter((c) => c > d0);
    lo = 0;
    hi = above.length - 1; // the smallest c in above with no region date >= c
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await unsatWith(enc.asOf.ge(above[mid]!))) hi = mid;
      else lo = mid + 1;
    }
    if (above[lo]! <= MAX_DAY) out.push(`${name} < ${fromDayNumber(above[lo]!)}`);
  }
  return out;
}

/** Every date a program decides by (rule dates, set membership changes, date literals), as day numbers. */
export function datesIn(p: IR.Program): number[] {
  const out: number[] = [];
  const walk = (e: IR.Expr): void => {
    if (e.k === 'date') out.push(dayNumber(e.value));
    IR.children(e).forEach(walk);
  };
  IR.everyExpr(p).forEach(walk);
  for (const r of IR.allRules(p)) for (const d of [r.from, r.until]) if (d !== undefined) out.push(dayNumber(d));
  for (const s of p.sets) for (const r of s.ranges) if (r.from !== undefined) out.push(dayNumber(r.from));
  return out;
}
