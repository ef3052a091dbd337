/**
 * The AI Diffusion IFR (policies/ai-diffusion/ifr.pol and its imports) written by hand in
 * TypeScript, as the baseline of bench/compiler.bench.ts: what an engineer would write from the
 * rule's text without Pol. It reads the validated input of the compiled module (numbers are safe
 * integers or exact rationals {n, d}) and must agree with the compiled module on every benchmark
 * input (the benchmark checks it). When the policy files change (the law issue), update this file.
 *
 * `decide` returns only the decision; `decideFull` builds the whole result (alternatives,
 * obligations, citations, decided_by, trace, and the ledger postings) as the compiled `evaluate`
 * returns it. The benchmark gives no balances, so every ledger reads zero, as the module's does.
 */

// ---------------------------------------------------------------- exact numbers

type Num = number | { readonly n: bigint; readonly d: bigint };

function parts(a: Num): [bigint, bigint] {
  return typeof a === 'number' ? [BigInt(a), 1n] : [a.n, a.d];
}
function cmp(a: Num, b: Num): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const [an, ad] = parts(a);
  const [bn, bd] = parts(b);
  const l = an * bd;
  const r = bn * ad;
  return l < r ? -1 : l > r ? 1 : 0;
}
function add(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a + b)) return a + b;
  const [an, ad] = parts(a);
  const [bn, bd] = parts(b);
  return { n: an * bd + bn * ad, d: ad * bd };
}
function mul(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a * b)) return a * b;
  const [an, ad] = parts(a);
  const [bn, bd] = parts(b);
  return { n: an * bn, d: ad * bd };
}
/** a * k for a small positive integer k */
function scale(a: Num, k: number): Num {
  return mul(a, k);
}

// ---------------------------------------------------------------- countries

const TIER1 = new Set(['AU', 'BE', 'CA', 'DK', 'FI', 'FR', 'DE', 'IE', 'IT', 'JP', 'NL', 'NZ', 'NO', 'KR', 'ES', 'SE', 'TW', 'GB', 'US']);
/** Country Group D:5 without its dated members, plus Macau and Hong Kong (Tier 3). */
const TIER3_FIXED = new Set(['AF', 'BY', 'MM', 'CF', 'CN', 'CD', 'CU', 'ER', 'HT', 'IR', 'IQ', 'KP', 'LB', 'LY', 'RU', 'SO', 'SS', 'SD', 'SY', 'VE', 'ZW', 'MO', 'HK']);
/** The October 2023 rule's destinations (D:1, D:4, D:5 and Macau) without Nicaragua, which joined D:1/D:5 on 2024-03-15. */
const AC_2023_FIXED = new Set([
  'AE', 'AF', 'AM', 'AZ', 'BH', 'BY', 'CD', 'CF', 'CN', 'CU', 'EG', 'ER', 'GE', 'HK', 'HT', 'IQ', 'IR', 'JO', 'KG', 'KH', 'KP', 'KW', 'KZ', 'LA', 'LB', 'LY',
  'MD', 'MM', 'MN', 'MO', 'OM', 'PK', 'QA', 'RU', 'SA', 'SD', 'SO', 'SS', 'SY', 'TJ', 'TM', 'UZ', 'VE', 'VN', 'YE', 'ZW',
]);
const CHINA_AND_MACAU = new Set(['CN', 'HK', 'MO']);
const NAC_END_USES = new Set(['development', 'production', 'storage']);

function tier3(c: string, date: string): boolean {
  if (TIER3_FIXED.has(c)) return true;
  if (c === 'KH') return date < '2025-11-07'; // Cambodia left D:5
  if (c === 'NI') return date >= '2024-03-15';
  if (c === 'CY') return date < '2023-10-01';
  return false;
}
function ac2023Destination(c: string, date: string): boolean {
  return AC_2023_FIXED.has(c) || (c === 'NI' && date >= '2024-03-15');
}
/** Tier 2 is every country outside Tier 1 and Tier 3. */
function tier2(c: string, date: string): boolean {
  return !TIER1.has(c) && !tier3(c, date);
}

// ---------------------------------------------------------------- the input (as validated)

interface Holding {
  readonly country: string;
  readonly tpp: Num;
}
export interface Tx {
  readonly date: string;
  readonly activity: string;
  readonly item: {
    readonly kind: string;
    readonly units: Num | null;
    readonly tpp: Num | null;
    readonly performance_density: Num | null;
    readonly data_center: boolean | null;
    readonly ic_tpp: Num | null;
    readonly ic_performance_density: Num | null;
    readonly dram_bandwidth: Num | null;
    readonly approved_designer: boolean | null;
    readonly training_operations: Num | null;
    readonly published: boolean | null;
    readonly below_open_frontier: boolean | null;
  };
  readonly destination: string;
  readonly consignee: {
    /** the ultimate consignee's identifier: the LPP ledger's key, and LPP needs it */
    readonly id: string | null;
    readonly headquarters: string;
    readonly parent_headquarters: string;
    readonly private_sector: boolean | null;
    readonly end_use: string | null;
    readonly direct: boolean | null;
    readonly lpp_tpp_this_year: Num | null;
  };
  readonly veu: { readonly kind: string; readonly id: string | null; readonly country: string | null; readonly remaining_tpp: Num | null; readonly compute_by_country: readonly Holding[] | null } | null;
  readonly allocation_remaining_tpp: Num | null;
}

