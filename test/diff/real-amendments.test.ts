/**
 * The diff on the real policy (policies/ai-diffusion/ifr.pol), amended as a rule change would
 * amend it: Poland moved to Tier 1, the LPP limit raised, a new exception on a new input field, an
 * optional field made required, Venezuela leaving D:5 on a date, and all five at once.
 *
 * Each amendment's regions are asserted one by one (the pairs of deciding rules, what differs,
 * the causes, what the witness must hold), and checked against the world: transactions drawn by
 * the independent oracle's generator (test/ifr-oracle), pushed towards each amendment (its
 * countries, dates and amounts), are decided by both versions with the reference interpreter, and
 * every one decided differently must lie in a reported region or an entry for inputs only one
 * version accepts.
 *
 * The examples file is left out of every version: a required field would break its examples, and
 * examples decide nothing.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import fc from 'fast-check';
import { diffPrograms, type DiffReport, type RegionFact } from '@pol/analysis';
import { validateInput, type CheckedProgram } from '@pol/core';
import { lower, type SetDef } from '@pol/core/ir';
import { arbIfrTransaction, type JsonObject } from '../ifr-oracle/transactions.ts';
import { loadEdited, type Edit } from './load.ts';
import { outcomeOf, random, type Outcome } from './random-policies.ts';

const ROOT = join(import.meta.dirname, '../../policies/ai-diffusion/ifr.pol');
const NO_EXAMPLES: Edit = ['ai-diffusion/ifr.pol', 'import "./examples.pol"\n', ''];

const POLAND: Edit[] = [['ai-diffusion/countries.pol', 'AiaDestinations + { US }', 'AiaDestinations + { US, PL }']];
const LPP: Edit[] = [['ai-diffusion/chips.pol', /\n {2}26_900_000 TPP\n/, '\n  30_000_000 TPP\n']];
const VENEZUELA: Edit[] = [['ear/country-groups.pol', 'SY, VE, ZW', 'SY, VE until 2026-06-01, ZW']];
const TRUSTED: Edit[] = [
  ['ai-diffusion/transaction.pol', '    direct: optional Boolean\n', '    direct: optional Boolean\n    trusted: optional Boolean\n'],
  [
    'ai-diffusion/chips.pol',
    '  exception tier3_party_denial',
    '  exception trusted_consignee "Trusted consignee" {\n    cites "740.27(c)"\n    when (consignee.trusted otherwise false) and not tier3_party\n    decide authorized(authorization: AIA)\n  }\n\n  exception tier3_party_denial',
  ],
];
// a constant read only inside an aggregate (UVEU's cap per Tier 2 country, a share of the holdings)
const SHARE: Edit[] = [['ai-diffusion/veu.pol.md', '"15 CFR 748.15" = 7%', '"15 CFR 748.15" = 10%']];
const REQUIRED: Edit[] = [['ai-diffusion/transaction.pol', '    direct: optional Boolean\n', '    direct: Boolean\n']];
// the trusted field goes in before `direct` is made required, so both edits find their text
const ALL: Edit[] = [...POLAND, ...LPP, ...VENEZUELA, ...TRUSTED, ['ai-diffusion/transaction.pol', '    direct: optional Boolean\n    trusted', '    direct: Boolean\n    trusted']];

const base = loadEdited(ROOT, [NO_EXAMPLES]);
const amended = (edits: Edit[]): CheckedProgram => loadEdited(ROOT, [NO_EXAMPLES, ...edits]);

const outcome = (p: CheckedProgram, input: unknown): Outcome | undefined => outcomeOf(p, validateInput(p, input));

const pairsOf = (r: DiffReport): string[] => r.regions.map((g) => `${g.before.decidedBy} | ${g.after.decidedBy}${g.differs === 'obligations' ? ' (obligations)' : ''}`);

/** The oracle's transactions: 2,000 as drawn, and each pushed towards the amendment by `focus`. */
const drawn = fc.sample(arbIfrTransaction(), { numRuns: 2000, seed: 20261203 }) as unknown as JsonObject[];

