/**
 * Streaming reads the same inputs as reading the whole file: random JSON Lines (valid and invalid
 * inputs, duplicate keys, CRLF, a BOM, blank lines, broken JSON) give identical output, line for
 * line, whether decided through the streaming reader or from the whole text split into lines and
 * read with the exact JSON reader.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '@pol/core';
import { readFileSync } from 'node:fs';
import { interpreterEngine } from '../../packages/cli/src/engines.ts';
import { decideItem, type ItemOptions } from '../../packages/cli/src/batch/decide.ts';
import { jsonLines } from '../../packages/cli/src/batch/sources.ts';
import { JsonSyntaxError, lineColumn, readJson } from '../../packages/cli/src/json-reader.ts';
import { arbBadInputFor, arbInputFor } from '../harness/policy-gen.ts';
import { REPO } from '../support/policy-files.ts';
import { fcParams } from '../support/fc-config.ts';

const program = compilePolicyFile(join(REPO, 'policies/sample/lab-exports.pol'), (p) => readFileSync(p, 'utf8')).program!;
const engine = interpreterEngine(program);
const options: ItemOptions = { name: 'in.jsonl', explain: false, format: 'json' };

/** The reference: the whole text in memory, split into lines, each read by the exact reader. */
function wholeFile(text: string): string {
  const out: string[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (l.trim() === '') return;
      let parsed;
      try {
        parsed = readJson(l);
      } catch (e) {
        const at = lineColumn(l, (e as JsonSyntaxError).offset);
        out.push(`in.jsonl:${i + 1}: error[input/unparseable]: not valid JSON at column ${at.column}: ${(e as Error).message}\n`, JSON.stringify({ line: i + 1, error: 'invalid input', errors: [`not valid JSON at column ${at.column}: ${(e as Error).message}`] }) + '\n');
        return;
      }
      // the same decision code after reading: the property is about reading
      const o = decideItem(engine, { line: i + 1, text: JSON.stringify(parsed.value) }, options);
      const warnings = parsed.warnings.map((w) => `in.jsonl:${i + 1}: warning: ${w.path}: ${w.message}\n`).join('');
      out.push(warnings + o.err, o.out);
    });
  return out.join('');
}

const dir = mkdtempSync(join(tmpdir(), 'pol-stream-'));

describe('streaming input', () => {
  it('gives the output of whole-file reading', async () => {
    const value = fc.oneof(
      { weight: 5, arbitrary: arbInputFor(program).map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: arbBadInputFor(program).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: arbInputFor(program).map((v) => JSON.stringify(v).replace(/^\{"(\w+)":([^,]*),/, '{"$1":$2,"$1":$2,')) },
      { weight: 1, arbitrary: fc.json() },
      { weight: 1, arbitrary: fc.constantFrom('{not json', '', '   ', '{"units": 1e400}', '[1,2', '"\\u00e9"') },
    );
    const file = fc.tuple(fc.array(value, { maxLength: 12 }), fc.boolean(), fc.boolean(), fc.boolean());
    let n = 0;
    await fc.assert(
      fc.asyncProperty(file, async ([lines, crlf, bom, finalNewline]) => {
        const text = (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n') + (finalNewline ? '\n' : '');
        const path = join(dir, `t${n++}.jsonl`);
        writeFileSync(path, text);
        let streamed = '';
        for await (const item of jsonLines(path)) {
          const o = decideItem(engine, item, options);
          streamed += o.err + o.out;
        }
        expect(streamed).toBe(wholeFile(text));
      }),
      fcParams(300),
    );
  });
});
