/**
 * Invalid IFR transactions, one clear input error each (contract V1-V8 and Q5 in oracle.ts): a
 * valid generated transaction with one mutation.
 */
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { arbIfrTransaction, type JsonObject, type JsonValue } from './transactions.ts';

// ---------------------------------------------------------------------------------------
// Invalid transactions: one clear input error each

type Mutation = (tx: JsonObject) => JsonValue;

/** The object at `key`, created if absent (a created `veu` gets `kind: 'none'`, V8). */
function child(o: JsonObject, key: string): JsonObject {
  const v = o[key];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v;
  const fresh: JsonObject = key === 'veu' ? { kind: 'none' } : {};
  o[key] = fresh;
  return fresh;
}

const setTop =
  (key: string, v: JsonValue): Mutation =>
  (tx) => {
    tx[key] = v;
    return tx;
  };
const removeTop =
  (key: string): Mutation =>
  (tx) => {
    delete tx[key];
    return tx;
  };
const setIn =
  (obj: string, key: string, v: JsonValue): Mutation =>
  (tx) => {
    child(tx, obj)[key] = v;
    return tx;
  };
const removeIn =
  (obj: string, key: string): Mutation =>
  (tx) => {
    delete child(tx, obj)[key];
    return tx;
  };
/** Set item.kind, then drop (or null, V2) a field that kind requires. */
const kindWithout =
  (kind: string, key: string, asNull: boolean, extra: JsonObject = {}): Mutation =>
  (tx) => {
    const item = child(tx, 'item');
    item['kind'] = kind;
    Object.assign(item, extra);
    if (asNull) item[key] = null;
    else delete item[key];
    return tx;
  };

