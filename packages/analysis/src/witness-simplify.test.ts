import { describe, expect, it } from 'vitest';
import * as IR from '@pol/core/ir';
import { compilePolicyFile } from '@pol/core';
import { quantitiesIn, simplerWitness } from './witness-simplify.ts';
import type { JsonValue } from './witness.ts';

const text = `unit TPP
record Holding { country: Place, tpp: TPP }
enum Place { US, GB, IL }
input T { date: Date, tpp: TPP, units: Number, note: optional Number, holdings: optional list of Holding }
decision D { yes, no }
rule big { cites "x" when tpp >= 1_600 TPP and units >= 1 decide yes }
rule held { cites "x" when holdings is present and sum(h.tpp for each h in holdings) > 4_800 TPP decide yes }
otherwise decide no
`;
const compiled = compilePolicyFile('/mem/p.pol', (p) => (p === '/mem/p.pol' ? text : undefined));
if (!compiled.program) throw new Error(JSON.stringify(compiled.diagnostics));
const policy = compiled.program;

describe('simpler witnesses', () => {
  it('the policy numbers of each unit, ascending', () => {
    expect(quantitiesIn([IR.optimize(IR.lower(policy))])).toEqual(new Map([['TPP', [1600, 4800]]]));
  });

  const quantities = new Map([['TPP', [1600, 4800]]]);
  type W = { date?: string; tpp: number; units: number; note?: number; holdings?: { country: string; tpp: number }[] };

  it('list items and optional fields the region does not need are left out; what it needs stays', () => {
    // the region: tpp >= 1600 and at least one unit, with a holding from the US of some TPP
    const keep = (w: JsonValue): boolean => {
      const x = w as W;
      return x.tpp >= 1600 && x.units >= 1 && (x.holdings ?? []).some((h) => h.country === 'US' && h.tpp > 0);
    };
    const w: W = { tpp: 2000, units: 3, note: 7, holdings: [{ country: 'IL', tpp: 0 }, { country: 'US', tpp: 1 }, { country: 'US', tpp: 5 }] };
    // the holdings' second US entry goes (the last first), then IL's; the note goes; the holding of 1 TPP becomes 1,600 TPP
    expect(simplerWitness(w, policy.input.type, quantities, keep)).toEqual({ tpp: 2000, units: 3, holdings: [{ country: 'US', tpp: 1600 }] });
  });

  it('a count or a share is no quantity: 3 units stay 3; a quantity stays where no policy number keeps the region', () => {
    const keep = (w: JsonValue): boolean => (w as W).tpp < 10 && (w as W).units === 3;
    expect(simplerWitness({ tpp: 2, units: 3 }, policy.input.type, quantities, keep)).toEqual({ tpp: 2, units: 3 });
  });

  it('a date on a boundary moves to the first of a nearby month where the region allows it', () => {
    // the region starts on 2025-05-15: the first of May is outside, the first of June the nearest inside
    const keep = (w: JsonValue): boolean => ((w as W).date ?? '') >= '2025-05-15';
    expect(simplerWitness({ date: '2025-05-15', tpp: 2000, units: 1 }, policy.input.type, quantities, keep)).toEqual({ date: '2025-06-01', tpp: 2000, units: 1 });
    // a region of one day keeps its day
    const oneDay = (w: JsonValue): boolean => (w as W).date === '2026-01-14';
    expect(simplerWitness({ date: '2026-01-14', tpp: 2000, units: 1 }, policy.input.type, quantities, oneDay)).toEqual({ date: '2026-01-14', tpp: 2000, units: 1 });
  });

  it('a member becomes a more familiar one of another class where the region allows it, several fields holding it together', () => {
    // familiar: US, then GB; IL is the solver's pick; US and GB are in one class, IL in another
    const familiar = { members: ['US', 'GB', 'IL'], classOf: (_e: string, m: string) => (m === 'IL' ? 'b' : 'a') };
    type H = { tpp: number; units: number; holdings: { country: string; tpp: number }[] };
    const w: H = { tpp: 2000, units: 1, holdings: [{ country: 'IL', tpp: 1600 }, { country: 'IL', tpp: 1600 }] };
    // the region needs both holdings in one country, not the US: one at a time never stays in it
    const keep = (x: JsonValue): boolean => {
      const hs = (x as H).holdings;
      return hs?.length === 2 && hs[0]!.country === hs[1]!.country && hs[0]!.country !== 'US';
    };
    // US and GB are one class: US is tried (and fails), GB is not; the held value stays
    expect(simplerWitness(w, policy.input.type, quantities, keep, familiar)).toEqual(w);
    const apart = { members: familiar.members, classOf: (_e: string, m: string) => m };
    expect(simplerWitness(w, policy.input.type, quantities, keep, apart)).toEqual({ ...w, holdings: [{ country: 'GB', tpp: 1600 }, { country: 'GB', tpp: 1600 }] });
    // nothing is more familiar than the US
    expect(simplerWitness({ ...w, holdings: [{ country: 'US', tpp: 1600 }] }, policy.input.type, quantities, (x) => (x as H).holdings?.length === 1, apart)).toEqual({ ...w, holdings: [{ country: 'US', tpp: 1600 }] });
  });

  it('quantities read as a person would write them: a zero holding, shares kept while the quantities grow, a quantity far above the policy shrunk', () => {
    type H = { tpp: number; units: number; holdings?: { country: string; tpp: number }[] };
    const holdings = (w: JsonValue) => (w as H).holdings ?? [];
    // a holding of 0 TPP becomes 100 where the region allows it (here: some holding, the second under 10% of the total)
    const share = (w: JsonValue): boolean => {
      const hs = holdings(w);
      const total = hs.reduce((n, h) => n + h.tpp, 0);
      return hs.length === 2 && hs[0]!.tpp > 0 && hs[1]!.tpp <= 0.1 * total && (w as H).tpp >= 1600;
    };
    const zero: H = { tpp: 2000, units: 1, holdings: [{ country: 'US', tpp: 1600 }, { country: 'GB', tpp: 0 }] };
    expect(holdings(simplerWitness(zero, policy.input.type, quantities, share))).toEqual([{ country: 'US', tpp: 1600 }, { country: 'GB', tpp: 100 }]);
    // 9 and 1 TPP: raising one alone breaks the share; scaled together the smallest becomes 1,600
    const tiny: H = { tpp: 2000, units: 1, holdings: [{ country: 'US', tpp: 9 }, { country: 'GB', tpp: 1 }] };
    expect(holdings(simplerWitness(tiny, policy.input.type, quantities, share))).toEqual([{ country: 'US', tpp: 14400 }, { country: 'GB', tpp: 1600 }]);
    // 30,000,000 TPP where at least 1,600 is all the region needs: the round number above 1,600
    expect(simplerWitness({ tpp: 30_000_000, units: 1 }, policy.input.type, quantities, (w) => (w as H).tpp >= 1600)).toEqual({ tpp: 2000, units: 1 });
    // and where it needs more than 4,800: none of the tries keeps it, so it stays
    expect(simplerWitness({ tpp: 30_000_000, units: 1 }, policy.input.type, quantities, (w) => (w as H).tpp > 26_000_000)).toEqual({ tpp: 30_000_000, units: 1 });
  });
});
