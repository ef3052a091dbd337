/**
 * The facts a region's description claims hold on every input of the region: for random policies
 * and up to five mutations (random-policies.ts), every sampled input that the interpreter decides
 * by the region's rules on both sides, and differently, satisfies each of the region's facts
 * (`Region.facts`, the machine-readable form of `where`). The facts are proved by the leaves'
 * shape, refuted by interpreter probes, or proved by the solver (describe.ts); this checks all
 * three against the reference semantics. A deliberately wrong fact must fail it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffPrograms, type DiffReport, type RegionFact } from '@pol/analysis';
import { loadText } from './load.ts';
import { decideJson, decidedBy, gen, grid, MUTATIONS, text, type Gen } from './random-policies.ts';
import { fcParams } from '../support/fc-config.ts';

type Sample = ReturnType<typeof grid>[number];

/** Whether a fact holds on a sample; groups are read from the generator (G1 of the version the fact names). */
function holds(f: RegionFact, i: Sample, g: { before: Gen; after: Gen }): boolean {
  // the generated rules compare fields only (`x op c`, `y > LIMIT`): a computed amount would be a describer's invention
  if (f.kind === 'amount') throw new Error(`a fact on a computed amount where the rules compare only fields: ${f.expression}`);
  if (f.kind === 'one of') return f.paths.some((p) => (i as unknown as Record<string, unknown>)[p] === f.value);
  const v = (i as unknown as Record<string, unknown>)[f.path];
  switch (f.kind) {
    case 'is':
      return v === f.value;
    case 'in':
    case 'not in': {
      expect(f.group).toBe('G1');
      // text() writes an empty G1 as { US }
      const members = g[f.version].g1.length ? g[f.version].g1 : [{ m: 'US', until: undefined }];
      const m = members.find((x) => x.m === v);
      const inside = m !== undefined && (m.until === undefined || i.date < m.until);
      return inside === (f.kind === 'in');
    }
    case 'number': {
      const c = Number(f.value);
      const x = Number(v);
      return f.op === '<' ? x < c : f.op === '<=' ? x <= c : f.op === '>' ? x > c : f.op === '>=' ? x >= c : x === c;
    }
    case 'date':
      return f.op === '>=' ? i.date >= f.value : i.date < f.value;
  }
}

const checked = { regions: 0, samples: 0, facts: 0 };

function property(tamper: (r: DiffReport) => DiffReport = (r) => r) {
  return fc.asyncProperty(gen, fc.array(fc.tuple(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 5 }), async (g0, ms) => {
    const g = { before: g0, after: ms.reduce((h, [mi, k]) => MUTATIONS[mi]!(h, k), g0) };
    const a = loadText(text(g.before));
    const b = loadText(text(g.after));
    const report = tamper(await diffPrograms(a, b));
    const samples = grid().filter((i) => decideJson(a, i) !== undefined && decideJson(b, i) !== undefined && decideJson(a, i) !== decideJson(b, i));
    for (const r of report.regions) {
      checked.regions++;
      // the witness is an input of the region, so every fact holds on it too
      for (const i of [r.witness as unknown as Sample, ...samples.filter((x) => decidedBy(a, x) === r.before.decidedBy && decidedBy(b, x) === r.after.decidedBy)]) {
        checked.samples++;
        for (const f of r.facts) {
          expect(holds(f, i, g), `${JSON.stringify(f)} on ${JSON.stringify(i)} in "${r.where}"`).toBe(true);
          checked.facts++;
        }
      }
    }
  });
}

describe('region facts against random sampling', () => {
  it('every fact of a region holds on every sampled input of the region', async () => {
    await fc.assert(property(), fcParams(40));
    console.log(`facts property: ${JSON.stringify(checked)}`);
    // not vacuous: regions were described and their facts met samples
    expect(checked.regions).toBeGreaterThan(20);
    expect(checked.facts).toBeGreaterThan(1000);
  }, 600_000);

  it('fails for a wrong fact: a number bound moved past the sampled values', async () => {
    const wrong = (r: DiffReport): DiffReport => ({ ...r, regions: r.regions.map((x) => ({ ...x, facts: [...x.facts, { kind: 'number', path: 'x', op: '>', value: 7 }] })) });
    const out = await fc.check(property(wrong), fcParams(40));
    expect(out.failed).toBe(true);
  }, 600_000);
});