/** A seeded choice, so that each case samples the same inputs every run. */
function chooser(seed: number): <T>(xs: readonly T[]) => T {
  const r = random(seed);
  return <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
}

type Focus = (t: JsonObject, pick: <T>(xs: readonly T[]) => T) => void;
const obj = (v: unknown): JsonObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined);

/** Each country of a transaction (destination, the consignee's and its parent's headquarters, the VEU's country) set to `c` or kept, at random. */
const countries = (c: string): Focus => (t, pick) => {
  if (pick([true, false])) t.destination = c;
  const k = obj(t.consignee);
  if (k && pick([true, false])) k.headquarters = c;
  if (k && pick([true, false, false])) k.parent_headquarters = c;
  const v = obj(t.veu);
  if (v && pick([true, false])) v.country = c;
};
const dates = (ds: readonly string[]): Focus => (t, pick) => {
  if (pick([true, false])) t.date = pick(ds);
};
/** The consignee's LPP receipts this year set so that the shipment takes it to, or one past, a limit. */
const lppTotals: Focus = (t, pick) => {
  const item = obj(t.item);
  const k = obj(t.consignee);
  if (!item || !k || pick([true, false, false])) return;
  // the other conditions of LPP met, mostly: an export or reexport, to a consignee with an id
  if (t.activity === 'transfer' && pick([true, true, false])) t.activity = 'export';
  k.id ??= 'C-1';
  const shipment = Number(item.units ?? 1) * Number(item.tpp ?? 0);
  k.lpp_tpp_this_year = pick([26_900_000, 30_000_000]) - shipment + pick([-1, 0, 0, 1]);
  k.direct = true;
};
/** A universal VEU whose holdings put one Tier 2 country at 8% or 10% of the total: over the old cap of 7%, within the new 10%. */
const capShares: Focus = (t, pick) => {
  if (pick([true, false])) return;
  const other = pick([800, 1000]);
  t.veu = { kind: 'universal', compute_by_country: [{ country: 'US', tpp: 10_000 - other }, { country: pick(['IN', 'BR', 'AE']), tpp: other }] };
};
const trusted: Focus = (t, pick) => {
  const k = obj(t.consignee);
  if (k && pick([true, false])) k.trusted = pick([true, false]);
};
const dropDirect: Focus = (t, pick) => {
  const k = obj(t.consignee);
  if (k && pick([true, false, false])) delete k.direct;
};

/** The drawn transactions and as many again with `focus` applied to a copy of each. */
function samplesFor(focus: Focus[]): unknown[] {
  const pick = chooser(7);
  return [
    ...drawn,
    ...drawn.map((t) => {
      const c = structuredClone(t);
      for (const f of focus) f(c, pick);
      return c;
    }),
  ];
}

/**
 * Diffs the base against the amendment and checks the report against the samples: every region's
 * witness lies in its region, every entry's witness is accepted by its version only, and every
 * sampled input decided differently lies in a reported region or entry. Returns the report and how
 * many sampled inputs differ.
 */
