/**
 * Hand-computed cases of the quotas counted across decisions (choices Q1-Q5 in oracle.ts), each
 * worked out from the rule: the LPP limit per ultimate consignee and calendar year (15 CFR 740.29),
 * a Tier 2 country's allocation drawn by licenses (ifr-facts §5), a National VEU's cap; what was
 * recorded before the transaction is given, what the decision records is checked. An H100-class IC
 * has a TPP of 15,832, so 1,000 of them are 15,832,000 TPP; the LPP limit is 26,900,000.
 */
import { describe, expect, it } from 'vitest';
import { decideWithQuotas, quotaKeyText, type IfrTransaction, type OracleResult, type QuotaBalances, type QuotaKey } from './oracle.ts';
import * as Q from './rational.ts';

type Tx = IfrTransaction;

/** 1,000 H100-class ICs exported on 2025-06-02 to a Brazilian consignee (Tier 2, on no D list). */
function ship(over: Partial<Tx> = {}, consignee: Partial<NonNullable<Tx['consignee']>> = {}): Tx {
  return {
    date: '2025-06-02',
    activity: 'export',
    item: { kind: 'ic', units: 1000, tpp: 15_832, performance_density: 19.4 },
    destination: 'BR',
    ...over,
    consignee: { id: 'C-1', headquarters: 'BR', parent_headquarters: 'BR', direct: true, ...consignee },
  };
}

const lpp = (consignee: string, year: string): QuotaKey => ({ quota: 'lpp', consignee, year });
const tier2 = (destination: string): QuotaKey => ({ quota: 'tier2', destination });
const nveu = (veu: string): QuotaKey => ({ quota: 'nveu', veu });
const balances = (...entries: [QuotaKey, number][]): QuotaBalances => new Map(entries.map(([k, v]) => [quotaKeyText(k), Q.int(v)]));

const LPP: OracleResult = { ok: true, outcome: 'authorized', authorization: 'LPP', review_policy: null, alternatives: [] };
const NVEU: OracleResult = { ok: true, outcome: 'authorized', authorization: 'NVEU', review_policy: null, alternatives: [] };
const lic = (review_policy: 'presumption_of_approval' | 'presumption_of_denial'): OracleResult => ({ ok: true, outcome: 'license_required', authorization: null, review_policy, alternatives: [] });

interface Case {
  name: string;
  tx: Tx;
  before: QuotaBalances;
  want: OracleResult;
  /** what the decision records: [key, before, amount] */
  posts: [QuotaKey, number, number][];
}

