/**
 * Date arithmetic in the solver, on day numbers (Int, days from 1970-01-01), exactly as
 * docs/semantics.md defines it (month ends clamp, leap days, results clamped to 0000-9999).
 *
 * Why not the civil-calendar algorithms with integer division: they are linear integer arithmetic,
 * so z3 decides them in principle, but a chain of a dozen divisions by 146097, 36524, 1460, 365,
 * 153 and 5 gives its branch and bound lattices it cannot search: `notified + 1 month <= shipped`
 * with `shipped` fixed ran out of time (issue 13 review). The calendar repeats every 400 years
 * (146,097 days), so for a move by a constant number of months the date is taken apart as
 * `cycle * 146097 + r` (the cycle found by comparisons) and the move is a lookup on `r`:
 * a balanced tree of comparisons `r < start` over the pieces of the cycle on which the moved date
 * is `r + c` (most days of a month) or a constant (the days past the end of a shorter target
 * month). Those are bounds on one term, which z3 propagates without search. `calendar year of`
 * is the same lookup over the 400 years of the cycle. A move by an amount the input decides is
 * the same idea on month numbers (`shiftMonthsByTerm`).
 */
import type * as IR from '@pol/core/ir';
import { Rational, dayNumberOf as civilDay, daysInMonth as lengthOf } from '@pol/core/checker';
import { MAX_DAY, MIN_DAY } from './dates.ts';
import type { Z, ZExpr } from './z3.ts';

/** The whole part of a real (toward zero), as an Int. */
export function truncToInt(Z: Z, r: ZExpr): ZExpr {
  return Z.If(r.ge(0), Z.ToInt(r), Z.ToInt(r.neg()).neg());
}

function clampDay(Z: Z, n: ZExpr): ZExpr {
  return Z.If(n.lt(MIN_DAY), Z.Int.val(MIN_DAY), Z.If(n.gt(MAX_DAY), Z.Int.val(MAX_DAY), n));
}

export function shiftDays(Z: Z, day: ZExpr, amount: ZExpr): ZExpr {
  return clampDay(Z, day.add(truncToInt(Z, amount)));
}

/**
 * The amount of a date move when it is a constant (a literal, a `const`, `n years` as `12 * n`),
 * as its whole part; undefined when it depends on the input.
 */
export function constantAmount(program: IR.Program, e: IR.Expr): bigint | undefined {
  const r = constValue(program, e, 0);
  if (!r) return undefined;
  // toward zero, as every engine drops the fraction
  return r.num < 0n ? -(-r.num / r.den) : r.num / r.den;
}

function constValue(program: IR.Program, e: IR.Expr, depth: number): Rational | undefined {
  if (depth > 50) return undefined;
  switch (e.k) {
    case 'num':
      return e.value;
    case 'neg': {
      const a = constValue(program, e.arg, depth + 1);
      return a && a.neg();
    }
    case 'def': {
      const d = program.defs[e.id];
      return d && constValue(program, d.value, depth + 1);
    }
    case 'arith': {
      const l = constValue(program, e.l, depth + 1);
      const r = l && constValue(program, e.r, depth + 1);
      if (!l || !r) return undefined;
      if (e.op === '+') return l.add(r);
      if (e.op === '-') return l.sub(r);
      if (e.op === '*') return l.mul(r);
      // division by zero is zero (docs/semantics.md)
      return r.num === 0n ? Rational.ZERO : l.div(r);
    }
    default:
      return undefined;
  }
}

// ---- the 400-year cycle, in plain numbers ----

/** days in the 400-year cycle of the Gregorian calendar */
export const CYCLE = 146097;
/** months in the cycle */
export const CYCLE_MONTHS = 4800;
/** 0000-01-01 .. 9999-12-31 is 25 cycles */
const CYCLES = 25;

/** From `from` (a day of the cycle, 0 = 0000-01-01) on: the moved day is `r + c` ('add') or `c` ('const'), cycle-relative. */
interface Piece {
  readonly from: number;
  readonly add: boolean;
  readonly c: number;
}

