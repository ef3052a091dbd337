import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '@pol/core';
import { shareChecker } from './shares.ts';

const POLICY = `input I { s: Share  t: optional Share  n: Number  l: list of { x: Share } }
decision O { yes  no }
rule r { cites "c" when s >= 75% and n > 0 decide yes }
otherwise decide no
`;

const check = shareChecker(compilePolicyFile('/p.pol', (p) => (p === '/p.pol' ? POLICY : undefined)).program!);

describe('Share inputs outside 0..1 are warned about, by path', () => {
  it('75 for 75%: names the path and the fraction to write', () => {
    expect(check({ s: 75, n: 500, l: [] })).toEqual([{ path: 's', message: '75 is not a share; write 0.75 for 75% (a Share is a fraction from 0 to 1, compared with percentages)' }]);
  });

  it('negative, above 100, exact texts, optional and nested fields', () => {
    expect(check({ s: '150', t: '-0.5', n: -3, l: [{ x: 0.5 }, { x: '1.0000000000000000000001' }] })).toEqual([
      { path: 's', message: '150 is not a share: a Share is a fraction from 0 to 1 (0.75 for 75%)' },
      { path: 't', message: '-0.5 is not a share: a Share is a fraction from 0 to 1 (0.75 for 75%)' },
      { path: 'l[1].x', message: '1.0000000000000000000001 is not a share; write 0.010000000000000000000001 for 1.0000000000000000000001% (a Share is a fraction from 0 to 1, compared with percentages)' },
    ]);
  });

  it('0, 1 and the fractions between are shares; a plain Number is not checked', () => {
    expect(check({ s: 0, t: 1, n: 75, l: [{ x: '0.999' }, { x: 1e-7 }] })).toEqual([]);
    expect(check({ s: 1, t: null, n: -1, l: [] })).toEqual([]);
  });
});
