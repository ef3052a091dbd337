/**
 * A confirmed witness for a region, or the reason there is none. z3 answers over the reals, so its
 * first model may hold a number such as 26900001/26900000 that no JSON decimal writes exactly, or
 * a value the interpreter reads otherwise at a boundary, or a ledger balance that an evaluation
 * without a store does not see; then the same region is asked again with the balances as such an
 * evaluation reads them, then with every number a whole number, then with every number in
 * hundredths, before the region is given up (and reported as not covered, never dropped). A
 * witness counts only when the interpreter decides it by the region's own rules.
 */
import type { Universe } from './smt/universe.ts';
import { inIndices, type SV } from './smt/values.ts';
import type { Z, ZExpr } from './smt/z3.ts';
import { modelToJson, NotRepresentable, type JsonValue } from './witness.ts';
import { dayNumber } from './smt/dates.ts';

export type Found = { readonly witness: JsonValue } | { readonly reason: string };

/** Every number constant of a symbolic input. */
export function numConsts(v: SV, out: ZExpr[] = []): ZExpr[] {
  if (v.t === 'num') out.push(v.v);
  else if (v.t === 'opt') numConsts(v.v, out);
  else if (v.t === 'rec') for (const x of v.f.values()) numConsts(x, out);
  else if (v.t === 'list') for (const x of v.items) numConsts(x, out);
  return out;
}

/** The model as a witness, if the interpreter confirms it (`judge` returns undefined). */
export function attemptModel(m: ZExpr, u: Universe, value: SV, judge: (w: JsonValue) => string | undefined): JsonValue | undefined {
  try {
    const w = modelToJson(m, u, value);
    return judge(w) === undefined ? w : undefined;
  } catch (e) {
    if (!(e instanceof NotRepresentable)) throw e;
    return undefined;
  }
}

/**
 * `judge` returns undefined when the interpreter confirms the witness, else why not. `s` holds the
 * question (with earlier regions blocked); `model` is its current answer, inside `guard`.
 */
export async function findWitness(Z: Z, s: ZExpr, guard: ZExpr, model: ZExpr, u: Universe, value: SV, nums: readonly ZExpr[], judge: (w: JsonValue) => string | undefined, prefer: readonly ZExpr[] = []): Promise<Found> {
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
  // a realistic witness first: each preference a tracked assumption, the ones the region cannot
  // meet (the unsat core) dropped, at most three times; then the model as the solver found it
  if (prefer.length > 0) {
    s.push();
    s.add(guard);
    let lits = prefer.map((p, i) => {
      const l = Z.Bool.const(`prefer#${i}`);
      s.add(Z.Implies(l, p));
      return l;
    });
    let found: JsonValue | undefined;
    for (let round = 0; round < 3 && found === undefined; round++) {
      const r = await s.check(...lits);
      if (r === 'sat') {
        found = attempt(s.model(), 'a witness with round numbers and common values');
        break;
      }
      if (r !== 'unsat') break;
      const core = new Set<string>([...s.unsatCore()].map((x: ZExpr) => x.toString()));
      const rest = lits.filter((l) => !core.has(l.toString()));
      if (rest.length === lits.length) break;
      lits = rest;
    }
    s.pop();
    if (found !== undefined) return { witness: found };
  }
  const first = attempt(model, 'the first model');
  if (first !== undefined) return { witness: first };
  // `guard` may say more than the question did (each ledger's balance as an evaluation without a
  // store reads it): the first model can lie outside it, so the region is asked again under it
  // alone before any number is constrained (integrality makes a query mixed-integer, and slow)
  const tries: [string, ((x: ZExpr) => ZExpr) | undefined][] = [
    ['with the ledgers as an evaluation reads them', undefined],
    ['with whole numbers', (x) => Z.IsInt(x)],
    ['with numbers in hundredths', (x) => Z.IsInt(x.mul(100))],
  ];
  for (const [label, c] of tries) {
    if (c && nums.length === 0) break;
    s.push();
    s.add(guard, ...(c ? nums.map(c) : []));
    const r = await s.check();
    const w = r === 'sat' ? attempt(s.model(), label) : undefined;
    if (r !== 'sat') reasons.push(`${label}: ${r === 'unsat' ? 'none in this region' : 'the solver gave up'}`);
    s.pop();
    if (w !== undefined) return { witness: w };
  }
  return { reason: reasons.join('; ') };
}

/** Countries a reader knows, for witnesses (an enum of more than 30 members is taken to be a list of countries or the like). */
export const COMMON = ['US', 'GB', 'DE', 'FR', 'JP', 'CA', 'IT', 'NL', 'KR', 'AU', 'IN', 'BR', 'MX', 'SG', 'IL', 'PL', 'AE', 'SA', 'CH', 'SE', 'ES', 'TR', 'ZA', 'CN', 'RU', 'IR', 'VE', 'KH', 'MO'];

/**
 * Well-known members of long enums, asked of the solver (cheap: an integer range). Numbers are
 * made round afterwards by `roundNumbers`: asking z3 for multiples of 1,000 makes each query a
 * mixed-integer problem, which cost more than the rest of the IFR diff together.
 */
