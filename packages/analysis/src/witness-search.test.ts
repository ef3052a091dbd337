import { describe, expect, it } from 'vitest';
import { findWitness, roundNumbers } from './witness-search.ts';
import type { JsonValue } from './witness.ts';
import { freshZ3 } from './smt/z3.ts';
import { Universe } from './smt/universe.ts';
import type { SV } from './smt/values.ts';

/**
 * The retry path forced: the region's first model holds x = 26900001/26900000, which no JSON
 * decimal writes exactly, so the witness must come from a later query (the region asked again,
 * then with whole numbers, then in hundredths), and a region with none is reported with every
 * reason, never dropped.
 */
describe('witness retries', () => {
  const setup = async (lo: string, hi: string) => {
    const Z = await freshZ3();
    const x = Z.Real.const('x');
    const value: SV = { t: 'rec', f: new Map([['x', { t: 'num', v: x }]]) };
    const s = new Z.Solver();
    s.add(x.gt(Z.Real.val(lo)), x.lt(Z.Real.val(hi)));
    const first = new Z.Model();
    first.updateValue(x, Z.Real.val('26900001/26900000'));
    return { Z, x, value, s, first };
  };
  const accept = (): undefined => undefined;

  it('a fractional first model: the whole-number query answers', async () => {
    const { Z, x, value, s, first } = await setup('1', '3');
    expect(first.eval(x).toString()).toContain('26900001');
    const f = await findWitness(Z, s, Z.Bool.val(true), first, new Universe(), value, [x], accept);
    expect(f).toEqual({ witness: { x: 2 } });
  });

  it('no whole number in the region: numbers in hundredths', async () => {
    const { Z, x, value, s, first } = await setup('1', '2');
    const f = await findWitness(Z, s, Z.Bool.val(true), first, new Universe(), value, [x], accept);
    expect('witness' in f).toBe(true);
    const w = (f as { witness: { x: number } }).witness.x;
    expect(w).toBeGreaterThan(1);
    expect(w).toBeLessThan(2);
    expect(Math.round(w * 100)).toBeCloseTo(w * 100, 9);
  });

  it('neither: the region is given up with every reason (reported as not covered, not dropped)', async () => {
    const { Z, x, value, s, first } = await setup('1', '1.001');
    // the interpreter reads every exact value of the region otherwise (as at a boundary)
    const f = await findWitness(Z, s, Z.Bool.val(true), first, new Universe(), value, [x], () => 'the interpreter reads it otherwise');
    expect(f).toMatchObject({ reason: expect.stringContaining('26900001/26900000 has no exact decimal form') });
    expect((f as { reason: string }).reason).toContain('with the ledgers as an evaluation reads them: the interpreter reads it otherwise');
    expect((f as { reason: string }).reason).toContain('with whole numbers: none in this region');
    expect((f as { reason: string }).reason).toContain('with numbers in hundredths: none in this region');
  });

  it('a witness the interpreter rejects is retried too', async () => {
    const { Z, x, value, s } = await setup('1', '3');
    const first = new Z.Model();
    first.updateValue(x, Z.Real.val('5/2'));
    const f = await findWitness(Z, s, Z.Bool.val(true), first, new Universe(), value, [x], (w) => ((w as { x: number }).x === 2.5 ? 'the interpreter reads it otherwise' : undefined));
    expect(f).toEqual({ witness: { x: 2 } });
  });
});

describe('round witnesses', () => {
  it('a fraction becomes a whole number, a long number a round one, each only where the interpreter keeps the region', () => {
    // the region: units > 0 and tpp < 26900001 (kept while both hold)
    const keep = (w: unknown): boolean => {
      const x = w as { units: number; tpp: number };
      return x.units > 0 && x.tpp < 26_900_001;
    };
    expect(roundNumbers({ units: 0.5, tpp: 26_899_999 }, new Set(), keep)).toEqual({ units: 1, tpp: 20_000_000 });
    // a number the policy names is left alone, and so is a fraction no whole number keeps in the region
    expect(roundNumbers({ units: 0.5, tpp: 26_900_000 }, new Set(['26900000']), (w) => keep(w) && (w as { units: number }).units < 1)).toEqual({ units: 0.5, tpp: 26_900_000 });
  });

  it('a region on a sum: two whole numbers rounded together, the other moving by at most its own size', () => {
    // LPP at its limit: received + shipped = 26,900,000 exactly
    const atLimit = (w: unknown): boolean => {
      const x = w as { received: number; tpp: number };
      return x.tpp > 0 && x.received + x.tpp === 26_900_000;
    };
    expect(roundNumbers({ tpp: 4_799, received: 26_895_201 }, new Set(), atLimit)).toEqual({ tpp: 5_000, received: 26_895_000 });
    // received rounded to 20,000,000 would make the shipment 6,900,000 TPP: not done
    expect(roundNumbers({ tpp: 4_799, received: 26_895_201 }, new Set(['4799']), atLimit)).toEqual({ tpp: 4_799, received: 26_895_201 });
  });

  it('a number that cannot move alone moves once another has: an item within a limit rounded after the limit', () => {
    type W = { tpp: number; remaining: number };
    const keep = (w: JsonValue): boolean => (w as W).tpp <= (w as W).remaining && (w as W).remaining <= 70_000 && (w as W).tpp >= 66_210;
    expect(roundNumbers({ tpp: 66_211, remaining: 66_212 }, new Set(), keep)).toEqual({ tpp: 70_000, remaining: 70_000 });
  });
});