export interface HandDecision {
  readonly outcome: 'not_controlled' | 'authorized' | 'license_required';
  readonly authorization: string | null;
  readonly review_policy: string | null;
}

const dec = (outcome: HandDecision['outcome'], authorization: string | null, review_policy: string | null): HandDecision => ({ outcome, authorization, review_policy });
const NOT_CONTROLLED = dec('not_controlled', null, null);
const AIA = dec('authorized', 'AIA', null);
const UVEU = dec('authorized', 'UVEU', null);
const NVEU = dec('authorized', 'NVEU', null);
const ACM = dec('authorized', 'ACM', null);
const LPP = dec('authorized', 'LPP', null);
const NAC = dec('authorized', 'NAC', null);
const ACA = dec('authorized', 'ACA', null);
const APPROVAL = dec('license_required', null, 'presumption_of_approval');
const DENIAL = dec('license_required', null, 'presumption_of_denial');
const CASE_BY_CASE = dec('license_required', null, 'case_by_case');

const IFR_COMPLIANCE = '2025-05-15';
const NAC_SPLIT = '2024-04-04';
const SECURITY_2026 = '2026-01-15';
const LPP_LIMIT = 26_900_000;
const DENSITY_A = { n: 148n, d: 25n }; // 5.92
const DENSITY_B_LOW = { n: 8n, d: 5n }; // 1.6
const DENSITY_B_HIGH = { n: 16n, d: 5n }; // 3.2
const CONTROLLED_OPERATIONS = { n: 10n ** 26n, d: 1n };

/** The facts the rules ask about; the costlier ones computed once, on first use. */
class Facts {
  private t3: boolean | undefined;
  private hq3: boolean | undefined;
  private ship: Num | undefined;
  readonly chip: boolean;
  readonly dataCenter: boolean;
  /** 3A090.a / 4A090.a */
  readonly advanced: boolean;
  /** 3A090.b / 4A090.b, as far as the October 2023 rule (and its 2024 correction for computers) reaches */
  readonly bItem: boolean;
  private readonly ctpp: Num;
  constructor(readonly t: Tx) {
    const i = t.item;
    this.chip = i.kind === 'ic' || i.kind === 'computer';
    this.dataCenter = i.data_center ?? true;
    // a computer is classified by its most capable IC
    const tpp = i.ic_tpp ?? i.tpp ?? 0;
    this.ctpp = tpp;
    if (!this.chip) {
      this.advanced = false;
      this.bItem = false;
      return;
    }
    const pd = i.ic_performance_density ?? i.performance_density ?? 0;
    const t4800 = cmp(tpp, 4800) >= 0;
    const t1600 = cmp(tpp, 1600) >= 0;
    const a = t4800 || (t1600 && cmp(pd, DENSITY_A) >= 0);
    this.advanced = a && (this.dataCenter || t4800);
    const b = !a && ((cmp(tpp, 2400) >= 0 && cmp(pd, DENSITY_B_LOW) >= 0) || (t1600 && cmp(pd, DENSITY_B_HIGH) >= 0));
    this.bItem = this.dataCenter && b && (i.kind === 'ic' || t.date >= NAC_SPLIT);
  }
  acItem(): boolean {
    return this.advanced || this.bItem;
  }
  /** items NAC/ACA can cover: 3A090.b-class items, and 3A090.a-class items not designed for data centers */
  nacAcaItem(): boolean {
    return this.bItem || (this.advanced && !this.dataCenter);
  }
  hqTier3(): boolean {
    if (this.hq3 === undefined) {
      const { t } = this;
      this.hq3 = tier3(t.consignee.headquarters, t.date) || tier3(t.consignee.parent_headquarters, t.date);
    }
    return this.hq3;
  }
  tier3Party(): boolean {
    if (this.t3 === undefined) this.t3 = tier3(this.t.destination, this.t.date) || this.hqTier3();
    return this.t3;
  }
  /** NAC needs a notification for Tier 3 parties, except for an in-country transfer inside Tier 3 */
  nacParty(): boolean {
    return this.tier3Party() && !(this.t.activity === 'transfer' && tier3(this.t.destination, this.t.date));
  }
  /** the headquarters rule (744.23(a)(3)) is what brings the party in: the destination itself is not Tier 3 */
  headquartersDecides(): boolean {
    return this.hqTier3() && !tier3(this.t.destination, this.t.date);
  }
  hqTier1(): boolean {
    return TIER1.has(this.t.consignee.headquarters) && TIER1.has(this.t.consignee.parent_headquarters);
  }
  eligibleDesign(): boolean {
    return this.t.item.kind === 'computer' || this.t.item.approved_designer === true;
  }
  shipment(): Num {
    if (this.ship === undefined) this.ship = mul(this.t.item.units ?? 1, this.t.item.tpp ?? 0);
    return this.ship;
  }
  lppTotal(): Num {
    return add(this.t.consignee.lpp_tpp_this_year ?? 0, this.shipment());
  }
  caseByCase2026(): boolean {
    const { t } = this;
    return (
      t.date >= SECURITY_2026 &&
      this.advanced &&
      this.dataCenter &&
      t.activity === 'export' &&
      CHINA_AND_MACAU.has(t.destination) &&
      cmp(this.ctpp, 21000) < 0 &&
      t.item.dram_bandwidth !== null &&
      cmp(t.item.dram_bandwidth, 6500) < 0
    );
  }
}

