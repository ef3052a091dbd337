import { describe, expect, it } from 'vitest';
import { suggest } from './suggest.ts';

const COUNTRIES = ['AX', 'GB', 'GR', 'US', 'DE', 'BG'];

describe('did you mean', () => {
  it('a misspelt name: the nearest in scope', () => {
    expect(suggest('lpp_limt', ['lpp_limit', 'aca_limit'])).toBe('lpp_limit');
  });

  it('a two-letter code: only another case or a known alias, never a code one letter away', () => {
    expect(suggest('XX', COUNTRIES, true)).toBeUndefined();
    expect(suggest('GX', COUNTRIES, true)).toBeUndefined();
    expect(suggest('gb', COUNTRIES, true)).toBe('GB');
    expect(suggest('UK', COUNTRIES, true)).toBe('GB');
    expect(suggest('EL', COUNTRIES, true)).toBe('GR');
  });

  it('a short name in a policy still gets the name one letter away (m for n)', () => {
    expect(suggest('m', ['n', 'total'])).toBe('n');
  });
});
