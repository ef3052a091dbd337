/**
 * The values the IFR transaction generators draw from (transactions.ts): countries by tier, dates
 * around every dated change, numbers at the rule's boundaries, and UVEU compute distributions at
 * exactly 75% / 7% / 50% and one TPP unit past.
 */
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { IfrComputeEntry } from './oracle.ts';
import * as Q from './rational.ts';
import type { Rat } from './rational.ts';
import { ISO_ALPHA2, TIER1, TIER3_ANY_DATE } from './tiers.ts';

// ---------------------------------------------------------------------------------------
// Countries and dates

/** Tier 2 examples named in the fact sheet (§3.3), incl. Cyprus (left D:5 in 2024). */
export const TIER2_EXAMPLES: readonly string[] = [
  'IN', 'IL', 'PL', 'AE', 'SG', 'PT', 'CH', 'SA', 'MX', 'MY', 'TH', 'BR', 'YE', 'CY', 'AT', 'GR',
  'CZ', 'EE', 'LT', 'LV', 'IS', 'LU',
  // D:1 / D:4 destinations outside D:5 (as-enforced facts §2.9), the 2023 rule's own scope
  'VN', 'KZ', 'EG', 'JO', 'PK', 'QA', 'KW', 'BH', 'OM', 'AM', 'GE', 'UZ',
];
const TIER3_FOCUS: readonly string[] = ['KH', 'MO', 'HK', 'CN'];
/** Codes that are Tier 2 on every date (never Tier 1, never in Tier 3). */
const ALWAYS_TIER2: readonly string[] = ISO_ALPHA2.filter((c) => !TIER1.includes(c) && !TIER3_ANY_DATE.includes(c));
const NON_US_TIER1: readonly string[] = TIER1.filter((c) => c !== 'US');

export const arbTier1Country: Arbitrary<string> = fc.constantFrom(...TIER1);
export const arbTier3Country: Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TIER3_FOCUS) },
  { weight: 1, arbitrary: fc.constantFrom(...TIER3_ANY_DATE) },
);
export const arbTier2Country: Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...TIER2_EXAMPLES) },
  { weight: 1, arbitrary: fc.constantFrom(...ALWAYS_TIER2) },
);
export const arbAnyCountry: Arbitrary<string> = fc.constantFrom(...ISO_ALPHA2);
export const arbCountry: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: arbTier1Country },
  { weight: 3, arbitrary: arbTier2Country },
  { weight: 3, arbitrary: arbTier3Country },
  { weight: 1, arbitrary: arbAnyCountry },
);

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const arbDate: Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2025-05-14', '2025-05-15', '2025-05-16', // the IFR's compliance date
      '2025-11-06', '2025-11-07', // Cambodia leaves D:5 on 2025-11-07
      '2026-02-02', '2026-02-03', // BIS's conforming change for Cambodia (no effect: D:5 follows 126.1)
      '2025-12-31', '2026-01-01', '2028-02-29',
      '2023-11-17', '2023-11-18', // the October 2023 rule's effective date (scope start)
      '2024-03-14', '2024-03-15', // Nicaragua into D:5
      '2024-04-03', '2024-04-04', // NAC/ACA split, 4A090.b
      '2024-05-29', '2024-05-30', // BIS's conforming change for Cyprus (no effect: CY left D:5 on 2023-10-01)
      '2026-01-14', '2026-01-15', // the 2026 case-by-case review policy
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: dayOf('2023-11-17'), max: dayOf('2030-12-31') }).map(isoOf) },
);

// ---------------------------------------------------------------------------------------
// Numbers

export const finiteDouble = (min: number, max: number): Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));

export const arbTpp: Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(1599, 1600, 1601, 4799, 4800, 4801) },
  { weight: 2, arbitrary: fc.constantFrom(2399, 2400, 2401, 20_999, 21_000, 21_001) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1599.99, 1600.01, 4799.999, 4800.5, 15831, 19.4, 4800.1) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 40_000 }) },
  { weight: 1, arbitrary: finiteDouble(0, 1e6) },
);

export const arbDensity: Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(5.91, 5.92, 5.93) },
  // 3A090.b bounds: 1.6 and 3.2 (and the TPP bound 2400 in arbTpp)
  { weight: 3, arbitrary: fc.constantFrom(1.59, 1.6, 1.61, 3.19, 3.2, 3.21) },
  { weight: 2, arbitrary: fc.constantFrom(5.919999, 5.920001, 0, 19.4, 100) },
  { weight: 1, arbitrary: finiteDouble(0, 50) },
);

/** Contract V7: units > 0 when given, so the smallest generated value is 1. */
export const arbUnits: Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(1, 2, 8, 1699, 1700, 5604, 5605, 16_812) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 10_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e15, 2 ** 53 + 2, 1e20) },
);

export const arbTrainingOperations: Arbitrary<number | string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<number | string>(
      '99999999999999999999999999', // 10^26 - 1
      '100000000000000000000000000', // 10^26
      '100000000000000000000000001', // 10^26 + 1
      '99999999999999999999999999.999',
      '100000000000000000000000000.000',
      '0100000000000000000000000000', // leading zero
      9.999999999999999e25, // largest double below 10^26
      1e26,
      1.0000000000000002e26, // smallest double above 10^26
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<number | string>(0, '0', 1e25, 1e27, '2.5', 3.5e26) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n * 10n ** 26n }).map((b) => b.toString()) },
  { weight: 1, arbitrary: finiteDouble(0, 1e30) },
);

export const LPP_LIMIT = Q.int(26_900_000);