const SHIPMENT = 15_832_000;
const CASES: Case[] = [
  // Q1: LPP, 26,900,000 TPP per ultimate consignee per calendar year
  { name: 'LPP: 11,068,000 recorded + 15,832,000 = 26,900,000 exactly -> LPP, recorded', tx: ship(), before: balances([lpp('C-1', '2025'), 11_068_000]), want: LPP, posts: [[lpp('C-1', '2025'), 11_068_000, SHIPMENT]] },
  { name: 'LPP: 11,068,001 recorded: one TPP over -> a Tier 2 license (approval, allocation not given), drawing on BR', tx: ship(), before: balances([lpp('C-1', '2025'), 11_068_001]), want: lic('presumption_of_approval'), posts: [[tier2('BR'), 0, SHIPMENT]] },
  { name: 'LPP: 5,000,000 reported + 6,068,000 recorded = 11,068,000 before -> LPP (both count)', tx: ship({}, { lpp_tpp_this_year: 5_000_000 }), before: balances([lpp('C-1', '2025'), 6_068_000]), want: LPP, posts: [[lpp('C-1', '2025'), 6_068_000, SHIPMENT]] },
  { name: 'LPP: 5,000,000 reported + 6,068,001 recorded: one over -> license', tx: ship({}, { lpp_tpp_this_year: 5_000_000 }), before: balances([lpp('C-1', '2025'), 6_068_001]), want: lic('presumption_of_approval'), posts: [[tier2('BR'), 0, SHIPMENT]] },
  { name: 'LPP: the limit reached in 2024 does not count in 2025', tx: ship(), before: balances([lpp('C-1', '2024'), 26_900_000]), want: LPP, posts: [[lpp('C-1', '2025'), 0, SHIPMENT]] },
  { name: 'LPP: the year starts again on 1 January', tx: ship({ date: '2026-01-01' }), before: balances([lpp('C-1', '2025'), 26_900_000]), want: LPP, posts: [[lpp('C-1', '2026'), 0, SHIPMENT]] },
  { name: 'LPP: 31 December still counts in the old year', tx: ship({ date: '2025-12-31' }), before: balances([lpp('C-1', '2025'), 26_900_000]), want: lic('presumption_of_approval'), posts: [[tier2('BR'), 0, SHIPMENT]] },
  { name: "LPP: another consignee's receipts do not count", tx: ship(), before: balances([lpp('C-2', '2025'), 26_900_000]), want: LPP, posts: [[lpp('C-1', '2025'), 0, SHIPMENT]] },
  { name: 'LPP: without the consignee id the receipts cannot be counted -> license', tx: ship({}, { id: undefined }), before: balances(), want: lic('presumption_of_approval'), posts: [[tier2('BR'), 0, SHIPMENT]] },
  {
    name: 'LPP as an alternative records nothing: ACM decides',
    tx: ship({ item: { kind: 'ic', units: 1000, tpp: 15_832, performance_density: 19.4, approved_designer: true } }, { private_sector: true, end_use: 'production' }),
    before: balances(),
    want: { ok: true, outcome: 'authorized', authorization: 'ACM', review_policy: null, alternatives: ['LPP'] },
    posts: [],
  },
  // Q3: a National VEU's cap, per authorization
  { name: 'NVEU: 84,168,000 shipped under V-1 + 15,832,000 = the 100,000,000 left -> NVEU, recorded', tx: nveuShip(), before: balances([nveu('V-1'), 84_168_000]), want: NVEU, posts: [[nveu('V-1'), 84_168_000, SHIPMENT]] },
  { name: 'NVEU: 84,168,001 shipped: one over -> an Indian Tier 2 license', tx: nveuShip(), before: balances([nveu('V-1'), 84_168_001]), want: lic('presumption_of_approval'), posts: [[tier2('IN'), 0, SHIPMENT]] },
  { name: "NVEU: another authorization's shipments do not count", tx: nveuShip(), before: balances([nveu('V-2'), 100_000_000]), want: NVEU, posts: [[nveu('V-1'), 0, SHIPMENT]] },
  { name: 'NVEU: without the authorization id -> no NVEU', tx: nveuShip(null), before: balances(), want: lic('presumption_of_approval'), posts: [[tier2('IN'), 0, SHIPMENT]] },
  // Q2: a Tier 2 country's allocation, drawn by licenses
  { name: 'Tier 2: 84,168,000 licensed + 15,832,000 = the 100,000,000 given -> approval, recorded', tx: tier2Ship(100_000_000), before: balances([tier2('IN'), 84_168_000]), want: lic('presumption_of_approval'), posts: [[tier2('IN'), 84_168_000, SHIPMENT]] },
  { name: 'Tier 2: 84,168,001 licensed: one over -> denial, nothing recorded', tx: tier2Ship(100_000_000), before: balances([tier2('IN'), 84_168_001]), want: lic('presumption_of_denial'), posts: [] },
  { name: 'Tier 2: allocation not given -> approval, recorded on what was licensed', tx: tier2Ship(undefined), before: balances([tier2('IN'), 1_000_000_000]), want: lic('presumption_of_approval'), posts: [[tier2('IN'), 1_000_000_000, SHIPMENT]] },
  { name: "Tier 2: another country's licenses do not count", tx: tier2Ship(SHIPMENT), before: balances([tier2('BR'), 1_000_000_000]), want: lic('presumption_of_approval'), posts: [[tier2('IN'), 0, SHIPMENT]] },
  { name: 'Tier 1: no allocation (a German destination, Indian headquarters: no AIA) -> approval, nothing recorded', tx: tier2Ship(undefined, 'DE'), before: balances(), want: lic('presumption_of_approval'), posts: [] },
  { name: 'Tier 3: China -> denial, nothing recorded', tx: tier2Ship(undefined, 'CN'), before: balances(), want: lic('presumption_of_denial'), posts: [] },
  { name: 'before the compliance date the 2023 controls decide and nothing is recorded (India: on no D list)', tx: { ...tier2Ship(undefined), date: '2025-05-14' }, before: balances(), want: { ok: true, outcome: 'not_controlled', authorization: null, review_policy: null, alternatives: [] }, posts: [] },
];

