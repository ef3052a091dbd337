/** docs/formatting.md shows the formatter's real output: every Before/After pair is checked. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, ROOT } from './harness.ts';

const doc = readFileSync(join(ROOT, 'docs/formatting.md'), 'utf8');
const pairs = [...doc.matchAll(/^Before:\n\n```text\n([\s\S]*?)```\n\nAfter:\n\n```text\n([\s\S]*?)```/gm)].map((m) => ({
  before: m[1]!,
  after: m[2]!,
}));

describe('docs/formatting.md', () => {
  it('has before/after examples', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(6);
  });

  pairs.forEach(({ before, after }, i) => {
    it(`example ${i + 1}: ${before.split('\n')[0]!.slice(0, 60)}`, async () => {
      expect(await format(before)).toBe(after);
    });
  });
});
