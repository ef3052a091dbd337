/**
 * The plugin object and `formatPol` as Prettier and `pol fmt` see them. The formatter's
 * behaviour is tested in test/format (golden cases, properties, the CLI).
 */
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import plugin, { DEFAULT_PRINT_WIDTH, defaultOptions, formatPol, languages, parsers, PolSyntaxError, printers } from './index.ts';

describe('plugin object', () => {
  it('declares Pol for .pol files (`pol` into `pol-ast`) and literate Pol for .pol.md files (`pol-markdown`)', () => {
    expect(languages).toEqual([
      expect.objectContaining({ name: 'Pol', parsers: ['pol'], extensions: ['.pol'] }),
      expect.objectContaining({ name: 'Pol Markdown', parsers: ['pol-markdown'], extensions: ['.pol.md'] }),
    ]);
    expect(parsers.pol.astFormat).toBe('pol-ast');
    expect(parsers['pol-markdown'].astFormat).toBe('pol-markdown-ast');
    expect(Object.keys(printers)).toEqual(['pol-ast', 'pol-markdown-ast']);
    expect(plugin.defaultOptions).toBe(defaultOptions);
    expect(defaultOptions.printWidth).toBe(100);
  });

  it('gives the root node the whole text as its location', async () => {
    const text = 'unit TPP\n';
    const root = await parsers.pol.parse(text, { filepath: 'a.pol' } as Parameters<typeof parsers.pol.parse>[1]);
    expect(parsers.pol.locStart(root)).toBe(0);
    expect(parsers.pol.locEnd(root)).toBe(text.length);
  });

  it('works through prettier.format with only the plugin object', async () => {
    expect(await format('unit   TPP   "Total"', { parser: 'pol', plugins: [plugin] })).toBe('unit TPP "Total"\n');
  });
});

describe('formatPol', () => {
  const long = `define d = ${Array.from({ length: 7 }, (_, i) => `cond_${i}`).join(' and ')}\n`;

  it(`lays out for ${DEFAULT_PRINT_WIDTH} columns unless told otherwise`, async () => {
    expect(long.length).toBeGreaterThan(80);
    expect(long.length).toBeLessThan(DEFAULT_PRINT_WIDTH);
    expect(await formatPol(long)).toBe(long);
    expect(await formatPol(long, { printWidth: 80 })).toMatch(/^define d =\n  cond_0\n  and cond_1\n/);
  });

  it('refuses a file with syntax errors: first message, count of others, position', async () => {
    const error = await formatPol('rule r {\n  when a and\n}\nenum E { a,, b }\n', { filepath: 'bad.pol' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolSyntaxError);
    const e = error as PolSyntaxError;
    expect(e.name).toBe('SyntaxError');
    expect(e.loc.start).toEqual({ line: 3, column: 1 });
    expect(e.message.split('\n')[0]).toMatch(/^expected an expression .* \(and \d+ more syntax errors?\) \(3:1\)$/);
    expect(e.diagnostics.length).toBeGreaterThan(1);
    expect(e.diagnostics[0]!.span?.file).toBe('bad.pol');
  });
});

describe('formatPol on a literate policy (.pol.md)', () => {
  const md = '# AIA\n\nProse  *as written*   stays.  \n\n```pol\nconst   A =  5\n```\n\n  ```pol\nconst B=6 // note\n  ```\n\n* list\n';

  it('formats the blocks (indented like their fence) and leaves every other byte alone', async () => {
    expect(await formatPol(md, { filepath: 'a.pol.md' })).toBe(md.replace('const   A =  5', 'const A = 5').replace('const B=6 // note', '  const B = 6 // note'));
  });

  it('prettier picks the literate parser for a .pol.md path, not its own Markdown', async () => {
    expect(await format(md, { filepath: 'x/a.pol.md', plugins: [plugin] })).toContain('Prose  *as written*   stays.  \n');
  });

  it('a syntax error in a block names the Markdown line and column', async () => {
    const error = (await formatPol('# T\n\ntext\n\n```pol\nconst A = \n```\n', { filepath: 'bad.pol.md' }).catch((e: unknown) => e)) as PolSyntaxError;
    expect(error).toBeInstanceOf(PolSyntaxError);
    expect(error.loc.start).toEqual({ line: 6, column: 10 });
    expect(error.diagnostics[0]!.span?.file).toBe('bad.pol.md');
  });

  it('the `pol` parser forced on Markdown refuses it rather than dropping the prose', async () => {
    await expect(format(md, { parser: 'pol', filepath: 'a.pol.md', plugins: [plugin] })).rejects.toBeInstanceOf(PolSyntaxError);
  });
});
