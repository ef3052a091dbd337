/**
 * A region names the structural changes it is caused by, judged on its witness (analysis
 * causes.ts): with five amendments at once, each region is blamed on the one change that opens it,
 * not on every change its deciding rules could read; a declaration removed with the only rules
 * that read it is left to their removal.
 */
import { describe, expect, it } from 'vitest';
import { diffPrograms } from '@pol/analysis';
import { load } from './load.ts';
import { join } from 'node:path';
import { REPO } from '../support/policy-files.ts';

const both = (name: string) => [load(join(REPO, `test/diff/cases/${name}/before.pol`)), load(join(REPO, `test/diff/cases/${name}/after.pol`))] as const;

describe('causes of a region', () => {
  it('five amendments at once: each region is caused by the change that opens it', async () => {
    const [before, after] = both('five-at-once');
    const r = await diffPrograms(before, after);
    const causes = Object.fromEntries(r.regions.map((g) => [`${g.before.decidedBy} | ${g.after.decidedBy}`, g.causes]));
    expect(causes).toEqual({
      // the raised LPP limit alone: MO is in neither Tier 1 nor (now or before) out of D:5
      'advanced | advanced > lpp': ['changed const LPP_LIMIT'],
      // IL moved to Tier 1: the LPP limit does not decide either side (LPP fails or is overridden on both)
      'advanced | advanced > tier1': ['changed group Tier1'],
      'advanced > lpp | advanced > tier1': ['changed group Tier1'],
      // KH leaving D:5: the shipment fits LPP under both limits
      'advanced > d5 | advanced': ['changed group D5'],
      'advanced > d5 | advanced > lpp': ['changed group D5'],
    });
  });

  it('a single change is still named for its regions', async () => {
    const [before, after] = both('lpp-limit');
    const r = await diffPrograms(before, after);
    expect(r.regions.length).toBeGreaterThan(0);
    for (const g of r.regions) expect(g.causes).toContain('changed const LPP_LIMIT');
  });

  it('IFR -> as enforced: declarations removed with the rules that read them are not listed beside the removal', async () => {
    const before = load(join(REPO, 'policies/ai-diffusion/ifr.pol'));
    const after = load(join(REPO, 'policies/ai-diffusion/as-enforced-2025-05-13.pol'));
    const r = await diffPrograms(before, after);
    const all = r.regions.flatMap((g) => g.causes);
    expect(all).toContain('removed rule advanced_computing_items');
    expect(all.filter((c) => c === 'removed const LPP_ANNUAL_LIMIT' || c.startsWith('removed define uveu_'))).toEqual([]);
    // every region still names at least one cause
    for (const g of r.regions) expect(g.causes.length).toBeGreaterThan(0);
  }, 120_000);
});
