import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffPrograms, renderDiff, replay, analyzeProgram } from '@pol/analysis';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { load } from './load.ts';

const CASES = join(import.meta.dirname, 'cases');

function decide(p: CheckedProgram, w: unknown): string {
  const v = validateInput(p, w);
  if (!v.ok) throw new Error(`witness rejected: ${JSON.stringify(v.errors)}`);
  const r = resultToJson(p, evaluate(p, v.value));
  // obligations are behaviour too: a region may differ in them alone
  return JSON.stringify([r.decision, r.obligations]);
}

async function diffCase(name: string) {
  const before = load(join(CASES, name, 'before.pol'));
  const after = load(join(CASES, name, 'after.pol'));
  const report = await diffPrograms(before, after);
  for (const r of report.regions) expect(decide(before, r.witness)).not.toBe(decide(after, r.witness));
  return { before, after, report };
}

describe('pol diff on amendments', () => {
  it('Cambodia leaves D:5 on 2026-02-03 (a dated member)', async () => {
    const { report } = await diffCase('cambodia');
    expect(report.verdict).toBe('changed');
    expect(report.structural.some((c) => c.what === 'group' && c.id === 'D5' && c.details.some((d) => d.includes('KH until 2026-02-03')))).toBe(true);
    expect(report.regions.length).toBeGreaterThan(0);
    for (const r of report.regions) {
      expect((r.witness as { destination: string }).destination).toBe('KH');
      expect((r.witness as { date: string }).date >= '2026-02-03').toBe(true);
      expect(r.before.decisionText).toBe('license_required(review_policy: presumption_of_denial)');
      expect(r.description).toContain('date >= 2026-02-03');
    }
  });

  it('the LPP limit raised from 26,900,000 to 30,000,000: the witness sits between', async () => {
    const { report } = await diffCase('lpp-limit');
    expect(report.verdict).toBe('changed');
    expect(report.structural.some((c) => c.what === 'const' && c.id === 'LPP_LIMIT')).toBe(true);
    expect(report.regions).toHaveLength(1);
    const w = report.regions[0]!.witness as { units: number; item: { tpp: number | string }; lpp_tpp_this_year: number | string };
    const total = Number(w.lpp_tpp_this_year) + w.units * Number(w.item.tpp);
    expect(total).toBeGreaterThan(26_900_000);
    expect(total).toBeLessThanOrEqual(30_000_000);
    expect(report.regions[0]!.after.decisionText).toBe('authorized(authorization: LPP)');
  });

  it('a country moved from Tier 2 to Tier 1', async () => {
    const { report } = await diffCase('tier-move');
    expect(report.verdict).toBe('changed');
    expect(report.regions.every((r) => (r.witness as { destination: string }).destination === 'IL')).toBe(true);
    expect(report.regions.every((r) => r.after.decisionText === 'authorized(authorization: AIA)')).toBe(true);
  });

  it('readable regions: proved facts with the group move and the numeric window, titles and citations, causes, a realistic witness', async () => {
    const { report } = await diffCase('tier-move');
    const r = report.regions.find((x) => x.before.decidedBy === 'advanced')!;
    // the amount LPP compares is bounded too: the region is of shipments LPP did not take before (its limit passed)
    expect(r.description).toBe('item.kind in {ic} and destination in {IL} (moved from Tier2 to Tier1) and item.tpp >= 4800 TPP and lpp_tpp_this_year + shipment_tpp > 26,900,000 TPP: license_required(review_policy: presumption_of_approval) -> authorized(authorization: AIA)');
    expect(r.causes).toEqual(['changed group Tier1']);
    expect([r.before.title, r.after.title]).toEqual(['Advanced ICs', 'Tier 1']);
    expect([r.before.cites, r.after.cites]).toEqual([['742.6'], ['740.27']]);
    const w = r.witness as { date: string; item: { tpp: number } };
    expect(w.date >= '2024-01-01' && w.date <= '2027-12-31').toBe(true);
    expect(w.item.tpp % 100).toBe(0);
    // the structural list names the regions each change causes
    expect(renderDiff(report, 'text', { before: 'a.pol', after: 'b.pol' })).toMatch(/changed group Tier1: .*\(regions 1, 2\)/);
    const lpp = (await diffCase('lpp-limit')).report.regions[0]!;
    expect(lpp.causes).toEqual(['changed const LPP_LIMIT']);
  });

  it('a reworded but equivalent rule is proved equivalent', async () => {
    const { report } = await diffCase('reworded');
    expect(report.verdict).toBe('equivalent');
    expect(report.structural.some((c) => c.id === 'advanced' && c.details.some((d) => d.startsWith('when')))).toBe(true);
  });

  it('a dropped exception', async () => {
    const { report } = await diffCase('dropped-exception');
    expect(report.verdict).toBe('changed');
    expect(report.structural.some((c) => c.change === 'removed' && c.id === 'advanced.lpp')).toBe(true);
    expect(report.regions[0]!.before.decidedBy).toBe('advanced > lpp');
  });

  it('every case diffed against itself is equivalent', async () => {
    for (const name of readdirSync(CASES)) {
      const p = load(join(CASES, name, 'before.pol'));
      expect((await diffPrograms(p, p)).verdict).toBe('equivalent');
    }
  });

  it('renders every format, HTML escaped', async () => {
    const { report } = await diffCase('cambodia');
    const names = { before: '<old>.pol', after: 'new&.pol' };
    expect(renderDiff(report, 'text', names)).toContain('verdict: changed');
    expect(JSON.parse(renderDiff(report, 'json', names)).verdict).toBe('changed');
    expect(renderDiff(report, 'markdown', names)).toContain('# Change memo');
    const html = renderDiff(report, 'html', names);
    expect(html).toContain('&lt;old&gt;.pol');
    expect(html).not.toContain('<old>');
  });

  it('replay counts changed decisions and invalid lines', () => {
    const before = load(join(CASES, 'cambodia', 'before.pol'));
    const after = load(join(CASES, 'cambodia', 'after.pol'));
    const base = { destination: 'KH', item: { kind: 'ic', tpp: 5000 }, units: 1, lpp_tpp_this_year: 30_000_000 };
    const log = [
      JSON.stringify({ ...base, date: '2026-01-01' }),
      JSON.stringify({ ...base, date: '2026-03-01' }),
      JSON.stringify({ ...base, date: '2026-03-01', units: 0 }),
      'not json',
    ].join('\n');
    const s = replay(before, after, log);
    expect(s.total).toBe(4);
    expect(s.changed).toBe(1);
    expect(s.unchanged).toBe(1);
    expect(s.transitions[0]!.lines).toEqual([2]);
    expect(s.invalid).toEqual([{ rejectedBy: 'both', reason: 'units: units must be positive', example: 'units: units must be positive', count: 1, lines: [3] }]);
    expect(s.unparseable.lines).toEqual([4]);
  });

  it('analyzeProgram finds a conflict with a witness, every diagnostic with a span', async () => {
    const p = load(join(CASES, 'cambodia', 'before.pol'));
    const d = await analyzeProgram(p);
    expect(d.some((x) => x.code === 'analysis/conflict' && x.notes?.[0]?.includes('for example'))).toBe(true);
    for (const x of d) expect(x.span).toBeDefined();
  });
});

