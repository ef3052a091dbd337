import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';
import { evaluate } from './evaluate.ts';
import { validateInput } from './validate-input.ts';
import { resultToJson } from './result-json.ts';
import type { ResultJson } from '../result/json.ts';

function policy(text: string) {
  const r = compilePolicyFile('p.pol', (p) => (p === 'p.pol' ? text : undefined));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  const program = r.program!;
  return (input: unknown, explain = false): ResultJson => {
    const v = validateInput(program, input);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return resultToJson(program, evaluate(program, v.value, { explain }));
  };
}

const NUMBERS = `
input I { x: Number  y: Number }
decision D { yes  no }
rule r { cites "c" when x < y decide yes }
otherwise decide no
`;

describe('exact numbers', () => {
  const decide = policy(NUMBERS);
  it('99999999999999999999999999 < 1e26', () => {
    expect(decide({ x: '99999999999999999999999999', y: '1e26' }).decision.outcome).toBe('yes');
    expect(decide({ x: '1e26', y: '99999999999999999999999999' }).decision.outcome).toBe('no');
  });
  it('reads a JSON number as the decimal it prints as: 0.1 + 0.2 is 0.3', () => {
    const sum = policy(`input I { a: Number  b: Number }\ndecision D { yes  no }\nrule r { cites "c" when a + b = 0.3 decide yes }\notherwise decide no`);
    expect(sum({ a: 0.1, b: 0.2 }).decision.outcome).toBe('yes');
  });
  it('decides exactly at a percentage threshold: 7% of 1,000,000 is 70,000', () => {
    const p = policy(`unit C\ninput I { n: C  total: C }\ndecision D { within  over }\nrule r { cites "c" when n > 7% * total decide over }\notherwise decide within`);
    expect(p({ n: 70_000, total: 1_000_000 }).decision.outcome).toBe('within');
    expect(p({ n: '70000.000000000000000001', total: 1_000_000 }).decision.outcome).toBe('over');
  });
  it('divides by zero to zero, never failing', () => {
    const p = policy(`input I { a: Number  b: Number }\ndecision D { zero  other }\nrule r { cites "c" when a / b = 0 decide zero }\notherwise decide other`);
    expect(p({ a: 5, b: 0 }).decision.outcome).toBe('zero');
  });
});

const LAYERS = `
enum Kind { a, b }
group G of Country = { JP, KH until 2026-02-03, XX_PLACEHOLDER }
input I as of date { date: Date  kind: Kind  c: Country  n: Number }
decision D { base  auth(by: Kind)  denied }
rule r "Base" {
  cites "R"
  when n > 0
  decide base
  obligation "base duty"
  exception first { cites "E1" when c in G decide auth(by: a) obligation "first duty" }
  exception second { cites "E2" when n > 10 decide auth(by: b) }
  exception third { cites "E3" when n > 20 decide denied }
  exception dated { cites "E4" effective 2030-01-01 decide denied }
}
otherwise decide denied
`.replace(', XX_PLACEHOLDER', '');

describe('default logic', () => {
  const decide = policy(LAYERS);
  const at = (date: string, c: string, n: number, explain = false) => decide({ date, kind: 'a', c, n }, explain);

  it('a rule decides when no exception applies, with its obligations', () => {
    const r = at('2025-06-01', 'BR', 1);
    expect(r.decision).toEqual({ outcome: 'base', by: null });
    expect(r.obligations).toEqual(['base duty']);
    expect(r.trace.map((s) => s.id)).toEqual(['r']);
  });

  it('the first applicable exception wins; later ones of the same outcome are alternatives', () => {
    const r = at('2025-06-01', 'JP', 30);
    expect(r.decision).toEqual({ outcome: 'auth', by: 'a' });
    expect(r.alternatives).toEqual([{ outcome: 'auth', by: 'b' }]);
    expect(r.obligations).toEqual(['first duty']);
    expect(r.citations).toEqual(['R', 'E1']);
    expect(r.decided_by).toBe('first');
  });

  it('dated group members leave on their date', () => {
    expect(at('2026-02-02', 'KH', 1).decided_by).toBe('first');
    expect(at('2026-02-03', 'KH', 1).decided_by).toBe('r');
  });

  it('an exception not yet in effect does not apply', () => {
    expect(at('2029-12-31', 'BR', 1).decided_by).toBe('r');
    expect(at('2030-01-01', 'BR', 1).decided_by).toBe('dated');
  });

  it('explains what did not decide and which part of the condition failed', () => {
    const r = at('2025-06-01', 'BR', 15, true);
    expect(r.explain).toEqual([
      { id: 'first', kind: 'exception', status: 'condition-false', failed: 'c in G', file: 'p.pol', line: 11 },
      { id: 'third', kind: 'exception', status: 'condition-false', failed: 'n > 20', file: 'p.pol', line: 13 },
      { id: 'dated', kind: 'exception', status: 'not-in-effect', failed: '2030-01-01', file: 'p.pol', line: 14 },
    ]);
  });

  it('falls to otherwise when no rule applies', () => {
    const r = at('2025-06-01', 'BR', 0);
    expect(r.decision.outcome).toBe('denied');
    expect(r.trace).toEqual([{ id: 'otherwise', kind: 'otherwise', title: null, cites: [], file: 'p.pol', line: 16 }]);
  });
});
