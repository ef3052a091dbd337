import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonFile, jsonLines, type BrokenItem, type RawItem } from './sources.ts';

const dir = mkdtempSync(join(tmpdir(), 'pol-sources-'));
let n = 0;
function file(text: string, ext = '.jsonl'): string {
  const p = join(dir, `f${n++}${ext}`);
  writeFileSync(p, text);
  return p;
}
async function all<T>(g: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
}

describe('JSON Lines', () => {
  it('keeps line numbers across blank lines, CRLF, a BOM and a missing final newline', async () => {
    const items = await all(jsonLines(file('\uFEFF{"a":1}\r\n\r\n  \n{"a":2}\n{"a":3}')));
    expect(items).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"a":2}' },
      { line: 5, text: '{"a":3}' },
    ]);
  });
  it('reads lines that span read chunks, and multi-byte characters split between chunks', async () => {
    const long = `{"s":"${'é'.repeat(70_000)}"}`;
    const items = await all(jsonLines(file(`${long}\n{"b":1}\n${long}\n`)));
    expect(items.map((i) => i.line)).toEqual([1, 2, 3]);
    expect(items[0]!.text).toBe(long);
    expect(items[2]!.text).toBe(long);
  });
  it('says clearly when the file is missing or a folder', async () => {
    await expect(all(jsonLines(join(dir, 'nope.jsonl')))).rejects.toThrow('cannot read the input file');
    await expect(all(jsonLines(dir))).rejects.toThrow('it is not a file');
  });
});

describe('JSON files', () => {
  it('cuts an array into its elements, whatever the strings hold', async () => {
    const text = `[ {"s":"a, ] [ } \\" {"}, [1,[2]] ,\n"x" , 3 ]\n`;
    const items = (await all(jsonFile(file(text, '.json')))) as RawItem[];
    expect(items.map((i) => [i.line, i.text.trim()])).toEqual([
      [1, '{"s":"a, ] [ } \\" {"}'],
      [2, '[1,[2]]'],
      [3, '"x"'],
      [4, '3'],
    ]);
  });
  it('reads one value whole', async () => {
    expect(await all(jsonFile(file('\n {"a": [1, 2]}\n', '.json')))).toEqual([{ line: 1, text: '\n {"a": [1, 2]}\n' }]);
  });
  it('reports an unclosed array, a trailing comma and text after the end', async () => {
    expect(((await all(jsonFile(file('[1, 2', '.json')))).at(-1) as BrokenItem).broken).toMatch(/not closed/);
    expect(((await all(jsonFile(file('[1, 2, ]', '.json')))).at(-1) as BrokenItem).broken).toMatch(/no value/);
    expect(((await all(jsonFile(file('[1] x', '.json')))).at(-1) as BrokenItem).broken).toMatch(/after the closing/);
    expect(await all(jsonFile(file('[]', '.json')))).toEqual([]);
  });
  it('streams an array larger than a read chunk', async () => {
    const els = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, s: 'x'.repeat(i % 50) }));
    const items = (await all(jsonFile(file(`[${els.join(',')}]`, '.json')))) as RawItem[];
    expect(items.length).toBe(5000);
    expect(items.map((i) => i.text)).toEqual(els);
  });
});
