/**
 * The formatter's promises, checked on every policy under policies/ and on random policies:
 * meaning kept, nothing lost, idempotent, stable under whitespace noise.
 * POL_FC_RUNS sets the number of random cases (200 by default); the seed is fixed.
 */
import fc from 'fast-check';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyText } from './arbitrary-policy.ts';
import { commentTexts, FC_RUNS, FC_SEED, format, meaning, policyFiles, read, ROOT } from './harness.ts';
import { addNoise } from './noise.ts';

const files = policyFiles();
const params = { numRuns: FC_RUNS, seed: FC_SEED, endOnFailure: true } as const;

/** All four promises for one text; `width` varies the layout. */
async function checkAll(text: string, width?: number, path?: string): Promise<string> {
  const once = await format(text, width, path);
  expect(meaning(once, path)).toEqual(meaning(text, path));
  expect(commentTexts(once, path)).toEqual(commentTexts(text, path));
  expect(await format(once, width, path)).toBe(once);
  return once;
}

describe('policies under policies/', () => {
  it('finds policy files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const label = file.slice(ROOT.length + 1);
    it(`${label}: meaning kept, nothing lost, idempotent`, async () => {
      await checkAll(read(file), undefined, file);
    });

    it(`${label}: the same at widths 40 and 160`, async () => {
      await checkAll(read(file), 40, file);
      await checkAll(read(file), 160, file);
    });

    it(`${label}: stable under whitespace noise`, async () => {
      const text = read(file);
      const expected = await format(text, undefined, file);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), async (choices) => {
          const noisy = addNoise(text, choices, file);
          expect(meaning(noisy, file)).toEqual(meaning(text, file));
          expect(await format(noisy, undefined, file)).toBe(expected);
        }),
        { ...params, numRuns: Math.max(1, Math.ceil(FC_RUNS / 10)) },
      );
    });
  }

  it(`covers ${files.map((f) => basename(f)).join(', ')}`, () => {
    expect(files.every((f) => f.endsWith('.pol') || f.endsWith('.pol.md'))).toBe(true);
    expect(files.some((f) => f.endsWith('.pol.md'))).toBe(true);
  });
});

describe('random policies', () => {
  it('meaning kept, nothing lost, idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(policyText, fc.constantFrom(undefined, 40, 100, 140), async (text, width) => {
        await checkAll(text, width);
      }),
      params,
    );
  });

  it('stable under whitespace noise', async () => {
    await fc.assert(
      fc.asyncProperty(policyText, fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), async (text, choices) => {
        const noisy = addNoise(text, choices);
        expect(meaning(noisy)).toEqual(meaning(text));
        expect(await format(noisy)).toBe(await format(text));
      }),
      params,
    );
  });
});
