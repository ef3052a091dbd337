/**
 * Country tiers of the AI Diffusion rule (90 FR 4544), written independently
 * of the Pol policy encoding from /work/shared/ifr-facts.md and the issue text.
 *
 *   Tier 1 = the 18 "AIA destinations" (Supplement No. 5 to part 740, para (a)) + US.
 *   Tier 3 = Country Group D:5 as in force on the transaction date + Macau (MO)
 *            + Hong Kong (HK, treated as China).
 *   Tier 2 = every other ISO 3166-1 alpha-2 code.
 *
 * Dates are ISO strings "YYYY-MM-DD"; lexicographic order equals date order.
 */

/** All 249 current ISO 3166-1 alpha-2 codes (officially assigned). */
export const ISO_ALPHA2: readonly string[] = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS',
  'BT', 'BV', 'BW', 'BY', 'BZ',
  'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW',
  'CX', 'CY', 'CZ',
  'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ',
  'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET',
  'FI', 'FJ', 'FK', 'FM', 'FO', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT',
  'GU', 'GW', 'GY',
  'HK', 'HM', 'HN', 'HR', 'HT', 'HU',
  'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT',
  'JE', 'JM', 'JO', 'JP',
  'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ',
  'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY',
  'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS',
  'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ',
  'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ',
  'OM',
  'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY',
  'QA',
  'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS',
  'ST', 'SV', 'SX', 'SY', 'SZ',
  'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ',
  'UA', 'UG', 'UM', 'US', 'UY', 'UZ',
  'VA', 'VC', 'VE', 'VG', 'VI', 'VN', 'VU',
  'WF', 'WS',
  'YE', 'YT',
  'ZA', 'ZM', 'ZW',
];

const ISO_SET: ReadonlySet<string> = new Set(ISO_ALPHA2);

/** True iff `code` is exactly (upper case) one of the 249 ISO 3166-1 alpha-2 codes. */
export function isIsoAlpha2(code: string): boolean {
  return ISO_SET.has(code);
}

/** The 18 AIA destinations of Supplement No. 5(a) to part 740 (fact sheet §3.1). */
export const AIA_COUNTRIES: readonly string[] = [
  'AU', 'BE', 'CA', 'DK', 'FI', 'FR', 'DE', 'IE', 'IT', 'JP', 'NL', 'NZ', 'NO', 'KR', 'ES', 'SE',
  'TW', 'GB',
];

/** Tier 1: the 18 AIA destinations plus the United States. */
export const TIER1: readonly string[] = [...AIA_COUNTRIES, 'US'];
const TIER1_SET: ReadonlySet<string> = new Set(TIER1);

/** A dated membership: in force for dates d with from <= d < until (bounds optional). */
export interface DatedMember {
  readonly code: string;
  /** first date (inclusive) of membership; absent = since before the rule */
  readonly from?: string;
  /** first date (exclusive) on which the country is no longer a member; absent = still a member */
  readonly until?: string;
}

/**
 * Country Group D:5 (ifr-facts §3.2, the 23 countries as of Jan 2025), dated as as-enforced-facts
 * §2.9 and §6.9 give it: Cyprus (CY) in D:5 until 2024-05-29 (out from 2024-05-30); Nicaragua (NI)
 * in from 2024-03-15; Cambodia (KH) out of 22 CFR 126.1, and so of D:5, from 2025-11-07 (the
 * fact sheet's recommendation 7.3; BIS's conforming text followed on 2026-02-03).
 */
export const D5: readonly DatedMember[] = [
  { code: 'AF' }, // Afghanistan
  { code: 'BY' }, // Belarus
  { code: 'MM' }, // Burma
  { code: 'KH', until: '2025-11-07' }, // Cambodia
  { code: 'CF' }, // Central African Republic
  { code: 'CN' }, // China
  { code: 'CD' }, // Congo, Democratic Republic of the
  { code: 'CU' }, // Cuba
  { code: 'CY', until: '2024-05-30' }, // Cyprus
  { code: 'ER' }, // Eritrea
  { code: 'HT' }, // Haiti
  { code: 'IR' }, // Iran
  { code: 'IQ' }, // Iraq
  { code: 'KP' }, // Korea, North
  { code: 'LB' }, // Lebanon
  { code: 'LY' }, // Libya
  { code: 'NI', from: '2024-03-15' }, // Nicaragua
  { code: 'RU' }, // Russia
  { code: 'SO' }, // Somalia
  { code: 'SS' }, // South Sudan
  { code: 'SD' }, // Sudan
  { code: 'SY' }, // Syria
  { code: 'VE' }, // Venezuela
  { code: 'ZW' }, // Zimbabwe
];

/** Added to Tier 3 by name: Macau, and Hong Kong (treated as China). */
export const TIER3_EXTRA: readonly string[] = ['MO', 'HK'];

/** Every code that is in Tier 3 on at least one date. */
export const TIER3_ANY_DATE: readonly string[] = [...D5.map((m) => m.code), ...TIER3_EXTRA];

/** True iff `code` is in Country Group D:5 on `date` ("YYYY-MM-DD"). */
export function inD5(code: string, date: string): boolean {
  for (const m of D5) {
    if (m.code !== code) continue;
    if (m.from !== undefined && date < m.from) return false;
    if (m.until !== undefined && date >= m.until) return false;
    return true;
  }
  return false;
}

export type Tier = 1 | 2 | 3;

/**
 * The tier of an ISO 3166-1 alpha-2 `country` on `date` ("YYYY-MM-DD").
 * Throws RangeError for a code that is not one of ISO_ALPHA2 (callers validate first).
 */
export function tierOf(country: string, date: string): Tier {
  if (!isIsoAlpha2(country)) throw new RangeError(`not an ISO 3166-1 alpha-2 code: ${country}`);
  if (TIER1_SET.has(country)) return 1;
  if (TIER3_EXTRA.includes(country) || inD5(country, date)) return 3;
  return 2;
}
