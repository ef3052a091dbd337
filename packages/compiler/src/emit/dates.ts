/**
 * The "as of" date as a small integer (docs/compiled-module.md, "Code shape"). Every date that the
 * evaluation compares the as-of date with is known at compile time: the rules' effective dates,
 * the cuts of dated sets and the literals of conditions such as `date < 2025-05-15`. Sorted once
 * here, they split the calendar into intervals; `begin` finds the input's interval with a few
 * string comparisons (a balanced tree) and stores its number in `DI`. Each of those tests is then a
 * comparison of small integers, and a dated set is an array of sets indexed by `DI`, so a call
 * compares date strings a fixed, logarithmic number of times however many tests it makes.
 *
 * DI = the number of dates <= the as-of date, in 0..n. The as-of field is a required Date (the
 * checker's check/as-of-not-date), so a validated input always has one; a policy without `as of`
 * keeps no DI (the checker refuses dated rules and members there).
 */
import * as I from '@pol/core/ir';
import { lit } from './text.ts';

export class DateIndex {
  /** the dates, sorted, distinct */
  readonly dates: readonly string[];
  private readonly at = new Map<string, number>();

  constructor(private readonly p: I.Program) {
    const found = new Set<string>();
    if (p.input.asOf !== undefined) {
      for (const r of I.allRules(p)) {
        if (r.from !== undefined) found.add(r.from);
        if (r.until !== undefined) found.add(r.until);
      }
      for (const s of p.sets) for (const r of s.ranges) if (r.until !== undefined) found.add(r.until);
      const walk = (e: I.Expr): void => {
        const t = this.asOfTest(e);
        if (t) found.add(t.date);
        I.children(e).forEach(walk);
      };
      I.everyExpr(p).forEach(walk);
    }
    this.dates = [...found].sort();
    this.dates.forEach((d, k) => this.at.set(d, k));
  }

  /** whether the module keeps DI (the policy has an as-of date and compares it with some date) */
  get active(): boolean {
    return this.dates.length > 0;
  }

  /** Code for "the as-of date < d", d one of the dates. */
  before(d: string): string {
    return `DI <= ${this.index(d)}`;
  }

  /** Code for "the as-of date >= d", d one of the dates. */
  notBefore(d: string): string {
    return `DI > ${this.index(d)}`;
  }

  /** The code `begin` runs: DI of the date `on` (code for the input's as-of field). */
  compute(on: string): string {
    const tree = (lo: number, hi: number): string => {
      if (lo === hi) return String(lo);
      const mid = (lo + hi + 1) >> 1;
      return `(${on} < ${lit(this.dates[mid - 1]!)} ? ${tree(lo, mid - 1)} : ${tree(mid, hi)})`;
    };
    return `DI = ${tree(0, this.dates.length)};`;
  }

  /**
   * For each DI (0..n), the index of the range of `s` holding that interval: every
   * cut of a set is one of the dates, so an interval lies within one range.
   */
  rangesByIndex(s: I.SetDef): number[] {
    const out: number[] = [];
    for (let k = 0; k <= this.dates.length; k++) {
      // the interval's first day (k = 0: before every date, the first range)
      const lo = k === 0 ? undefined : this.dates[k - 1]!;
      out.push(lo === undefined ? 0 : s.ranges.findIndex((r) => (r.from === undefined || r.from <= lo) && (r.until === undefined || lo < r.until)));
    }
    return out;
  }

  /**
   * `asOf < d` or `asOf >= d` with d a date literal, either way round: the tests DI answers. Other
   * date comparisons (`<=`, `=`, two fields, shifted dates) stay string comparisons.
   */
  asOfTest(e: I.Expr): { readonly op: '<' | '>='; readonly date: string } | undefined {
    if (e.k !== 'cmp' || e.domain !== 'date') return undefined;
    const asOf = this.p.input.asOf;
    // the field itself, present here (a narrowed optional has its inner type)
    const isAsOf = (x: I.Expr): boolean => x.k === 'input' && x.field === asOf && x.type.kind !== 'optional';
    if (isAsOf(e.l) && e.r.k === 'date' && (e.op === '<' || e.op === '>=')) return { op: e.op, date: e.r.value };
    // d > asOf is asOf < d; d <= asOf is asOf >= d
    if (isAsOf(e.r) && e.l.k === 'date' && (e.op === '>' || e.op === '<=')) return { op: e.op === '>' ? '<' : '>=', date: e.l.value };
    return undefined;
  }

  private index(d: string): number {
    const k = this.at.get(d);
    if (k === undefined) throw new Error(`internal error: ${d} is not among the as-of dates`);
    return k;
  }
}
