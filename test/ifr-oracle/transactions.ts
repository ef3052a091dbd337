/**
 * fast-check arbitraries for AI Diffusion rule transactions (the JSON input
 * contract), strongly biased towards the rule's boundaries:
 *
 *  - tpp 1599/1600/1601 and 4799/4800/4801, density 5.91/5.92/5.93,
 *  - training_operations 10^26 - 1 / 10^26 / 10^26 + 1 as decimal strings and the nearest
 *    JS numbers (9.999999999999999e25, 1e26, 1.0000000000000002e26),
 *  - LPP year totals at exactly 26,900,000 and +-1 (and +-0.001),
 *  - NVEU remaining TPP equal to the shipment and +-1, Tier 2 allocation likewise,
 *  - UVEU distributions at exactly 75% / 7% / 50% and one TPP unit past,
 *  - dates around 2026-02-03 (Cambodia leaves D:5) and just after 2025-05-15,
 *  - countries from Tier 1, Tier 3 (KH, MO, HK, CN weighted up), Tier 2 and all ISO codes,
 *  - "target" scenarios that make several authorizations apply at once (every precedence
 *    collision), and optional fields sometimes absent.
 *
 * `arbIfrTransaction()` yields transactions VALID under the contract decisions V1-V8 (see
 * oracle.ts; the oracle must answer ok: true): no unknown fields (V1); `consignee` with
 * `headquarters` and `parent_headquarters` always present (V4); an ic/computer always has
 * `tpp`, and `performance_density` whenever 1600 <= tpp < 4800 (V5); model weights always
 * have `training_operations` (V6); `units` > 0 when present (V7); a `veu` always has `kind`
 * (V8). Other optional fields are sometimes absent. In a minority of samples the wire
 * encoding varies as V2/V3 allow: absent optional fields are written as `null` (V2) and/or
 * every quantity is written as a decimal string, plain or with an exponent ("592e-2",
 * "1E+26") (V3), so the static types below (numbers, no nulls) are only nominal.
 * `arbIfrCase()` adds the quota balances recorded before each transaction (Q1-Q5 in oracle.ts).
 * The values drawn from are in values.ts; `arbInvalidIfrTransaction()` (invalid.ts) yields JSON
 * values with exactly one clear input error.
 * Generated values are plain JSON (no undefined-valued keys, no NaN/Infinity).
 */

import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { Activity, EndUse, IfrTransaction, ItemKind } from './oracle.ts';
import { calendarYearOf, quotaKeyText, type QuotaBalances, type QuotaKey } from './quotas.ts';
import * as Q from './rational.ts';
import type { Rat } from './rational.ts';
import { tierOf } from './tiers.ts';
import {
  arbBoundaryMode,
  arbCountry,
  arbDate,
  arbDensity,
  arbTier1Country,
  arbTier2Country,
  arbTpp,
  arbTrainingOperations,
  arbUnits,
  arbUveuKnobs,
  boundaryValue,
  buildCompute,
  finiteDouble,
  LPP_LIMIT,
  type BoundaryMode,
  type UveuKnobs,
} from './values.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

// ---------------------------------------------------------------------------------------
// Transactions

type Target = 'AIA' | 'UVEU' | 'NVEU' | 'ACM' | 'LPP';

