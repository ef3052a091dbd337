import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';
import { evaluate } from './evaluate.ts';
import { validateInput } from './validate-input.ts';
import { resultToJson } from './result-json.ts';

function decide(text: string): (input: unknown) => Record<string, unknown> {
  const r = compilePolicyFile('p.pol', (p) => (p === 'p.pol' ? text : undefined));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  const program = r.program!;
  return (input) => {
    const v = validateInput(program, input);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const j = resultToJson(program, evaluate(program, v.value));
    return { ...j.decision };
  };
}

const MOVES = `
input I as of on { on: Date  n: Number  notice: days }
decision D { at(d: Date, y: Number, k: days) }
rule r { cites "c" decide at(d: on + n * 1 day, y: calendar year of on, k: days between on and (on + n * 1 month)) }
otherwise decide at(d: on, y: 0, k: 0 days)
`;

describe('date arithmetic in the interpreter', () => {
  it('NAC: notice 25 days before shipment', () => {
    const nac = decide(`input I as of shipped { shipped: Date  notified: Date }
decision D { nac  license }
rule r { cites "15 CFR 740.7(c)" when notified <= shipped - 25 days decide nac }
otherwise decide license`);
    expect(nac({ shipped: '2025-03-01', notified: '2025-02-04' }).outcome).toBe('nac');
    expect(nac({ shipped: '2025-03-01', notified: '2025-02-05' }).outcome).toBe('license');
    // a leap year has one more day in February
    expect(nac({ shipped: '2024-03-01', notified: '2024-02-05' }).outcome).toBe('nac');
  });
  it('drops the fraction of a duration toward zero, in both directions', () => {
    const p = decide(MOVES);
    expect(p({ on: '2025-01-10', n: 2.9, notice: 0 }).d).toBe('2025-01-12');
    expect(p({ on: '2025-01-10', n: -2.9, notice: 0 }).d).toBe('2025-01-08');
  });
  it('a year is 12 months: the leap day moves to February 28, 1.5 years is 18 months', () => {
    const p = decide(`input I as of on { on: Date }
decision D { at(a: Date, b: Date, c: Date) }
otherwise decide at(a: on + 1 year, b: on + 1.5 years, c: on - 1 year)`);
    expect(p({ on: '2024-02-29' })).toEqual({ outcome: 'at', a: '2025-02-28', b: '2025-08-29', c: '2023-02-28' });
  });
  it('days between counts the days of the months moved over', () => {
    const p = decide(MOVES);
    expect(p({ on: '2025-01-31', n: 1, notice: 0 }).k).toBe(28);
    expect(p({ on: '2024-01-31', n: 1, notice: 0 }).k).toBe(29);
    expect(p({ on: '2025-01-31', n: 12, notice: 0 }).k).toBe(365);
  });
  it('calendar year of a date, and limits per calendar year', () => {
    const lpp = decide(`input I as of shipped { shipped: Date  previous: Date }
decision D { same_year  other_year }
rule r { cites "c" when calendar year of previous = calendar year of shipped decide same_year }
otherwise decide other_year`);
    expect(lpp({ shipped: '2025-01-01', previous: '2024-12-31' }).outcome).toBe('other_year');
    expect(lpp({ shipped: '2025-12-31', previous: '2025-01-01' }).outcome).toBe('same_year');
  });
  it('clamps far moves to the ends of the calendar instead of failing', () => {
    const p = decide(MOVES);
    expect(p({ on: '2025-01-10', n: '1e30', notice: 0 }).d).toBe('9999-12-31');
    expect(p({ on: '2025-01-10', n: '-1e30', notice: 0 }).d).toBe('0000-01-01');
  });
});
