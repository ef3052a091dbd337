/** Golden output: the generated module for each case; refresh with POL_UPDATE_GOLDEN=1 (or vitest -u). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { compileProgram } from '@pol/compiler';
import { loadProgram } from './util.ts';

const CASES = [{ name: 'sample', policy: join(import.meta.dirname, '../../policies/sample/lab-exports.pol') }];

for (const c of CASES) {
  test(`golden: ${c.name}`, async () => {
    const { files } = await compileProgram(loadProgram(c.policy));
    const text = files[0]!.text;
    const expected = join(import.meta.dirname, c.name, 'expected.ts');
    const update = process.env.POL_UPDATE_GOLDEN === '1' || expect.getState().snapshotState?.['_updateSnapshot'] === 'all';
    if (update || !existsSync(expected)) writeFileSync(expected, text);
    expect(text).toBe(readFileSync(expected, 'utf8'));
    expect(text.startsWith('// generated from lab-exports.pol by pol, do not edit')).toBe(true);
    expect(text).not.toMatch(/^import /m);
  });
}