async function diffAndSample(after: CheckedProgram, focus: Focus[]): Promise<{ report: DiffReport; differing: number; sampled: Set<string> }> {
  const report = await diffPrograms(base, after);
  expect(report.uncovered).toEqual([]);
  expect(report.verdict).toBe('changed');
  for (const g of report.regions) {
    const [x, y] = [outcome(base, g.witness), outcome(after, g.witness)];
    expect(`${x?.by} | ${y?.by}`).toBe(`${g.before.decidedBy} | ${g.after.decidedBy}`);
    expect(x!.key).not.toBe(y!.key);
  }
  for (const d of report.domain) {
    const [yes, no] = d.acceptedBy === 'before' ? [base, after] : [after, base];
    expect(outcome(yes, d.witness)?.by).toBe(d.decidedBy);
    expect(outcome(no, d.witness)).toBeUndefined();
  }
  const pairs = new Set(report.regions.map((g) => `${g.before.decidedBy} | ${g.after.decidedBy}`));
  // an input only one version accepts, when the other objects only to consignee.trusted, is paired
  // with what the other decides without it
  const only = new Set(report.domain.map((d) => `${d.acceptedBy}: ${d.decidedBy}${d.without ? ` | without: ${d.without.decidedBy}` : ''}`));
  for (const d of report.domain) {
    if (!d.without) continue;
    expect(d.without.fields).toEqual(['consignee.trusted']);
    const w = outcome(d.acceptedBy === 'before' ? after : base, withoutTrusted(d.witness));
    expect(w?.by).toBe(d.without.decidedBy);
  }
  const missed = new Map<string, unknown>();
  const misdescribed = new Map<string, unknown>();
  const groupsOf = { before: lower(base).sets, after: lower(after).sets };
  let differing = 0;
  let described = 0;
  const sampled = new Set<string>();
  for (const s of samplesFor(focus)) {
    const [x, y] = [outcome(base, s), outcome(after, s)];
    if (x?.key === y?.key) continue;
    differing++;
    const w = x && y ? undefined : outcome(x ? after : base, withoutTrusted(s));
    const k = x && y ? `${x.by} | ${y.by}` : `${x ? `before: ${x.by}` : `after: ${y!.by}`}${w ? ` | without: ${w.by}` : ''}`;
    sampled.add(k);
    if (!(x && y ? pairs.has(k) : only.has(k))) missed.set(k, s);
    // the sample lies in a region of its pair whose every fact it meets (regions of one pair are split by dates or obligations)
    const mine = report.regions.filter((g) => x && y && `${g.before.decidedBy} | ${g.after.decidedBy}` === k);
    if (mine.length) described++;
    if (mine.length && !mine.some((g) => g.facts.every((f) => factHolds(f, s as JsonObject, groupsOf)))) misdescribed.set(k, { sample: s, facts: mine.map((g) => g.facts) });
  }
  expect([...missed], 'sampled inputs decided differently outside every reported region').toEqual([]);
  expect([...misdescribed], 'sampled inputs of a region that break one of its facts').toEqual([]);
  if (report.regions.length) expect(described).toBeGreaterThan(0);
  return { report, differing, sampled };
}

/** The values at a dotted path of a transaction, through lists (`veu.compute_by_country[*].country`). */
function valuesAt(t: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split('[*].');
  let v: unknown = t;
  for (const k of head!.split('.')) v = obj(v)?.[k];
  if (v === undefined || v === null) return [];
  return rest.length === 0 ? [v] : Array.isArray(v) ? v.flatMap((item) => valuesAt(item, rest.join('[*].'))) : [];
}

/**
 * Whether a region's fact holds on a transaction, read from the transaction's JSON and the
 * policy's declared groups (on the transaction's date): written here from what each fact kind
 * says, not with the describer's own reading. A computed amount is not read (no field holds it).
 */
function factHolds(f: RegionFact, t: JsonObject, sets: { before: readonly SetDef[]; after: readonly SetDef[] }): boolean {
  const date = String(t.date);
  const num = (v: unknown): number => Number(v);
  const cmp = (x: number | string, op: string, c: number | string): boolean => (op === '<' ? x < c : op === '<=' ? x <= c : op === '>' ? x > c : op === '>=' ? x >= c : x === c);
  switch (f.kind) {
    case 'is':
      return valuesAt(t, f.path)[0] === f.value;
    case 'one of':
      return f.paths.some((p) => valuesAt(t, p).includes(f.value));
    case 'in':
    case 'not in': {
      const v = valuesAt(t, f.path)[0];
      const set = sets[f.version].find((x) => x.name === f.group)!;
      const ranges = typeof v === 'string' ? set.members.get(v) ?? [] : [];
      const inside = ranges.some((r) => (r.from === undefined || date >= r.from) && (r.until === undefined || date < r.until));
      return typeof v === 'string' && inside === (f.kind === 'in');
    }
    case 'number': {
      const v = valuesAt(t, f.path)[0];
      return v !== undefined && cmp(num(v), f.op, num(f.value));
    }
    case 'date':
      return cmp(date, f.op, f.value);
    case 'amount':
      return true;
  }
}

