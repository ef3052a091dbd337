import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffPrograms } from '@pol/analysis';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { load, loadText } from './load.ts';

const CASES = join(import.meta.dirname, 'cases');
const both = (name: string): [CheckedProgram, CheckedProgram] => [load(join(CASES, name, 'before.pol')), load(join(CASES, name, 'after.pol'))];

function decided(p: CheckedProgram, w: unknown): { by: string; decision: unknown } | undefined {
  const v = validateInput(p, w);
  if (!v.ok) return undefined;
  const r = resultToJson(p, evaluate(p, v.value));
  return { by: r.trace.map((t) => t.id).join(' > '), decision: r.decision };
}

/** Every input listed as accepted by one version only is accepted by it, rejected by the other, and decided as reported. */
function checkDomain(before: CheckedProgram, after: CheckedProgram, r: Awaited<ReturnType<typeof diffPrograms>>): void {
  for (const d of r.domain) {
    const [yes, no] = d.acceptedBy === 'before' ? [before, after] : [after, before];
    expect(decided(yes, d.witness)?.by).toBe(d.decidedBy);
    expect(decided(no, d.witness)).toBeUndefined();
  }
}

describe('amendments that change the inputs', () => {
  it('a new optional field used by a new exception: inputs carrying it are accepted only after, one per deciding rule', async () => {
    const [before, after] = both('new-field');
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    expect(r.uncovered).toEqual([]);
    // on the inputs both accept (no `trusted`) nothing changes
    expect(r.regions).toEqual([]);
    expect(r.domain.every((d) => d.acceptedBy === 'after' && d.rejection.some((e) => e.includes('unknown field `trusted`')))).toBe(true);
    // each caused by the input change that adds the field (the structural entry the rejection names)
    expect(r.domain.every((d) => JSON.stringify(d.causes) === JSON.stringify(['changed input Transaction']))).toBe(true);
    // paired with what the old version decides without the field: the same, but where the new
    // exception applies (it overrides the licence requirement and LPP alike)
    const viaNew = r.domain.filter((d) => d.decidedBy === 'advanced > trusted');
    expect(viaNew.map((d) => d.without?.decidedBy)).toEqual(['advanced', 'advanced > lpp']);
    for (const d of viaNew) {
      expect((d.witness as { consignee: { trusted: boolean } }).consignee.trusted).toBe(true);
      expect(d.decision).toBe('authorized(authorization: AIA)');
      expect(d.without?.differs).toBe('decision');
    }
    expect(r.domain.filter((d) => d.decidedBy !== 'advanced > trusted').every((d) => d.without?.differs === 'none' && d.without.decidedBy === d.decidedBy)).toBe(true);
    checkDomain(before, after, r);
  });

  it('an optional field made required: inputs without it are accepted only before', async () => {
    const [before, after] = both('made-required');
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    expect(r.regions).toEqual([]);
    expect(r.domain.length).toBeGreaterThan(0);
    for (const d of r.domain) {
      expect(d.acceptedBy).toBe('before');
      expect(d.witness).not.toHaveProperty('lpp_tpp_this_year');
      expect(d.causes).toEqual(['changed input Transaction']);
    }
    expect(r.structural.find((c) => c.what === 'input')?.details).toEqual(['field made required: lpp_tpp_this_year']);
    checkDomain(before, after, r);
  });

  it('an enum member added: inputs using it are accepted only after; the rest compared as before', async () => {
    const [before, after] = both('enum-member');
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    expect(r.regions).toEqual([]);
    expect(r.domain.map((d) => (d.witness as { item: { kind: string } }).item.kind)).toEqual(r.domain.map(() => 'computer'));
    expect(r.domain.some((d) => d.decidedBy === 'advanced' && d.decision === 'license_required(review_policy: presumption_of_approval)')).toBe(true);
    expect(r.domain.every((d) => JSON.stringify(d.causes) === JSON.stringify(['changed enum ItemKind']))).toBe(true);
    checkDomain(before, after, r);
  });

  it('an input change plus a behaviour change on the inputs both accept: both are reported', async () => {
    const [before] = both('new-field');
    const after = loadText(readFileSync(join(CASES, 'new-field', 'after.pol'), 'utf8').replace('const LPP_LIMIT = 26_900_000 TPP', 'const LPP_LIMIT = 30_000_000 TPP'));
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    expect(r.regions.some((g) => g.after.decidedBy === 'advanced > lpp' && !('trusted' in (g.witness as { consignee: object }).consignee))).toBe(true);
    expect(r.domain.some((d) => d.decidedBy === 'advanced > trusted')).toBe(true);
    checkDomain(before, after, r);
  });
});

describe('an input change that no rule reads', () => {
  it('a field no rule uses dropped from the input: only the inputs carrying it differ, and the search over the rules is not run at all', async () => {
    const text = (extra: string): string => `enum Place { US, GB }\ninput I { dest: Place${extra} }\ndecision D { yes, no }\nrule r { cites "x" when dest is US decide yes }\notherwise decide no\n`;
    const before = loadText(text(', note: optional Number'));
    const after = loadText(text(''));
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    expect(r.regions).toEqual([]);
    expect(r.uncovered).toEqual([]);
    expect(r.domain.map((d) => [d.acceptedBy, d.decidedBy])).toEqual([['before', 'otherwise'], ['before', 'r']]);
    checkDomain(before, after, r);
  });
});

describe('five amendments at once (a country to Tier 1, the LPP limit raised, a new exception on a new field, KH leaving D:5 on a date)', () => {
  it('every expected region is reported, each with its own deciding rules', async () => {
    const [before, after] = both('five-at-once');
    const r = await diffPrograms(before, after);
    expect(r.verdict).toBe('changed');
    expect(r.uncovered).toEqual([]);
    const got = r.regions.map((g) => `${g.before.decidedBy} | ${g.after.decidedBy}`);
    expect(got).toEqual(['advanced | advanced > lpp', 'advanced | advanced > tier1', 'advanced > d5 | advanced', 'advanced > d5 | advanced > lpp', 'advanced > lpp | advanced > tier1']);
    const at = (pair: string) => r.regions[got.indexOf(pair)]!.witness as { destination: string; date: string };
    expect(at('advanced | advanced > tier1').destination).toBe('IL');
    expect(at('advanced > lpp | advanced > tier1').destination).toBe('IL');
    for (const p of ['advanced > d5 | advanced', 'advanced > d5 | advanced > lpp']) {
      expect(at(p).destination).toBe('KH');
      expect(at(p).date >= '2026-02-03').toBe(true);
    }
    expect(r.domain.filter((d) => d.decidedBy === 'advanced > trusted').map((d) => d.without?.decidedBy)).toEqual(['advanced', 'advanced > d5', 'advanced > lpp']);
    expect(r.domain.every((d) => d.acceptedBy === 'after')).toBe(true);
    checkDomain(before, after, r);
  });
});