interface Knobs {
  date: string;
  activity: Activity;
  kind: ItemKind;
  units: number;
  tpp: number;
  density: number;
  /** ICs per computer (R3: the computer's tpp is icCount x its IC's) */
  icCount: number;
  dataCenter: DataCenter;
  dram: number | undefined;
  approvedDesigner: boolean;
  trainingOperations: number | string;
  published: boolean;
  belowOpenFrontier: boolean;
  destination: string;
  headquarters: string;
  parent: string;
  privateSector: boolean;
  endUse: EndUse;
  direct: boolean;
  lppMode: BoundaryMode;
  lppRandom: number;
  veuKind: 'none' | 'universal' | 'national' | 'noVeu';
  nveuCountry: 'destination' | 'other' | 'absent';
  nveuOther: string;
  remainingMode: BoundaryMode;
  remainingRandom: number;
  uveu: UveuKnobs;
  allocMode: BoundaryMode;
  allocRandom: number;
  /** targets to force (empty: fully random) */
  targets: Target[];
  /** fallbacks used when a target needs a non-Tier-3 / Tier 1 party */
  tier1Pick: [string, string, string];
  nonTier3Pick: [string, string, string];
  advancedPick: 'tpp4800' | 'tpp4801' | 'h100' | 'density';
  acmEndUse: 'development' | 'production' | 'storage';
  /** optional-field presence */
  omit: OptionalField[];
  /** consignee with only its required fields (headquarters, parent_headquarters; V4) */
  consigneeMinimal: boolean;
  keepIrrelevant: boolean;
  /** wire encoding (V2/V3): absent optionals as null, quantities as decimal strings */
  encoding: Encoding;
  numStyle: NumStyle;
  /** Q5: the identifiers, from small pools so that sequences share quotas (null: absent) */
  txId: number | null;
  consigneeId: number | null;
  veuId: number | null;
  /** where a quota's boundary lies: in the input figure, in the recorded balance, or split over both */
  lppSplit: Split;
  allocSplit: Split;
  nveuSplit: Split;
  /** balances for keys that must not count (another consignee or year, country, authorization) */
  decoys: boolean;
}

type Split = 'input' | 'ledger' | 'both';
const arbSplit: Arbitrary<Split> = fc.constantFrom<Split>('input', 'ledger', 'both');
const arbPoolId = (n: number): Arbitrary<number | null> =>
  fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: n }) }, { weight: 1, arbitrary: fc.constant(null) });

/** item.data_center: absent (= true), true, false. */
type DataCenter = 'absent' | 'true' | 'false';
/** item.dram_bandwidth, around the 2026 review policy's 6,500 GB/s. */
const arbDram: Arbitrary<number | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom(6499, 6500, 6501, 4800, 8000, 6499.999) },
  { weight: 1, arbitrary: finiteDouble(0, 20_000) },
);

type Encoding = 'plain' | 'strings' | 'nulls' | 'both';
type NumStyle = 'plain' | 'sci' | 'SCI';

/**
 * Fields that may be absent. `item.tpp`, `item.performance_density` and
 * `item.training_operations` are only omitted where the contract allows it (V5, V6: see
 * buildTransaction); `consignee.headquarters` / `consignee.parent_headquarters` never (V4).
 */
const OPTIONAL_FIELDS = [
  'item.units', 'item.tpp', 'item.performance_density', 'item.approved_designer', 'item.data_center', 'item.dram_bandwidth',
  'item.training_operations', 'item.published', 'item.below_open_frontier',
  'consignee.id', 'consignee.private_sector', 'consignee.end_use', 'consignee.direct', 'consignee.lpp_tpp_this_year',
  'veu.id', 'veu.country', 'veu.remaining_tpp', 'veu.compute_by_country', 'allocation_remaining_tpp',
] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

const arbTargets: Arbitrary<Target[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Target[]>([]) },
  {
    weight: 5,
    // UVEU and NVEU exclude each other (one veu.kind), so pick at most one of them
    arbitrary: fc
      .tuple(
        fc.subarray<Target>(['AIA', 'ACM', 'LPP']),
        fc.constantFrom<Target[]>([], ['UVEU'], ['NVEU']),
      )
      .map(([a, v]) => [...a, ...v]),
  },
);

