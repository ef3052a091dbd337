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
async function checkAll(text: string, width?: number): Promise<string> {
  const once = await format(text, width);
  expect(meaning(once)).toEqual(meaning(text));
  expect(commentTexts(once)).toEqual(commentTexts(text));
  expect(await format(once, width)).toBe(once);
  return once;
}

describe('policies under policies/', () => {
  it('finds policy files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const label = file.slice(ROOT.length + 1);
    it(`${label}: meaning kept, nothing lost, idempotent`, async () => {
      await checkAll(read(file));
    });

    it(`${label}: the same at widths 40 and 160`, async () => {
      await checkAll(read(file), 40);
      await checkAll(read(file), 160);
    });

    it(`${label}: stable under whitespace noise`, async () => {
      const text = read(file);
      const expected = await format(text);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), async (choices) => {
          const noisy = addNoise(text, choices);
          expect(meaning(noisy)).toEqual(meaning(text));
          expect(await format(noisy)).toBe(expected);
        }),
        { ...params, numRuns: Math.max(1, Math.ceil(FC_RUNS / 10)) },
      );
    });
  }

  it(`covers ${files.map((f) => basename(f)).join(', ')}`, () => {
    expect(files.every((f) => f.endsWith('.pol'))).toBe(true);
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
