/**
 * Validation of a transaction under the contract decisions V1-V8 and the oracle's choices
 * (oracle.ts), with the defaults applied: what the decision reads.
 */
import * as Q from './rational.ts';
import type { Rat } from './rational.ts';
import { isIsoAlpha2 } from './tiers.ts';
import { ACTIVITIES, END_USES, ITEM_KINDS, SCOPE_START, TPP_ADVANCED, TPP_DENSITY_FLOOR, VEU_KINDS, type Activity, type EndUse, type ItemKind, type VeuKind } from './contract.ts';

// ---------------------------------------------------------------------------------------
// Validation

export class InputError extends Error {}

function fail(msg: string): never {
  throw new InputError(msg);
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Absent = key missing, undefined or null (contract V2). */
function has(o: Obj, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined && o[k] !== null;
}

/** Contract V1: a field the contract does not name is an input error. */
function onlyKnown(o: Obj, known: readonly string[], path: string): void {
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(`${path ? `${path}.` : ''}${k}: unknown field`);
}

function enumValue<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string') fail(`${path}: expected a string`);
  const found = allowed.find((a) => a === v);
  if (found === undefined) fail(`${path}: unknown value ${JSON.stringify(v)}`);
  return found;
}

function optEnum<T extends string>(o: Obj, k: string, allowed: readonly T[], path: string): T | null {
  return has(o, k) ? enumValue(o[k], allowed, `${path}.${k}`) : null;
}

function countryValue(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(`${path}: expected a country code string`);
  // choice 12: exactly one of the 249 upper-case ISO codes
  if (!isIsoAlpha2(v)) fail(`${path}: unknown country code ${JSON.stringify(v)}`);
  return v;
}

/** Q5: an identifier is a non-empty text; absent (or null, V2) when not given. */
function optId(o: Obj, k: string, path: string): string | null {
  if (!has(o, k)) return null;
  const v = o[k];
  if (typeof v !== 'string' || v.length === 0) fail(`${path ? `${path}.` : ''}${k}: expected a non-empty identifier text`);
  return v;
}

function optCountry(o: Obj, k: string, path: string): string | null {
  return has(o, k) ? countryValue(o[k], `${path}.${k}`) : null;
}

function quantityValue(v: unknown, path: string, allowString: boolean): Rat {
  let r: Rat | null;
  if (typeof v === 'number') {
    r = Q.fromNumber(v); // null for NaN / Infinity (choice 11)
    if (r === null) fail(`${path}: not a finite number`);
  } else if (allowString && typeof v === 'string') {
    r = Q.fromDecimalString(v); // choice 11: plain positional decimal only
    if (r === null) fail(`${path}: malformed decimal string ${JSON.stringify(v)}`);
  } else {
    fail(`${path}: expected a number${allowString ? ' or decimal string' : ''}`);
  }
  if (Q.isNegative(r)) fail(`${path}: negative quantity`);
  return r;
}

function optQuantity(o: Obj, k: string, path: string, allowString = true): Rat | null {
  // contract V3: a decimal string is accepted for every quantity
  return has(o, k) ? quantityValue(o[k], `${path}.${k}`, allowString) : null;
}

function optBool(o: Obj, k: string, path: string): boolean | null {
  if (!has(o, k)) return null;
  const v = o[k];
  if (typeof v !== 'boolean') fail(`${path}.${k}: expected a boolean`);
  return v;
}

