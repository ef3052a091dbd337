/**
 * The solver's calendar is the interpreter's (docs/semantics.md, "Durations and date
 * arithmetic"): on random policies `d + K months`, `d - J years`, `d + D days`, `calendar year of
 * d` and `days between d and e`, with random constant amounts K, J, D and random dates (month
 * ends, leap days and the ends of the calendar drawn often), z3 evaluates the encoding with the
 * dates fixed (concrete.ts) and must give the reference interpreter's decision, field for field.
 * The constant month moves take the lookup encoding (smt/date-arith.ts); `d + n months` with
 * `n` an input (whole or half months) takes the month-number lookups, checked on the same dates.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate, resultToJson, validateInput, type RRecord } from '@pol/core';
import * as IR from '@pol/core/ir';
import { encodePolicy, evaluateEncoded } from '@pol/analysis/smt';
import { checkSource } from '../harness/policy-gen.ts';
import { fcParams } from '../support/fc-config.ts';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const lastDay = (y: number, m: number): number => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Dates of every kind: ordinary, month ends, Feb 29, century years, and the two ends of the calendar. */
const arbDate: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(d, lastDay(y, m)), 2)}`),
  fc.tuple(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(lastDay(y, m), 2)}`),
  fc.constantFrom('2024-02-29', '2000-02-29', '1900-02-28', '2100-03-01', '0000-01-01', '0000-02-29', '9999-12-31', '9999-11-30', '0000-01-31', '2025-01-31'),
);

/** Month amounts: small ones, whole years, and ones that leave the calendar. */
const arbMonths = fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constantFrom(12, -12, 48, -48, 1200, -1201, 119999, -120000, 130000));

describe('the solver calendar agrees with the interpreter', () => {
  it('month, year and day moves, calendar years and days between, on random dates', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbMonths,
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: -800, max: 800 }),
        fc.array(fc.tuple(arbDate, arbDate, fc.integer({ min: 0, max: 60 }).map((h) => h / 2)), { minLength: 4, maxLength: 4 }),
        async (k, j, days, cases) => {
          const program = checkSource(`
policy "calendar"
input I { d: Date  e: Date  n: months }
decision D { r(a: Date, b: Date, c: Date, f: Date, g: Date, y: Number, between: days) }
rule moves {
  cites "docs/semantics.md"
  decide r(a: d + ${k} months, b: d - ${j} years, c: d + ${days} days, f: d + n, g: d - n, y: calendar year of d, between: days between d and e)
}
otherwise decide r(a: d, b: d, c: d, f: d, g: d, y: 0, between: 0 days)
`);
          const ep = await encodePolicy(IR.toIr(program), 1);
          for (const [d, e, n] of cases) {
            const v = validateInput(program, { d, e, n });
            if (!v.ok) throw new Error(JSON.stringify(v.errors));
            const expected = resultToJson(program, evaluate(program, v.value)).decision;
            const got = evaluateEncoded(ep, v.value as RRecord).decision;
            expect({ d, e, n, ...got }).toEqual({ d, e, n, ...expected });
          }
        },
      ),
      fcParams(12),
    );
  }, 300_000);
});
