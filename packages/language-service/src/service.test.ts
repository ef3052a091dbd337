import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LanguageService } from './service.ts';

const POLICIES = resolve(import.meta.dirname, '../../../policies');
const IFR = join(POLICIES, 'ai-diffusion');

function serviceOn(files: Record<string, string>, today = '2026-01-01') {
  return new LanguageService({ readFile: (p) => files[p], listPolFiles: (d) => Object.keys(files).filter((p) => p.startsWith(`${d}/`) && !p.slice(d.length + 1).includes('/')) }, () => today);
}
function disk(today?: string) {
  const files: Record<string, string> = {};
  for (const dir of readdirSync(POLICIES)) for (const f of readdirSync(join(POLICIES, dir))) if (f.endsWith('.pol') || f.endsWith('.pol.md')) files[join(POLICIES, dir, f)] = readFileSync(join(POLICIES, dir, f), 'utf8');
  return { files, ls: serviceOn(files, today) };
}

describe('language service', () => {
  it('every .pol file in policies/ has no diagnostics: modules are checked in the policy that imports them', () => {
    const { files, ls } = disk();
    for (const path of Object.keys(files)) expect(ls.diagnostics(path).map((d) => `${d.code}: ${d.message}`), path).toEqual([]);
    expect(ls.analysis(join(IFR, 'chips.pol')).entry).toBe(join(IFR, 'ifr.pol'));
  });

  it('a module nobody imports is checked alone, without the entry-only requirements', () => {
    const ls = serviceOn({ '/p/lib.pol': 'enum Tier { one, two }\nconst LIMIT = 5\n', '/p/other.pol': 'enum E { a }\nconst X = Y\n' });
    expect(ls.diagnostics('/p/lib.pol')).toEqual([]);
    expect(ls.diagnostics('/p/other.pol').map((d) => d.code)).toEqual(['check/unknown-name']);
  });

  it('hover shows a dated group as of the given day (a group of another folder, through its importer)', () => {
    const countries = join(IFR, 'countries.pol');
    const text = readFileSync(countries, 'utf8');
    const at = text.indexOf('D5 + Macau');
    // D:5 lists Nicaragua `from 2024-03-15`.
    const before = disk('2024-03-14').ls.hover(countries, at)!.markdown;
    const after = disk('2024-03-15').ls.hover(countries, at)!.markdown;
    expect(before).toContain('group D5 of Country');
    expect(before).not.toContain('NI (Nicaragua)');
    expect(after).toContain('NI (Nicaragua)');
    expect(before).toMatch(/\*\*(\d+) members as of 2024-03-14:\*\*/);
    expect(Number(/(\d+) members/.exec(after)![1]) - Number(/(\d+) members/.exec(before)![1])).toBe(1);
  });

  it('hover on a titled, cited group or const shows its title and citations', () => {
    const { ls } = disk();
    const countries = join(IFR, 'countries.pol');
    const md = ls.hover(countries, readFileSync(countries, 'utf8').indexOf('D5 + Macau'))!.markdown;
    expect(md).toContain('**Country Group D:5**');
    expect(md).toContain('cites “15 CFR part 740, supplement no. 1”, “22 CFR 126.1”');
    const items = join(IFR, 'items.pol');
    const text = readFileSync(items, 'utf8');
    const c = ls.hover(items, text.indexOf('ADVANCED_TPP', text.indexOf('ADVANCED_TPP') + 1))!.markdown;
    expect(c).toContain('**the 3A090.a TPP threshold**');
    expect(c).toContain('cites “ECCN 3A090.a”');
  });

  it('hover on a country code gives its name; on a rule, its title and citations', () => {
    const { ls } = disk();
    const countries = join(IFR, 'countries.pol');
    expect(ls.hover(countries, readFileSync(countries, 'utf8').indexOf('MO }'))!.markdown).toBe('**MO**: Macao (a `Country`)');
    const chips = join(IFR, 'chips.pol');
    const md = ls.hover(chips, readFileSync(chips, 'utf8').indexOf('exception aia') + 11)!.markdown;
    expect(md).toContain('exception aia "License Exception AIA (Artificial Intelligence Authorization)"');
    expect(md).toContain('cites “15 CFR 740.27(a)(1)”');
  });

  it('rename refuses built-in names, keywords and names already taken', () => {
    const { ls } = disk();
    const chips = join(IFR, 'chips.pol');
    const text = readFileSync(chips, 'utf8');
    const tier1 = text.indexOf('in Tier1') + 4;
    expect(ls.rename(chips, tier1, 'Tier2')).toEqual({ ok: false, reason: '`Tier2` is already declared' });
    expect(ls.rename(chips, tier1, '2x')).toMatchObject({ ok: false });
    expect(ls.rename(chips, tier1, 'rule')).toEqual({ ok: false, reason: '`rule` is a keyword of Pol' });
    const countries = join(IFR, 'countries.pol');
    expect(ls.prepareRename(countries, readFileSync(countries, 'utf8').indexOf('MO }'))).toEqual({ reason: '`MO` is built into Pol and cannot be renamed' });
  });

  it('completes fields inside an example given by path, and enum members after a field name', () => {
    const { files, ls } = disk();
    const ex = join(IFR, 'examples.pol');
    const text = files[ex]! + '\nexample "probe" {\n  given {\n    consignee: { end_use: ';
    ls.setFile(ex, text);
    expect(ls.completions(ex, text.length).map((c) => c.label)).toEqual(['development', 'production', 'storage', 'data_center', 'other']);
    const t2 = files[ex]! + '\nexample "probe" {\n  given {\n    item: { ';
    ls.setFile(ex, t2);
    expect(ls.completions(ex, t2.length).map((c) => c.label)).toContain('performance_density');
  });

  it('hover on a ledger, where it is declared, read in a condition or posted to, shows what it counts and which rules record into it', () => {
    const { ls } = disk();
    const chips = join(IFR, 'chips.pol');
    const text = readFileSync(chips, 'utf8');
    const at = {
      declaration: text.indexOf('ledger LppReceived') + 'ledger '.length,
      condition: text.indexOf('+ LppReceived +') + 2,
      posting: text.indexOf('records shipment_tpp in LppReceived') + 'records shipment_tpp in '.length,
    };
    const shown = Object.values(at).map((o) => ls.hover(chips, o)!.markdown);
    expect(shown[1]).toBe(shown[0]);
    expect(shown[2]).toBe(shown[0]);
    const md = shown[0]!;
    expect(md).toContain('```pol\nledger LppReceived\n```');
    expect(md).toContain('**TPP an ultimate consignee received under License Exception LPP in a calendar year**');
    expect(md).toContain('of TPP, per consignee.id, per calendar year of date');
    expect(md).toContain('recorded by `lpp` (License Exception LPP (Low Processing Performance)), `lpp_limit_reached` (LPP: this shipment reaches the annual limit)');
    expect(md).toContain('the balance for this transaction');
    // the comment above the declaration, which cites the rule
    expect(md).toContain('15 CFR 740.29: the limit is of TPP received by one ultimate consignee in a calendar year');
    // a ledger with one key and its own recorders
    const nveu = ls.hover(chips, text.indexOf('NveuReceived + shipment_tpp'))!.markdown;
    expect(nveu).toContain('of TPP, per veu.id\n');
    expect(nveu).toContain('recorded by `nveu`');
    expect(nveu).not.toContain('lpp');
  });

  it('a ledger is a symbol: in the outline, defined where declared, referenced by every read and posting', () => {
    const { ls } = disk();
    const chips = join(IFR, 'chips.pol');
    const text = readFileSync(chips, 'utf8');
    const ledgers = ls.outline(chips).filter((i) => i.kind === 'ledger');
    expect(ledgers.map((i) => [i.name, i.detail])).toEqual([
      ['LppReceived', 'TPP an ultimate consignee received under License Exception LPP in a calendar year'],
      ['Tier2Licensed', "TPP of licenses that draw on a Tier 2 country's allocation"],
      ['NveuReceived', 'TPP shipped under a National VEU authorization'],
    ]);
    const posting = text.indexOf('records shipment_tpp in Tier2Licensed') + 'records shipment_tpp in '.length;
    expect(ls.definition(chips, posting)).toEqual([expect.objectContaining({ file: chips, start: text.indexOf('ledger Tier2Licensed') + 'ledger '.length })]);
    const uses = ls.references(chips, posting).filter((r) => r.file === chips).map((r) => text.slice(r.start - 'records shipment_tpp in '.length, r.end));
    expect(uses.filter((u) => u.startsWith('records'))).toHaveLength(2);
    expect(uses.length).toBe((text.match(/\bTier2Licensed\b/g) ?? []).length);
  });

  it('completes ledger names after `records ... in`, and with the balances a condition may read', () => {
    const { files, ls } = disk();
    const chips = join(IFR, 'chips.pol');
    const probe = (tail: string) => {
      const text = files[chips]! + `\nrule probe "completion probe" {\n  cites "test"\n  decide license_required(review_policy: presumption_of_approval)\n${tail}`;
      ls.setFile(chips, text);
      return ls.completions(chips, text.length);
    };
    const posted = probe('  records shipment_tpp in ');
    expect(posted.map((c) => c.label)).toEqual(['LppReceived', 'Tier2Licensed', 'NveuReceived']);
    expect(posted[0]).toEqual({ label: 'LppReceived', kind: 'ledger', detail: 'ledger of TPP: TPP an ultimate consignee received under License Exception LPP in a calendar year' });
    for (const tail of ['  when ', '  when shipment_tpp + ']) {
      const read = probe(tail);
      expect(read.filter((c) => c.kind === 'ledger').map((c) => c.label), tail).toEqual(['LppReceived', 'Tier2Licensed', 'NveuReceived']);
      expect(read.map((c) => c.label), tail).toContain('LPP_ANNUAL_LIMIT');
    }
    ls.setFile(chips, files[chips]!);
  });

  it('completes inside a ledger declaration: its clauses, units after `of`, input fields (and the period) after `per`', () => {
    const { files, ls } = disk();
    const chips = join(IFR, 'chips.pol');
    const probe = (tail: string) => {
      const text = files[chips]! + `\nledger Probe "a probe" {\n${tail}`;
      ls.setFile(chips, text);
      return ls.completions(chips, text.length).map((c) => c.label);
    };
    expect(probe('  ')).toEqual(['of', 'per', 'opening']);
    expect(probe('  of ')).toEqual(expect.arrayContaining(['TPP', 'Number']));
    expect(probe('  of TPP\n  per ')).toEqual(expect.arrayContaining(['calendar year of', 'consignee', 'destination', 'date']));
    expect(probe('  of TPP\n  per consignee.')).toContain('id');
    expect(probe('  of TPP\n  per calendar year of ')).toEqual(['date']);
    ls.setFile(chips, files[chips]!);
  });
});
