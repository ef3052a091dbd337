/**
 * Sizes from the hostile-input review (D8-D11): each policy is built at the size that broke an
 * engine, and every stage that reads it must either handle it or refuse it with a diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { checkProgram, evaluate, loadPolicy, MAX_CHAIN, parseSource, resultToJson, validateInput } from '@pol/core';
import * as IR from '@pol/core/ir';
import { loadCompiled } from '@pol/compiler';
import { analyzeProgram } from '@pol/analysis';
import { formatPol } from '../../packages/prettier-plugin-pol/src/index.ts';
import { checkSource } from '../harness/policy-gen.ts';
import { withoutPolicy } from '../harness/engines.ts';

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

function chainPolicy(ors: number, plus: number): string {
  const cond = Array.from({ length: ors }, (_, i) => `n = ${i}`).join(' or ');
  const sum = Array.from({ length: plus + 1 }, () => '1').join(' + ');
  return [
    'input In { n: Number }',
    'decision Out { big, small }',
    `define s = ${sum}`,
    'rule r "R" {',
    '  cites "x"',
    `  when ${cond}`,
    '  decide big',
    '}',
    'rule q "Q" {',
    '  cites "x"',
    '  when s > n',
    '  decide big',
    '}',
    'otherwise decide small',
    '',
  ].join('\n');
}

describe('D8: long chains of operators', () => {
  it('are refused past the documented limit with syntax/too-long, not a stack overflow', () => {
    for (const src of [chainPolicy(1500, 1), chainPolicy(1, 100_000)]) {
      const r = parseSource('/t/p.pol', src);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['syntax/too-long']);
    }
  });
  it('work in every stage at the limit', async () => {
    const src = chainPolicy(500, MAX_CHAIN);
    expect(parseSource('/t/p.pol', src).diagnostics).toEqual([]);
    const program = checkSource(src);
    const v = validateInput(program, { n: 499 });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const expected = resultToJson(program, evaluate(program, v.value, { explain: true }));
    expect(expected.decision.outcome).toBe('big');
    const mod = await loadCompiled(program);
    const mv = mod.validate({ n: 499 });
    expect(mv.ok).toBe(true);
    if (mv.ok) expect(withoutPolicy(mod.evaluate(mv.value, { explain: true }))).toEqual(expected);
    expect(IR.checkInvariants(IR.toIr(program))).toEqual([]);
    const formatted = await formatPol(src);
    expect(parseSource('/t/p.pol', formatted).diagnostics).toEqual([]);
    const findings = await analyzeProgram(program);
    expect(Array.isArray(findings)).toBe(true);
  }, 300_000);
});

describe('D11: a define squared again and again', () => {
  function squares(n: number): string {
    const lines = ['input In { n: Number }', 'decision Out { big, small }', 'define d0 = n'];
    for (let i = 1; i <= n; i++) lines.push(`define d${i} = d${i - 1} * d${i - 1}`);
    lines.push('rule r "R" {', '  cites "x"', `  when d${n} > 5`, '  decide big', '}', 'otherwise decide small');
    return lines.join('\n') + '\n';
  }
  it('is refused by the checker once, where the bound is passed, before anything runs', () => {
    const loaded = loadPolicy('/t/p.pol', (p) => (p === '/t/p.pol' ? squares(40) : undefined));
    const d = checkProgram(loaded.files, loaded.sources, '/t/p.pol').diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => x.code)).toEqual(['check/number-too-large']);
    expect(d[0]!.message).toContain('more than 1,204,130 digits');
  });
  it('a few squarings stay allowed and exact', () => {
    const program = checkSource(squares(4));
    const v = validateInput(program, { n: '1.5' });
    expect(v.ok && resultToJson(program, evaluate(program, v.value)).decision.outcome).toBe('big');
  });
});