function controlledWeights(t: Tx): boolean {
  const i = t.item;
  return i.kind === 'model_weights' && i.training_operations !== null && cmp(i.training_operations, CONTROLLED_OPERATIONS) >= 0 && i.published !== true && i.below_open_frontier !== true;
}

/** The UVEU geographic limits on the holder's installed compute (15 CFR 748.15). */
function uveuLimitsMet(t: Tx): boolean {
  const list = t.veu?.compute_by_country;
  if (!list) return false;
  let total: Num = 0;
  let tier1: Num = 0;
  let us: Num = 0;
  for (const h of list) {
    if (tier3(h.country, t.date)) return false; // no compute in Tier 3
    total = add(total, h.tpp);
    if (TIER1.has(h.country)) tier1 = add(tier1, h.tpp);
    if (h.country === 'US') us = add(us, h.tpp);
  }
  if (cmp(total, 0) <= 0) return false; // no compute reported
  if (cmp(scale(tier1, 4), scale(total, 3)) < 0) return false; // 75% in Tier 1
  const cap = scale(total, 7);
  const byCountry = new Map<string, Num>();
  for (const h of list) if (!TIER1.has(h.country)) byCountry.set(h.country, add(byCountry.get(h.country) ?? 0, h.tpp));
  for (const s of byCountry.values()) if (cmp(scale(s, 100), cap) > 0) return false; // 7% per country outside Tier 1
  return t.consignee.headquarters !== 'US' || cmp(scale(us, 2), total) >= 0; // 50% in the US
}

/** The authorizations of the IFR's worldwide rule (from 2025-05-15), in order of precedence. */
const applies = {
  aia: (f: Facts) => TIER1.has(f.t.destination) && f.hqTier1() && f.eligibleDesign(),
  uveu: (f: Facts) => f.t.veu !== null && f.t.veu.kind === 'universal' && f.hqTier1() && !tier3(f.t.destination, f.t.date) && uveuLimitsMet(f.t),
  nveu: (f: Facts) => {
    const v = f.t.veu;
    return v !== null && v.kind === 'national' && v.country === f.t.destination && !f.tier3Party() && v.id !== null && v.remaining_tpp !== null && cmp(f.shipment(), v.remaining_tpp) <= 0;
  },
  acm: (f: Facts) => {
    const c = f.t.consignee;
    return c.private_sector === true && !f.tier3Party() && c.end_use !== null && NAC_END_USES.has(c.end_use) && f.eligibleDesign();
  },
  lpp: (f: Facts) =>
    f.t.activity !== 'transfer' && f.t.consignee.direct === true && !f.tier3Party() && !ac2023Destination(f.t.destination, f.t.date) && f.t.consignee.id !== null && cmp(f.lppTotal(), LPP_LIMIT) <= 0,
  nacConsumer: (f: Facts) => !f.dataCenter && f.nacParty(),
  acaConsumer: (f: Facts) => !f.dataCenter && !f.nacParty(),
};

/** Which part of the law governs: the rules in the order the policy gives them precedence. */
const enum Regime {
  WithinUs,
  WeightsWithinUs,
  CaseByCase2026,
  Ac2023,
  Ac2023Headquarters,
  Ifr,
  Weights,
  Outside2023,
  Otherwise,
}