const arbKnobs: Arbitrary<Knobs> = fc.record({
  date: arbDate,
  activity: fc.constantFrom<Activity>('export', 'reexport', 'transfer'),
  kind: fc.constantFrom<ItemKind>('ic', 'ic', 'computer', 'computer', 'model_weights', 'model_weights', 'other'),
  units: arbUnits,
  tpp: arbTpp,
  density: arbDensity,
  icCount: fc.constantFrom(1, 2, 8),
  dataCenter: fc.oneof(
    { weight: 4, arbitrary: fc.constant<DataCenter>('absent') },
    { weight: 2, arbitrary: fc.constant<DataCenter>('true') },
    { weight: 2, arbitrary: fc.constant<DataCenter>('false') },
  ),
  dram: arbDram,
  approvedDesigner: fc.boolean(),
  trainingOperations: arbTrainingOperations,
  published: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  belowOpenFrontier: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  destination: arbCountry,
  headquarters: arbCountry,
  parent: arbCountry,
  privateSector: fc.boolean(),
  endUse: fc.constantFrom<EndUse>('development', 'production', 'storage', 'data_center', 'other'),
  direct: fc.boolean(),
  lppMode: arbBoundaryMode,
  lppRandom: fc.oneof(fc.integer({ min: 0, max: 30_000_000 }), finiteDouble(0, 3e7)),
  veuKind: fc.constantFrom<Knobs['veuKind']>('none', 'universal', 'universal', 'national', 'national', 'noVeu'),
  nveuCountry: fc.constantFrom<Knobs['nveuCountry']>('destination', 'destination', 'other', 'absent'),
  nveuOther: arbCountry,
  remainingMode: arbBoundaryMode,
  remainingRandom: fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), finiteDouble(0, 1e8)),
  uveu: arbUveuKnobs,
  allocMode: arbBoundaryMode,
  allocRandom: fc.oneof(fc.integer({ min: 0, max: 800_000_000 }), finiteDouble(0, 8e8)),
  targets: arbTargets,
  tier1Pick: fc.tuple(arbTier1Country, arbTier1Country, arbTier1Country),
  nonTier3Pick: fc.tuple(
    fc.oneof(arbTier1Country, arbTier2Country),
    fc.oneof(arbTier1Country, arbTier2Country),
    fc.oneof(arbTier1Country, arbTier2Country),
  ),
  advancedPick: fc.constantFrom<Knobs['advancedPick']>('tpp4800', 'tpp4801', 'h100', 'density'),
  acmEndUse: fc.constantFrom<Knobs['acmEndUse']>('development', 'production', 'storage'),
  omit: fc.oneof(
    { weight: 4, arbitrary: fc.constant<OptionalField[]>([]) },
    { weight: 1, arbitrary: fc.subarray<OptionalField>([...OPTIONAL_FIELDS], { maxLength: 3 }) },
  ),
  consigneeMinimal: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  keepIrrelevant: fc.boolean(),
  encoding: fc.oneof(
    { weight: 12, arbitrary: fc.constant<Encoding>('plain') },
    { weight: 1, arbitrary: fc.constantFrom<Encoding>('strings', 'nulls', 'both') },
  ),
  numStyle: fc.constantFrom<NumStyle>('plain', 'sci', 'SCI'),
  txId: arbPoolId(1_000_000),
  consigneeId: arbPoolId(3),
  veuId: arbPoolId(2),
  lppSplit: arbSplit,
  allocSplit: arbSplit,
  nveuSplit: arbSplit,
  decoys: fc.boolean(),
});

