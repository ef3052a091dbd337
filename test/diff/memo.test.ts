import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffPrograms, renderDiff } from '@pol/analysis';
import { load, loadText } from './load.ts';

const dir = join(import.meta.dirname, 'cases', 'lpp-obligation');
const names = { before: 'before.pol', after: 'after.pol' };

describe('the change memo', () => {
  it('leads with a summary (verdict, counts, changes by decision with rules and citations), then regions, then the structural list', async () => {
    const r = await diffPrograms(load(join(dir, 'before.pol')), load(join(dir, 'after.pol')));
    const t = renderDiff(r, 'text', names);
    const at = (s: string): number => {
      const i = t.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('summary:')).toBeLessThan(at('behavioural changes:'));
    expect(at('behavioural changes:')).toBeLessThan(at('structural changes:'));
    expect(t).toContain('3 region(s) decided differently (1 in obligations only); 0 kind(s) of input accepted by one version only; 0 not covered; 1 structural change(s)');
    expect(t).toContain('1 x authorized(authorization: LPP): obligations changed (region 3); by advanced > lpp_at_limit -> advanced > lpp; cites 740.29(c); 740.29');
    // a region of obligations only names them by number in its heading, as the sides do
    expect(t).toContain('lpp_tpp_this_year + shipment_tpp = 26,900,000 TPP: authorized(authorization: LPP), obligations O1 -> none\n');
    const m = renderDiff(r, 'markdown', names);
    expect(m.indexOf('## Summary')).toBeLessThan(m.indexOf('## Behavioural changes'));
    expect(m.indexOf('## Behavioural changes')).toBeLessThan(m.indexOf('## Structural changes'));
    expect(m).toContain('| change | regions | deciding rules (before -> after) | citations |');
    // HTML: each distinct obligation once, numbered, with the regions that carry it; the regions' cells name them by number (what print shows)
    const h = renderDiff(r, 'html', names);
    const first = r.regions.find((g) => g.after.obligations.length > 0)!;
    const k = r.regions.indexOf(first) + 1;
    expect(h).toContain(`<tr id="o1"><th scope="row">O1</th><td>`);
    expect(h).toMatch(new RegExp(`<tr id="o\\d+"><th scope="row">O\\d+</th><td>[^<]*</td><td>[^]*?after: [^]*?<a href="#r${k}">${k}</a>`));
    expect(h).toContain('<span class="obl">; obligations <a href="#o');
    // the text memo names them by number too, says each once, and says what a region's conditions are
    expect(t).toMatch(/after: {2}authorized\(authorization: LPP\) by [^\n]*; obligations O\d/);
    expect(t).toContain('obligations (as the regions name them):\n  O1. ');
    expect(t).toContain("the region can be narrower: the deciding rules' other conditions");
  });

  it('says what causes the inputs one version accepts: the structural change their rejection names, linked in HTML', async () => {
    const req = join(import.meta.dirname, 'cases', 'made-required');
    const r = await diffPrograms(load(join(req, 'before.pol')), load(join(req, 'after.pol')));
    expect(r.domain.length).toBeGreaterThan(0);
    expect(renderDiff(r, 'text', names)).toContain('     caused by: changed input Transaction');
    expect(renderDiff(r, 'markdown', names)).toContain('Caused by: changed input Transaction.');
    const h = renderDiff(r, 'html', names);
    const n = r.structural.findIndex((c) => c.what === 'input') + 1;
    expect(h).toContain(`<span class="muted">caused by:</span> <a href="#s${n}">changed input Transaction</a>`);
    expect(h).toContain(`<li id="s${n}">changed input Transaction: field made required: lpp_tpp_this_year</li>`);
  });

  it('carries provenance: source hashes and the tool version; a time only when asked', async () => {
    const r = await diffPrograms(load(join(dir, 'before.pol')), load(join(dir, 'after.pol')));
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
    expect(r.provenance.before.sha256).toBe(sha(sha(readFileSync(join(dir, 'before.pol'), 'utf8'))));
    expect(r.provenance.before.sha256).not.toBe(r.provenance.after.sha256);
    expect(r.provenance.tool).toMatch(/^pol \d+\.\d+\.\d+/);
    const t = renderDiff(r, 'text', names);
    expect(t).toContain(`sha256 ${r.provenance.after.sha256.slice(0, 16)}`);
    expect(t).not.toContain('generated:');
    expect(renderDiff(r, 'text', { ...names, generatedAt: '2026-12-01T00:00:00Z' })).toContain('generated: 2026-12-01T00:00:00Z');
  });

  it('the IFR memo names both policies and their versions', async () => {
    const IFR = join(import.meta.dirname, '../../policies/ai-diffusion');
    const r = await diffPrograms(load(join(IFR, 'ifr.pol')), load(join(IFR, 'as-enforced-2025-05-13.pol')), { describe: false });
    expect(r.provenance.before.name).toMatch(/as published/);
    expect(r.provenance.after.name).toMatch(/as enforced/);
    expect(r.provenance.before.files).toBeGreaterThan(1);
    // the policy header and the fallback are named once: "changed policy", not "changed policy policy"
    const t = renderDiff(r, 'text', { before: 'ifr.pol', after: 'as-enforced-2025-05-13.pol' });
    expect(t).toContain('  changed policy: name: ');
    expect(t).toContain('  changed otherwise: ');
    expect(t).not.toMatch(/changed (policy policy|otherwise otherwise)/);
  }, 60_000);

  it('HTML: landmarks, captions and header scopes, a print stylesheet, a sign-off block, escaped', async () => {
    const r = await diffPrograms(load(join(dir, 'before.pol')), load(join(dir, 'after.pol')));
    const h = renderDiff(r, 'html', { before: '<a>.pol', after: 'b&.pol' });
    for (const s of ['<main>', '<header>', '<footer>', '<caption>Changes by decision</caption>', 'scope="col"', 'scope="row"', '@media print', 'id="signoff"', '&lt;a&gt;.pol']) expect(h).toContain(s);
    expect(h).not.toContain('<a>.pol');
    expect(h.indexOf('id="summary"')).toBeLessThan(h.indexOf('id="structural"'));
  });

  it('groups, constants and definitions are named by their titles with their citations (text, Markdown, HTML, JSON)', async () => {
    const policy = (d5: string, tpp: string, eligible: string): string => `policy "Titled" version "1"
unit TPP "Total Processing Performance"
enum ItemKind { ic, computer, other }
input Transaction as of date { date: Date, destination: Country, item: { kind: ItemKind, tpp: TPP } }
decision Decision { not_controlled, authorized, license_required }
group D5 "Country Group D:5" cites "15 CFR part 740, supplement no. 1" of Country = { ${d5} }
const ADVANCED_TPP "the 3A090.a TPP threshold" cites "ECCN 3A090.a" = ${tpp} TPP
define chip "an integrated circuit or a computer" cites "ECCN 3A090" = ${eligible}
rule advanced "Advanced ICs" {
  cites "742.6"
  when chip and item.tpp >= ADVANCED_TPP
  decide authorized
  exception d5 "D:5" {
    cites "742.6(b)"
    when destination in D5
    decide license_required
  }
}
otherwise decide not_controlled
`;
    const before = loadText(policy('CN, RU, VE', '4800', 'item.kind is ic or item.kind is computer'));
    const r = await diffPrograms(before, loadText(policy('CN, RU', '4800', 'item.kind is ic or item.kind is computer')));
    const t = renderDiff(r, 'text', names);
    const d5 = 'Country Group D:5 (15 CFR part 740, supplement no. 1)';
    expect(t).toContain(`changed group D5 — ${d5}: VE removed (region 1)`);
    expect(t).toContain(`destination in {VE} (removed from ${d5})`);
    expect(t).toContain('item.tpp >= 4800 TPP (the 3A090.a TPP threshold (ECCN 3A090.a))');
    expect(t).toContain(`caused by: changed group D5 — ${d5}`);
    expect(renderDiff(r, 'markdown', names)).toContain(`- changed group D5 — ${d5}: VE removed (region 1)`);
    const h = renderDiff(r, 'html', names);
    expect(h).toContain(`<li id="s1">changed group D5 — ${d5}: VE removed — regions <a href="#r1">1</a></li>`);
    expect(h).toContain(`<a href="#s1">changed group D5 — ${d5}</a>`);
    // in a region the title and citations are spans that print leaves to the table of names (print shows the name, D5)
    expect(h).toContain('destination in {VE} (removed from <span class="full">Country Group D:5</span><span class="brief">D5</span><span class="cite"> (15 CFR part 740, supplement no. 1)</span>)');
    expect(h).toContain('<tr><th scope="row">D5</th><td>Country Group D:5</td><td>15 CFR part 740, supplement no. 1</td></tr>');
    expect(r.named.map((x) => x.id)).toEqual(['ADVANCED_TPP', 'D5']);
    const j = JSON.parse(renderDiff(r, 'json', names)) as { structural: { id: string; title?: string; cites?: string[]; regions: number[] }[] };
    // with the regions it causes, as the text's "(region 1)" and the HTML's link
    expect(j.structural.find((c) => c.id === 'D5')).toMatchObject({ title: 'Country Group D:5', cites: ['15 CFR part 740, supplement no. 1'], regions: [1] });
    // a constant and a definition changed: their lines carry their titles and citations, and a group
    // fact that holds on the whole region names the group by its title
    const r2 = await diffPrograms(before, loadText(policy('CN, RU, VE', '5000', 'item.kind is ic')));
    const t2 = renderDiff(r2, 'text', names);
    expect(t2).toContain('changed const ADVANCED_TPP — the 3A090.a TPP threshold (ECCN 3A090.a): value: 4800 TPP -> 5000 TPP');
    expect(t2).toContain('changed define chip — an integrated circuit or a computer (ECCN 3A090): value: item.kind is ic or item.kind is computer -> item.kind is ic');
    expect(t2).toContain(`destination in ${d5}`);
    expect(t2).toContain(`destination not in ${d5}`);
  });
});