function regime(t: Tx, f: Facts): Regime {
  const weights = t.item.kind === 'model_weights';
  if (t.destination === 'US') return weights ? Regime.WeightsWithinUs : Regime.WithinUs;
  if (f.caseByCase2026()) return Regime.CaseByCase2026;
  const before = t.date < IFR_COMPLIANCE;
  // until the IFR's compliance date every advanced computing item, after it 3A090.b items, stay under the 2023 rule
  if ((before || !f.advanced) && f.acItem()) {
    if (ac2023Destination(t.destination, t.date)) return Regime.Ac2023;
    if (f.hqTier3()) return Regime.Ac2023Headquarters;
  }
  if (!before && f.advanced) return Regime.Ifr;
  if (!before && controlledWeights(t)) return Regime.Weights;
  if (before || f.acItem()) return Regime.Outside2023;
  return Regime.Otherwise;
}

/** The decision only. */
export function decide(t: Tx): HandDecision {
  const f = new Facts(t);
  switch (regime(t, f)) {
    case Regime.WithinUs:
    case Regime.WeightsWithinUs:
    case Regime.Outside2023:
    case Regime.Otherwise:
      return NOT_CONTROLLED;
    case Regime.CaseByCase2026:
      return CASE_BY_CASE;
    case Regime.Ac2023:
      if (f.nacAcaItem()) {
        if (t.date < NAC_SPLIT) return NAC;
        return f.nacParty() ? NAC : ACA;
      }
      return f.tier3Party() ? DENIAL : CASE_BY_CASE;
    case Regime.Ac2023Headquarters:
      return f.nacAcaItem() ? NAC : DENIAL;
    case Regime.Ifr:
      if (applies.aia(f)) return AIA;
      if (applies.uveu(f)) return UVEU;
      if (applies.nveu(f)) return NVEU;
      if (applies.acm(f)) return ACM;
      if (applies.lpp(f)) return LPP;
      if (!f.dataCenter) return f.nacParty() ? NAC : ACA;
      if (f.tier3Party()) return DENIAL;
      if (tier2(t.destination, t.date)) {
        const alloc = t.allocation_remaining_tpp;
        return alloc !== null && cmp(f.shipment(), alloc) > 0 ? DENIAL : APPROVAL;
      }
      return APPROVAL;
    case Regime.Weights:
      if (f.hqTier1() && !tier3(t.destination, t.date)) return AIA;
      if (TIER1.has(t.destination) && !f.tier3Party()) return APPROVAL;
      return DENIAL;
  }
}

// ---------------------------------------------------------------- the full result

interface Step {
  readonly id: string;
  readonly kind: 'rule' | 'exception' | 'otherwise';
  readonly title: string | null;
  readonly cites: readonly string[];
  readonly file: string;
  readonly line: number;
}
export interface HandResult {
  readonly decision: HandDecision;
  readonly alternatives: readonly HandDecision[];
  readonly obligations: readonly string[];
  readonly citations: readonly string[];
  readonly decided_by: string;
  readonly trace: readonly Step[];
  readonly postings: readonly Posting[];
}