/** Apply the target overrides so that every targeted authorization applies. */
function applyTargets(k: Knobs): Knobs {
  const t = new Set(k.targets);
  if (t.size === 0) return k;
  const x: Knobs = { ...k, uveu: { ...k.uveu } };
  if (x.kind === 'model_weights') {
    // weights: make them controlled; target AIA = HQ and parent Tier 1, destination not Tier 3
    x.published = false;
    x.belowOpenFrontier = false;
    if (t.has('AIA')) {
      x.headquarters = tierOf(x.headquarters, x.date) === 1 ? x.headquarters : x.tier1Pick[1];
      x.parent = tierOf(x.parent, x.date) === 1 ? x.parent : x.tier1Pick[2];
      if (tierOf(x.destination, x.date) === 3) x.destination = x.nonTier3Pick[0];
    }
    return { ...x, omit: x.omit.filter((f) => f !== 'item.published' && f !== 'item.below_open_frontier') };
  }
  // otherwise always an advanced chip
  if (x.kind === 'other') x.kind = 'computer';
  switch (x.advancedPick) {
    case 'tpp4800':
      x.tpp = 4800;
      break;
    case 'tpp4801':
      x.tpp = 4801;
      break;
    case 'h100':
      x.tpp = 15831;
      break;
    case 'density':
      x.tpp = 1600;
      x.density = 5.92;
      break;
  }
  if (x.units > 1e6) x.units = 8;
  const notTier3 = (c: string, fallback: string): string => (tierOf(c, x.date) === 3 ? fallback : c);
  const needsNoTier3 = t.has('UVEU') || t.has('NVEU') || t.has('ACM') || t.has('LPP');
  if (needsNoTier3) {
    x.destination = notTier3(x.destination, x.nonTier3Pick[0]);
    x.headquarters = notTier3(x.headquarters, x.nonTier3Pick[1]);
    x.parent = notTier3(x.parent, x.nonTier3Pick[2]);
  }
  if (t.has('AIA')) {
    x.destination = tierOf(x.destination, x.date) === 1 ? x.destination : x.tier1Pick[0];
  }
  if (t.has('AIA') || t.has('UVEU')) {
    x.headquarters = tierOf(x.headquarters, x.date) === 1 ? x.headquarters : x.tier1Pick[1];
    x.parent = tierOf(x.parent, x.date) === 1 ? x.parent : x.tier1Pick[2];
  }
  if (t.has('AIA') || t.has('ACM')) {
    if (x.kind === 'ic') x.approvedDesigner = true;
  }
  if (t.has('UVEU')) {
    x.veuKind = 'universal';
    x.uveu.mode = 'boundary';
    if (x.uveu.t1 === 'below75') x.uveu.t1 = 'exact75';
    if (x.uveu.cap === 'above7') x.uveu.cap = 'exact7';
    if (x.headquarters === 'US' && (x.uveu.us === 'below50' || x.uveu.us === 'zero')) x.uveu.us = 'exact50';
  }
  if (t.has('NVEU')) {
    x.veuKind = 'national';
    x.veuId ??= 1; // Q3: the cap is counted per authorization
    x.nveuCountry = 'destination';
    if (x.remainingMode !== 'exact' && x.remainingMode !== 'plus1' && x.remainingMode !== 'plusTiny') {
      x.remainingMode = 'exact';
    }
  }
  if (t.has('ACM')) {
    x.privateSector = true;
    x.endUse = x.acmEndUse;
  }
  if (t.has('LPP')) {
    // keep the shipment under the LPP limit (and units > 0, contract V7)
    if (x.units * x.tpp * (x.kind === 'computer' ? x.icCount : 1) > 26_900_000) x.units = x.units % 1000 || 1;
    if (x.activity === 'transfer') x.activity = 'export';
    x.direct = true;
    x.consigneeId ??= 1; // Q1: receipts are counted per consignee
    if (x.lppMode !== 'exact' && x.lppMode !== 'minus1' && x.lppMode !== 'minusTiny' && x.lppMode !== 'zero') {
      x.lppMode = 'exact';
    }
  }
  const omit = x.omit.filter((f) => !f.startsWith('consignee.') && !f.startsWith('veu.') && f !== 'item.units' && f !== 'item.tpp' && f !== 'item.performance_density' && f !== 'item.approved_designer');
  return { ...x, omit, consigneeMinimal: false };
}

/** A transaction and the balances recorded before it (none unless `withLedger`). */
export interface IfrCase {
  readonly tx: IfrTransaction;
  readonly balances: QuotaBalances;
}