/** The pieces of "move by k months" over one cycle, adjacent equal pieces merged. */
export function monthPieces(k: number): Piece[] {
  const out: Piece[] = [];
  const push = (p: Piece): void => {
    const q = out[out.length - 1];
    if (!q || q.add !== p.add || q.c !== p.c) out.push(p);
  };
  let r = 0;
  for (let y = 0; y < 400; y++)
    for (let m = 1; m <= 12; m++) {
      const t = y * 12 + m - 1 + k;
      const ny = Math.floor(t / 12);
      const nm = t - ny * 12 + 1;
      const target = civilDay(ny, nm, 1) - MIN_DAY;
      const fits = lengthOf(ny, nm);
      push({ from: r, add: true, c: target - r });
      // days past the target month's end: its last day
      if (lengthOf(y, m) > fits) push({ from: r + fits, add: false, c: target + fits - 1 });
      r += lengthOf(y, m);
    }
  return out;
}

/** The year of the cycle (0-399) from each day on. */
function yearPieces(): Piece[] {
  const out: Piece[] = [];
  for (let y = 0; y < 400; y++) out.push({ from: civilDay(y, 1, 1) - MIN_DAY, add: false, c: y });
  return out;
}

/** Lookup trees on a placeholder `r`, per context: built once (thousands of nodes), substituted at each use. */
const trees = new WeakMap<object, Map<string, { r: ZExpr; t: ZExpr }>>();

