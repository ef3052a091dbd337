/**
 * A policy with more rules than one generated `rules_N` chunk (64) and rules with several applicable
 * exceptions (alternatives): compiled == interpreter, and the unformatted path (above FORMAT_LIMIT
 * nothing is formatted) type-checks like the rest (see typecheck.test.ts for the tsc check).
 */
import { expect, test } from 'vitest';
import { FORMAT_LIMIT, compileProgram, loadCompiled } from '@pol/compiler';
import { checkSource } from '../harness/policy-gen.ts';
import { compareOne, inputsFor } from '../differential/compare.ts';

function manyRules(n: number): string {
  const out = [
    'policy "Chunks" version "1"',
    'group Big of Country = { AU, BE, CA, DK, FI, FR, DE, IE, IT, JP, NL, NZ, VE from 2025-06-01, RU until 2025-06-01 }',
    'input Tx as of date { date: Date, destination: Country, units: Number, value: Number }',
    'decision D { ok, license(level: Number), denied }',
  ];
  for (let i = 0; i < n; i++) {
    out.push(`rule r${i} {
  cites "Sec. ${i}"
  when value >= ${(n - i) * 37} and units > ${i % 7}
  decide license(level: ${i})
  exception a${i} {
    cites "Sec. ${i}(a)"
    when destination in Big
    decide license(level: ${i + 1000})
  }
  exception b${i} {
    cites "Sec. ${i}(b)"
    when units > ${i % 11}
    decide license(level: units)
  }
  exception c${i} {
    cites "Sec. ${i}(c)"
    when value > ${i * 50}
    decide license(level: ${i + 2000})
  }
}`);
  }
  out.push('otherwise decide ok');
  return out.join('\n\n') + '\n';
}

test('more rules than one chunk: compiled == interpreter', async () => {
  const program = checkSource(manyRules(150), '/gen/chunks.pol');
  const mod = await loadCompiled(program);
  const stats = { valid: 0, invalid: 0 };
  for (const input of inputsFor(program, 7, 400)) expect(compareOne(program, mod, input, stats)).toBeUndefined();
  expect(stats.valid).toBeGreaterThan(100);
  const { files } = await compileProgram(program);
  const text = files[0]!.text;
  expect(text.length).toBeGreaterThan(FORMAT_LIMIT); // not formatted by default
  expect(text.startsWith('// generated from chunks.pol by pol, do not edit')).toBe(true);
  expect(text).toContain('function rules_2(');
});