const MUTATIONS: readonly Mutation[] = [
  // dates: before the compliance date, malformed, impossible calendar dates, wrong type
  ...['2023-11-16', '2022-10-21', '2023-01-01', '2025-5-15', '2025/05/15', '20250515', '', 'May 15, 2025',
    '2026-02-29', '2026-13-01', '2027-04-31', '2026-00-10', '2026-01-00', '2025-05-15T00:00:00Z'].map((d) => setTop('date', d)),
  setTop('date', 20250515),
  removeTop('date'),
  // activity
  ...['import', 'Export', 'transfer ', ''].map((a) => setTop('activity', a)),
  setTop('activity', 1),
  removeTop('activity'),
  // item / kind
  removeTop('item'),
  setTop('item', 'ic'),
  setTop('item', []),
  ...['chip', 'IC', 'weights', ''].map((v) => setIn('item', 'kind', v)),
  setIn('item', 'kind', 3),
  (tx) => {
    delete child(tx, 'item')['kind'];
    return tx;
  },
  // country codes
  ...['XX', 'us', 'USA', 'UK', 'EU', 'XK', ''].map((c) => setTop('destination', c)),
  setTop('destination', 840),
  removeTop('destination'), // required for every kind, even 'other' (choice 1)
  ...['ZZ', 'cn', 'CHN'].map((c) => setIn('consignee', 'headquarters', c)),
  ...['ZZ', 'de', 'DEU'].map((c) => setIn('consignee', 'parent_headquarters', c)),
  setIn('consignee', 'headquarters', 1),
  setIn('veu', 'country', 'XX'),
  // enums
  ...['training', 'Development', 'datacenter'].map((e) => setIn('consignee', 'end_use', e)),
  ...['global', 'National', 'both'].map((e) => setIn('veu', 'kind', e)),
  setIn('veu', 'kind', 1),
  setTop('veu', 'universal'),
  setTop('consignee', 'x'),
  setTop('consignee', []),
  // compute_by_country
  setIn('veu', 'compute_by_country', 'US'),
  setIn('veu', 'compute_by_country', [{ country: 'XX', tpp: 1 }]),
  setIn('veu', 'compute_by_country', [{ country: 'US', tpp: -1 }]),
  setIn('veu', 'compute_by_country', [{ country: 'US' }]),
  setIn('veu', 'compute_by_country', [{ tpp: 5 }]),
  setIn('veu', 'compute_by_country', [5]),
  // negative quantities
  setIn('item', 'units', -1),
  setIn('item', 'tpp', -0.5),
  setIn('item', 'tpp', -4800),
  setIn('item', 'performance_density', -5.92),
  setIn('item', 'training_operations', -1),
  setIn('item', 'training_operations', '-1'),
  setIn('item', 'training_operations', '-100000000000000000000000000'),
  setIn('consignee', 'lpp_tpp_this_year', -1),
  setIn('veu', 'remaining_tpp', -1),
  setTop('allocation_remaining_tpp', -1e-9),
  setIn('item', 'tpp', '-4800'),
  setIn('item', 'performance_density', '-592e-2'),
  setIn('consignee', 'lpp_tpp_this_year', '-1E+3'),
  setTop('allocation_remaining_tpp', '-0.001'),
  setIn('veu', 'compute_by_country', [{ country: 'US', tpp: '-1e0' }]),
  // wrong types (a decimal string is a valid quantity, V3; a malformed one is not)
  setIn('item', 'training_operations', true),
  setIn('item', 'units', true),
  setIn('item', 'tpp', [4800]),
  setIn('item', 'performance_density', { value: 5.92 }),
  ...['abc', '', '1.2.3', ' 1', '1,000', '0x10', '+1', '.5', '5.', '1e', '1e2.5', 'Infinity', 'NaN', '1 e26'].map((s) =>
    setIn('item', 'training_operations', s),
  ),
  ...['+1', ' 8', '8 ', '1_000'].map((s) => setIn('item', 'units', s)),
  ...['4800.', '.4800', '4,800', '4.8e', 'e3'].map((s) => setIn('item', 'tpp', s)),
  setIn('item', 'performance_density', '5,92'),
  setIn('consignee', 'lpp_tpp_this_year', 'zero'),
  setIn('veu', 'remaining_tpp', '1e+'),
  setTop('allocation_remaining_tpp', '100 '),
  setIn('veu', 'compute_by_country', [{ country: 'US', tpp: '5%' }]),
  setIn('item', 'approved_designer', 'true'),
  setIn('item', 'published', 1),
  setIn('item', 'below_open_frontier', 'no'),
  setIn('consignee', 'private_sector', 'yes'),
  setIn('consignee', 'direct', 0),
  setIn('veu', 'remaining_tpp', false),
  // null for a required field is an error (V2)
  setTop('date', null),
  setTop('activity', null),
  setTop('item', null),
  setIn('item', 'kind', null),
  setTop('destination', null),
  setIn('veu', 'compute_by_country', [{ country: null, tpp: 1 }]),
  setIn('veu', 'compute_by_country', [{ country: 'US', tpp: null }]),
  // V4: consignee, headquarters and parent_headquarters required for every kind
  removeTop('consignee'),
  setTop('consignee', null),
  setTop('consignee', {}),
  removeIn('consignee', 'headquarters'),
  setIn('consignee', 'headquarters', null),
  removeIn('consignee', 'parent_headquarters'),
  setIn('consignee', 'parent_headquarters', null),
  (tx) => {
    // required also for the kinds where the tiers would not matter
    child(tx, 'item')['kind'] = 'other';
    delete child(tx, 'consignee')['parent_headquarters'];
    return tx;
  },
  // V5: ic/computer need tpp; with 1600 <= tpp < 4800 also performance_density
  kindWithout('ic', 'tpp', false),
  kindWithout('computer', 'tpp', false),
  kindWithout('ic', 'tpp', true),
  ...[1600, 1600.5, 2000, 4799, 4799.999, '1600', '4.799e3', '16E+2'].flatMap((tpp) => [
    kindWithout('ic', 'performance_density', false, { tpp }),
    kindWithout('ic', 'performance_density', true, { tpp }),
    // R8: a computer needs its most capable IC's density in the same range
    kindWithout('computer', 'ic_performance_density', true, { tpp: 40_000, ic_tpp: tpp }),
    kindWithout('computer', 'ic_performance_density', false, { tpp: 40_000, ic_tpp: tpp }),
  ]),
  // R8: a computer needs ic_tpp; ic_tpp <= tpp; ic_* fields only for computers
  kindWithout('computer', 'ic_tpp', false, { tpp: 4800 }),
  kindWithout('computer', 'ic_tpp', true, { tpp: 4800 }),
  kindWithout('computer', 'x', false, { tpp: 1000, ic_tpp: 4800, ic_performance_density: 19.4 }),
  kindWithout('computer', 'x', false, { tpp: '4799.999', ic_tpp: 4800 }),
  kindWithout('ic', 'x', false, { tpp: 4800, ic_tpp: 100 }),
  kindWithout('ic', 'x', false, { tpp: 4800, ic_performance_density: 1 }),
  kindWithout('model_weights', 'x', false, { training_operations: '1e26', ic_tpp: 1 }),
  kindWithout('other', 'x', false, { ic_performance_density: 0 }),
  setIn('item', 'ic_tpp', -1),
  setIn('item', 'dram_bandwidth', -6500),
  setIn('item', 'dram_bandwidth', '6.5 TB/s'),
  setIn('item', 'data_center', 'yes'),
  setIn('item', 'data_center', 1),
  // V6: model weights need training_operations
  kindWithout('model_weights', 'training_operations', false),
  kindWithout('model_weights', 'training_operations', true),
  // V7: units > 0 when given
  ...[0, -0, -1, -0.5, -1e-9, '0', '0.000', '0e5', '-1', '-0.001e0'].map((u) => setIn('item', 'units', u)),
  // V1: unknown fields at every level (even null-valued)
  setTop('comment', 'x'),
  setTop('Date', '2025-06-01'),
  setTop('extra', null),
  setIn('item', 'name', 'H100'),
  setIn('item', 'Tpp', 4800),
  setIn('item', 'density', 5.92),
  setIn('consignee', 'name', 'ACME'),
  setIn('consignee', 'headquarter', 'US'),
  setIn('consignee', 'country', null),
  setIn('veu', 'remaining', 1),
  setIn('veu', 'type', 'national'),
  setIn('veu', 'compute_by_country', [{ country: 'US', tpp: 1, share: 1 }]),
  setIn('veu', 'compute_by_country', [{ country: 'US', tpp: 1 }, { country: 'DE', tpp: 1, note: null }]),
  // Q5: identifiers are non-empty texts
  setTop('id', ''),
  setTop('id', 17),
  setTop('id', ['T-1']),
  setIn('consignee', 'id', ''),
  setIn('consignee', 'id', 42),
  setIn('veu', 'id', ''),
  setIn('veu', 'id', { id: 'V-1' }),
  // V8: a present veu needs its kind
  removeIn('veu', 'kind'),
  setIn('veu', 'kind', null),
  setTop('veu', {}),
  setTop('veu', { country: 'IN', remaining_tpp: 1e9 }),
  setTop('veu', { compute_by_country: [{ country: 'US', tpp: 1 }] }),
];

/** JSON values that the oracle must reject as input errors (ok: false). */
export function arbInvalidIfrTransaction(): Arbitrary<JsonValue> {
  const mutated = fc
    .tuple(arbIfrTransaction(), fc.integer({ min: 0, max: MUTATIONS.length - 1 }))
    .map(([tx, i]) => {
      const copy = JSON.parse(JSON.stringify(tx)) as JsonObject;
      const m = MUTATIONS[i];
      return m === undefined ? copy : m(copy);
    });
  return fc.oneof(
    { weight: 19, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constantFrom<JsonValue>(null, [], 'tx', 42, true) },
  );
}