function tree(Z: Z, key: string, pieces: () => Piece[]): { r: ZExpr; t: ZExpr } {
  let byKey = trees.get(Z);
  if (!byKey) trees.set(Z, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const r = Z.Int.const('cal#r');
  const ps = pieces();
  const build = (lo: number, hi: number): ZExpr => {
    if (hi - lo === 1) {
      const p = ps[lo]!;
      return p.add ? r.add(p.c) : Z.Int.val(p.c);
    }
    const mid = (lo + hi) >> 1;
    return Z.If(r.lt(ps[mid]!.from), build(lo, mid), build(mid, hi));
  };
  const made = { r, t: build(0, ps.length) };
  byKey.set(key, made);
  return made;
}

/** `day` as `cycle * 146097 + r` (0000-01-01 is day 0 of cycle 0). */
function split(Z: Z, day: ZExpr): { cycle: ZExpr; r: ZExpr } {
  const z = day.sub(MIN_DAY);
  // the cycle by comparisons, not `div`: bounds on the day then fix the cycle, and so bound r, by
  // propagation alone (a quotient is an integer only after branch and bound)
  const pick = (lo: number, hi: number): ZExpr => {
    if (hi - lo === 1) return Z.Int.val(lo);
    const mid = (lo + hi) >> 1;
    return Z.If(z.lt(mid * CYCLE), pick(lo, mid), pick(mid, hi));
  };
  const cycle = pick(0, CYCLES);
  return { cycle, r: z.sub(cycle.mul(CYCLE)) };
}

/** The most months a move can usefully take: beyond, every date leaves the calendar. */
const MONTHS_LIMIT = 10000 * 12 + 12;

/** A constant number of months as a move takes it: beyond the limit every date leaves the calendar alike. */
export function clampMonths(k: bigint): number {
  return Number(k > BigInt(MONTHS_LIMIT) ? BigInt(MONTHS_LIMIT) : k < BigInt(-MONTHS_LIMIT) ? BigInt(-MONTHS_LIMIT) : k);
}

/** `day + n months` for a constant n (`clampMonths`). */
export function shiftMonthsBy(Z: Z, day: ZExpr, n: number): ZExpr {
  if (n === 0) return day;
  const { cycle, r } = split(Z, day);
  const t = tree(Z, `m${n}`, () => monthPieces(n));
  // a target month past 9999-12 lands past 9999-12-31, one before 0000-01 before 0000-01-01
  return clampDay(Z, Z.substitute(t.t, [t.r, r]).add(cycle.mul(CYCLE)).add(MIN_DAY));
}

/** `calendar year of day`. */
export function yearOfDay(Z: Z, day: ZExpr): ZExpr {
  const { cycle, r } = split(Z, day);
  const t = tree(Z, 'year', yearPieces);
  return Z.substitute(t.t, [t.r, r]).add(cycle.mul(400));
}

// ---- moves by an amount the input decides: year and month of the cycle, still lookups ----

const leapYear = (y: number): boolean => lengthOf(y, 2) === 29;
/** days before month m (0-11) of a common year */
const BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const COMMON_LENGTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A table on an index: `values[i]` from `i` on, adjacent equal values merged (`scale`: index step). */
function table(values: readonly number[], scale = 1): Piece[] {
  const out: Piece[] = [];
  values.forEach((c, i) => {
    if (out.at(-1)?.c !== c) out.push({ from: i * scale, add: false, c });
  });
  return out;
}

const YEARS = Array.from({ length: 400 }, (_, y) => y);
const yearStarts = (): Piece[] => table(YEARS.map((y) => civilDay(y, 1, 1) - MIN_DAY));
const leaps = (): Piece[] => table(YEARS.map((y) => (leapYear(y) ? 1 : 0)));
/** the year of the cycle of a month of the cycle (0-4799) */
const yearOfMonth = (): Piece[] => table(YEARS, 12);
/** the month (0-11) of a day of a common year (0-364) */
const monthOfDay = (): Piece[] => BEFORE.map((from, m) => ({ from, add: false, c: m }));
const monthBefore = (): Piece[] => table(BEFORE);
const monthLength = (): Piece[] => table(COMMON_LENGTH);

function lookup(Z: Z, key: string, pieces: () => Piece[], at: ZExpr): ZExpr {
  const t = tree(Z, key, pieces);
  return Z.substitute(t.t, [t.r, at]);
}

/** The last month number of the calendar (9999-12), months from 0000-01. */
const LAST_MONTH = 9999 * 12 + 11;

/**
 * `day + n months` for an Int `n` the input decides. Why not the civil-calendar division chain:
 * `shipped = date + n months` took z3 33 s to satisfy. Nor one table over the 4,800 months of the
 * cycle: z3 case-splits on every comparison of every table it meets (it did 80,000 decisions), so
 * small tables win. The day of the cycle gives the year of the cycle (400 entries), the day of
 * the year and so the month (12, a leap year read as its common twin); the target month number
 * is a sum; its cycle is found by comparisons, its year of the cycle by a table on the month of
 * the cycle, and its first day and length from the year's first day, leap flag and month tables.
 */
export function shiftMonthsByTerm(Z: Z, day: ZExpr, n: ZExpr): ZExpr {
  const { cycle, r } = split(Z, day);
  const y = lookup(Z, 'year', yearPieces, r);
  const leap = lookup(Z, 'leap', leaps, y);
  const doy = r.sub(lookup(Z, 'yearStart', yearStarts, y));
  // Feb 29 reads as Feb 28 and the later days one day earlier: the month of a common year
  const march = Z.If(doy.ge(59), doy.sub(leap), doy);
  const m = lookup(Z, 'monthOfDay', monthOfDay, march);
  const start = (mm: ZExpr, l: ZExpr): ZExpr => lookup(Z, 'monthBefore', monthBefore, mm).add(Z.If(mm.ge(2), l, Z.Int.val(0)));
  const offset = doy.sub(start(m, leap));
  const total = cycle.mul(400).add(y).mul(12).add(m).add(n);
  const pick = (lo: number, hi: number): ZExpr => {
    if (hi - lo === 1) return Z.Int.val(lo);
    const mid = (lo + hi) >> 1;
    return Z.If(total.lt(mid * CYCLE_MONTHS), pick(lo, mid), pick(mid, hi));
  };
  const cycle2 = pick(0, CYCLES);
  const monthOfCycle = total.sub(cycle2.mul(4800));
  const y2 = lookup(Z, 'yearOfMonth', yearOfMonth, monthOfCycle);
  const m2 = monthOfCycle.sub(y2.mul(12));
  const leap2 = lookup(Z, 'leap', leaps, y2);
  const first = lookup(Z, 'yearStart', yearStarts, y2).add(start(m2, leap2));
  const length = lookup(Z, 'monthLength', monthLength, m2).add(Z.If(m2.eq(1), leap2, Z.Int.val(0)));
  // a day past the target month's end becomes its last day
  const moved = first.add(Z.If(offset.lt(length), offset, length.sub(1))).add(cycle2.mul(CYCLE)).add(MIN_DAY);
  return Z.If(total.lt(0), Z.Int.val(MIN_DAY), Z.If(total.gt(LAST_MONTH), Z.Int.val(MAX_DAY), moved));
}

