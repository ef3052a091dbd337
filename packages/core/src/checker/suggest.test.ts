import { describe, expect, it } from 'vitest';
import { suggest } from './suggest.ts';

const COUNTRIES = ['AX', 'GB', 'GR', 'US', 'DE', 'BG'];

describe('did you mean', () => {
  it('a misspelt name: the nearest in scope', () => {
    expect(suggest('lpp_limt', ['lpp_limit', 'aca_limit'])).toBe('lpp_limit');
  });

  it('a two-letter code: only another case or a known alias, never a code one letter away', () => {
    expect(suggest('XX', COUNTRIES)).toBeUndefined();
    expect(suggest('GX', COUNTRIES)).toBeUndefined();
    expect(suggest('gb', COUNTRIES)).toBe('GB');
    expect(suggest('UK', COUNTRIES)).toBe('GB');
    expect(suggest('EL', COUNTRIES)).toBe('GR');
  });
});
