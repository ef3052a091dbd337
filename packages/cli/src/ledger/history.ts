/**
 * A ledger's balances as they stood at a point of its history, for `pol replay --ledger`: the
 * `after` of the last posting (or reversing posting) to each key before that point. Postings keep
 * exact texts, so nothing is summed again here.
 */
import type { LedgerStore } from './store.ts';

/** The order (`seq`) of a decided transaction, if the ledger holds it. */
export async function seqOf(store: LedgerStore, id: string): Promise<number | undefined> {
  const rows = await store.rows('SELECT seq FROM transactions WHERE id = $1', [id]);
  return rows.length === 0 ? undefined : Number(rows[0]!['seq']);
}

/** Every balance just before the transaction at `seq` (or, without one, every balance now). */
export async function balancesAt(store: LedgerStore, seq: number | undefined): Promise<Map<string, string>> {
  if (seq === undefined) {
    const rows = await store.rows('SELECT balance_key, amount FROM balances');
    return new Map(rows.map((r) => [String(r['balance_key']), String(r['amount'])]));
  }
  const reversals = store.hasReversals ? 'UNION ALL SELECT balance_key, after, seq, n FROM reversal_postings WHERE seq < $1' : '';
  const rows = await store.rows(
    `SELECT balance_key, after FROM (SELECT balance_key, after, seq, n FROM postings WHERE seq < $1 ${reversals})
     QUALIFY row_number() OVER (PARTITION BY balance_key ORDER BY seq DESC, n DESC) = 1`,
    [seq],
  );
  return new Map(rows.map((r) => [String(r['balance_key']), String(r['after'])]));
}