describe('witnesses under the compiled evaluators', () => {
  it('decide the same as the interpreter, and differently before and after', async () => {
    let loadCompiled: ((p: CheckedProgram) => Promise<{ validate(i: unknown): { ok: true; value: unknown } | { ok: false }; evaluate(i: unknown): unknown }>) | undefined;
    try {
      ({ loadCompiled } = await import('@pol/compiler'));
    } catch {
      return; // the compiler is not available in this build
    }
    for (const name of readdirSync(CASES)) {
      const { before, after, report } = await diffCase(name);
      const mb = await loadCompiled!(before);
      const ma = await loadCompiled!(after);
      for (const r of report.regions) {
        const of = (x: unknown): string => JSON.stringify([(x as { decision: unknown }).decision, (x as { obligations: unknown }).obligations]);
        // evaluate takes what validate returned
        const run = (m: Awaited<ReturnType<NonNullable<typeof loadCompiled>>>): unknown => {
          const v = m.validate(r.witness);
          if (!v.ok) throw new Error(`a witness does not validate: ${JSON.stringify(r.witness)}`);
          return m.evaluate(v.value);
        };
        const cb = of(run(mb));
        const ca = of(run(ma));
        expect(cb).toBe(decide(before, r.witness));
        expect(ca).toBe(decide(after, r.witness));
        expect(cb).not.toBe(ca);
      }
    }
  });
});

const IFR = join(import.meta.dirname, '../../policies/ai-diffusion');
describe.skipIf(!existsSync(join(IFR, 'ifr.pol')) || !existsSync(join(IFR, 'as-enforced-2025-05-13.pol')))('the IFR and the as-enforced policy', () => {
  it('differ, with confirmed witnesses', async () => {
    let before: CheckedProgram, after: CheckedProgram;
    try {
      before = load(join(IFR, 'ifr.pol'));
      after = load(join(IFR, 'as-enforced-2025-05-13.pol'));
    } catch {
      return; // the policies are being written and may not check clean yet
    }
    const report = await diffPrograms(before, after, { describe: false });
    expect(report.verdict).toBe('changed');
    expect(report.regions.length).toBeGreaterThan(3);
    for (const r of report.regions) expect(decide(before, r.witness)).not.toBe(decide(after, r.witness));
  });
});
