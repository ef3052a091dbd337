import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPolicy, parseSource } from '@pol/core';
import { describe, expect, it } from 'vitest';
import { loadThrough } from './loader.ts';

const same = (files: Record<string, string>, entry: string) => {
  const read = (p: string) => files[p];
  const core = loadPolicy(entry, read);
  const mine = loadThrough(entry, read, (p) => (files[p] === undefined ? undefined : parseSource(p, files[p]!)));
  expect(mine.files.map((f) => f.path)).toEqual(core.files.map((f) => f.path));
  expect(mine.diagnostics).toEqual(core.diagnostics);
  expect([...mine.sources.keys()]).toEqual([...core.sources.keys()]);
};

describe('the service loader agrees with core loadPolicy', () => {
  it('on the AI Diffusion policies', () => {
    const dir = resolve(import.meta.dirname, '../../../policies/ai-diffusion');
    const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.pol') || f.endsWith('.pol.md')).map((f) => [join(dir, f), readFileSync(join(dir, f), 'utf8')]));
    same(files, join(dir, 'ifr.pol'));
    same(files, join(dir, 'as-enforced-2025-05-13.pol'));
  });

  it('on cycles, missing imports, a missing entry and syntax errors', () => {
    const files = {
      'a.pol': 'import "./b.pol"\nimport "./nope.pol"\nenum E { x }',
      'b.pol': 'import "./a.pol"\nimport "./c.pol"\nrule r {',
      'c.pol': 'import "./b.pol"',
    };
    same(files, 'a.pol');
    same(files, 'c.pol');
    same(files, 'missing.pol');
  });
});