function buildCase(k0: Knobs, withLedger: boolean): IfrCase {
  const k = applyTargets(k0);
  const balances = new Map<string, Rat>();
  const record = (key: QuotaKey, v: Rat): void => void balances.set(quotaKeyText(key), v);
  /** a boundary value V over the input figure and the balance, as `split` says: [input part, balance part] */
  const split = (v: number, how: Split): [number | undefined, Rat] => {
    const r = Q.fromNumber(v) ?? Q.ZERO;
    if (!withLedger || how === 'input') return [v, Q.ZERO];
    if (how === 'ledger') return [undefined, r];
    const half = Math.floor(v / 2);
    return [half, Q.sub(r, Q.int(half))];
  };
  /** a remaining figure R given with L recorded: the input says R + L (exact), the balance L */
  const remaining = (v: number, how: Split): [number, Rat] => {
    if (!withLedger || how === 'input') return [v, Q.ZERO];
    const l = how === 'ledger' ? 100_000_000 : 7;
    const given = Q.toExactNumber(Q.add(Q.fromNumber(v) ?? Q.ZERO, Q.int(l)));
    return given === null ? [v, Q.ZERO] : [given, Q.int(l)];
  };
  const isChip = k.kind === 'ic' || k.kind === 'computer';
  const isWeights = k.kind === 'model_weights';
  const omitted = new Set<string>(k.omit);
  const want = (field: OptionalField, relevant: boolean): boolean =>
    !omitted.has(field) && (relevant || k.keepIrrelevant);

  const isComputer = k.kind === 'computer';
  const icRat = Q.fromNumber(k.tpp) ?? Q.ZERO;
  // contract V5 / R8: the classified IC's density is required exactly when 1600 <= its tpp < 4800
  const needsDensity = isChip && Q.ge(icRat, Q.int(1600)) && !Q.ge(icRat, Q.int(4800));
  // R3: a computer's tpp is its total (icCount ICs); ic_tpp the most capable IC (<= the total)
  const itemTpp = isComputer ? k.tpp * k.icCount : k.tpp;

  const item: IfrTransaction['item'] = { kind: k.kind };
  if (want('item.units', isChip)) item.units = k.units;
  if (isChip || want('item.tpp', false)) item.tpp = itemTpp; // V5: required for ic/computer
  if ((needsDensity && !isComputer) || want('item.performance_density', k.kind === 'ic')) item.performance_density = k.density;
  if (isComputer) {
    item.ic_tpp = k.tpp;
    if (needsDensity || k.keepIrrelevant) item.ic_performance_density = k.density;
  }
  if (k.dataCenter !== 'absent' && want('item.data_center', isChip)) item.data_center = k.dataCenter === 'true';
  if (k.dram !== undefined && want('item.dram_bandwidth', isChip)) item.dram_bandwidth = k.dram;
  const tppRat = Q.fromNumber(itemTpp) ?? Q.ZERO;
  if (want('item.approved_designer', k.kind === 'ic')) item.approved_designer = k.approvedDesigner;
  // V6: required for model weights
  if (isWeights || want('item.training_operations', false)) item.training_operations = k.trainingOperations;
  if (want('item.published', isWeights)) item.published = k.published;
  if (want('item.below_open_frontier', isWeights)) item.below_open_frontier = k.belowOpenFrontier;

  const shipment = Q.mul(
    item.units === undefined ? Q.int(1) : (Q.fromNumber(item.units) ?? Q.ZERO),
    item.tpp === undefined ? Q.ZERO : tppRat,
  );

  const tx: IfrTransaction = { date: k.date, activity: k.activity, item, destination: k.destination };
  if (k.txId !== null) tx.id = `T-${k.txId}`;
  const consigneeId = k.consigneeId === null ? undefined : `C-${k.consigneeId}`;
  const veuId = k.veuId === null ? undefined : `V-${k.veuId}`;
  const year = calendarYearOf(k.date);

  // contract V4: consignee with headquarters and parent_headquarters for every kind
  const c: NonNullable<IfrTransaction['consignee']> = { headquarters: k.headquarters, parent_headquarters: k.parent };
  tx.consignee = c;
  if (!k.consigneeMinimal) {
    if (consigneeId !== undefined && want('consignee.id', isChip)) c.id = consigneeId;
    if (want('consignee.private_sector', isChip)) c.private_sector = k.privateSector;
    if (want('consignee.end_use', isChip)) c.end_use = k.endUse;
    if (want('consignee.direct', isChip)) c.direct = k.direct;
    if (want('consignee.lpp_tpp_this_year', isChip)) {
      // LPP: this year's total + shipment = 26,900,000 exactly, or +-1 / +-0.001, the total
      // reported, recorded, or both (Q1)
      const v = boundaryValue(k.lppMode, Q.sub(LPP_LIMIT, shipment), k.lppRandom);
      if (v !== undefined) {
        const [given, rec] = c.id === undefined ? [v, Q.ZERO] : split(v, k.lppSplit);
        if (given !== undefined) c.lpp_tpp_this_year = given;
        if (c.id !== undefined && !Q.le(rec, Q.ZERO)) record({ quota: 'lpp', consignee: c.id, year }, rec);
      }
    }
  }

  if (k.veuKind !== 'noVeu') {
    const veu: NonNullable<IfrTransaction['veu']> = { kind: k.veuKind };
    const national = k.veuKind === 'national';
    const universal = k.veuKind === 'universal';
    if (veuId !== undefined && want('veu.id', national)) veu.id = veuId;
    if (want('veu.country', national) && k.nveuCountry !== 'absent') {
      veu.country = k.nveuCountry === 'destination' ? k.destination : k.nveuOther;
    }
    if (want('veu.remaining_tpp', national)) {
      // NVEU: remaining = shipment exactly, or +-1 / +-0.001
      const v = boundaryValue(k.remainingMode, shipment, k.remainingRandom);
      if (v !== undefined) {
        // Q3: what the cap leaves, less what was recorded for the authorization
        const [given, rec] = veu.id === undefined ? [v, Q.ZERO] : remaining(v, k.nveuSplit);
        veu.remaining_tpp = given;
        if (veu.id !== undefined && !Q.le(rec, Q.ZERO)) record({ quota: 'nveu', veu: veu.id }, rec);
      }
    }
    if (want('veu.compute_by_country', universal)) {
      const list = buildCompute(k.uveu);
      if (list !== undefined) veu.compute_by_country = list;
    }
    tx.veu = veu;
  }

  if (want('allocation_remaining_tpp', isChip)) {
    // Tier 2 allocation: remaining = shipment exactly, or +-1 / +-0.001
    const v = boundaryValue(k.allocMode, shipment, k.allocRandom);
    if (v !== undefined) {
      // Q2: the allocation left, less the licenses recorded for the destination
      const [given, rec] = remaining(v, k.allocSplit);
      tx.allocation_remaining_tpp = given;
      if (!Q.le(rec, Q.ZERO)) record({ quota: 'tier2', destination: k.destination }, rec);
    } else if (withLedger && k.allocSplit === 'ledger') {
      // licenses recorded, the allocation not given: still the presumption of approval (Q2)
      record({ quota: 'tier2', destination: k.destination }, Q.int(1e12));
    }
  }
  if (withLedger && k.decoys) {
    // balances that must not count: another year, another consignee, country and authorization
    const other = k.destination === 'IN' ? 'BR' : 'IN';
    record({ quota: 'lpp', consignee: consigneeId ?? 'C-1', year: String(Number(year) - 1) }, LPP_LIMIT);
    record({ quota: 'lpp', consignee: consigneeId === 'C-9' ? 'C-8' : 'C-9', year }, LPP_LIMIT);
    record({ quota: 'tier2', destination: other }, Q.int(1e12));
    record({ quota: 'nveu', veu: veuId === 'V-9' ? 'V-8' : 'V-9' }, Q.int(1e12));
  }
  return { tx: encode(tx, k.encoding, k.numStyle), balances };
}

