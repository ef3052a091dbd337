/**
 * Golden cases: golden/<case>/input.pol formats to golden/<case>/output.pol, or, for a file the
 * formatter must refuse, fails with golden/<case>/error.txt. An optional options.json sets
 * `printWidth`. Refresh the expected files with `pnpm test:update` (vitest -u) or
 * POL_UPDATE_GOLDEN=1.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolSyntaxError } from '../../packages/prettier-plugin-pol/src/index.ts';
import { commentTexts, format, meaning } from './harness.ts';

const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.POL_UPDATE_GOLDEN === '1';
const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden cases', () => {
  it('has at least 8 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(GOLDEN, name);
      const input = readFileSync(join(dir, 'input.pol'), 'utf8');
      const optionsFile = join(dir, 'options.json');
      const width = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as { printWidth?: number }).printWidth : undefined;
      let output: string | undefined;
      let error: unknown;
      try {
        output = await format(input, width);
      } catch (e) {
        error = e;
      }

      if (output === undefined) {
        // refused: the error Prettier reports, with its position
        expect(error).toBeInstanceOf(PolSyntaxError);
        const e = error as PolSyntaxError;
        const text = `${e.message.split('\n')[0]}\nloc: ${e.loc.start.line}:${e.loc.start.column}\n`;
        expect(existsSync(join(dir, 'output.pol')), 'a refused case has no output.pol').toBe(false);
        if (UPDATE) writeFileSync(join(dir, 'error.txt'), text);
        await expect(text).toMatchFileSnapshot(join(dir, 'error.txt'));
        return;
      }

      expect(existsSync(join(dir, 'error.txt')), `${name} formats, but has an error.txt`).toBe(false);
      if (UPDATE) writeFileSync(join(dir, 'output.pol'), output);
      await expect(output).toMatchFileSnapshot(join(dir, 'output.pol'));
      // every golden output is itself formatted, means the same and keeps the comments
      expect(await format(output, width)).toBe(output);
      expect(meaning(output)).toEqual(meaning(input));
      expect(commentTexts(output)).toEqual(commentTexts(input));
    });
  }
});
