/**
 * The docs stay true to the code: every registered diagnostic code has a section in
 * docs/diagnostics.md (and every section names a registered code), and every complete policy
 * shown in the language reference and the tutorial (a ```pol policy block) checks without errors.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile, DIAGNOSTIC_CODES, renderDiagnostics, sortDiagnostics } from '@pol/core';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const read = (name: string): string => readFileSync(docs + name, 'utf8');

describe('docs/diagnostics.md', () => {
  const text = read('diagnostics.md');
  const headings = [...text.matchAll(/^## `([^`]+)`\s*$/gm)].map((m) => m[1]!);
  const codes = Object.keys(DIAGNOSTIC_CODES);

  it('has a section for every registered code', () => {
    expect(codes.filter((c) => !headings.includes(c))).toEqual([]);
  });

  it('names only registered codes, each once', () => {
    expect(headings.filter((h) => !codes.includes(h))).toEqual([]);
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
  });
});

function policyBlocks(file: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = read(file).split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```pol policy\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ line: start, text: body.join('\n') + '\n' });
  }
  return out;
}

for (const file of ['language.md', 'tutorial.md']) {
  describe(`complete policies in docs/${file}`, () => {
    const blocks = policyBlocks(file);
    it('has some', () => {
      expect(blocks.length).toBeGreaterThan(0);
    });
    for (const b of blocks) {
      it(`the policy at line ${b.line} checks without errors`, () => {
        const path = `/docs/${file}:${b.line}.pol`;
        const r = compilePolicyFile(path, (p) => (p === path ? b.text : undefined));
        const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
        expect(errors).toEqual([]);
        expect(r.program).toBeDefined();
      });
    }
  });
}

/**
 * Each section's example (`Example (\`f.pol\`):`, a ```pol block, then "`pol check f.pol` says:"
 * and a ```text block) prints exactly what the page shows, so the messages there stay true.
 * Examples over several files, or abbreviated, are shown but not run.
 */
describe('examples in docs/diagnostics.md', () => {
  const text = read('diagnostics.md');
  const examples = [...text.matchAll(/^## `([^`]+)`\n(?:(?!^## )[\s\S])*?Example \(`([^`]+)`\):\n\n```pol\n([\s\S]*?)```\n\n`pol check \2` says:\n\n```text\n([\s\S]*?)```/gm)];
  it('has some', () => {
    expect(examples.length).toBeGreaterThan(30);
  });
  for (const [, code, file, source, shown] of examples) {
    // An example abbreviated with `…` (201 nested parentheses) cannot be run as written.
    if (source!.includes('…')) continue;
    it(`${code}: the example prints what the page shows`, () => {
      const r = compilePolicyFile(file!, (p) => (p === file ? source : undefined));
      const diagnostics = sortDiagnostics(r.diagnostics);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      const summary = `${errors === 0 ? `${file}: ok` : `${file}: ${errors} error${errors === 1 ? '' : 's'}`}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
      const printed = `${diagnostics.length ? renderDiagnostics(diagnostics, (p) => r.sources.get(p)) + '\n\n' : ''}${summary}\n`;
      expect(diagnostics.map((d) => d.code)).toContain(code);
      expect(printed).toBe(shown);
    });
  }
});