/**
 * Exact decimal-string form of a JSON number (contract V3): its shortest decimal String(n),
 * or the same value as integer digits with an exponent ("592e-2", "1E+26").
 */
export function decimalString(n: number, style: NumStyle): string {
  const s = String(n);
  if (style === 'plain') return s;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(s);
  if (m === null) return s;
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? '0') - frac.length;
  const digits = `${m[2] ?? '0'}${frac}`;
  return style === 'sci' ? `${m[1]}${digits}e${exp}` : `${m[1]}${digits}E${exp >= 0 ? '+' : ''}${exp}`;
}

const OPTIONAL_BY_OBJECT: Record<'top' | 'item' | 'consignee' | 'veu', readonly string[]> = {
  top: ['id', 'veu', 'allocation_remaining_tpp'],
  item: ['units', 'tpp', 'performance_density', 'data_center', 'ic_tpp', 'ic_performance_density', 'dram_bandwidth', 'approved_designer', 'training_operations', 'published', 'below_open_frontier'],
  consignee: ['id', 'private_sector', 'end_use', 'direct', 'lpp_tpp_this_year'],
  veu: ['id', 'country', 'remaining_tpp', 'compute_by_country'],
};
const QUANTITIES: Record<'top' | 'item' | 'consignee' | 'veu', readonly string[]> = {
  top: ['allocation_remaining_tpp'],
  item: ['units', 'tpp', 'performance_density', 'ic_tpp', 'ic_performance_density', 'dram_bandwidth', 'training_operations'],
  consignee: ['lpp_tpp_this_year'],
  veu: ['remaining_tpp'],
};

