/**
 * The parser never throws and every span it returns lies inside the file, on random text and on
 * random mutations of real policies. The checker never throws on the trees that come out.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSource, checkProgram, SourceFile, type Ast } from '@pol/core';
import { fcParams } from '../support/fc-config.ts';
import { policyFiles } from '../support/policy-files.ts';

function spansInside(root: unknown, length: number): string[] {
  const bad: string[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, path: string): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const span = (v as { span?: { start: number; end: number } }).span;
    if (span && !(span.start >= 0 && span.end <= length && span.start <= span.end)) bad.push(`${path}: ${span.start}-${span.end}`);
    for (const [k, x] of Object.entries(v)) if (k !== 'span') walk(x, `${path}.${k}`);
  };
  walk(root, 'file');
  return bad;
}

function parseIsSafe(text: string): void {
  const r = parseSource('fuzz.pol', text);
  expect(spansInside(r.file, text.length)).toEqual([]);
  for (const d of r.diagnostics) {
    expect(d.span!.start).toBeGreaterThanOrEqual(0);
    expect(d.span!.end).toBeLessThanOrEqual(text.length);
    expect(d.message.length).toBeGreaterThan(0);
  }
  // The checker must survive whatever tree error recovery produced.
  const sources = new Map([['fuzz.pol', new SourceFile('fuzz.pol', text)]]);
  expect(() => checkProgram([r.file as Ast.PolFile], sources, 'fuzz.pol')).not.toThrow();
}

const VOCABULARY = [
  'rule', 'exception', 'when', 'decide', 'cites', '"x"', '{', '}', '(', ')', '[', ']', ',', ':', '.', 'and', 'or', 'not',
  'in', 'is', 'present', 'otherwise', '=', '<=', '>=', '+', '-', '*', '/', '75%', '1e26', '26_900_000', 'TPP', '2026-02-03',
  'group', 'enum', 'sum(', 'each', 'for', 'where', 'satisfies', 'example', 'given', 'expect', '//c\n', '\n', '\r\n', '\t',
  '"unterminated', '@', '\uFEFF', 'é', '🚀', 'optional', 'list of', 'until', 'from', 'every',
];

const corpus = policyFiles('policies', 'test/format/golden').map((f) => f.text);

describe('parser robustness', () => {
  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), parseIsSafe), fcParams(1500));
  });

  it('never throws on random token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 120 }).map((a) => a.join(' ')), parseIsSafe), fcParams(1500));
  });

  it('never throws on random mutations of real policies', () => {
    expect(corpus.length).toBeGreaterThan(0);
    const mutation = fc.record({
      file: fc.nat({ max: corpus.length - 1 }),
      at: fc.nat(),
      length: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 5 }), fc.constant('')),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        let text = corpus[ms[0]!.file]!;
        for (const m of ms) {
          const at = text.length ? m.at % text.length : 0;
          text = text.slice(0, at) + m.insert + text.slice(at + m.length);
        }
        parseIsSafe(text);
      }),
      fcParams(400),
    );
  });

  it('gives a clear error, not a crash, on deep nesting of every kind', () => {
    for (const open of ['(', '{', '[', 'not ', '- ']) {
      const text = `const X = ${open.repeat(5000)}`;
      const r = parseSource('deep.pol', text);
      expect(r.diagnostics.map((d) => d.code)).toContain('syntax/too-deep');
    }
  });
});
