/**
 * What a ledger balance is called and what a posting looks like as JSON, shared by every engine
 * and the store (docs/ledger.md) without sharing evaluation: a balance is named by its ledger and
 * the values of its keys, in the order the ledger declares them, a calendar-year key as its year.
 */
import type { Json } from './json.ts';

/** `LppReceived["C-1042","2025"]`: ledger names are identifiers, so the name is unambiguous. */
export function balanceKey(ledger: string, parts: readonly string[]): string {
  return ledger + JSON.stringify(parts);
}

/**
 * How a ledger's balances are named, for messages and docs: `LppReceived["consignee.id","YYYY"]`
 * (each key as its input path, a calendar-year key as YYYY).
 */
export function balanceKeyForm(ledger: string, keys: readonly { readonly path: readonly string[]; readonly period: 'calendar-year' | undefined }[]): string {
  return balanceKey(ledger, keys.map((k) => (k.period === 'calendar-year' ? 'YYYY' : k.path.join('.'))));
}

/** The calendar year of an ISO date, as a key part. */
export function calendarYear(date: string): string {
  return date.slice(0, 4);
}

/** One posting of a decision: `amount` added to the balance of `ledger` for `key`. */
export interface PostingJson {
  ledger: string;
  /** the key values, in the ledger's order */
  key: string[];
  /** the balance before this transaction, the amount added, and the balance after */
  before: Json;
  amount: Json;
  after: Json;
  [extra: string]: Json;
}

/** A balance as the engines accept it: a JSON number, or an exact decimal or fraction as text. */
export type BalanceValue = number | string;