/** Re-encode a valid transaction as V2/V3 allow (same meaning, different wire form). */
function encode(tx: IfrTransaction, enc: Encoding, style: NumStyle): IfrTransaction {
  if (enc === 'plain') return tx;
  const out = JSON.parse(JSON.stringify(tx)) as JsonObject;
  const objs: Array<['top' | 'item' | 'consignee' | 'veu', JsonObject | undefined]> = [
    ['top', out],
    ['item', out['item'] as JsonObject],
    ['consignee', out['consignee'] as JsonObject],
    ['veu', out['veu'] as JsonObject | undefined],
  ];
  for (const [level, o] of objs) {
    if (o === undefined) continue;
    if (enc === 'strings' || enc === 'both') {
      for (const q of QUANTITIES[level]) {
        const v = o[q];
        if (typeof v === 'number') o[q] = decimalString(v, style);
      }
      if (level === 'veu' && Array.isArray(o['compute_by_country'])) {
        for (const e of o['compute_by_country'] as JsonObject[]) {
          if (typeof e['tpp'] === 'number') e['tpp'] = decimalString(e['tpp'], style);
        }
      }
    }
    if (enc === 'nulls' || enc === 'both') {
      // V2: null for an optional field means absent
      for (const f of OPTIONAL_BY_OBJECT[level]) if (!(f in o)) o[f] = null;
    }
  }
  return out as unknown as IfrTransaction;
}

/** Valid transactions of the input contract (V1-V8), biased to every boundary. */
export function arbIfrTransaction(): Arbitrary<IfrTransaction> {
  return arbKnobs.map((k) => buildCase(k, false).tx);
}

/**
 * Valid transactions with the quota balances recorded before them (Q1-Q3): each quota's boundary
 * lies in the input figure, in the balance or over both, and decoy balances (keys that must not
 * count) are sometimes there too.
 */
export function arbIfrCase(): Arbitrary<IfrCase> {
  return arbKnobs.map((k) => buildCase(k, true));
}

