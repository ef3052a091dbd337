import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcParams } from '../../../../test/support/fc-config.ts';
import { shiftMonthsBy, shiftMonthsByTerm, yearOfDay } from './date-arith.ts';
import { DateFacts } from './date-facts.ts';
import { dayNumber, MAX_DAY, MIN_DAY } from './dates.ts';
import { freshZ3, type ZExpr } from './z3.ts';

/**
 * The calendar facts hold on every date: they are handed to the solver as true, so a false one
 * would let a diff prove `equivalent` wrongly. Each is evaluated on random dates (month ends, leap
 * days and the calendar's two ends drawn often) and amounts, with the terms they speak of.
 */
describe('calendar facts', () => {
  const day = fc.oneof(
    fc.integer({ min: MIN_DAY, max: MAX_DAY }),
    fc.constantFrom('2024-01-31', '2024-02-29', '2100-02-28', '2000-02-29', '0000-01-01', '9999-12-31', '9999-11-30', '2025-12-31').map(dayNumber),
    fc.integer({ min: 1890, max: 2110 }).chain((y) => fc.integer({ min: 1, max: 12 }).map((m) => dayNumber(`${y}-${String(m).padStart(2, '0')}-01`) - 1)),
  );

  it('hold for constant and input month moves and calendar years, alone and in pairs', async () => {
    const Z = await freshZ3();
    const d = Z.Int.const('d');
    const e = Z.Int.const('e');
    const n = Z.Int.const('n');
    const facts = new DateFacts(Z);
    for (const [x, k] of [[d, 3], [e, 4], [d, -13], [e, 120001]] as const) facts.monthMoveBy(x, shiftMonthsBy(Z, x, k), k);
    for (const x of [d, e]) facts.monthMove(x, shiftMonthsByTerm(Z, x, n), n);
    for (const x of [d, e]) facts.yearOf(x, yearOfDay(Z, x));
    const all: ZExpr[] = facts.take();
    expect(all.length).toBeGreaterThan(20);
    expect(facts.take()).toEqual([]);
    await fc.assert(
      fc.asyncProperty(day, day, fc.oneof(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -130000, max: 130000 })), async (dv, ev, nv) => {
        const m = new Z.Model();
        m.updateValue(d, Z.Int.val(dv));
        m.updateValue(e, Z.Int.val(ev));
        m.updateValue(n, Z.Int.val(nv));
        // (a fact's text prints its whole lookup table: the index names it)
        const broken = all.map((f, i) => (Z.isTrue(m.eval(f, true)) ? -1 : i)).filter((i) => i >= 0);
        expect(broken, `facts broken on ${dv}, ${ev}, ${nv}`).toEqual([]);
      }),
      fcParams(60),
    );
  }, 120_000);
});
