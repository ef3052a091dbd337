import { describe, expect, it } from 'vitest';
import { holdsOn, valuesAt } from './describe-probe.ts';

const t = { destination: 'GB', veu: { kind: 'universal', compute_by_country: [{ country: 'US', tpp: 1 }, { country: 'PL', tpp: 1 }] } };

describe('reading a region fact on a transaction', () => {
  it('reads a field, and a field of every item of a list', () => {
    expect(valuesAt(t, 'destination')).toEqual(['GB']);
    expect(valuesAt(t, 'veu.compute_by_country[*].country')).toEqual(['US', 'PL']);
    expect(valuesAt(t, 'consignee.headquarters')).toEqual([]);
    expect(valuesAt({ veu: { kind: 'national' } }, 'veu.compute_by_country[*].country')).toEqual([]);
  });

  it('a moved member held by a field or by some item', () => {
    const some = (paths: string[], value: string) => ({ k: 'some' as const, path: paths.join(' or '), paths, value });
    expect(holdsOn(some(['destination', 'veu.compute_by_country[*].country'], 'PL'), t, undefined)).toBe(true);
    expect(holdsOn(some(['veu.compute_by_country[*].country'], 'GB'), t, undefined)).toBe(false);
    expect(holdsOn(some(['destination'], 'GB'), t, undefined)).toBe(true);
  });
});
