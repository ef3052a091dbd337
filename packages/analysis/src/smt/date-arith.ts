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
 * is the same lookup over the 400 years of the cycle. A move by an amount the policy computes (an
 * input's number of months) keeps the division chain: exact, but z3 may answer unknown.
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

const CYCLE = 146097;
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

/** `day + k months` for a constant k. */
export function shiftMonthsBy(Z: Z, day: ZExpr, k: bigint): ZExpr {
  const n = Number(k > BigInt(MONTHS_LIMIT) ? BigInt(MONTHS_LIMIT) : k < BigInt(-MONTHS_LIMIT) ? BigInt(-MONTHS_LIMIT) : k);
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

// ---- moves by an amount the input decides: the civil-calendar algorithms ----

/** (year, month, day) of a day number. */
export function civil(Z: Z, n: ZExpr): { y: ZExpr; m: ZExpr; d: ZExpr } {
  const z = n.add(719468);
  const era = z.div(146097);
  const doe = z.sub(era.mul(146097));
  const yoe = doe.sub(doe.div(1460)).add(doe.div(36524)).sub(doe.div(146096)).div(365);
  const doy = doe.sub(yoe.mul(365).add(yoe.div(4)).sub(yoe.div(100)));
  const mp = doy.mul(5).add(2).div(153);
  const d = doy.sub(mp.mul(153).add(2).div(5)).add(1);
  const m = Z.If(mp.lt(10), mp.add(3), mp.sub(9));
  const y = yoe.add(era.mul(400)).add(Z.If(m.le(2), Z.Int.val(1), Z.Int.val(0)));
  return { y, m, d };
}

function dayOfCivil(Z: Z, y: ZExpr, m: ZExpr, d: ZExpr): ZExpr {
  const yy = y.sub(Z.If(m.le(2), Z.Int.val(1), Z.Int.val(0)));
  const era = yy.div(400);
  const yoe = yy.sub(era.mul(400));
  const doy = Z.If(m.gt(2), m.sub(3), m.add(9)).mul(153).add(2).div(5).add(d).sub(1);
  const doe = yoe.mul(365).add(yoe.div(4)).sub(yoe.div(100)).add(doy);
  return era.mul(146097).add(doe).sub(719468);
}

/** `day + amount months` for an amount the input decides (a real, its whole part taken). */
export function shiftMonths(Z: Z, day: ZExpr, amount: ZExpr): ZExpr {
  const { y, m, d } = civil(Z, day);
  const total = y.mul(12).add(m).sub(1).add(truncToInt(Z, amount));
  const ny = total.div(12);
  const nm = total.sub(ny.mul(12)).add(1);
  const leap = Z.Or(Z.And(ny.mod(4).eq(0), Z.Not(ny.mod(100).eq(0))), ny.mod(400).eq(0));
  const last = Z.If(nm.eq(2), Z.If(leap, Z.Int.val(29), Z.Int.val(28)), Z.If(Z.Or(nm.eq(4), nm.eq(6), nm.eq(9), nm.eq(11)), Z.Int.val(30), Z.Int.val(31)));
  const nd = Z.If(d.lt(last), d, last);
  return Z.If(total.lt(0), Z.Int.val(MIN_DAY), Z.If(total.gt(9999 * 12 + 11), Z.Int.val(MAX_DAY), dayOfCivil(Z, ny, nm, nd)));
}
