/**
 * Amendments of month and year arithmetic (issue: `pol diff` took 91 s on `3 months` -> `4
 * months`): each diff gives its regions, as pairs of deciding rules, with a witness the
 * interpreter decides differently, and nothing uncovered. The calendar facts the solver is given
 * (packages/analysis/src/smt/date-facts.ts) make the proofs fast; bench/diff.bench.ts times them.
 */
import { describe, expect, it } from 'vitest';
import { diffPrograms } from '@pol/analysis';
import { loadText } from './load.ts';
import { decideJson, decidedBy } from './random-policies.ts';

const policy = (when: string, wait: string, fields = ''): string => `input T {
  date: Date
  shipped: Date${fields}
}
decision D { yes, no }
const WAIT = ${wait}
rule r "Wait after notice" {
  cites "15 CFR 740.1"
  when ${when}
  decide no
}
otherwise decide yes
`;

/** `cause`: the structural change every region must name */
const cases: { name: string; before: string; after: string; regions: string[]; cause?: string }[] = [
  { name: 'a constant move lengthened: 3 months -> 4 months', before: policy('shipped < date + WAIT', '3 months'), after: policy('shipped < date + WAIT', '4 months'), regions: ['otherwise | r'], cause: 'changed const WAIT' },
  { name: 'a year move: date - 1 year -> date - 2 years', before: policy('shipped < date - WAIT', '1 year'), after: policy('shipped < date - WAIT', '2 years'), regions: ['r | otherwise'], cause: 'changed const WAIT' },
  { name: 'days between date and shipped < 90 days -> shipped < date + 3 months (both ways)', before: policy('days between date and shipped < WAIT', '90 days'), after: policy('shipped < date + 3 months', '90 days'), regions: ['otherwise | r', 'r | otherwise'] },
  { name: 'calendar year of: the next year -> the year after', before: policy('calendar year of shipped > calendar year of date + WAIT', '0'), after: policy('calendar year of shipped > calendar year of date + WAIT', '1'), regions: ['r | otherwise'], cause: 'changed const WAIT' },
  { name: 'a move by an input number of months: < -> <=', before: policy('shipped < date + n', '0', '\n  n: months'), after: policy('shipped <= date + n', '0', '\n  n: months'), regions: ['otherwise | r'] },
  { name: 'month ends: date + 1 month -> date + 30 days (Jan 31 + 1 month is Feb 28 or 29)', before: policy('shipped < date + 1 month', '0'), after: policy('shipped < date + 30 days', '0'), regions: ['otherwise | r', 'r | otherwise'] },
];

describe('pol diff on month and year arithmetic', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const a = loadText(c.before);
      const b = loadText(c.after);
      const report = await diffPrograms(a, b);
      expect(report.verdict).toBe('changed');
      expect(report.uncovered).toEqual([]);
      expect(report.regions.map((r) => `${r.before.decidedBy} | ${r.after.decidedBy}`)).toEqual(c.regions);
      for (const r of report.regions) {
        expect(decideJson(a, r.witness)).not.toBe(decideJson(b, r.witness));
        expect(`${decidedBy(a, r.witness)} | ${decidedBy(b, r.witness)}`).toBe(`${r.before.decidedBy} | ${r.after.decidedBy}`);
      }
      if (c.cause) for (const r of report.regions) expect(r.causes).toContain(c.cause);
    }, 60_000);
  }

  it('Jan 31 + 1 month: the region of the month-end amendment is witnessed at a month end', async () => {
    const report = await diffPrograms(loadText(policy('shipped < date + 1 month', '0')), loadText(policy('shipped < date + 30 days', '0')));
    // decided by r only after: shipped is before date + 30 days but not before date + 1 month,
    // which only a move into February gives (Jan 29-31 + 1 month is February's last day)
    const r = report.regions.find((x) => x.before.decidedBy === 'otherwise')!;
    const w = r.witness as { date: string; shipped: string };
    expect(w.date.slice(5, 7)).toBe('01');
    expect(Number(w.date.slice(8))).toBeGreaterThanOrEqual(29);
  }, 60_000);
});
