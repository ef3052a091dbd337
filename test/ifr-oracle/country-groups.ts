/**
 * EAR Country Groups A:5, A:6, D:1, D:4 (Supplement No. 1 to 15 CFR part 740), written from
 * /work/shared/as-enforced-facts.md §2.9 for the oracle, independently of policies/ear/.
 * D:5 (dated) is in ./tiers.ts. None of these lists was read in primary text (see the fact sheet's
 * tags: A:5/A:6 P-mirror/I, D:1/D:4 U); the oracle takes them as the fact sheet gives them, with
 * its listed-but-uncertain members left out (NI/UA for D:1, MX for A:6).
 */
import { inD5 } from './tiers.ts';

export const A5: ReadonlySet<string> = new Set([
  'AR', 'AU', 'AT', 'BE', 'BG', 'CA', 'HR', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS',
  'IN', 'IE', 'IT', 'JP', 'KR', 'LV', 'LT', 'LU', 'NL', 'NZ', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI',
  'ES', 'SE', 'CH', 'TR', 'GB',
]);
export const A6: ReadonlySet<string> = new Set(['AL', 'CY', 'IL', 'MT', 'SG', 'ZA', 'TW']);
export const D1: ReadonlySet<string> = new Set([
  'AM', 'AZ', 'BY', 'MM', 'KH', 'CN', 'GE', 'IR', 'IQ', 'KZ', 'KP', 'KG', 'LA', 'LY', 'MO', 'MD',
  'MN', 'RU', 'TJ', 'TM', 'UZ', 'VE', 'VN', 'YE',
]);
export const D4: ReadonlySet<string> = new Set([
  'BH', 'CN', 'EG', 'IR', 'IQ', 'IL', 'JO', 'KP', 'KW', 'LB', 'LY', 'MO', 'OM', 'PK', 'QA', 'RU',
  'SA', 'SY', 'AE', 'YE',
]);

/** "Macau or Country Group D:5", Hong Kong counted as China (85 FR 83765). */
export function inD5OrMacau(c: string, date: string): boolean {
  return c === 'MO' || c === 'HK' || inD5(c, date);
}

/**
 * Destination scope of 15 CFR 742.6(a)(6)(iii) from 2023-11-17 (fact 2.1): D:1, D:4 or D:5 and not
 * also A:5 or A:6; plus Macau by name; Hong Kong as China (China is D:1, D:4 and D:5).
 */
export function inAdvancedComputingScope(c: string, date: string): boolean {
  if (c === 'MO' || c === 'HK') return true;
  const d = D1.has(c) || D4.has(c) || inD5(c, date);
  return d && !A5.has(c) && !A6.has(c);
}