/** 1,000 ICs to an Indian holder of National VEU `veuId` for India, 100,000,000 TPP left on it. */
function nveuShip(veuId: string | null = 'V-1'): Tx {
  const tx = ship({ destination: 'IN' }, { id: undefined, headquarters: 'IN', parent_headquarters: 'IN', direct: false });
  return { ...tx, veu: { kind: 'national', ...(veuId ? { id: veuId } : {}), country: 'IN', remaining_tpp: 100_000_000 } };
}

/** 1,000 ICs to an Indian consignee, not directly (no LPP), with the allocation left as given. */
function tier2Ship(allocation: number | undefined, destination = 'IN'): Tx {
  const tx = ship({ destination }, { id: undefined, headquarters: 'IN', parent_headquarters: 'IN', direct: false });
  return allocation === undefined ? tx : { ...tx, allocation_remaining_tpp: allocation };
}

describe('quotas counted across decisions (Q1-Q5)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const d = decideWithQuotas(c.tx, 'published', c.before);
      expect(d.result).toEqual(c.want);
      expect(d.postings).toEqual(c.posts.map(([key, before, amount]) => ({ key, before: Q.int(before), amount: Q.int(amount), after: Q.int(before + amount) })));
    });
  }

  it('the law as enforced has no quota: nothing is recorded', () => {
    for (const c of CASES) expect(decideWithQuotas(c.tx, 'enforced', c.before).postings).toEqual([]);
  });

  it('identifiers are non-empty texts (Q5)', () => {
    expect(decideWithQuotas({ ...ship(), id: '' }, 'published', balances()).result.ok).toBe(false);
    expect(decideWithQuotas(ship({}, { id: 7 as unknown as string }), 'published', balances()).result.ok).toBe(false);
    expect(decideWithQuotas({ ...nveuShip(), veu: { kind: 'national', id: '' } }, 'published', balances()).result.ok).toBe(false);
    expect(decideWithQuotas({ ...ship(), id: 'T-1' }, 'published', balances()).result).toEqual(LPP);
  });

  it('a year of shipments to one consignee: LPP until the limit, then licenses; LPP again from 1 January', () => {
    // 1,000 ICs: 15,832,000 -> LPP; 700: 26,914,400 > 26,900,000 -> a license, drawing on BR's
    // allocation; 699: 15,832,000 + 11,066,568 = 26,898,568 -> LPP; 1 more IC: 26,914,400 -> a
    // license; 1,000 on 1 January 2026 -> LPP, counted in 2026
    const shipments: [string, number][] = [['2025-06-01', 1000], ['2025-07-01', 700], ['2025-08-01', 699], ['2025-12-31', 1], ['2026-01-01', 1000]];
    const b = new Map<string, Q.Rat>();
    const got = shipments.map(([date, units]) => {
      const d = decideWithQuotas(ship({ date, item: { kind: 'ic', units, tpp: 15_832, performance_density: 19.4 } }), 'published', new Map(b));
      for (const p of d.postings) b.set(quotaKeyText(p.key), p.after);
      return d.result.ok ? (d.result.authorization ?? d.result.review_policy) : d.result.error;
    });
    expect(got).toEqual(['LPP', 'presumption_of_approval', 'LPP', 'presumption_of_approval', 'LPP']);
    expect(Object.fromEntries([...b].map(([k, v]) => [k, Q.toExactNumber(v)]))).toEqual({ 'lpp|C-1|2025': 26_898_568, 'tier2|BR': 11_098_232, 'lpp|C-1|2026': 15_832_000 });
  });
});
