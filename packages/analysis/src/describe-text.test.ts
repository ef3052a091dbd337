import { describe, expect, it } from 'vitest';
import { Rational } from '@pol/core/checker';
import { fieldText, readable } from './describe-text.ts';

describe('how a region description writes things', () => {
  it('names an item field as a reader would', () => {
    expect(fieldText('veu.compute_by_country[*].country')).toBe('the country of an item of veu.compute_by_country');
    expect(fieldText('consignee.headquarters')).toBe('consignee.headquarters');
  });

  it('writes numbers as policies do: 4800, 26,900,000, 1e26, 2.5e26', () => {
    const r = (s: string): string => readable(Rational.parse(s)!);
    expect(r('4800')).toBe('4800');
    expect(r('26900000')).toBe('26,900,000');
    expect(r('100000000000000000000000000')).toBe('1e26');
    expect(r('250000000000000000000000000')).toBe('2.5e26');
    expect(r('1234567890123')).toBe('1,234,567,890,123');
    expect(r('1000000000000')).toBe('1e12');
    expect(r('999999999999')).toBe('999,999,999,999');
    expect(r('-30000000000000')).toBe('-3e13');
    expect(r('26900000.5')).toBe('26,900,000.5');
  });
});
