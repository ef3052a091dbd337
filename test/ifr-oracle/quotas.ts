/**
 * The oracle's own bookkeeping of the rule's three quotas (issue 14), as the rule words them
 * (choices Q1-Q5 in oracle.ts): what has been recorded against a quota before this transaction
 * comes in as `QuotaBalances`; what this transaction's decision adds goes out as `Posting`s. Keys
 * are named here in the oracle's terms; the differential test maps them to the policy's ledgers.
 */
import * as Q from './rational.ts';
import type { Rat } from './rational.ts';

export type QuotaKey =
  /** Q1: LPP receipts of one ultimate consignee in one calendar year */
  | { readonly quota: 'lpp'; readonly consignee: string; readonly year: string }
  /** Q2: licenses drawing on one Tier 2 country's allocation (no period: 2025 through 2027 is one total) */
  | { readonly quota: 'tier2'; readonly destination: string }
  /** Q3: shipments under one National VEU authorization */
  | { readonly quota: 'nveu'; readonly veu: string };

/** What has been recorded against each quota, by `quotaKeyText`; a missing key is nothing yet. */
export type QuotaBalances = ReadonlyMap<string, Rat>;
export const NO_BALANCES: QuotaBalances = new Map();

export interface Posting {
  readonly key: QuotaKey;
  readonly before: Rat;
  readonly amount: Rat;
  readonly after: Rat;
}

export function quotaKeyText(k: QuotaKey): string {
  switch (k.quota) {
    case 'lpp':
      return `lpp|${k.consignee}|${k.year}`;
    case 'tier2':
      return `tier2|${k.destination}`;
    case 'nveu':
      return `nveu|${k.veu}`;
  }
}

export function recorded(b: QuotaBalances, k: QuotaKey): Rat {
  return b.get(quotaKeyText(k)) ?? Q.ZERO;
}

export function posting(b: QuotaBalances, key: QuotaKey, amount: Rat): Posting {
  const before = recorded(b, key);
  return { key, before, amount, after: Q.add(before, amount) };
}

/** Q1: the calendar year (1 January to 31 December) of a YYYY-MM-DD transaction date. */
export function calendarYearOf(date: string): string {
  return date.slice(0, 4);
}
