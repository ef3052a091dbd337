/**
 * The AI Diffusion IFR (policies/ai-diffusion/ifr.pol and its imports) written by hand in
 * TypeScript, as the baseline of bench/compiler.bench.ts: what an engineer would write from the
 * rule's text without Pol. It reads the validated input of the compiled module (numbers are safe
 * integers or exact rationals {n, d}) and must agree with the compiled module on every benchmark
 * input (the benchmark checks it). When the policy files change (the law issue), update this file.
 *
 * `decide` returns only the decision; `decideFull` builds the whole result (alternatives,
 * obligations, citations, decided_by, trace) as the compiled `evaluate` returns it.
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

function tier3(c: string, date: string): boolean {
  if (TIER3_FIXED.has(c)) return true;
  if (c === 'KH') return date < '2026-02-03';
  if (c === 'CY') return date < '2024-05-30';
  if (c === 'NI') return date >= '2024-03-15';
  return false;
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
    readonly approved_designer: boolean | null;
    readonly training_operations: Num | null;
    readonly published: boolean | null;
    readonly below_open_frontier: boolean | null;
  };
  readonly destination: string;
  readonly consignee: {
    readonly headquarters: string;
    readonly parent_headquarters: string;
    readonly private_sector: boolean | null;
    readonly end_use: string | null;
    readonly direct: boolean | null;
    readonly lpp_tpp_this_year: Num | null;
  };
  readonly veu: { readonly kind: string; readonly country: string | null; readonly remaining_tpp: Num | null; readonly compute_by_country: readonly Holding[] | null } | null;
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
const APPROVAL = dec('license_required', null, 'presumption_of_approval');
const DENIAL = dec('license_required', null, 'presumption_of_denial');

const LPP_LIMIT = 26_900_000;
const DENSITY = { n: 148n, d: 25n }; // 5.92
const CONTROLLED_OPERATIONS = { n: 10n ** 26n, d: 1n };

/** The facts the rules ask about, computed lazily where they are costly. */
class Facts {
  private t3: boolean | undefined;
  private ship: Num | undefined;
  constructor(readonly t: Tx) {}
  tier3Party(): boolean {
    if (this.t3 === undefined) {
      const { t } = this;
      this.t3 = tier3(t.destination, t.date) || tier3(t.consignee.headquarters, t.date) || tier3(t.consignee.parent_headquarters, t.date);
    }
    return this.t3;
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
}

function advancedItem(t: Tx): boolean {
  const { kind, tpp, performance_density: pd } = t.item;
  if ((kind !== 'ic' && kind !== 'computer') || tpp === null) return false;
  return cmp(tpp, 4800) >= 0 || (cmp(tpp, 1600) >= 0 && pd !== null && cmp(pd, DENSITY) >= 0);
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

const applies = {
  aia: (f: Facts) => TIER1.has(f.t.destination) && f.hqTier1() && f.eligibleDesign(),
  uveu: (f: Facts) => f.t.veu !== null && f.t.veu.kind === 'universal' && f.hqTier1() && !tier3(f.t.destination, f.t.date) && uveuLimitsMet(f.t),
  nveu: (f: Facts) => {
    const v = f.t.veu;
    return v !== null && v.kind === 'national' && v.country === f.t.destination && !f.tier3Party() && v.remaining_tpp !== null && cmp(f.shipment(), v.remaining_tpp) <= 0;
  },
  acm: (f: Facts) => {
    const c = f.t.consignee;
    return c.private_sector === true && !f.tier3Party() && (c.end_use === 'development' || c.end_use === 'production' || c.end_use === 'storage') && f.eligibleDesign();
  },
  lpp: (f: Facts) => f.t.activity !== 'transfer' && f.t.consignee.direct === true && !f.tier3Party() && cmp(f.lppTotal(), LPP_LIMIT) <= 0,
  tier2: (f: Facts) => !TIER1.has(f.t.destination) && !f.tier3Party(),
};

/** The decision only. */
export function decide(t: Tx): HandDecision {
  if (t.date >= '2025-01-13' && advancedItem(t)) {
    const f = new Facts(t);
    if (applies.aia(f)) return AIA;
    if (applies.uveu(f)) return UVEU;
    if (applies.nveu(f)) return NVEU;
    if (applies.acm(f)) return ACM;
    if (applies.lpp(f)) return LPP;
    if (f.tier3Party()) return DENIAL;
    if (applies.tier2(f)) {
      const alloc = t.allocation_remaining_tpp;
      if (alloc !== null) return cmp(f.shipment(), alloc) > 0 ? DENIAL : APPROVAL;
      return APPROVAL;
    }
    return APPROVAL;
  }
  if (t.date >= '2025-01-13' && controlledWeights(t)) {
    if (TIER1.has(t.consignee.headquarters) && TIER1.has(t.consignee.parent_headquarters) && !tier3(t.destination, t.date)) return AIA;
    if (TIER1.has(t.destination) && !new Facts(t).tier3Party()) return APPROVAL;
    return DENIAL;
  }
  return NOT_CONTROLLED;
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
}

const step = (id: string, kind: Step['kind'], title: string | null, cites: string[], file: string, line: number): Step => ({ id, kind, title, cites, file, line });
const CFR_748_15 = '15 CFR 748.15';
const CFR_742_6_B10 = '15 CFR 742.6(b)(10)';
const S = {
  advanced: step('advanced_computing_items', 'rule', 'Worldwide license requirement for advanced computing items', ['15 CFR 742.6(a)(6)', 'ECCN 3A090.a', 'ECCN 4A090.a'], 'chips.pol', 14),
  aia: step('aia', 'exception', 'License Exception AIA (Artificial Intelligence Authorization)', ['15 CFR 740.27(a)(1)'], 'chips.pol', 22),
  uveu: step('uveu', 'exception', 'Data Center VEU: universal authorization', [CFR_748_15], 'chips.pol', 29),
  nveu: step('nveu', 'exception', 'Data Center VEU: national authorization', [CFR_748_15], 'chips.pol', 42),
  acm: step('acm', 'exception', 'License Exception ACM (Advanced Compute Manufacturing)', ['15 CFR 740.28'], 'chips.pol', 54),
  lpp: step('lpp', 'exception', 'License Exception LPP (Low Processing Performance)', ['15 CFR 740.29'], 'chips.pol', 65),
  lppLimit: step('lpp_limit_reached', 'exception', 'LPP: this shipment reaches the annual limit', ['15 CFR 740.29'], 'chips.pol', 74),
  tier3: step('tier3_party_denial', 'exception', 'Presumption of denial for Tier 3 parties (Macau, D:5)', [CFR_742_6_B10], 'chips.pol', 83),
  tier2: step('tier2_destination', 'exception', "Tier 2 destinations: licenses draw on the country's TPP allocation", [CFR_742_6_B10], 'chips.pol', 89),
  exceeded: step('allocation_exceeded', 'exception', 'Tier 2: shipment beyond the remaining allocation', [CFR_742_6_B10], 'chips.pol', 94),
  unknown: step('allocation_unknown', 'exception', 'Tier 2: remaining allocation not given', [CFR_742_6_B10], 'chips.pol', 100),
  weights: step('model_weights', 'rule', 'Worldwide license requirement for ECCN 4E091 model weights', ['ECCN 4E091', '90 FR 4544'], 'weights.pol', 20),
  aiaWeights: step('aia_weights', 'exception', 'License Exception AIA for model weights', ['15 CFR 740.27(a)(3)'], 'weights.pol', 27),
  tier1: step('tier1_destination', 'exception', 'Presumption of approval for Tier 1 destinations', ['90 FR 4544'], 'weights.pol', 33),
  otherwise: step('otherwise', 'otherwise', null, ['90 FR 4544'], 'ifr.pol', 21),
};

const LPP_CERT =
  "Before using LPP, obtain the ultimate consignee's certification that it has not received 26,900,000 TPP under LPP this calendar year and that this shipment will not take it over that limit.";
const O = {
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
}
function pathOf(decision: HandDecision, obligations: readonly string[], ...trace: Step[]): Path {
  const citations: string[] = [];
  for (const s of trace) for (const c of s.cites) if (!citations.includes(c)) citations.push(c);
  return { decision, obligations, trace, citations };
}
const P = {
  advanced: pathOf(APPROVAL, O.none, S.advanced),
  aia: pathOf(AIA, O.aia, S.advanced, S.aia),
  uveu: pathOf(UVEU, O.none, S.advanced, S.uveu),
  nveu: pathOf(NVEU, O.none, S.advanced, S.nveu),
  acm: pathOf(ACM, O.acm, S.advanced, S.acm),
  lpp: pathOf(LPP, O.lpp, S.advanced, S.lpp),
  lppLimit: pathOf(LPP, O.lppLimit, S.advanced, S.lpp, S.lppLimit),
  tier3: pathOf(DENIAL, O.none, S.advanced, S.tier3),
  tier2: pathOf(APPROVAL, O.none, S.advanced, S.tier2),
  exceeded: pathOf(DENIAL, O.none, S.advanced, S.tier2, S.exceeded),
  unknown: pathOf(APPROVAL, O.unknown, S.advanced, S.tier2, S.unknown),
  weights: pathOf(DENIAL, O.none, S.weights),
  aiaWeights: pathOf(AIA, O.none, S.weights, S.aiaWeights),
  tier1: pathOf(APPROVAL, O.none, S.weights, S.tier1),
  otherwise: pathOf(NOT_CONTROLLED, O.none, S.otherwise),
};

function result(p: Path, alternatives: readonly HandDecision[]): HandResult {
  return { decision: p.decision, alternatives, obligations: p.obligations, citations: p.citations, decided_by: p.trace[p.trace.length - 1]!.id, trace: p.trace };
}

const NONE: readonly HandDecision[] = [];

/**
 * The full result. When an authorization wins, the later authorizations that also apply are its
 * alternatives (same outcome, another authorization); the license-review exceptions exclude one
 * another (Tier 3 party / Tier 2 destination / allocation known or not), so they have none.
 */
export function decideFull(t: Tx): HandResult {
  if (t.date >= '2025-01-13' && advancedItem(t)) {
    const f = new Facts(t);
    const order = [
      ['aia', P.aia, applies.aia],
      ['uveu', P.uveu, applies.uveu],
      ['nveu', P.nveu, applies.nveu],
      ['acm', P.acm, applies.acm],
    ] as const;
    for (let i = 0; i < order.length; i++) {
      if (!order[i]![2](f)) continue;
      let alts: HandDecision[] | undefined;
      for (let j = i + 1; j < order.length; j++) if (order[j]![2](f)) (alts ??= []).push(order[j]![1].decision);
      if (applies.lpp(f)) (alts ??= []).push(LPP);
      return result(order[i]![1], alts ?? NONE);
    }
    if (applies.lpp(f)) return result(cmp(f.lppTotal(), LPP_LIMIT) === 0 ? P.lppLimit : P.lpp, NONE);
    if (f.tier3Party()) return result(P.tier3, NONE);
    if (applies.tier2(f)) {
      const alloc = t.allocation_remaining_tpp;
      if (alloc === null) return result(P.unknown, NONE);
      return result(cmp(f.shipment(), alloc) > 0 ? P.exceeded : P.tier2, NONE);
    }
    return result(P.advanced, NONE);
  }
  if (t.date >= '2025-01-13' && controlledWeights(t)) {
    if (TIER1.has(t.consignee.headquarters) && TIER1.has(t.consignee.parent_headquarters) && !tier3(t.destination, t.date)) return result(P.aiaWeights, NONE);
    if (TIER1.has(t.destination) && !new Facts(t).tier3Party()) return result(P.tier1, NONE);
    return result(P.weights, NONE);
  }
  return result(P.otherwise, NONE);
}