function optObj(o: Obj, k: string, path: string): Obj | null {
  if (!has(o, k)) return null;
  const v = o[k];
  if (!isObj(v)) fail(`${path}.${k}: expected an object`);
  return v;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateValue(v: unknown): string {
  if (typeof v !== 'string') fail('date: expected a "YYYY-MM-DD" string');
  const m = DATE_RE.exec(v);
  if (m === null) fail(`date: malformed ${JSON.stringify(v)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12) fail(`date: bad month in ${v}`);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  if (d < 1 || d > days) fail(`date: bad day in ${v}`);
  if (v < SCOPE_START) fail(`date: ${v} is before ${SCOPE_START}, where the policy's scope starts`); // R1
  return v;
}

interface ComputeEntry {
  country: string;
  tpp: Rat;
}

/** The validated transaction with defaults applied (choices 2-5). */
export interface Parsed {
  date: string;
  activity: Activity;
  kind: ItemKind;
  units: Rat;
  tpp: Rat;
  density: Rat;
  /** R3: the classified IC's figures (the IC itself, or a computer's most capable IC) */
  icTpp: Rat;
  icDensity: Rat;
  dataCenter: boolean;
  dram: Rat | null;
  approvedDesigner: boolean;
  trainingOps: Rat;
  published: boolean;
  belowOpenFrontier: boolean;
  destination: string;
  headquarters: string | null;
  parent: string | null;
  privateSector: boolean;
  endUse: EndUse | null;
  direct: boolean;
  /** Q5: the identifiers (null: absent) */
  id: string | null;
  consigneeId: string | null;
  veuId: string | null;
  lppThisYear: Rat;
  veuKind: VeuKind;
  veuCountry: string | null;
  /** null: absent (NVEU does not apply, choice 5 / Q3) */
  veuRemaining: Rat | null;
  compute: ComputeEntry[] | null;
  allocationRemaining: Rat | null;
}

export function parse(raw: unknown): Parsed {
  if (!isObj(raw)) fail('transaction: expected a JSON object');
  onlyKnown(raw, ['id', 'date', 'activity', 'item', 'destination', 'consignee', 'veu', 'allocation_remaining_tpp'], '');
  if (!has(raw, 'date')) fail('date: missing');
  const date = dateValue(raw['date']);
  if (!has(raw, 'activity')) fail('activity: missing');
  const activity = enumValue(raw['activity'], ACTIVITIES, 'activity');
  if (!has(raw, 'item')) fail('item: missing');
  const item = raw['item'];
  if (!isObj(item)) fail('item: expected an object');
  if (!has(item, 'kind')) fail('item.kind: missing');
  onlyKnown(item, ['kind', 'units', 'tpp', 'performance_density', 'data_center', 'ic_tpp', 'ic_performance_density', 'dram_bandwidth', 'approved_designer', 'training_operations', 'published', 'below_open_frontier'], 'item');
  const kind = enumValue(item['kind'], ITEM_KINDS, 'item.kind');
  // choice 1: destination required for every kind
  if (!has(raw, 'destination')) fail('destination: missing');
  const destination = countryValue(raw['destination'], 'destination');

  // choice 10: all present fields validated regardless of kind
  const units = optQuantity(item, 'units', 'item');
  const tpp = optQuantity(item, 'tpp', 'item');
  const density = optQuantity(item, 'performance_density', 'item');
  const approvedDesigner = optBool(item, 'approved_designer', 'item');
  const dataCenter = optBool(item, 'data_center', 'item');
  const icTpp = optQuantity(item, 'ic_tpp', 'item');
  const icDensity = optQuantity(item, 'ic_performance_density', 'item');
  const dram = optQuantity(item, 'dram_bandwidth', 'item');
  const trainingOps = optQuantity(item, 'training_operations', 'item', true);
  const published = optBool(item, 'published', 'item');
  const belowOpenFrontier = optBool(item, 'below_open_frontier', 'item');

  // contract V4: consignee, its headquarters and its ultimate parent's are required
  const consignee: Obj | null = optObj(raw, 'consignee', 'transaction');
  if (consignee === null) fail('consignee: missing');
  onlyKnown(consignee, ['id', 'headquarters', 'parent_headquarters', 'private_sector', 'end_use', 'direct', 'lpp_tpp_this_year'], 'consignee');
  if (!has(consignee, 'headquarters')) fail('consignee.headquarters: missing');
  if (!has(consignee, 'parent_headquarters')) fail('consignee.parent_headquarters: missing');
  const headquarters = optCountry(consignee, 'headquarters', 'consignee');
  const parent = optCountry(consignee, 'parent_headquarters', 'consignee');
  const privateSector = optBool(consignee, 'private_sector', 'consignee');
  const endUse = optEnum(consignee, 'end_use', END_USES, 'consignee');
  const direct = optBool(consignee, 'direct', 'consignee');
  const lppThisYear = optQuantity(consignee, 'lpp_tpp_this_year', 'consignee');
  const consigneeId = optId(consignee, 'id', 'consignee');

  const veuGiven = optObj(raw, 'veu', 'transaction');
  if (veuGiven !== null) {
    onlyKnown(veuGiven, ['kind', 'id', 'country', 'remaining_tpp', 'compute_by_country'], 'veu');
    if (!has(veuGiven, 'kind')) fail('veu.kind: missing'); // contract V8
  }
  const veu: Obj = veuGiven ?? {};
  const veuKind = optEnum(veu, 'kind', VEU_KINDS, 'veu') ?? 'none'; // choice 5
  const veuCountry = optCountry(veu, 'country', 'veu');
  const veuRemaining = optQuantity(veu, 'remaining_tpp', 'veu');
  const veuId = optId(veu, 'id', 'veu');
  let compute: ComputeEntry[] | null = null;
  if (has(veu, 'compute_by_country')) {
    const list = veu['compute_by_country'];
    if (!Array.isArray(list)) fail('veu.compute_by_country: expected an array');
    compute = list.map((e: unknown, i: number): ComputeEntry => {
      const p = `veu.compute_by_country[${i}]`;
      if (!isObj(e)) fail(`${p}: expected an object`);
      onlyKnown(e, ['country', 'tpp'], p);
      if (!has(e, 'country')) fail(`${p}.country: missing`);
      if (!has(e, 'tpp')) fail(`${p}.tpp: missing`);
      return { country: countryValue(e['country'], `${p}.country`), tpp: quantityValue(e['tpp'], `${p}.tpp`, true) };
    });
  }
  const allocationRemaining = optQuantity(raw, 'allocation_remaining_tpp', 'transaction');
  const id = optId(raw, 'id', '');

  // contract V5-V7: what each kind of item needs in order to be classified
  if (kind === 'ic' || kind === 'computer') {
    if (tpp === null) fail('item.tpp: missing for an ic or computer');
  }
  if (kind === 'ic' && Q.cmp(tpp!, TPP_DENSITY_FLOOR) >= 0 && Q.cmp(tpp!, TPP_ADVANCED) < 0 && density === null) {
    fail('item.performance_density: missing for an ic with 1600 <= tpp < 4800');
  }
  // R8: computers are classified by their most capable IC
  if (kind === 'computer') {
    if (icTpp === null) fail('item.ic_tpp: missing for a computer');
    if (Q.cmp(icTpp, TPP_DENSITY_FLOOR) >= 0 && Q.cmp(icTpp, TPP_ADVANCED) < 0 && icDensity === null) {
      fail('item.ic_performance_density: missing for a computer with 1600 <= ic_tpp < 4800');
    }
    if (Q.cmp(icTpp, tpp!) > 0) fail('item.ic_tpp: more than the computer total item.tpp');
  } else if (icTpp !== null || icDensity !== null) {
    fail('item.ic_tpp / item.ic_performance_density: only for a computer');
  }
  if (kind === 'model_weights' && trainingOps === null) fail('item.training_operations: missing for model weights');
  if (units !== null && Q.cmp(units, Q.ZERO) <= 0) fail('item.units: must be greater than 0');

  return {
    date,
    activity,
    kind,
    units: units ?? Q.int(1), // choice 2: one unit when absent
    tpp: tpp ?? Q.ZERO, // choice 2
    density: density ?? Q.ZERO,
    icTpp: kind === 'computer' ? (icTpp ?? Q.ZERO) : (tpp ?? Q.ZERO), // R3
    icDensity: kind === 'computer' ? (icDensity ?? Q.ZERO) : (density ?? Q.ZERO),
    dataCenter: dataCenter ?? true, // R3: absent = designed for data centers
    dram,
    approvedDesigner: approvedDesigner ?? false, // choice 3
    trainingOps: trainingOps ?? Q.ZERO,
    published: published ?? false,
    belowOpenFrontier: belowOpenFrontier ?? false,
    destination,
    headquarters, // choice 4: null = no known country
    parent,
    privateSector: privateSector ?? false,
    endUse,
    direct: direct ?? false,
    id,
    consigneeId,
    veuId,
    lppThisYear: lppThisYear ?? Q.ZERO,
    veuKind,
    veuCountry,
    veuRemaining, // choice 5: absent, NVEU does not apply (Q3)
    compute,
    allocationRemaining, // null: absent (presumption of approval for Tier 2)
  };
}
