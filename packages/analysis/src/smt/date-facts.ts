/**
 * True facts about the calendar terms of one query (date-arith.ts), for the solver to read beside
 * them. They change no answer (each holds for every date), only how fast z3 proves one.
 *
 * Why: a month move is a lookup table on the day of the 400-year cycle, and z3 knows nothing of a
 * table until it has case-split on its entries. A diff asks questions about every input at once,
 * so proving that no input of `shipped < date + 3 months` escapes `shipped < date + 4 months`
 * meant splitting both tables entry by entry against each other (89 s). Each move is within a few
 * days of its average length (`date + 3 months` is 89 to 92 days after `date`), and moves are
 * monotone in the date and in the amount; written as linear facts on the move's own term, z3
 * closes such a question by bound propagation. `calendar year of` gets its two facts likewise.
 */
import { dayNumberOf as civilDay, daysInMonth as lengthOf } from '@pol/core/checker';
import { CYCLE, CYCLE_MONTHS as MONTHS, monthPieces } from './date-arith.ts';
import { MAX_DAY, MIN_DAY } from './dates.ts';
import type { Z, ZExpr } from './z3.ts';

interface Move {
  readonly day: ZExpr;
  readonly moved: ZExpr;
  /** the number of months, an Int term */
  readonly n: ZExpr;
}

/** The least and greatest `moved - day` of a move by `k` months over a cycle, before the calendar's ends clamp it. */
function constantRange(k: number): [number, number] {
  const ps = monthPieces(k);
  let lo = Infinity;
  let hi = -Infinity;
  ps.forEach((p, i) => {
    const end = (ps[i + 1]?.from ?? CYCLE) - 1;
    // an `add` piece moves every day by c; a constant piece sends its days to c
    const [a, b] = p.add ? [p.c, p.c] : [p.c - end, p.c - p.from];
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  });
  return [lo, hi];
}

/**
 * For a move by any n months: `4800 * (moved - day) - 146097 * n` lies in [lo, hi]. The first day
 * of month M of the cycle is `146097 * M / 4800 + e(M) / 4800` with e periodic, and a day past the
 * target month's end loses at most 3 days.
 */
const anyRange = ((): [number, number] => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let m = 0; m < MONTHS; m++) {
    const e = MONTHS * (civilDay(Math.floor(m / 12), (m % 12) + 1, 1) - MIN_DAY) - CYCLE * m;
    lo = Math.min(lo, e);
    hi = Math.max(hi, e);
  }
  return [lo - hi - 3 * MONTHS, hi - lo];
})();

/** `400 * (day - 0000-01-01) - 146097 * year` lies in [lo, hi] (the year's first day, or its last). */
const yearRange = ((): [number, number] => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let y = 0; y < 400; y++) {
    const first = civilDay(y, 1, 1) - MIN_DAY;
    const last = first + (lengthOf(y, 2) === 29 ? 365 : 364);
    lo = Math.min(lo, 400 * first - CYCLE * y);
    hi = Math.max(hi, 400 * last - CYCLE * y);
  }
  return [lo, hi];
})();

/** At most this many moves are related pairwise (the facts grow with the square). */
const PAIRS_LIMIT = 40;

export class DateFacts {
  private readonly moves: Move[] = [];
  private readonly years: { readonly day: ZExpr; readonly year: ZExpr }[] = [];
  private pending: ZExpr[] = [];

  constructor(private readonly Z: Z) {}

  /** `moved` is `day` moved by the constant `k` months (`day` when the move leaves it). */
  monthMoveBy(day: ZExpr, moved: ZExpr, k: number): void {
    const [lo, hi] = constantRange(k);
    this.clamped(moved, day.add(lo), day.add(hi));
    this.relate({ day, moved, n: this.Z.Int.val(k) });
  }

  /** `moved` is `day` moved by the Int term `n` months. */
  monthMove(day: ZExpr, moved: ZExpr, n: ZExpr): void {
    const [lo, hi] = anyRange;
    // scaled by 4800, so the bounds are whole numbers: moved is within [day + (146097 n + lo) / 4800, ... hi ...]
    const scaled = moved.sub(day).mul(MONTHS).sub(n.mul(CYCLE));
    const Z = this.Z;
    this.pending.push(moved.ge(MIN_DAY), moved.le(MAX_DAY), Z.Or(moved.eq(MAX_DAY), scaled.ge(lo)), Z.Or(moved.eq(MIN_DAY), scaled.le(hi)));
    this.relate({ day, moved, n });
  }

  /** `year` is `calendar year of day`. */
  yearOf(day: ZExpr, year: ZExpr): void {
    const scaled = day.sub(MIN_DAY).mul(400).sub(year.mul(CYCLE));
    this.pending.push(scaled.ge(yearRange[0]), scaled.le(yearRange[1]));
    for (const o of this.years.slice(0, PAIRS_LIMIT)) this.pending.push(this.Z.Implies(o.day.le(day), o.year.le(year)), this.Z.Implies(day.le(o.day), year.le(o.year)));
    this.years.push({ day, year });
  }

  /** The facts not yet handed out: the caller asserts them beside the terms. */
  take(): ZExpr[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** `moved` is `u` clamped to the calendar, for some `u` in [lo, hi]. */
  private clamped(moved: ZExpr, lo: ZExpr, hi: ZExpr): void {
    const Z = this.Z;
    this.pending.push(moved.ge(MIN_DAY), moved.le(MAX_DAY), Z.Or(moved.eq(MAX_DAY), moved.ge(lo)), Z.Or(moved.eq(MIN_DAY), moved.le(hi)));
  }

  /**
   * A later date moved by more months is not earlier: with every move seen so far, and with each
   * moved date itself as a move by 0 months (`date - 0 years` is `date`, and `shipped > date + n`
   * with `shipped <= date` needs `date + n months >= date` for n >= 0).
   */
  private relate(x: Move): void {
    const Z = this.Z;
    if (!x.moved.eqIdentity(x.day) && !this.moves.some((o) => o.moved.eqIdentity(x.day))) this.relate({ day: x.day, moved: x.day, n: Z.Int.val(0) });
    for (const o of this.moves.slice(0, PAIRS_LIMIT)) {
      this.pending.push(Z.Implies(Z.And(o.day.le(x.day), o.n.le(x.n)), o.moved.le(x.moved)), Z.Implies(Z.And(x.day.le(o.day), x.n.le(o.n)), x.moved.le(o.moved)));
    }
    this.moves.push(x);
  }
}
