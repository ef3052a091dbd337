import { describe, expect, it } from 'vitest';
import { validateValue } from './validate.ts';
import type { Type } from '../types/pol-types.ts';

const list: Type = { kind: 'list', element: { kind: 'number', unit: null } };
const enums = { has: () => false };

describe('validateValue', () => {
  it('refuses a list with holes instead of passing it on (D7)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const r = validateValue(list, [1, , 3], enums);
    expect(r.errors).toEqual([expect.objectContaining({ path: '', message: 'this list has 1 missing element (the first at [1]); a list cannot have holes' })]);
    const huge = validateValue(list, new Array(1e9), enums);
    expect(huge.errors[0]?.message).toContain('1000000000 missing elements (the first at [0])');
  });
  it('accepts an ordinary list, with or without extra properties', () => {
    const a = Object.assign([1, 2], { note: 'x' });
    expect(validateValue(list, a, enums).errors).toEqual([]);
    expect(validateValue(list, [], enums).errors).toEqual([]);
  });
});

describe('input numbers', () => {
  const num: Type = { kind: 'number', unit: null };
  it('hold at most 1,000 digits, refused before any arithmetic', () => {
    expect(validateValue(num, '9'.repeat(1000), enums).errors).toEqual([]);
    const r = validateValue(num, '9'.repeat(150_000), enums);
    expect(r.errors[0]?.message).toMatch(/^"9{40}…" has more than 1,000 digits, which Pol does not hold$/);
    expect(validateValue(num, `0.${'1'.repeat(1000)}`, enums).errors[0]?.message).toContain('more than 1,000 digits');
  });
});
