/**
 * Sizes from the hostile-input review (D8-D11): each policy is built at the size that broke an
 * engine, and every stage that reads it must either handle it or refuse it with a diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, resultToJson, validateInput } from '@pol/core';
import { checkSource } from '../harness/policy-gen.ts';

function defineChain(n: number): string {
  const lines = ['input In { n: Number }', 'decision Out { big, small }', 'define d0 = n + 1'];
  for (let i = 1; i < n; i++) lines.push(`define d${i} = d${i - 1} + 1`);
  lines.push('rule r "R" {', '  cites "x"', `  when d${n - 1} > ${n}`, '  decide big', '}', 'otherwise decide small');
  return lines.join('\n') + '\n';
}

describe('D9: a chain of 10,000 defines', () => {
  it('is checked and interpreted without exhausting the stack', () => {
    const program = checkSource(defineChain(10_000));
    const v = validateInput(program, { n: 3 });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(resultToJson(program, evaluate(program, v.value)).decision.outcome).toBe('big');
  });
});