export function preferences(Z: Z, u: Universe, v: SV, out: ZExpr[] = []): ZExpr[] {
  if (v.t === 'date') {
    // a date a reader recognises as now-ish (the solver's first choice is day 0, 1970-01-01)
    out.push(Z.And(v.v.ge(dayNumber('2024-01-01')), v.v.le(dayNumber('2027-12-31'))));
  } else if (v.t === 'enum') {    const members = u.enums.get(v.name) ?? [];
    if (members.length > 30) {
      const known = COMMON.filter((c) => members.includes(c));
      // first within their classes (Universe.cluster): a few intervals of indices
      if (known.length) out.push(inIndices(Z, v.v, known.map((c) => u.index(v.name, c))));
    }
  } else if (v.t === 'opt') preferences(Z, u, v.v, out);
  else if (v.t === 'rec') for (const x of v.f.values()) preferences(Z, u, x, out);
  else if (v.t === 'list') for (const x of v.items) preferences(Z, u, x, out);
  return out;
}

/**
 * Rounds the numbers of a witness that are fractions (0.5 becomes 1 or 0) or have more than three
 * significant digits (26900001 becomes 27000000) and are not a number the policy names, each kept
 * only when `keep` still accepts the witness (the interpreter: the same deciding rules and the
 * same change).
 */
export function roundNumbers(w: JsonValue, named: ReadonlySet<string>, keep: (w: JsonValue) => boolean): JsonValue {
  let cur = w;
  const paths: (string | number)[][] = [];
  const walk = (v: JsonValue, path: (string | number)[]): void => {
    if (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v))) paths.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(w, []);
  // twice: a number that could not move alone may move once another has (an item's TPP above a
  // VEU's remaining TPP until that is rounded up too)
  for (const path of [...paths, ...paths]) {
    const value = String(jsonGet(cur, path));
    if (named.has(value)) continue;
    // a fraction becomes a whole number where it can (half a unit shipped reads as a mistake)
    const x = Number(value);
    const whole = Number.isFinite(x) && !Number.isInteger(x) ? [...new Set([Math.round(x), Math.floor(x), Math.ceil(x)])] : [];
    if (whole.length === 0 && significant(value) <= 3) continue;
    for (const c of [...whole, ...roundings(value)]) {
      const next = jsonSet(cur, path, c);
      if (keep(next)) {
        cur = next;
        break;
      }
    }
  }
  // a region on a sum (26,900,000 TPP exactly, received plus shipped) moves no one number: a whole
  // number rounded together with another whole number moved the other way keeps the sum
  // (4,799 and 26,895,201 become 5,000 and 26,895,000)
  const whole = (path: (string | number)[]): number | undefined => {
    const v = jsonGet(cur, path);
    const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    return Number.isSafeInteger(x) && !named.has(String(v)) ? x : undefined;
  };
  for (const p of paths) {
    const x = whole(p);
    if (x === undefined || significant(String(x)) <= 3) continue;
    search: for (const c of roundings(String(x))) {
      for (const q of paths) {
        const y = q === p ? undefined : whole(q);
        // the other number moves by at most its own size (4,799 TPP is not to become 6,900,000)
        const moved = y === undefined || typeof c !== 'number' ? undefined : y + x - c;
        if (moved === undefined || !Number.isSafeInteger(moved) || moved < y! / 2 || moved > 2 * y!) continue;
        const next = jsonSet(jsonSet(cur, p, c), q, moved);
        if (keep(next)) {
          cur = next;
          break search;
        }
      }
    }
  }
  return cur;
}

function significant(d: string): number {
  return d.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

/** `d` to one, two and three significant digits, down and up (numbers only; exact in decimal). */
function roundings(d: string): JsonValue[] {
  const x = Number(d);
  if (!Number.isFinite(x) || Math.abs(x) > Number.MAX_SAFE_INTEGER) return [];
  const out: number[] = [];
  for (const sig of [1, 2, 3]) {
    const p = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - sig + 1);
    for (const r of [Math.round(x / p) * p, Math.floor(x / p) * p, Math.ceil(x / p) * p]) {
      const v = Number(r.toPrecision(15));
      if (!out.includes(v) && v !== x) out.push(v);
    }
  }
  return out;
}

/** The value at `path`, or undefined where the path leaves the value. */
export function jsonGet(v: JsonValue | undefined, path: readonly (string | number)[]): JsonValue | undefined {
  let cur = v;
  for (const k of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, JsonValue>)[k as string] : undefined;
  return cur;
}

export function jsonSet(v: JsonValue, path: readonly (string | number)[], x: JsonValue): JsonValue {
  if (path.length === 0) return x;
  const [k, ...rest] = path;
  if (Array.isArray(v)) return v.map((y, i) => (i === k ? jsonSet(y, rest, x) : y));
  const o = v as Record<string, JsonValue>;
  return { ...o, [k as string]: jsonSet(o[k as string]!, rest, x) };
}
