import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffPrograms, type DiffReport } from '@pol/analysis';
import type { CheckedProgram } from '@pol/core';
import { loadText } from './load.ts';
import { decideJson, decidedBy, gen, MUTATIONS, sampleDiffs, text } from './random-policies.ts';
import { calGen, calGrid, calText, mutateCal } from './calendar-policies.ts';
import { fcParams } from '../support/fc-config.ts';

const RUNS = Number(process.env.POL_FC_RUNS ?? 100);

type Diff = (a: CheckedProgram, b: CheckedProgram) => Promise<DiffReport>;

/** The property, for any diff: the real one must pass it, a deliberately broken one must not. */
function property(diff: Diff) {
  return fc.asyncProperty(gen, fc.array(fc.tuple(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 5 }), async (g, ms) => {
    const a = loadText(text(g));
    const b = loadText(text(ms.reduce((h, [mi, k]) => MUTATIONS[mi]!(h, k), g)));
    const report = await diff(a, b);
    const diffs = sampleDiffs(a, b);
    if (diffs.length > 0) {
      expect(report.verdict).toBe('changed');
      // completeness: every sampled difference lies in a reported region (regions are the pairs of deciding rules)
      const pairs = new Set(report.regions.map((r) => `${r.before.decidedBy} | ${r.after.decidedBy}`));
      for (const i of diffs) expect(pairs, JSON.stringify(i)).toContain(`${decidedBy(a, i)} | ${decidedBy(b, i)}`);
    }
    if (report.verdict === 'equivalent') expect(diffs).toEqual([]);
    expect(report.verdict).not.toBe('unknown');
    expect(report.uncovered).toEqual([]);
    for (const r of report.regions) expect(decideJson(a, r.witness)).not.toBe(decideJson(b, r.witness));
    expect((await diff(a, a)).verdict).toBe('equivalent');
  });
}

const real: Diff = (a, b) => diffPrograms(a, b, { describe: false });

describe('diff against random sampling', () => {
  it('up to five mutations: every sampled difference (decision or obligations) lies in a reported region; equivalent only when sampling finds none', async () => {
    // deeper runs go in shards, one process each (POL_FC_SHARD=1, 2, ...: other seeds): every diff
    // makes a z3 context that only the garbage collector frees, and z3's WASM heap stops at 2 GB
    await fc.assert(property(real), { numRuns: RUNS, seed: 20260203 + Number(process.env.POL_FC_SHARD ?? 0) });
  }, 600_000);

  // the property has teeth: each broken diff below loses one kind of region, and sampling must catch it
  const broken: [string, (r: DiffReport) => DiffReport][] = [
    ['obligation-only regions dropped', (r) => ({ ...r, regions: r.regions.filter((x) => x.differs !== 'obligations') })],
    ['regions decided by an exception after the change dropped', (r) => ({ ...r, regions: r.regions.filter((x) => !x.after.decidedBy.includes('>')) })],
  ];
  for (const [name, breakIt] of broken) {
    it(`fails for a broken diff: ${name}`, async () => {
      const out = await fc.check(
        property(async (a, b) => breakIt(await real(a, b))),
        { numRuns: 200, seed: 20260203 },
      );
      expect(out.failed).toBe(true);
    }, 600_000);
  }
});

/**
 * The same property on the calendar: random rules on `date + k months`, `date - k years`, `days
 * between`, `calendar year of` and `date + n` (n an input), amended (an amount nudged, a comparison
 * flipped, a month move rewritten in days); every input of a grid around month ends, leap days
 * and year ends that the two versions decide differently lies in a reported region. The solver
 * reads these through lookup tables and the calendar facts (date-facts.ts): a fact that cut away
 * real inputs would lose a region here.
 */
function calendarProperty(diff: Diff) {
  return fc.asyncProperty(calGen, fc.array(fc.integer({ min: 0, max: 17 }), { minLength: 1, maxLength: 2 }), async (g, ms) => {
    const a = loadText(calText(g));
    const b = loadText(calText(ms.reduce(mutateCal, g)));
    const report = await diff(a, b);
    const diffs = calGrid().filter((i) => decideJson(a, i) !== decideJson(b, i));
    expect(report.verdict).not.toBe('unknown');
    expect(report.uncovered).toEqual([]);
    if (diffs.length > 0) expect(report.verdict).toBe('changed');
    if (report.verdict === 'equivalent') expect(diffs).toEqual([]);
    const pairs = new Set(report.regions.map((r) => `${r.before.decidedBy} | ${r.after.decidedBy}`));
    for (const i of diffs) expect(pairs, JSON.stringify(i)).toContain(`${decidedBy(a, i)} | ${decidedBy(b, i)}`);
    for (const r of report.regions) expect(decideJson(a, r.witness)).not.toBe(decideJson(b, r.witness));
  });
}

describe('diff against random sampling, on month and year arithmetic', () => {
  it('every sampled difference lies in a reported region; equivalent only when sampling finds none', async () => {
    await fc.assert(calendarProperty(real), fcParams(12));
  }, 600_000);

  it('fails for a broken diff: regions decided by the fallback after the change dropped', async () => {
    const out = await fc.check(
      calendarProperty(async (a, b) => {
        const r = await real(a, b);
        return { ...r, regions: r.regions.filter((x) => x.after.decidedBy !== 'otherwise') };
      }),
      fcParams(40),
    );
    expect(out.failed).toBe(true);
  }, 600_000);
});
