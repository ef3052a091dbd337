import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffPrograms, type DiffReport } from '@pol/analysis';
import type { CheckedProgram } from '@pol/core';
import { loadText } from './load.ts';
import { compare, decideJson, decidedBy, gen, MUTATIONS, SAMPLES, text, withoutZField } from './random-policies.ts';
import { calGen, calGrid, calText, mutateCal } from './calendar-policies.ts';
import { fcParams } from '../support/fc-config.ts';

const RUNS = Number(process.env.POL_FC_RUNS ?? 100);

type Diff = (a: CheckedProgram, b: CheckedProgram) => Promise<DiffReport>;

/**
 * The property, for any diff: the real one must pass it, a deliberately broken one must not. Each
 * case's SAMPLES inputs (random-policies.ts) are decided by both versions; an input both accept
 * and decide differently (decision, its fields, or obligations) must lie in a reported region
 * (regions are the pairs of deciding rules), and an input only one accepts in a reported domain
 * entry of that version and its deciding rules.
 */
function property(diff: Diff) {
  return fc.asyncProperty(gen, fc.array(fc.tuple(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 5 }), async (g, ms) => {
    const h = ms.reduce((x, [mi, k]) => MUTATIONS[mi]!(x, k), g);
    const a = loadText(text(g));
    const b = loadText(text(h));
    const report = await diff(a, b);
    const { differ, compared } = compare(a, b, g, h);
    expect(compared).toBe(SAMPLES);
    expect(report.verdict).not.toBe('unknown');
    expect(report.uncovered).toEqual([]);
    if (differ.length > 0) expect(report.verdict).toBe('changed');
    if (report.verdict === 'equivalent') expect(differ).toEqual([]);
    // completeness: every sampled difference is reported
    const pairs = new Set(report.regions.map((r) => `${r.before.decidedBy} | ${r.after.decidedBy}`));
    const only = new Set(report.domain.map((d) => `only ${d.acceptedBy}: ${d.decidedBy}${d.without ? ` | without: ${d.without.decidedBy}` : ''}`));
    const missed = differ.filter((d) =>
      d.before && d.after ? !pairs.has(`${d.before.by} | ${d.after.by}`) : !only.has(`${d.before ? `only before: ${d.before.by}` : `only after: ${d.after!.by}`}${d.without ? ` | without: ${d.without.by}` : ''}`),
    );
    expect(missed.slice(0, 3), `${missed.length} sampled difference(s) outside the report`).toEqual([]);
    // soundness: each region's witness is accepted by both and decided differently; each domain
    // entry's witness is accepted by its version only and decided by the rules it names
    for (const r of report.regions) {
      expect(decideJson(a, r.witness)).toBeDefined();
      expect(decideJson(a, r.witness)).not.toBe(decideJson(b, r.witness));
      // and it lies in the region it illustrates: the rules the region names decide it
      expect(`${decidedBy(a, r.witness)} | ${decidedBy(b, r.witness)}`).toBe(`${r.before.decidedBy} | ${r.after.decidedBy}`);
    }
    for (const d of report.domain) {
      const [yes, no] = d.acceptedBy === 'before' ? [a, b] : [b, a];
      expect(decidedBy(yes, d.witness)).toBe(d.decidedBy);
      expect(decideJson(no, d.witness)).toBeUndefined();
      if (d.without) expect(decidedBy(no, withoutZField(d.witness))).toBe(d.without.decidedBy);
    }
    expect((await diff(a, a)).verdict).toBe('equivalent');
  });
}

const real: Diff = (a, b) => diffPrograms(a, b, { describe: false });

describe('diff against random sampling', () => {
  it('up to five mutations: every sampled difference (decision, fields or obligations) lies in a reported region, every input one version only accepts in a reported domain entry; equivalent only when sampling finds none', async () => {
    // deeper runs go in shards, one process each (POL_FC_SHARD=1, 2, ...: other seeds): every diff
    // makes a z3 context that only the garbage collector frees, and z3's WASM heap stops at 2 GB
    await fc.assert(property(real), { numRuns: RUNS, seed: 20260203 + Number(process.env.POL_FC_SHARD ?? 0) });
  }, 600_000);

  // the property has teeth: each broken diff below loses one kind of region, and sampling must catch it
  const broken: [string, (r: DiffReport) => DiffReport][] = [
    ['obligation-only regions dropped', (r) => ({ ...r, regions: r.regions.filter((x) => x.differs !== 'obligations') })],
    ['regions decided by an exception after the change dropped', (r) => ({ ...r, regions: r.regions.filter((x) => !x.after.decidedBy.includes('>')) })],
    ['inputs one version only accepts and an exception decides dropped', (r) => ({ ...r, domain: r.domain.filter((d) => !d.decidedBy.includes('>')) })],
    ['what the other version decides without the field it does not declare left out', (r) => ({ ...r, domain: r.domain.map(({ without: _w, ...d }) => d) })],
  ];
  for (const [name, breakIt] of broken) {
    it(`fails for a broken diff: ${name}`, async () => {
      const out = await fc.check(
        property(async (a, b) => breakIt(await real(a, b))),
        // only whether it fails matters: no shrinking (each step is a diff and SAMPLES inputs)
        { numRuns: 200, seed: 20260203, endOnFailure: true },
      );
      expect(out.failed).toBe(true);
      // failed by a check on the report, not by the diff throwing
      expect((out.errorInstance as Error).name).toBe('AssertionError');
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
      { ...fcParams(40), endOnFailure: true },
    );
    expect(out.failed).toBe(true);
    expect((out.errorInstance as Error).name).toBe('AssertionError');
  }, 600_000);
});
