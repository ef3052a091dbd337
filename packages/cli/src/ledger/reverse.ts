/**
 * Reversing transactions in a ledger file (`pol ledger reverse`, docs/ledger.md#reversals). A
 * reversal appends one reversing posting per posting of the transaction (the same ledger and
 * key, the amount negated, applied to the balance as it is now), and never deletes or edits what
 * was decided: the original postings stay in the history, and the transaction id stays taken, so a
 * re-run of the same input does not decide and post it again.
 *
 * Planning reads only: every request is checked first, and one problem anywhere means nothing is
 * written (`ReversalPlan.problems`), so a file of reversals is applied whole or not at all.
 */
import { listValue } from '@duckdb/node-api';
import { parseBalance } from '@pol/core';
import type { LedgerStore, ReversalWrite } from './store.ts';

export interface ReversalRequest {
  readonly id: string;
  readonly reason: string;
  /** where it was asked, for messages: `file:line`, or undefined for `--id` */
  readonly where?: string;
}

export interface ReversalProblem {
  readonly where?: string;
  readonly message: string;
}

export interface ReversalPlan {
  readonly problems: readonly ReversalProblem[];
  readonly writes: readonly ReversalWrite[];
}

export async function planReversals(store: LedgerStore, requests: readonly ReversalRequest[], o: { readonly tool: string; readonly at: string | undefined }): Promise<ReversalPlan> {
  // DuckDB cannot type an empty list parameter: no texts, no rows
  const among = async (sql: string, texts: Iterable<string>): Promise<Record<string, unknown>[]> => {
    const list = [...new Set(texts)];
    return list.length === 0 ? [] : store.rows(sql, [listValue(list)]);
  };
  const ids = requests.map((r) => r.id);
  const decided = new Map((await among(`SELECT id, outcome, decided_by FROM transactions WHERE id IN (SELECT unnest($1::VARCHAR[]))`, ids)).map((r) => [String(r['id']), r]));
  const reversed = new Map<string, string>();
  if (store.hasReversals) for (const r of await among(`SELECT transaction_id, reason FROM reversals WHERE transaction_id IN (SELECT unnest($1::VARCHAR[]))`, ids)) reversed.set(String(r['transaction_id']), String(r['reason']));
  const postings = new Map<string, Record<string, unknown>[]>();
  for (const p of await among(`SELECT transaction_id, n, ledger, key, balance_key, amount FROM postings WHERE transaction_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY transaction_id, n`, ids)) {
    const id = String(p['transaction_id']);
    postings.set(id, [...(postings.get(id) ?? []), p]);
  }
  const keys = [...postings.values()].flat().map((p) => String(p['balance_key']));
  const balance = new Map((await among(`SELECT balance_key, amount FROM balances WHERE balance_key IN (SELECT unnest($1::VARCHAR[]))`, keys)).map((r) => [String(r['balance_key']), String(r['amount'])]));

  const problems: ReversalProblem[] = [];
  const writes: ReversalWrite[] = [];
  const asked = new Map<string, string | undefined>();
  for (const r of requests) {
    const problem = (message: string): void => void problems.push({ ...(r.where === undefined ? {} : { where: r.where }), message });
    const t = decided.get(r.id);
    if (!t) {
      problem(`transaction ${JSON.stringify(r.id)} is not in the ledger ${store.path}: there is nothing to reverse (a line refused as invalid was never decided)`);
      continue;
    }
    if (reversed.has(r.id)) {
      problem(`transaction ${JSON.stringify(r.id)} is already reversed (${JSON.stringify(reversed.get(r.id))}): a transaction is reversed once`);
      continue;
    }
    if (asked.has(r.id)) {
      const first = asked.get(r.id);
      problem(`transaction ${JSON.stringify(r.id)} is reversed ${first === undefined ? 'earlier in this request' : `at ${first}`} already: a transaction is reversed once`);
      continue;
    }
    asked.set(r.id, r.where);
    const own = postings.get(r.id) ?? [];
    if (own.length === 0) {
      problem(`transaction ${JSON.stringify(r.id)} posted nothing (${String(t['outcome'])}, decided by ${String(t['decided_by'])}): there is nothing to reverse`);
      continue;
    }
    const out: ReversalWrite['postings'][number][] = [];
    for (const p of own) {
      const key = String(p['balance_key']);
      const before = parseBalance(balance.get(key) ?? '0');
      const amount = parseBalance(String(p['amount']));
      // the store writes only exact texts it made itself: unreadable means the file was edited by hand
      if (!before || !amount) throw new Error(`the ledger ${store.path} holds an amount that is not an exact number (${key})`);
      const after = before.sub(amount);
      balance.set(key, after.toString());
      out.push({ n: Number(p['n']), ledger: String(p['ledger']), key: String(p['key']), balanceKey: key, before: before.toString(), amount: amount.neg().toString(), after: after.toString() });
    }
    writes.push({ transactionId: r.id, reason: r.reason, reversedAt: o.at, tool: o.tool, postings: out });
  }
  return { problems, writes: problems.length === 0 ? writes : [] };
}
