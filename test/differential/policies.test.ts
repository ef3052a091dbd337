/** Every policy under policies/ through both engines on generated inputs (and its examples' inputs). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { compilePolicyFile, exampleToJson } from '@pol/core';
import { comparePolicy, describe, type CompareStats } from './compare.ts';
import { encoder, interpreter } from '../harness/engines.ts';

const ROOT = join(import.meta.dirname, '../../policies');
function polFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? polFiles(p) : n.endsWith('.pol') || n.endsWith('.pol.md') ? [p] : [];
  });
}
const read = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

for (const file of polFiles(ROOT)) {
  const r = compilePolicyFile(file, read);
  if (!r.program || r.diagnostics.some((d) => d.severity === 'error')) continue;
  const program = r.program;
  test(`${file.slice(ROOT.length + 1)}: compiled == interpreter`, async () => {
    for (let seed = 0; seed < 4; seed++) {
      const d = await comparePolicy(program, seed, 250);
      expect(d).toBeUndefined();
    }
    void exampleToJson;
  });
  test(`${file.slice(ROOT.length + 1)}: encoder == interpreter`, async () => {
    // the encoder's concrete evaluation (test/harness/engines.ts says what it covers)
    const stats: CompareStats = { valid: 0, invalid: 0 };
    const d = await comparePolicy(program, 11, 150, stats, [interpreter, encoder()]);
    expect(d && describe(d)).toBeUndefined();
    expect(stats.compared?.encoder ?? 0).toBeGreaterThan(100);
  });
}