/** What decides the inputs without consignee.direct (all of the policy but LPP, which needs a direct consignee). */
const WITHOUT_DIRECT = [
  ...['', ' > aca', ' > macau_d5_review', ' > macau_d5_review > macau_d5_review_headquarters', ' > nac', ' > nac > nac_headquarters', ' > nac_before_split', ' > nac_before_split > nac_before_split_notified', ' > nac_before_split > nac_before_split_notified > nac_before_split_notified_headquarters'].map((x) => `advanced_computing_2023${x}`),
  ...['', ' > nac_before_split_headquartered_entity', ' > nac_headquartered_entity'].map((x) => `advanced_computing_2023_headquarters${x}`),
  ...['', ' > aca_consumer', ' > acm', ' > aia', ' > nac_consumer', ' > nveu', ' > nveu > nveu_security_2026', ' > tier2_destination', ' > tier2_destination > allocation_exceeded', ' > tier2_destination > allocation_unknown', ' > tier3_party_denial', ' > uveu', ' > uveu > uveu_security_2026'].map((x) => `advanced_computing_items${x}`),
  'case_by_case_2026',
  ...['', ' > aia_weights', ' > tier1_destination'].map((x) => `model_weights${x}`),
  'otherwise',
  'outside_2023_controls',
  'weights_within_united_states',
  'weights_within_united_states > weights_to_foreign_party_in_united_states',
  'within_united_states',
];
const sorted = (xs: readonly string[]): string[] => [...xs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

/** The input without consignee.trusted (the field the trusted amendment adds), or the input itself. */
function withoutTrusted(input: unknown): unknown {
  const c = structuredClone(input) as JsonObject;
  const k = obj(c.consignee);
  if (k && 'trusted' in k) delete k.trusted;
  return c;
}

const TIER2_PATHS = ['', ' > tier2_destination', ' > tier2_destination > allocation_exceeded', ' > tier2_destination > allocation_unknown'];

describe('pol diff on amendments of the real policy', () => {
  it('Poland moved from Tier 2 to Tier 1: every region involves Poland, moves towards Tier 1 treatment, and is caused by the Tier 1 change', async () => {
    const { report, differing } = await diffAndSample(amended(POLAND), [countries('PL')]);
    expect(differing).toBeGreaterThan(100);
    const aci = 'advanced_computing_items';
    expect(pairsOf(report)).toEqual([
      ...['aia', 'uveu', 'uveu > uveu_security_2026'].map((x) => `${aci} | ${aci} > ${x}`),
      ...['aca_consumer', 'acm', 'lpp', 'lpp > lpp_limit_reached'].flatMap((b) => ['aia', 'uveu', 'uveu > uveu_security_2026'].map((x) => `${aci} > ${b} | ${aci} > ${x}`)),
      `${aci} > nveu | ${aci} > aia`,
      `${aci} > nveu > nveu_security_2026 | ${aci} > aia`,
      ...['aia', 'uveu', 'uveu > uveu_security_2026'].map((x) => `${aci} > tier2_destination | ${aci} > ${x}`),
      `${aci} > tier2_destination > allocation_exceeded | ${aci}`,
      ...['aia', 'uveu', 'uveu > uveu_security_2026'].map((x) => `${aci} > tier2_destination > allocation_exceeded | ${aci} > ${x}`),
      `${aci} > tier2_destination > allocation_unknown | ${aci} (obligations)`,
      ...['aia', 'uveu', 'uveu > uveu_security_2026'].map((x) => `${aci} > tier2_destination > allocation_unknown | ${aci} > ${x}`),
      `${aci} > uveu | ${aci} > aia`,
      `${aci} > uveu > uveu_security_2026 | ${aci} > aia`,
      'model_weights | model_weights > aia_weights',
      'model_weights | model_weights > tier1_destination',
      'model_weights > tier1_destination | model_weights > aia_weights',
    ]);
    for (const g of report.regions) {
      // the destination, a headquarters or the VEU's country is Poland
      expect(JSON.stringify(g.witness)).toContain('"PL"');
      expect(g.causes).toContain('changed group Tier1');
      // nothing becomes stricter: a Tier 2 licence becomes a Tier 1 licence or an authorization
      expect(g.after.decision.outcome === 'authorized' || g.after.decisionText === 'license_required(review_policy: presumption_of_approval)').toBe(true);
    }
    // where the region pins the destination to Poland, it says that Poland moved, in the reader's terms
    const moved = report.regions.filter((g) => g.description.includes('destination in {PL}'));
    expect(moved.length).toBeGreaterThanOrEqual(5);
    // where Poland may be the destination or a headquarters, the description says one of them is
    const either = report.regions.filter((g) => /consignee\.headquarters or consignee\.parent_headquarters( or veu\.country)? in \{PL\} \(moved from Tier 2/.test(g.description));
    expect(either.length).toBeGreaterThanOrEqual(8);
    for (const g of either) expect(g.facts).toContainEqual(expect.objectContaining({ kind: 'one of', value: 'PL' }));
    // a "one of" fact names only fields the region needs: AIA reads neither the VEU's country nor
    // (where it was in Tier 1 before the change, so not Poland) the destination
    for (const g of report.regions) {
      const inTier1Before = g.facts.some((f) => f.kind === 'in' && f.path === 'destination' && f.group === 'Tier1' && f.version === 'before');
      for (const f of g.facts) {
        if (f.kind !== 'one of') continue;
        if (g.after.decidedBy.endsWith('> aia')) expect(f.paths).not.toContain('veu.country');
        if (inTier1Before) expect(f.paths).not.toContain('destination');
      }
    }
    // where UVEU now applies, Poland may be only a holding's country (the Tier 1 share now counts it): the fact says so
    const uveu = report.regions.filter((g) => g.after.decidedBy.includes('> uveu'));
    expect(uveu.length).toBeGreaterThanOrEqual(10);
    for (const g of uveu) {
      expect(g.facts).toContainEqual(expect.objectContaining({ kind: 'one of', value: 'PL', paths: expect.arrayContaining(['veu.compute_by_country[*].country']) }));
      expect(g.description).toContain('the country of an item of veu.compute_by_country in {PL} (moved from Tier 2');
    }
    // a fact on a group the amendment changed says which version's members it means
    expect(report.regions.some((g) => g.description.includes('destination in Tier 2 (neither Tier 1 nor Tier 3) before the change'))).toBe(true);
    for (const g of report.regions) {
      const pinned = new Set(g.facts.flatMap((f) => (f.kind === 'is' ? [f.path] : [])));
      for (const f of g.facts) if (f.kind === 'in' && /^Tier[12]$/.test(f.group) && !pinned.has(f.path)) expect(g.description).toMatch(/ (before|after) the change/);
    }
    for (const g of moved) expect(g.description).toMatch(/destination in \{PL\} \(moved from Tier 2 \(.*\) to Tier 1 \(/);
    // the Tier 2 allocation notice is no longer owed in Poland: a region of obligations only
    const notice = report.regions.find((g) => g.differs === 'obligations')!;
    expect(notice.before.obligations.join(' ')).toContain('remaining Tier 2 allocation');
    expect(notice.after.obligations).toEqual([]);
  }, 120_000);

  it('the LPP limit raised to 30,000,000 TPP: LPP now reaches up to the new limit, and the "notify BIS" obligation at 26,900,000 is reported though the decision is the same', async () => {
    const { report, differing, sampled } = await diffAndSample(amended(LPP), [lppTotals]);
    // LPP needs many conditions at once: few of the oracle's transactions reach it, but they reach the lost obligation
    expect(differing).toBeGreaterThan(20);
    expect(sampled).toContain('advanced_computing_items > lpp > lpp_limit_reached | advanced_computing_items > lpp');
    const aci = 'advanced_computing_items';
    const lpp = [`${aci} > lpp`, `${aci} > lpp > lpp_limit_reached`];
    expect(pairsOf(report)).toEqual([
      ...lpp.map((x) => `${aci} | ${x}`),
      ...lpp.map((x) => `${aci} > aca_consumer | ${x}`),
      `${aci} > lpp > lpp_limit_reached | ${aci} > lpp (obligations)`,
      ...TIER2_PATHS.slice(1).flatMap((b) => lpp.map((x) => `${aci}${b} | ${x}`)),
    ]);
    for (const g of report.regions) {
      expect(g.causes).toEqual(['changed const LPP_ANNUAL_LIMIT']);
      const w = g.witness as { item: { units?: number | string; tpp: number | string }; consignee: { lpp_tpp_this_year?: number | string } };
      const total = Number(w.consignee.lpp_tpp_this_year ?? 0) + Number(w.item.units ?? 1) * Number(w.item.tpp);
      if (g.differs === 'obligations') expect(total).toBe(26_900_000);
      else expect(total > 26_900_000 && total <= 30_000_000).toBe(true);
      if (g.after.decidedBy.endsWith('lpp_limit_reached')) expect(total).toBe(30_000_000);
      expect(g.after.decisionText).toBe('authorized(authorization: LPP)');
      // the description gives the window of the amount LPP counts, as the policy writes it
      const amount = 'lpp_received_elsewhere + LppReceived + shipment_tpp';
      const window = g.differs === 'obligations' ? `${amount} = 26,900,000 TPP` : g.after.decidedBy.endsWith('lpp_limit_reached') ? `${amount} = 30,000,000 TPP` : `26,900,000 TPP < ${amount} <= 30,000,000 TPP`;
      expect(g.description).toContain(window);
      // the changed constant says which version's value a bound is
      if (g.description.includes(`${amount} <= 30,000,000 TPP (`)) expect(g.description).toMatch(/30,000,000 TPP: the LPP limit [^;)]*\), after the change/);
      expect(g.facts).toContainEqual(expect.objectContaining({ kind: 'amount', expression: amount }));
    }
    const lost = report.regions.find((g) => g.differs === 'obligations')!;
    expect(lost.before.obligations.some((o) => o.includes('must notify BIS'))).toBe(true);
    expect(lost.after.obligations.some((o) => o.includes('must notify BIS'))).toBe(false);
  }, 120_000);

  it('the UVEU cap per Tier 2 country raised from 7% to 10%: every region goes to UVEU and is caused by the constant, read only inside an aggregate', async () => {
    const { report, differing } = await diffAndSample(amended(SHARE), [capShares]);
    expect(differing).toBeGreaterThan(20);
    expect(report.regions.length).toBeGreaterThan(5);
    for (const g of report.regions) {
      expect(g.after.decidedBy).toMatch(/> uveu/);
      expect(g.causes).toEqual(['changed const UVEU_SINGLE_COUNTRY_SHARE']);
    }
  }, 120_000);

  it('Venezuela leaves D:5 on 2026-06-01: every region is on or after that date and involves Venezuela', async () => {
    const { report, differing } = await diffAndSample(amended(VENEZUELA), [countries('VE'), dates(['2026-05-31', '2026-06-01', '2026-06-02', '2026-09-01'])]);
    expect(differing).toBeGreaterThan(100);
    expect(report.structural.some((c) => c.what === 'group' && c.details.some((d) => d.includes('VE until 2026-06-01')))).toBe(true);
    const [aci, ac23] = ['advanced_computing_items', 'advanced_computing_2023'];
    const uveu26 = `${aci} > uveu > uveu_security_2026`;
    const nveu26 = `${aci} > nveu > nveu_security_2026`;
    const lpp = [`${aci} > lpp`, `${aci} > lpp > lpp_limit_reached`];
    expect(pairsOf(report)).toEqual([
      `${ac23} > aca | ${ac23} > nac > nac_headquarters`,
      `${ac23} > nac | ${ac23} > aca`,
      `${ac23} > nac > nac_headquarters | ${ac23} > aca`,
      `${ac23}_headquarters > nac_headquartered_entity | outside_2023_controls`,
      `${aci} | ${uveu26}`,
      ...[`${aci} > acm`, `${aci} > nac_consumer`, nveu26, uveu26].map((x) => `${aci} > aca_consumer | ${x}`),
      `${aci} > acm | ${uveu26}`,
      ...lpp.map((x) => `${x} | ${uveu26}`),
      ...[`${aci} > aca_consumer`, `${aci} > acm`, ...lpp, nveu26, uveu26].map((x) => `${aci} > nac_consumer | ${x}`),
      ...TIER2_PATHS.slice(1).map((x) => `${aci}${x} | ${uveu26}`),
      ...[aci, `${aci} > acm`, ...lpp, nveu26, `${aci} > tier2_destination`, `${aci} > tier2_destination > allocation_unknown`, uveu26].map((x) => `${aci} > tier3_party_denial | ${x}`),
      'model_weights | model_weights > aia_weights',
      'model_weights | model_weights > tier1_destination',
    ]);
    for (const g of report.regions) {
      const w = g.witness as { date: string };
      expect(w.date >= '2026-06-01').toBe(true);
      // and the description says so: the change is not retroactive
      expect(g.description).toMatch(/date >= 2026-06-01|2026-06-01 <= date/);
      expect(JSON.stringify(g.witness)).toContain('"VE"');
      expect(g.causes.some((c) => c.startsWith('changed group'))).toBe(true);
      // leaving D:5 only lifts Tier 3 treatment: never a licence where there was an authorization
      expect(g.before.decision.outcome === 'authorized' && g.after.decision.outcome === 'license_required').toBe(false);
    }
    // a Venezuelan destination was Tier 3 (the 2023 rule's D:5 presumption of denial) and is now Tier 2
    expect(report.regions.some((g) => g.before.decidedBy.includes('tier3_party_denial') && g.after.decidedBy.includes('tier2_destination'))).toBe(true);
  }, 120_000);

  it('a new exception on a new field (consignee.trusted): the inputs that use the field are accepted only after, each kind with a witness; the rest decide the same', async () => {
    const { report, differing } = await diffAndSample(amended(TRUSTED), [trusted]);
    expect(differing).toBeGreaterThan(100);
    expect(report.regions).toEqual([]);
    // an input may carry the new field whatever else it holds: every rule path of the new version, the new exception and LPP among them
    const lpp = ['advanced_computing_items > lpp', 'advanced_computing_items > lpp > lpp_limit_reached'];
    // each decided as the old version decides it without the field, but for the new exception,
    // which takes a trusted consignee from each licence requirement it can meet
    const aci = 'advanced_computing_items';
    const t = `${aci} > trusted_consignee`;
    expect(sorted(report.domain.map((d) => `${d.decidedBy} | without: ${d.without?.decidedBy}`))).toEqual(
      sorted([...[...WITHOUT_DIRECT, ...lpp].map((x) => `${x} | without: ${x}`), ...TIER2_PATHS.map((x) => `${t} | without: ${aci}${x}`)]),
    );
    for (const d of report.domain) expect(d.without?.differs).toBe(d.decidedBy === t ? 'decision' : 'none');
    for (const d of report.domain) {
      expect(d.acceptedBy).toBe('after');
      expect((d.witness as { consignee: { trusted?: boolean } }).consignee.trusted).toBeDefined();
      expect(d.rejection.join(' ')).toContain('trusted');
    }
    for (const d of report.domain.filter((x) => x.decidedBy === t)) {
      expect(d.decision).toBe('authorized(authorization: AIA)');
      expect(d.without?.decision).toMatch(/^license_required/);
      expect(d.cites).toEqual(['740.27(c)']);
      expect((d.witness as { consignee: { trusted: boolean } }).consignee.trusted).toBe(true);
    }
    expect(report.notes.join(' ')).toContain('input declarations differ');
    expect(report.structural.find((c) => c.what === 'input')?.details).toEqual(['field added: consignee.trusted: optional Boolean']);
  }, 120_000);

  it('an optional field made required (consignee.direct): the inputs without it are accepted only before, each kind with a witness', async () => {
    const { report, differing } = await diffAndSample(amended(REQUIRED), [dropDirect]);
    expect(differing).toBeGreaterThan(100);
    expect(report.regions).toEqual([]);
    expect(report.domain.map((d) => d.decidedBy)).toEqual(WITHOUT_DIRECT);
    expect(report.structural.find((c) => c.what === 'input')?.details).toEqual(['field made required: consignee.direct']);
    for (const d of report.domain) {
      expect(d.acceptedBy).toBe('before');
      expect((d.witness as { consignee?: { direct?: boolean } }).consignee?.direct).toBeUndefined();
      expect(d.rejection.join(' ')).toContain('direct');
    }
    // an input without `direct` never had LPP (absent means not direct), so no entry is decided by it
  }, 120_000);

  it('all five at once: every sampled difference is reported, and each single amendment\'s regions are found again with their causes', async () => {
    const after = amended(ALL);
    const { report, differing } = await diffAndSample(after, [countries('PL'), lppTotals, countries('VE'), dates(['2026-05-31', '2026-06-01', '2026-09-01']), trusted, dropDirect]);
    expect(differing).toBeGreaterThan(500);
    expect(new Set(report.domain.map((d) => d.acceptedBy))).toEqual(new Set(['before', 'after']));
    const causes = new Set(report.regions.flatMap((g) => g.causes));
    for (const c of ['changed group Tier1', 'changed const LPP_ANNUAL_LIMIT']) expect(causes).toContain(c);
    expect([...causes].some((c) => c.startsWith('changed group Tier3') || c.startsWith('changed group D5'))).toBe(true);
    // the lost notice obligation, and Poland's lost allocation notice, are still their own regions
    expect(pairsOf(report)).toContain('advanced_computing_items > lpp > lpp_limit_reached | advanced_computing_items > lpp (obligations)');
    expect(pairsOf(report)).toContain('advanced_computing_items > tier2_destination > allocation_unknown | advanced_computing_items (obligations)');
    expect(report.regions.some((g) => g.causes.includes('changed group Tier1') && JSON.stringify(g.witness).includes('"PL"'))).toBe(true);
    // a group is a region's cause only when its witness names a member that moved (Poland, or
    // Venezuela on or after its date); a region the LPP limit alone opens is the limit's alone
    for (const g of report.regions) {
      const w = JSON.stringify(g.witness);
      const moved = w.includes('"PL"') || (w.includes('"VE"') && (g.witness as { date: string }).date >= '2026-06-01');
      if (!moved) expect(g.causes.filter((c) => c.startsWith('changed group')), w).toEqual([]);
    }
    expect(report.regions.some((g) => g.causes.length === 1 && g.causes[0] === 'changed const LPP_ANNUAL_LIMIT')).toBe(true);
    expect(report.regions.some((g) => (g.witness as { date: string }).date >= '2026-06-01' && JSON.stringify(g.witness).includes('"VE"'))).toBe(true);
  }, 180_000);
});