/** What a decision records in a ledger (chips.pol's `records`): the shipment's TPP. */
export interface Posting {
  readonly ledger: string;
  readonly key: readonly string[];
  readonly before: number | string;
  readonly amount: number | string;
  readonly after: number | string;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** An exact number as JSON, as the module writes it: a JS number when it round-trips, else its exact decimal text (n/d when it has none). */
function numJson(a: Num): number | string {
  if (typeof a === 'number') return a;
  const g = gcd(a.n < 0n ? -a.n : a.n, a.d);
  const n = a.n / g;
  const d = a.d / g;
  let text: string;
  if (d === 1n) text = n.toString();
  else {
    let k = 0;
    let rest = d;
    for (; rest % 10n === 0n; k++) rest /= 10n;
    for (; rest % 2n === 0n || rest % 5n === 0n; k++) rest = rest % 2n === 0n ? rest / 2n : rest / 5n;
    if (rest !== 1n) return `${n}/${d}`;
    const digits = ((n < 0n ? -n : n) * 10n ** BigInt(k)) / d;
    const padded = digits.toString().padStart(k + 1, '0');
    text = `${n < 0n ? '-' : ''}${padded.slice(0, padded.length - k)}.${padded.slice(padded.length - k)}`;
  }
  const x = Number(text);
  if (!Number.isFinite(x)) return text;
  // the double stands for this number only when the decimal it prints as is exactly n/d
  const back = fromDouble(x);
  const [bn, bd] = parts(back);
  return bn * d === n * bd ? x : text;
}
/** the decimal a double prints as, exactly */
function fromDouble(x: number): Num {
  if (Number.isSafeInteger(x)) return x;
  const [mant, exp = '0'] = String(x).split('e');
  const [whole, frac = ''] = mant!.split('.');
  const e = Number(exp) - frac.length;
  const m = BigInt(whole! + frac);
  return e >= 0 ? { n: m * 10n ** BigInt(e), d: 1n } : { n: m, d: 10n ** BigInt(-e) };
}

const NO_POSTINGS: readonly Posting[] = [];

const AC = 'advanced-computing-2023.pol';
const step = (id: string, kind: Step['kind'], title: string | null, cites: string[], file: string, line: number): Step => ({ id, kind, title, cites, file, line });
const exc = (id: string, title: string, cites: string[], file: string, line: number): Step => step(id, 'exception', title, cites, file, line);
const CFR_748_15 = '15 CFR 748.15';
const CFR_742_6_B10 = '15 CFR 742.6(b)(10)';
const CFR_744_23 = '15 CFR 744.23(a)(3)';
const FR_2023 = '88 FR 73458';
const FR_2024 = '89 FR 23876';
const SUPP_10 = 'Supplement No. 10 to 15 CFR part 748, paragraphs 14, 15 and 18';
const S = {
  withinUs: step('within_united_states', 'rule', 'An item shipped within the United States is not exported, reexported or transferred abroad', ['15 CFR 734.13(a)', '15 CFR 734.14', '15 CFR 734.16'], 'scope.pol', 20),
  weightsUs: step('weights_within_united_states', 'rule', "Model weights in the United States: deemed exports are outside this policy's scope", ['15 CFR 734.13(b)'], 'scope.pol', 34),
  weightsForeign: exc(
    'weights_to_foreign_party_in_united_states',
    "Model weights to a consignee in the United States that is headquartered, or whose ultimate parent is headquartered, abroad: a likely deemed export, outside this policy's scope",
    ['15 CFR 734.13(b)'],
    'scope.pol',
    40,
  ),
  caseByCase: step('case_by_case_2026', 'rule', 'Case-by-case review for H200-class commodities exported to China or Macau', [CFR_742_6_B10, '91 FR 1684'], AC, 42),
  ac2023: step('advanced_computing_2023', 'rule', 'License requirement for advanced computing items to the destinations of the October 2023 rule', ['15 CFR 742.6(a)(6)(iii)', FR_2023], AC, 57),
  nacBefore: exc('nac_before_split', 'License Exception NAC (before the April 2024 split)', ['15 CFR 740.8', FR_2023], AC, 71),
  nacBeforeNotified: exc('nac_before_split_notified', 'License Exception NAC with notification (Macau, D:5)', ['15 CFR 740.8(a)(2)'], AC, 78),
  nacBeforeNotifiedHq: exc('nac_before_split_notified_headquarters', 'NAC with notification: the consignee or its parent is headquartered in Macau or D:5', [CFR_744_23], AC, 84),
  nac: exc('nac', 'License Exception NAC (Notified Advanced Computing)', ['15 CFR 740.8(a)', FR_2024], AC, 93),
  nacHq: exc('nac_headquarters', 'NAC: the consignee or its parent is headquartered in Macau or D:5', [CFR_744_23], AC, 101),
  aca: exc('aca', 'License Exception ACA (Advanced Computing Authorized)', ['15 CFR 740.8(b)', FR_2024], AC, 109),
  macau: exc('macau_d5_review', 'Presumption of denial for Macau, D:5 and entities headquartered there', [CFR_742_6_B10], AC, 117),
  macauHq: exc('macau_d5_review_headquarters', 'Presumption of denial: the consignee or its parent is headquartered in Macau or D:5', [CFR_744_23], AC, 122),
  ac2023Hq: step('advanced_computing_2023_headquarters', 'rule', 'License requirement for advanced computing items to entities headquartered in Macau or D:5, wherever located', [CFR_744_23, FR_2023, CFR_742_6_B10], AC, 135),
  nacBeforeHqEntity: exc('nac_before_split_headquartered_entity', 'License Exception NAC with notification for a headquartered entity (before the April 2024 split)', ['15 CFR 740.8(a)(2)', FR_2023], AC, 145),
  nacHqEntity: exc('nac_headquartered_entity', 'License Exception NAC with notification for a headquartered entity', ['15 CFR 740.8(a)', FR_2024], AC, 154),
  advanced: step('advanced_computing_items', 'rule', 'Worldwide license requirement for advanced computing items', ['15 CFR 742.6(a)(6)', 'ECCN 3A090.a', 'ECCN 4A090.a'], 'chips.pol', 52),
  aia: exc('aia', 'License Exception AIA (Artificial Intelligence Authorization)', ['15 CFR 740.27(a)(1)'], 'chips.pol', 61),
  uveu: exc('uveu', 'Data Center VEU: universal authorization', [CFR_748_15], 'chips.pol', 68),
  uveuSecurity: exc('uveu_security_2026', 'UVEU: delayed security requirements in force', [SUPP_10], 'chips.pol', 81),
  nveu: exc('nveu', 'Data Center VEU: national authorization', [CFR_748_15], 'chips.pol', 89),
  nveuSecurity: exc('nveu_security_2026', 'NVEU: delayed security requirements in force', [SUPP_10], 'chips.pol', 102),
  acm: exc('acm', 'License Exception ACM (Advanced Compute Manufacturing)', ['15 CFR 740.28'], 'chips.pol', 111),
  lpp: exc('lpp', 'License Exception LPP (Low Processing Performance)', ['15 CFR 740.29', '15 CFR 740.2(a)(9)(ii)'], 'chips.pol', 127),
  lppLimit: exc('lpp_limit_reached', 'LPP: this shipment reaches the annual limit', ['15 CFR 740.29'], 'chips.pol', 140),
  nacConsumer: exc('nac_consumer', 'License Exception NAC for items not designed for data centers (Macau, D:5)', ['15 CFR 740.8(a)'], 'chips.pol', 154),
  acaConsumer: exc('aca_consumer', 'License Exception ACA for items not designed for data centers', ['15 CFR 740.8(b)'], 'chips.pol', 161),
  tier3: exc('tier3_party_denial', 'Presumption of denial for Tier 3 parties (Macau, D:5)', [CFR_742_6_B10], 'chips.pol', 167),
  tier2: exc('tier2_destination', "Tier 2 destinations: licenses draw on the country's TPP allocation", [CFR_742_6_B10], 'chips.pol', 177),
  exceeded: exc('allocation_exceeded', 'Tier 2: shipment beyond the remaining allocation', [CFR_742_6_B10], 'chips.pol', 183),
  unknown: exc('allocation_unknown', 'Tier 2: remaining allocation not given', [CFR_742_6_B10], 'chips.pol', 190),
  weights: step('model_weights', 'rule', 'Worldwide license requirement for ECCN 4E091 model weights', ['ECCN 4E091', '90 FR 4544'], 'weights.pol', 5),
  aiaWeights: exc('aia_weights', 'License Exception AIA for model weights', ['15 CFR 740.27(a)(3)'], 'weights.pol', 13),
  tier1: exc('tier1_destination', 'Presumption of approval for Tier 1 destinations', ['90 FR 4544'], 'weights.pol', 19),
  outside2023: step('outside_2023_controls', 'rule', 'Not reached by the October 2023 advanced computing controls', [FR_2023, '15 CFR 742.6(a)(6)(iii)'], 'ifr.pol', 29),
  otherwise: step('otherwise', 'otherwise', null, ['90 FR 4544'], 'ifr.pol', 38),
};

const LPP_CERT =
  "Before using LPP, obtain the ultimate consignee's certification that it has not received 26,900,000 TPP under LPP this calendar year and that this shipment will not take it over that limit.";
const NAC_NOTIFY =
  'Notify BIS before the export or reexport (15 CFR 740.8(a)(2); SNAP-R, NAC in block 9) and ship only once BIS has issued an NAC authorization number: BIS reviews the notification within 25 days and may require a license instead; silence is not an authorization.';
const SECURITY =
  'From 2026-01-15 the holder must also meet paragraphs 14, 15 and 18 of Supplement No. 10 to part 748 (security requirements whose compliance date was 365 days after publication).';
const O = {
  weightsUs: [
    "Outside this policy's scope, not a clearance: a release of the weights to a foreign person in the United States is a deemed export (15 CFR 734.13(b)), which this policy does not decide. Determine separately whether any foreign person will have access.",
  ],
  weightsForeign: [
    "Outside this policy's scope, not a clearance: the consignee or its ultimate parent is headquartered outside the United States, so a release of the weights to it or its foreign-person staff is likely a deemed export (15 CFR 734.13(b)) to the country of headquarters or nationality. This policy does not model deemed exports; decide the license requirement for 4E091 weights separately.",
  ],
  caseByCase: [
    "Case-by-case review holds only for a commodity commercially available in the United States on 2026-01-15, with the exporter's certifications of sufficient U.S. supply, no diversion of foundry capacity from U.S. end users, the recipient's security procedures, and independent third-party testing in the United States; otherwise the review is a presumption of denial.",
  ],
  ac2023: [
    "Review policy not verified: the 742.6(b)(10) text for D:1/D:4 destinations outside Macau and D:5 was not read; case-by-case is the fact sheet's default (a recollection gives a presumption of approval). Check the January 1, 2025 CFR edition.",
  ],
  nac: [NAC_NOTIFY],
  security: [SECURITY],
  aia: ['Before the export, reexport or transfer, obtain the certification of 15 CFR 740.27(b)(2) and submit it to BIS.'],
  acm: ['The items may serve only development, production or storage before they go on to customers outside Macau and Country Group D:5, unless another authorization covers those customers.'],
  lpp: [LPP_CERT],
  lppLimit: [LPP_CERT, 'With this shipment the ultimate consignee reaches the 26,900,000 TPP annual limit: it must notify BIS.'],
  unknown: [
    "Check the destination's remaining Tier 2 allocation: the presumption of approval holds only while the shipment's TPP is within it; beyond it the presumption is of denial.",
  ],
  none: [] as string[],
};

/** A way the policy can decide: the decision, its obligations and its trace, with the citations. */
interface Path {
  readonly decision: HandDecision;
  readonly obligations: readonly string[];
  readonly trace: readonly Step[];
  readonly citations: readonly string[];
  /** the ledger the deciding exception records the shipment in */
  readonly records?: 'LppReceived' | 'NveuReceived' | 'Tier2Licensed';
}
function pathOf(decision: HandDecision, obligations: readonly string[], ...trace: Step[]): Path {
  const citations: string[] = [];
  for (const s of trace) for (const c of s.cites) if (!citations.includes(c)) citations.push(c);
  return { decision, obligations, trace, citations };
}
const P = {
  withinUs: pathOf(NOT_CONTROLLED, O.none, S.withinUs),
  weightsUs: pathOf(NOT_CONTROLLED, O.weightsUs, S.weightsUs),
  weightsForeign: pathOf(NOT_CONTROLLED, O.weightsForeign, S.weightsUs, S.weightsForeign),
  caseByCase: pathOf(CASE_BY_CASE, O.caseByCase, S.caseByCase),
  ac2023: pathOf(CASE_BY_CASE, O.ac2023, S.ac2023),
  nacBefore: pathOf(NAC, O.none, S.ac2023, S.nacBefore),
  nacBeforeNotified: pathOf(NAC, O.nac, S.ac2023, S.nacBefore, S.nacBeforeNotified),
  nacBeforeNotifiedHq: pathOf(NAC, O.nac, S.ac2023, S.nacBefore, S.nacBeforeNotified, S.nacBeforeNotifiedHq),
  nac: pathOf(NAC, O.nac, S.ac2023, S.nac),
  nacHq: pathOf(NAC, O.nac, S.ac2023, S.nac, S.nacHq),
  aca: pathOf(ACA, O.none, S.ac2023, S.aca),
  macau: pathOf(DENIAL, O.none, S.ac2023, S.macau),
  macauHq: pathOf(DENIAL, O.none, S.ac2023, S.macau, S.macauHq),
  ac2023Hq: pathOf(DENIAL, O.none, S.ac2023Hq),
  nacBeforeHqEntity: pathOf(NAC, O.nac, S.ac2023Hq, S.nacBeforeHqEntity),
  nacHqEntity: pathOf(NAC, O.nac, S.ac2023Hq, S.nacHqEntity),
  advanced: pathOf(APPROVAL, O.none, S.advanced),
  aia: pathOf(AIA, O.aia, S.advanced, S.aia),
  uveu: pathOf(UVEU, O.none, S.advanced, S.uveu),
  uveuSecurity: pathOf(UVEU, O.security, S.advanced, S.uveu, S.uveuSecurity),
  nveu: { ...pathOf(NVEU, O.none, S.advanced, S.nveu), records: 'NveuReceived' as const },
  nveuSecurity: { ...pathOf(NVEU, O.security, S.advanced, S.nveu, S.nveuSecurity), records: 'NveuReceived' as const },
  acm: pathOf(ACM, O.acm, S.advanced, S.acm),
  lpp: { ...pathOf(LPP, O.lpp, S.advanced, S.lpp), records: 'LppReceived' as const },
  lppLimit: { ...pathOf(LPP, O.lppLimit, S.advanced, S.lpp, S.lppLimit), records: 'LppReceived' as const },
  nacConsumer: pathOf(NAC, O.nac, S.advanced, S.nacConsumer),
  acaConsumer: pathOf(ACA, O.none, S.advanced, S.acaConsumer),
  tier3: pathOf(DENIAL, O.none, S.advanced, S.tier3),
  tier2: { ...pathOf(APPROVAL, O.none, S.advanced, S.tier2), records: 'Tier2Licensed' as const },
  exceeded: pathOf(DENIAL, O.none, S.advanced, S.tier2, S.exceeded),
  unknown: { ...pathOf(APPROVAL, O.unknown, S.advanced, S.tier2, S.unknown), records: 'Tier2Licensed' as const },
  weights: pathOf(DENIAL, O.none, S.weights),
  aiaWeights: pathOf(AIA, O.none, S.weights, S.aiaWeights),
  tier1: pathOf(APPROVAL, O.none, S.weights, S.tier1),
  outside2023: pathOf(NOT_CONTROLLED, O.none, S.outside2023),
  otherwise: pathOf(NOT_CONTROLLED, O.none, S.otherwise),
};

function result(p: Path, alternatives: readonly HandDecision[], f?: Facts): HandResult {
  const postings = p.records === undefined || f === undefined ? NO_POSTINGS : [posting(p.records, f)];
  return { decision: p.decision, alternatives, obligations: p.obligations, citations: p.citations, decided_by: p.trace[p.trace.length - 1]!.id, trace: p.trace, postings };
}

function posting(ledger: NonNullable<Path['records']>, f: Facts): Posting {
  const t = f.t;
  const key = ledger === 'LppReceived' ? [t.consignee.id!, t.date.slice(0, 4)] : ledger === 'NveuReceived' ? [t.veu!.id!] : [t.destination];
  const amount = numJson(f.shipment());
  return { ledger, key, before: 0, amount, after: amount };
}

const NONE: readonly HandDecision[] = [];

/**
 * The IFR's authorizations in precedence order, with the path each takes. NAC and ACA for items
 * not designed for data centers exclude one another, so at most one of them is an alternative.
 */
const IFR_AUTHORIZATIONS = [
  [applies.aia, (_f: Facts) => P.aia],
  [applies.uveu, (f: Facts) => (f.t.date >= SECURITY_2026 ? P.uveuSecurity : P.uveu)],
  [applies.nveu, (f: Facts) => (f.t.date >= SECURITY_2026 ? P.nveuSecurity : P.nveu)],
  [applies.acm, (_f: Facts) => P.acm],
  [applies.lpp, (f: Facts) => (cmp(f.lppTotal(), LPP_LIMIT) === 0 ? P.lppLimit : P.lpp)],
  [applies.nacConsumer, (_f: Facts) => P.nacConsumer],
  [applies.acaConsumer, (_f: Facts) => P.acaConsumer],
] as const;

function ifrFull(f: Facts): HandResult {
  for (let i = 0; i < IFR_AUTHORIZATIONS.length; i++) {
    const [applies_, path] = IFR_AUTHORIZATIONS[i]!;
    if (!applies_(f)) continue;
    // the later authorizations that also apply are the alternatives (each a different authorization)
    let alts: HandDecision[] | undefined;
    for (let j = i + 1; j < IFR_AUTHORIZATIONS.length; j++) {
      const [later, laterPath] = IFR_AUTHORIZATIONS[j]!;
      if (later(f)) (alts ??= []).push(laterPath(f).decision);
    }
    return result(path(f), alts ?? NONE, f);
  }
  // the license-review exceptions exclude one another (Tier 3 party / Tier 2, allocation known or not)
  if (f.tier3Party()) return result(P.tier3, NONE);
  if (tier2(f.t.destination, f.t.date)) {
    const alloc = f.t.allocation_remaining_tpp;
    if (alloc === null) return result(P.unknown, NONE, f);
    return result(cmp(f.shipment(), alloc) > 0 ? P.exceeded : P.tier2, NONE, f);
  }
  return result(P.advanced, NONE);
}

/**
 * The full result. Under the October 2023 rule the NAC/ACA exceptions exclude one another (by date
 * or by whether a notification is needed), so only the IFR's worldwide rule has alternatives.
 */
export function decideFull(t: Tx): HandResult {
  const f = new Facts(t);
  switch (regime(t, f)) {
    case Regime.WithinUs:
      return result(P.withinUs, NONE);
    case Regime.WeightsWithinUs:
      return result(t.consignee.headquarters !== 'US' || t.consignee.parent_headquarters !== 'US' ? P.weightsForeign : P.weightsUs, NONE);
    case Regime.CaseByCase2026:
      return result(P.caseByCase, NONE);
    case Regime.Ac2023:
      if (f.nacAcaItem()) {
        if (t.date < NAC_SPLIT) {
          if (!f.nacParty()) return result(P.nacBefore, NONE);
          return result(f.headquartersDecides() ? P.nacBeforeNotifiedHq : P.nacBeforeNotified, NONE);
        }
        if (!f.nacParty()) return result(P.aca, NONE);
        return result(f.headquartersDecides() ? P.nacHq : P.nac, NONE);
      }
      if (f.tier3Party()) return result(f.headquartersDecides() ? P.macauHq : P.macau, NONE);
      return result(P.ac2023, NONE);
    case Regime.Ac2023Headquarters:
      if (f.nacAcaItem()) return result(t.date < NAC_SPLIT ? P.nacBeforeHqEntity : P.nacHqEntity, NONE);
      return result(P.ac2023Hq, NONE);
    case Regime.Ifr:
      return ifrFull(f);
    case Regime.Weights:
      if (f.hqTier1() && !tier3(t.destination, t.date)) return result(P.aiaWeights, NONE);
      if (TIER1.has(t.destination) && !f.tier3Party()) return result(P.tier1, NONE);
      return result(P.weights, NONE);
    case Regime.Outside2023:
      return result(P.outside2023, NONE);
    case Regime.Otherwise:
      return result(P.otherwise, NONE);
  }
}
