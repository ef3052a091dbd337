import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';
import { evaluate } from './evaluate.ts';
import { validateInput } from './validate-input.ts';
import { resultToJson } from './result-json.ts';

const DENSITY = `
unit TPP
unit mm2
unit PD = TPP / mm2
input Chip { tpp: TPP  area: mm2  allied: Share }
decision D { controlled(density: PD)  not_controlled }
rule dense { cites "ECCN 3A090.a" when tpp >= 1600 TPP and tpp / area >= 5.92 PD and allied < 75% decide controlled(density: tpp / area) }
otherwise decide not_controlled
`;

function decide(input: unknown): Record<string, unknown> {
  const r = compilePolicyFile('p.pol', (p) => (p === 'p.pol' ? DENSITY : undefined));
  const program = r.program!;
  const v = validateInput(program, input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { ...resultToJson(program, evaluate(program, v.value)).decision };
}

describe('derived units in the interpreter', () => {
  it('a quotient is exact, at the threshold', () => {
    // 5920 / 1000 = 5.92 exactly: on the threshold
    expect(decide({ tpp: 5920, area: 1000, allied: 0.5 })).toEqual({ outcome: 'controlled', density: 5.92 });
    expect(decide({ tpp: '5919.999999', area: 1000, allied: 0.5 }).outcome).toBe('not_controlled');
  });
  it('keeps a non-terminating quotient exact', () => {
    expect(decide({ tpp: 10000, area: 3, allied: 0 })).toEqual({ outcome: 'controlled', density: '10000/3' });
  });
  it('divides by a zero area as 0, like every division', () => {
    expect(decide({ tpp: 10000, area: 0, allied: 0 }).outcome).toBe('not_controlled');
  });
  it('compares a share with a percentage as a fraction', () => {
    expect(decide({ tpp: 6000, area: 1000, allied: 0.75 }).outcome).toBe('not_controlled');
    expect(decide({ tpp: 6000, area: 1000, allied: '0.7499' }).outcome).toBe('controlled');
  });
});
