import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { diffPrograms, renderDiff, type DiffReport } from '@pol/analysis';
import type { CheckedProgram } from '@pol/core';
import { load } from './load.ts';

const CASES = join(import.meta.dirname, 'cases');
const IFR = join(import.meta.dirname, '../../policies/ai-diffusion');
const names = { before: 'before.pol', after: 'after.pol' };
const all = (r: DiffReport): string => (['text', 'json', 'markdown', 'html'] as const).map((f) => renderDiff(r, f, names)).join('\f');

async function twice(before: CheckedProgram, after: CheckedProgram): Promise<[string, string, DiffReport]> {
  const r1 = await diffPrograms(before, after);
  const r2 = await diffPrograms(before, after);
  return [all(r1), all(r2), r1];
}

describe('the same inputs give byte-identical reports', () => {
  it('the LPP limit raised', async () => {
    const [a, b, r] = await twice(load(join(CASES, 'lpp-limit', 'before.pol')), load(join(CASES, 'lpp-limit', 'after.pol')));
    expect(r.verdict).toBe('changed');
    expect(a).toBe(b);
  });

  it.skipIf(!existsSync(join(IFR, 'as-enforced-2025-05-13.pol')))('IFR -> as enforced: every region found (no cap, nothing uncovered), twice the same', async () => {
    const [a, b, r] = await twice(load(join(IFR, 'ifr.pol')), load(join(IFR, 'as-enforced-2025-05-13.pol')));
    expect(r.verdict).toBe('changed');
    expect(r.uncovered).toEqual([]);
    // the old cap of 25 (which also counted unconfirmed regions) hid the rest
    expect(r.regions.length).toBeGreaterThan(25);
    // a region is a pair of deciding leaves: the same rules may decide two regions when a
    // leaf's obligations or titled reason differ (LPP at its annual limit, since the ledgers)
    const pairs = r.regions.map((g) => JSON.stringify([g.before.decidedBy, g.before.title, g.before.obligations, g.after.decidedBy, g.after.title, g.after.obligations]));
    expect(new Set(pairs).size).toBe(pairs.length);
    const keys = r.regions.map((g) => [g.before.decidedBy, g.after.decidedBy] as const);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(a).toBe(b);
  }, 120_000);
});

describe('obligations count as behaviour', () => {
  it('raising the LPP limit drops the notification duty at exactly the old limit (the decision is unchanged)', async () => {
    const before = load(join(CASES, 'lpp-obligation', 'before.pol'));
    const after = load(join(CASES, 'lpp-obligation', 'after.pol'));
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    const only = r.regions.filter((g) => g.differs === 'obligations');
    expect(only).toHaveLength(1);
    const g = only[0]!;
    expect(g.before.decisionText).toBe(g.after.decisionText);
    expect(g.before.obligations).toEqual(['Notify BIS that the annual LPP limit is reached.']);
    expect(g.after.obligations).toEqual([]);
    const w = g.witness as { units: number; item: { tpp: number }; lpp_tpp_this_year: number };
    expect(w.lpp_tpp_this_year + w.units * w.item.tpp).toBe(26_900_000);
    expect(g.before.decidedBy).toBe('advanced > lpp_at_limit');
    expect(g.before.cites).toEqual(['740.29(c)']);
    expect(renderDiff(r, 'text', names)).toContain('obligations: ["Notify BIS that the annual LPP limit is reached."] -> []');
  });

  it('an obligation reworded is a change even though every decision is the same', async () => {
    const before = load(join(CASES, 'lpp-obligation', 'before.pol'));
    const { loadText } = await import('./load.ts');
    const { readFileSync } = await import('node:fs');
    const after = loadText(readFileSync(join(CASES, 'lpp-obligation', 'before.pol'), 'utf8').replace('Notify BIS that', 'Tell BIS that'));
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    expect(r.regions.map((g) => g.differs)).toEqual(['obligations']);
  });
});
