/**
 * Ledgers in the reference semantics (docs/ledger.md): which balance an input reads, and what it
 * is before this transaction. Evaluation stays pure: the balances come in as a map, the postings
 * go out in the result, and storing them is the caller's (the CLI's store) business.
 */
import type { LedgerInfo } from '../checker/program.ts';
import { balanceKey, balanceKeyForm, calendarYear, type BalanceValue } from '../result/ledger.ts';
import { Rational } from '../values/rational.ts';
import type { RRecord, RValue } from '../values/value.ts';

/** Balances by key (result/ledger.ts `balanceKey`); a key that is not there has had no posting. */
export type Balances = ReadonlyMap<string, Rational>;
export const NO_BALANCES: Balances = new Map();

/** The key values of a ledger for an input, or undefined when one of them is absent. */
export function keyParts(info: LedgerInfo, input: RRecord): string[] | undefined {
  const parts: string[] = [];
  for (const k of info.keys) {
    let v: RValue = input;
    for (const step of k.path) {
      if (v === null || !(v instanceof Map)) return undefined;
      v = (v as RRecord).get(step) ?? null;
    }
    if (typeof v !== 'string') return undefined;
    parts.push(k.period === 'calendar-year' ? calendarYear(v) : v);
  }
  return parts;
}

/** The balance keys an input can read or post to: one per ledger whose keys are all present. */
export function balanceKeysOf(ledgers: readonly LedgerInfo[], input: RRecord): string[] {
  const out: string[] = [];
  for (const l of ledgers) {
    const parts = keyParts(l, input);
    if (parts) out.push(balanceKey(l.name, parts));
  }
  return out;
}

/**
 * Balances given as JSON (numbers, decimal or fraction texts), exactly. With the policy's ledgers,
 * a key not written as `balanceKey` writes it is refused: it would never be looked up, and the
 * balance would silently read as its opening value. A negative balance is refused either way.
 */
export function balancesFromJson(json: Readonly<Record<string, BalanceValue>>, ledgers?: readonly LedgerInfo[]): Map<string, Rational> {
  const out = new Map<string, Rational>();
  for (const [k, v] of Object.entries(json)) {
    if (ledgers && !wellFormedKey(ledgers, k)) {
      const forms = ledgers.map((l) => balanceKeyForm(l.name, l.keys));
      throw new RangeError(`the balance key ${JSON.stringify(k)} is not one this policy reads: write it as a ledger name then its key values as a JSON array with no spaces (${forms.join(', ')})`);
    }
    const r = parseBalance(v);
    if (!r) throw new RangeError(`balance ${k}: ${JSON.stringify(v)} is not a number`);
    if (r.isNegative()) throw new RangeError(`the balance ${k} is negative: ${JSON.stringify(v)} (a ledger counts what was consumed; a balance is never below zero)`);
    out.set(k, r);
  }
  return out;
}

function wellFormedKey(ledgers: readonly LedgerInfo[], key: string): boolean {
  const open = key.indexOf('[');
  const l = open < 0 ? undefined : ledgers.find((x) => x.name === key.slice(0, open));
  if (!l) return false;
  let parts: unknown;
  try {
    parts = JSON.parse(key.slice(open));
  } catch {
    return false;
  }
  return (
    Array.isArray(parts) &&
    parts.length === l.keys.length &&
    parts.every((v, i) => typeof v === 'string' && (l.keys[i]!.period !== 'calendar-year' || /^[0-9]{4}$/.test(v))) &&
    balanceKey(l.name, parts as string[]) === key
  );
}

export function parseBalance(v: BalanceValue): Rational | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Rational.fromNumber(v) : undefined;
  const slash = v.indexOf('/');
  if (slash < 0) return Rational.parse(v);
  const n = Rational.parse(v.slice(0, slash));
  const d = Rational.parse(v.slice(slash + 1));
  if (!n || !d || d.eq(Rational.ZERO)) return undefined;
  return n.div(d);
}