/** How a boundary-coupled quantity is chosen. */
export type BoundaryMode = 'exact' | 'minus1' | 'plus1' | 'minusTiny' | 'plusTiny' | 'zero' | 'random' | 'absent';
export const arbBoundaryMode: Arbitrary<BoundaryMode> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<BoundaryMode>('exact', 'minus1', 'plus1') },
  { weight: 2, arbitrary: fc.constantFrom<BoundaryMode>('minusTiny', 'plusTiny', 'zero') },
  { weight: 2, arbitrary: fc.constantFrom<BoundaryMode>('random', 'absent') },
);

/** base + delta (per mode) as an exactly representable non-negative JS number, else fallback. */
export function boundaryValue(mode: BoundaryMode, base: Rat, fallback: number): number | undefined {
  const delta: Record<BoundaryMode, Rat | null> = {
    exact: Q.ZERO,
    minus1: Q.int(-1),
    plus1: Q.int(1),
    minusTiny: Q.rat(-1n, 1000n),
    plusTiny: Q.rat(1n, 1000n),
    zero: null,
    random: null,
    absent: null,
  };
  if (mode === 'absent') return undefined;
  if (mode === 'zero') return 0;
  const d = delta[mode];
  if (d === null) return fallback;
  const v = Q.add(base, d);
  if (Q.isNegative(v)) return fallback;
  return Q.toExactNumber(v) ?? fallback;
}

// ---------------------------------------------------------------------------------------
// UVEU compute distributions

type UveuMode = 'boundary' | 'random' | 'empty' | 'absent';
type T1Share = 'exact75' | 'below75' | 'high' | 'all';
type UsShare = 'exact50' | 'below50' | 'zero' | 'allT1';
type CapMode = 'exact7' | 'above7' | 'small';

export interface UveuKnobs {
  mode: UveuMode;
  k: number;
  t1: T1Share;
  us: UsShare;
  cap: CapMode;
  nonTier1: string[];
  otherTier1: string;
  duplicate: boolean;
  halve: boolean;
  random: IfrComputeEntry[];
}

export const arbUveuKnobs: Arbitrary<UveuKnobs> = fc.record({
  mode: fc.oneof(
    { weight: 6, arbitrary: fc.constant<UveuMode>('boundary') },
    { weight: 2, arbitrary: fc.constant<UveuMode>('random') },
    { weight: 1, arbitrary: fc.constantFrom<UveuMode>('empty', 'absent') },
  ),
  k: fc.oneof(fc.constantFrom(1, 100, 10_000), fc.integer({ min: 1, max: 100_000 })),
  t1: fc.constantFrom<T1Share>('exact75', 'exact75', 'below75', 'high', 'all'),
  us: fc.constantFrom<UsShare>('exact50', 'exact50', 'below50', 'zero', 'allT1'),
  cap: fc.constantFrom<CapMode>('exact7', 'exact7', 'above7', 'small'),
  nonTier1: fc.uniqueArray(fc.oneof(arbTier2Country, arbTier3Country), { minLength: 8, maxLength: 8 }),
  otherTier1: fc.constantFrom(...NON_US_TIER1),
  duplicate: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  halve: fc.boolean(),
  random: fc.array(
    fc.record({ country: arbCountry, tpp: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), finiteDouble(0, 1e6)) }),
    { maxLength: 6 },
  ),
});

/**
 * Build compute_by_country. In boundary mode the total is T = 100k TPP units:
 * Tier 1 = 75k (exact75) or 75k - 1 (below75) ..., US = 50k (exact50) or 50k - 1 ...,
 * the rest split over distinct non-Tier-1 countries in chunks <= 7k (exact7: the first is
 * exactly 7k; above7: the first is 7k + 1). `duplicate` splits the first chunk into two
 * entries of the same country; `halve` divides everything by 2 (non-integer TPP, same shares).
 */
export function buildCompute(u: UveuKnobs): IfrComputeEntry[] | undefined {
  if (u.mode === 'absent') return undefined;
  if (u.mode === 'empty') return [];
  if (u.mode === 'random') return u.random.map((e) => ({ ...e }));
  const k = u.k;
  const total = 100 * k;
  const t1 = { exact75: 75 * k, below75: 75 * k - 1, high: 90 * k, all: total }[u.t1];
  const us = Math.min(t1, { exact50: 50 * k, below50: 50 * k - 1, zero: 0, allT1: t1 }[u.us]);
  const entries: IfrComputeEntry[] = [];
  if (us > 0) entries.push({ country: 'US', tpp: us });
  if (t1 - us > 0) entries.push({ country: u.otherTier1, tpp: t1 - us });
  let rest = total - t1;
  const capUnits = u.cap === 'small' ? 5 * k : 7 * k;
  let first = true;
  let i = 0;
  while (rest > 0) {
    let chunk = Math.min(rest, capUnits);
    if (first && u.cap === 'above7') chunk = Math.min(rest, 7 * k + 1);
    if (first && u.cap === 'exact7') chunk = Math.min(rest, 7 * k);
    const country = u.nonTier1[i % u.nonTier1.length] ?? 'IN';
    if (first && u.duplicate && chunk >= 2) {
      const half = Math.floor(chunk / 2);
      entries.push({ country, tpp: half }, { country, tpp: chunk - half });
    } else {
      entries.push({ country, tpp: chunk });
    }
    rest -= chunk;
    first = false;
    i++;
  }
  return u.halve ? entries.map((e) => ({ country: e.country, tpp: e.tpp / 2 })) : entries;
}

