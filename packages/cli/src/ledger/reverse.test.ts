/**
 * The reversal planner and writer on a store filled directly (no policy, no `pol` process): a
 * transaction that posted to two ledgers, exact fractions, several reversals on one key in one
 * request, and the balances and history they leave. test/ledger/reverse.test.ts drives the same
 * through the command.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { balanceKey } from '@pol/core';
import { planReversals } from './reverse.ts';
import { LedgerStore, type PostingRow } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'pol-reverse-unit-'));
let opened: LedgerStore[] = [];
afterEach(() => {
  for (const s of opened) s.close();
  opened = [];
});

const posting = (transactionId: string, n: number, ledger: string, key: string[], before: string, amount: string, after: string): PostingRow => ({
  transactionId,
  n,
  ledger,
  key,
  balanceKey: balanceKey(ledger, key),
  before,
  amount,
  after,
  rule: 'r',
  citations: ['s. 1'],
});
const tx = (id: string) => ({ id, inputSha: id, outcome: 'authorized', decidedBy: 'r', output: `{"id":"${id}"}\n` });

/** T-1 posts 1/3 to A[k] and 2 to B[k]; T-2 posts 1/6 to A[k]; T-3 posts nothing. */
async function filled(name: string): Promise<LedgerStore> {
  const store = await LedgerStore.open(join(dir, `${name}.duckdb`), 'sha');
  opened.push(store);
  const a = balanceKey('A', ['k']);
  const b = balanceKey('B', ['k']);
  await store.commit({
    transactions: [tx('T-1'), tx('T-2'), tx('T-3')],
    postings: [posting('T-1', 0, 'A', ['k'], '0', '1/3', '1/3'), posting('T-1', 1, 'B', ['k'], '0', '2', '2'), posting('T-2', 0, 'A', ['k'], '1/3', '1/6', '0.5')],
    balances: new Map([
      [a, { ledger: 'A', key: ['k'], amount: '0.5', transactionId: 'T-2' }],
      [b, { ledger: 'B', key: ['k'], amount: '2', transactionId: 'T-1' }],
    ]),
  });
  return store;
}
const OPTIONS = { tool: 'pol test', at: undefined };

describe('planReversals', () => {
  it('reverses every posting of a transaction, exactly, each on the balance the one before it left', async () => {
    const store = await filled('exact');
    const plan = await planReversals(store, [{ id: 'T-2', reason: 'returned' }, { id: 'T-1', reason: 'withdrawn' }], OPTIONS);
    expect(plan.problems).toEqual([]);
    expect(plan.writes.map((w) => [w.transactionId, w.postings.map((p) => [p.ledger, p.n, p.before, p.amount, p.after])])).toEqual([
      ['T-2', [['A', 0, '0.5', '-1/6', '1/3']]],
      ['T-1', [['A', 0, '1/3', '-1/3', '0'], ['B', 1, '2', '-2', '0']]],
    ]);
    await store.commitReversals(plan.writes);
    const balances = await store.rows('SELECT ledger, amount, last_transaction, last_seq FROM balances ORDER BY ledger');
    // the reversals take the next numbers in the one order of the file: 4 and 5 after T-1..T-3
    expect(balances).toEqual([
      { ledger: 'A', amount: '0', last_transaction: 'T-1', last_seq: 5n },
      { ledger: 'B', amount: '0', last_transaction: 'T-1', last_seq: 5n },
    ]);
    expect(await store.rows('SELECT transaction_id, seq, reason, reversed_at, tool FROM reversals ORDER BY seq')).toEqual([
      { transaction_id: 'T-2', seq: 4n, reason: 'returned', reversed_at: null, tool: 'pol test' },
      { transaction_id: 'T-1', seq: 5n, reason: 'withdrawn', reversed_at: null, tool: 'pol test' },
    ]);
    // history untouched: the three postings as written
    expect((await store.rows('SELECT count(*) AS n FROM postings'))[0]!['n']).toBe(3n);
    // and a re-run sees both ids as decided, with the reason
    expect([...(await store.decided(['T-1', 'T-2', 'T-3'])).values()].map((d) => [d.id, d.reversed])).toEqual([
      ['T-1', 'withdrawn'],
      ['T-2', 'returned'],
      ['T-3', undefined],
    ]);
  });

  it('plans nothing when any request is refused, and says why for each', async () => {
    const store = await filled('refused');
    await store.commitReversals((await planReversals(store, [{ id: 'T-2', reason: 'returned' }], OPTIONS)).writes);
    const plan = await planReversals(
      store,
      [
        { id: 'T-1', reason: 'fine on its own', where: 'r.jsonl:1' },
        { id: 'T-2', reason: 'again', where: 'r.jsonl:2' },
        { id: 'T-3', reason: 'nothing posted', where: 'r.jsonl:3' },
        { id: 'T-9', reason: 'unknown', where: 'r.jsonl:4' },
        { id: 'T-1', reason: 'twice', where: 'r.jsonl:5' },
      ],
      OPTIONS,
    );
    expect(plan.writes).toEqual([]);
    expect(plan.problems.map((p) => `${p.where}: ${p.message.replace(store.path, '<file>')}`)).toEqual([
      'r.jsonl:2: transaction "T-2" is already reversed ("returned"): a transaction is reversed once',
      'r.jsonl:3: transaction "T-3" posted nothing (authorized, decided by r): there is nothing to reverse',
      'r.jsonl:4: transaction "T-9" is not in the ledger <file>: there is nothing to reverse (a line refused as invalid was never decided)',
      'r.jsonl:5: transaction "T-1" is reversed at r.jsonl:1 already: a transaction is reversed once',
    ]);
  });
});
