/**
 * The literate policies shown in docs/language.md and docs/tutorial.md (a ````markdown literate
 * block) are real: each checks, its examples pass, it is already formatted, and the `pol doc` run
 * the tutorial shows prints what the page says.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '@pol/core';
import { formatPol } from '../../packages/prettier-plugin-pol/src/index.ts';
import { runExamples } from '../../packages/cli/src/doc/examples.ts';
import { REPO } from '../support/policy-files.ts';
import { polArgv } from '../support/cli-argv.ts';

const read = (name: string) => readFileSync(join(REPO, 'docs', name), 'utf8');

function literateBlocks(text: string): { line: number; md: string }[] {
  return [...text.matchAll(/^````markdown literate\n([\s\S]*?)^````$/gm)].map((m) => ({ line: text.slice(0, m.index).split('\n').length, md: m[1]! }));
}

for (const doc of ['language.md', 'tutorial.md']) {
  describe(`literate policies in docs/${doc}`, () => {
    const blocks = literateBlocks(read(doc));
    it('has one', () => expect(blocks.length).toBeGreaterThan(0));
    for (const b of blocks) {
      it(`the one at line ${b.line} checks, its examples pass, and it is formatted`, async () => {
        const path = `/docs/${doc}-${b.line}.pol.md`;
        const r = compilePolicyFile(path, (p) => (p === path ? b.md : undefined));
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
        const runs = runExamples(r.program!);
        expect(runs.length).toBeGreaterThan(0);
        expect(runs.filter((x) => !x.passed)).toEqual([]);
        expect(await formatPol(b.md, { filepath: path })).toBe(b.md);
      });
    }
  });
}

describe('the `pol doc` run in docs/tutorial.md', () => {
  it('prints what the tutorial shows', () => {
    const text = read('tutorial.md');
    const shown = /```text\n\$ (pol doc [^\n]+)\n([^\n]+)\n```/.exec(text)!;
    const dir = mkdtempSync(join(tmpdir(), 'pol-tutorial-'));
    writeFileSync(join(dir, 'pol.json'), '{}\n');
    writeFileSync(join(dir, 'export.pol.md'), literateBlocks(text)[0]!.md);
    const args = shown[1]!.split(' ').slice(1);
    const r = spawnSync(process.execPath, [...polArgv(), ...args], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.trim()).toBe(shown[2]);
    expect(existsSync(join(dir, 'digest/index.html'))).toBe(true);
  });
});
