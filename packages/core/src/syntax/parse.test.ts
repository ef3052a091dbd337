import { describe, expect, it } from 'vitest';
import { parseSource } from './parse.ts';
import { SourceFile } from '../source/span.ts';

const codes = (text: string) => parseSource('t.pol', text).diagnostics.map((d) => d.code);
const underlined = (text: string) =>
  parseSource('t.pol', text).diagnostics.map((d) => `${d.code} ${JSON.stringify(text.slice(d.span!.start, d.span!.end))}`);

describe('parser', () => {
  it('reads a rule with nested exceptions', () => {
    const r = parseSource(
      't.pol',
      `rule r "T" {\n  cites "c"\n  when a is b\n  decide x\n  exception e { cites "d" decide y exception f { cites "e" decide z } }\n}`,
    );
    expect(r.diagnostics).toEqual([]);
    const rule = r.file.declarations[0];
    expect(rule?.kind).toBe('rule');
    if (rule?.kind !== 'rule') return;
    expect(rule.exceptions[0]?.name.name).toBe('e');
    expect(rule.exceptions[0]?.exceptions[0]?.name.name).toBe('f');
  });

  it('reports every syntax error in one run, not only the first', () => {
    const text = 'rule x { when a >= decide y }\nenum E { a b }\nconst = 3\n';
    expect(underlined(text)).toEqual([
      'syntax/unexpected-token "decide"',
      'syntax/unexpected-token "b"',
      'syntax/unexpected-token "="',
    ]);
  });

  it('says what was expected and what was found', () => {
    const d = parseSource('t.pol', 'enum E { a b }').diagnostics[0];
    expect(d?.message).toBe('expected `}` but found the name `b`');
  });

  it('points at the end of the file when something is missing there', () => {
    const text = 'rule r "t" { cites "c" decide ok';
    const d = parseSource('t.pol', text).diagnostics.at(-1)!;
    expect(d.code).toBe('syntax/missing-token');
    expect(d.span?.start).toBe(text.length);
  });

  it('keeps comments with exact spans', () => {
    const text = '// head\nenum E { a } // tail\n';
    const r = parseSource('t.pol', text);
    expect(r.file.comments.map((c) => text.slice(c.span.start, c.span.end))).toEqual(['// head', '// tail']);
  });

  it('reads numbers exactly as written, without underscores', () => {
    const r = parseSource('t.pol', 'const A = 26_900_000 TPP\nconst B = 1e26\nconst C = 7.5%');
    const values = r.file.declarations.map((d) => (d.kind === 'const' ? d.value : undefined));
    expect(values[0]).toMatchObject({ kind: 'number', text: '26900000', unit: { name: 'TPP' } });
    expect(values[1]).toMatchObject({ kind: 'number', text: '1e26' });
    expect(values[2]).toMatchObject({ kind: 'percent', text: '7.5' });
  });

  it('accepts a BOM, CRLF line endings and tabs', () => {
    const text = '\uFEFFenum E {\r\n\ta,\r\n\tb\r\n}\r\n';
    expect(codes(text)).toEqual([]);
    const f = new SourceFile('t.pol', text);
    expect(f.position(text.indexOf('b')).line).toBe(3);
  });

  it('keeps non-ASCII text in strings', () => {
    const r = parseSource('t.pol', 'unit TPP "Σ – ünïcødé 🚀"');
    const d = r.file.declarations[0];
    expect(d?.kind === 'unit' && d.description?.value).toBe('Σ – ünïcødé 🚀');
  });

  it('reports an unclosed string and a stray character', () => {
    expect(codes('unit TPP "open\nenum E { a }')).toContain('syntax/unterminated-string');
    expect(codes('enum E { a } @')).toContain('syntax/unexpected-character');
  });

  it('reports an impossible date', () => {
    expect(codes('rule r { cites "c" effective 2025-02-30 decide ok }')).toEqual(['syntax/invalid-date']);
  });

  it('refuses 10,000 nested parentheses with one clear error instead of overflowing the stack', () => {
    const text = `const X = ${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    const r = parseSource('t.pol', text);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['syntax/too-deep']);
    expect(() => parseSource('t.pol', `const X = ${'not '.repeat(10_000)}true`)).not.toThrow();
    expect(() => parseSource('t.pol', `const X = ${'- '.repeat(10_000)}1`)).not.toThrow();
  });

  it('reads a 5 MB file', () => {
    const block = 'rule r_N "Rule" {\n  cites "15 CFR 740.27"\n  when destination in { AU, BE, CA } and tpp >= 4800 TPP\n  decide license_required(review: approval)\n}\n';
    let text = '';
    for (let i = 0; text.length < 5_000_000; i++) text += block.replace('r_N', `r_${i}`);
    const r = parseSource('big.pol', text);
    expect(r.diagnostics).toEqual([]);
    expect(r.file.declarations.length).toBeGreaterThan(20_000);
  });
});
