import { describe, expect, it } from 'vitest';
import { compilePolicyFile, validateInput, type CheckedProgram, type RRecord } from '@pol/core';
import * as IR from '@pol/core/ir';
import { encodePolicy, evaluateEncoded } from './concrete.ts';
import { analyzeProgram } from '../analyze.ts';

function check(text: string): CheckedProgram {
  const r = compilePolicyFile('p.pol', (p) => (p === 'p.pol' ? text : undefined));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !r.program) throw new Error(errors.map((d) => d.message).join('\n'));
  return r.program;
}

/** The encoder's own decision on a concrete input (its terms evaluated by z3). */
async function encoded(text: string, mode: 'bounded' | 'abstract' = 'bounded') {
  const program = check(text);
  const ep = await encodePolicy(IR.toIr(program), 3, mode);
  return (input: unknown) => {
    const v = validateInput(program, input);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return evaluateEncoded(ep, v.value as RRecord);
  };
}

const POLICY = `
group G of Country = { JP, KH until 2026-02-03 }
record Line { q: Number  c: Country }
input I as of date { date: Date  x: Number  y: Number  o: optional Number  lines: list of Line }
decision D { none  ratio(r: Number)  listed(on: Date)  total(t: Number) }
rule r {
  cites "c"
  when x > 0
  decide ratio(r: y / x)
  exception first { cites "c" when x > 100 decide total(t: sum(l.q for each l in lines where l.c in G)) }
  exception second { cites "c" when x > 50 decide listed(on: date) }
}
rule by_default { cites "c" when (o otherwise 7) = 7 decide ratio(r: y / 0) }
otherwise decide none
`;

describe('the encoding, evaluated on concrete inputs', () => {
  it('default logic: the first applicable exception overrides its rule', async () => {
    const run = await encoded(POLICY);
    const base = { date: '2026-01-01', y: 3, lines: [] };
    expect(run({ ...base, x: 4 })).toMatchObject({ decision: { outcome: 'ratio', r: 0.75 }, path: ['r'] });
    expect(run({ ...base, x: 60 }).path).toEqual(['r', 'second']);
    expect(run({ ...base, x: 200 }).path).toEqual(['r', 'first']);
  });

  it('division by zero is zero; an absent optional takes its fallback', async () => {
    const run = await encoded(POLICY);
    expect(run({ date: '2026-01-01', x: -1, y: 3, lines: [] })).toMatchObject({ decision: { outcome: 'ratio', r: 0 }, path: ['by_default'] });
    expect(run({ date: '2026-01-01', x: -1, y: 3, o: 8, lines: [] })).toMatchObject({ decision: { outcome: 'none' }, path: ['otherwise'] });
  });

  it('dated members belong until their date; aggregates add what `where` selects', async () => {
    const run = await encoded(POLICY);
    const lines = [
      { q: 1, c: 'KH' },
      { q: 10, c: 'JP' },
      { q: 100, c: 'FR' },
    ];
    expect(run({ date: '2026-02-02', x: 200, y: 0, lines }).decision).toMatchObject({ outcome: 'total', t: 11 });
    expect(run({ date: '2026-02-03', x: 200, y: 0, lines }).decision).toMatchObject({ outcome: 'total', t: 10 });
  });

  it('in abstract mode, with the unknowns fixed to the real aggregates, the same decision', async () => {
    const run = await encoded(POLICY, 'abstract');
    expect(run({ date: '2026-02-02', x: 200, y: 0, lines: [{ q: 1, c: 'KH' }] }).decision).toMatchObject({ outcome: 'total', t: 1 });
  });
});

describe('analyses on the IR encoding', () => {
  it('proves an exception unreachable and finds a conflict with a witness', async () => {
    const program = check(`
input I { x: Number }
decision D { a  b }
rule r {
  cites "c"
  when x > 10
  decide a
  exception small { cites "c" when x < 5 decide b }
  exception big { cites "c" when x > 20 decide b }
  exception bigger { cites "c" when x > 30 decide a }
}
otherwise decide a
`);
    const found = await analyzeProgram(program);
    expect(found.map((d) => `${d.code} ${d.message}`)).toEqual([
      'analysis/unreachable exception `small` can never apply',
      'analysis/conflict exceptions `big` and `bigger` can both apply with different decisions',
    ]);
    expect(found[1]!.help).toContain('`big` (b) comes first');
  });
});
