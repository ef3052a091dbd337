import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fcParams } from '../../../../test/support/fc-config.ts';
import { distance } from './suggest.ts';

/** The distance as first written (a fresh table per call): the reference for the reused flat table. */
function reference(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

test('distance on the reused table equals the reference, whatever the order of calls', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'é', '\u{1F600}'), maxLength: 40 });
  fc.assert(
    fc.property(fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 5 }), (pairs) => {
      for (const [a, b] of pairs) expect(distance(a, b)).toBe(reference(a, b));
    }),
    fcParams(500),
  );
  expect(distance('Germny', 'Germany')).toBe(1);
  expect(distance('ab', 'ba')).toBe(1);
});
