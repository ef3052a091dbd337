/**
 * `pol ledger show|export|reverse <file.duckdb>`: the balances, or every posting and reversal, of a
 * ledger file; or reversals appended to it (docs/ledger.md#reversals).
 */
import { existsSync } from 'node:fs';
import { BufferedWriter } from '../batch/output.ts';
import { jsonLines } from '../batch/sources.ts';
import { IoError } from '../io.ts';
import { planReversals, type ReversalProblem, type ReversalRequest } from '../ledger/reverse.ts';
import { LedgerStore } from '../ledger/store.ts';
// imported, not read at run time: the bundle carries the version with it
import pkg from '../../package.json' with { type: 'json' };

/** What a reversal records as the tool that made it. */
export const TOOL = `pol ${pkg.version}`;

export async function ledgerCommand(what: 'show' | 'export', file: string, format: 'text' | 'json'): Promise<number> {
  if (!existsSync(file)) throw new IoError(`cannot read the ledger ${file}: no such file`);
  const store = await LedgerStore.open(file, '', { create: false });
  const out = new BufferedWriter(process.stdout);
  try {
    if (what === 'show') {
      // a balance last changed by a reversal says so: its last transaction did not add to it
      const rows = await store.rows(
        store.hasReversals
          ? 'SELECT b.ledger, b.key, b.amount, b.last_transaction, r.transaction_id IS NOT NULL AS by_reversal FROM balances b LEFT JOIN reversals r ON r.transaction_id = b.last_transaction AND r.seq = b.last_seq ORDER BY b.ledger, b.key'
          : 'SELECT ledger, key, amount, last_transaction, false AS by_reversal FROM balances ORDER BY ledger, key',
      );
      const reversals = store.hasReversals ? await store.rows('SELECT transaction_id, reason, reversed_at, tool FROM reversals ORDER BY seq') : [];
      if (format === 'json') {
        for (const r of rows) {
          await out.write(
            JSON.stringify({ ledger: r['ledger'], key: JSON.parse(String(r['key'])), balance: amountJson(String(r['amount'])), last_transaction: r['last_transaction'], ...(r['by_reversal'] === true ? { last_reversed: true } : {}) }) + '\n',
          );
        }
      } else {
        const table = rows.map((r) => [String(r['ledger']), (JSON.parse(String(r['key'])) as string[]).join(' / '), String(r['amount']), `${String(r['last_transaction'])}${r['by_reversal'] === true ? ' (reversed)' : ''}`]);
        const head = ['ledger', 'key', 'balance', 'last transaction'];
        const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
        const line = (cells: string[]): string => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd() + '\n';
        await out.write(line(head));
        for (const t of table) await out.write(line(t));
        const n = await store.rows('SELECT count(*) AS n FROM transactions');
        const undone = reversals.length === 0 ? '' : `, ${reversals.length.toLocaleString('en-US')} reversed`;
        await out.write(`${rows.length} balance${rows.length === 1 ? '' : 's'}, ${Number(n[0]?.['n'] ?? 0).toLocaleString('en-US')} transactions decided${undone}\n`);
        for (const r of reversals) await out.write(`reversed ${String(r['transaction_id'])}: ${String(r['reason'])} (${String(r['tool'])}${typeof r['reversed_at'] === 'string' ? `, ${r['reversed_at']}` : ''})\n`);
      }
    } else {
      // one history in the order it was made: decisions' postings and reversals' reversing postings
      const rows = await store.rows(
        store.hasReversals
          ? `SELECT 'posting' AS kind, transaction_id, n, seq, ledger, key, before, amount, after, rule, citations, policy_sha256, NULL AS reason, NULL AS reversed_at, NULL AS tool FROM postings
             UNION ALL
             SELECT 'reversal', p.transaction_id, p.n, p.seq, p.ledger, p.key, p.before, p.amount, p.after, NULL, NULL, NULL, r.reason, r.reversed_at, r.tool FROM reversal_postings p JOIN reversals r USING (transaction_id)
             ORDER BY seq, n`
          : `SELECT 'posting' AS kind, * FROM postings ORDER BY seq, n`,
      );
      for (const r of rows) {
        if (r['kind'] === 'reversal') {
          await out.write(
            JSON.stringify({
              reversal_of: r['transaction_id'],
              ...movement(r),
              reason: r['reason'],
              ...(typeof r['reversed_at'] === 'string' ? { reversed_at: r['reversed_at'] } : {}),
              tool: r['tool'],
            }) + '\n',
          );
          continue;
        }
        await out.write(
          JSON.stringify({
            transaction_id: r['transaction_id'],
            ...movement(r),
            rule: r['rule'],
            citations: JSON.parse(String(r['citations'])),
            policy_sha256: r['policy_sha256'],
          }) + '\n',
        );
      }
    }
    await out.flush();
  } finally {
    store.close();
  }
  return 0;
}

/** What a posting and a reversing posting both record: the ledger, the key and the balance's move. */
function movement(r: Record<string, unknown>): Record<string, unknown> {
  return {
    ledger: r['ledger'],
    key: JSON.parse(String(r['key'])),
    before: amountJson(String(r['before'])),
    amount: amountJson(String(r['amount'])),
    after: amountJson(String(r['after'])),
  };
}

export interface ReverseOptions {
  /** one transaction, with `reason` */
  readonly id?: string;
  readonly reason?: string;
  /** a JSON Lines file of `{"id": ..., "reason": ...}` */
  readonly input?: string;
  /** record when the reversal was made (left out by default, so the same reversals record the same rows) */
  readonly timestamp: boolean;
}

/**
 * Appends reversals: every request is checked first against the file opened read-only, and one
 * problem means nothing is written (exit 1); only then is the file opened for writing (which
 * brings a version 1 file up to date) and the reversals committed in one database transaction.
 */
export async function ledgerReverseCommand(file: string, o: ReverseOptions): Promise<number> {
  if (!existsSync(file)) throw new IoError(`cannot read the ledger ${file}: no such file`);
  const { requests, problems: bad } = o.input !== undefined ? await readRequests(o.input) : { requests: [{ id: o.id!, reason: o.reason! }], problems: [] };
  const at = o.timestamp ? new Date().toISOString() : undefined;
  const plan = async (store: LedgerStore) => planReversals(store, requests, { tool: TOOL, at });
  const reader = await LedgerStore.open(file, '', { create: false });
  let problems: readonly Problem[];
  try {
    // in file order: the lines that could not be read and those the ledger refuses, together
    problems = [...bad, ...(await plan(reader)).problems].sort((a, b) => lineOf(a) - lineOf(b));
  } finally {
    reader.close();
  }
  if (problems.length === 0 && requests.length === 0) problems = [{ where: o.input, code: 'input/invalid', message: 'no reversals in this file (expected one {"id": ..., "reason": ...} per line)' }];
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`${p.where ?? 'pol'}: error[${p.code ?? 'ledger/cannot-reverse'}]: ${p.message}\n`);
    process.stderr.write(`pol ledger reverse: nothing was reversed in ${file}\n`);
    return 1;
  }
  const store = await LedgerStore.open(file, '');
  try {
    // planned again under the write lock: the file is the same unless another writer came between
    const { problems: late, writes } = await plan(store);
    if (late.length > 0) throw new IoError(`${file} changed while the reversals were checked: ${late[0]!.message}`);
    await store.commitReversals(writes);
    const out = new BufferedWriter(process.stdout);
    for (const w of writes) {
      for (const p of w.postings) await out.write(`reversed ${w.transactionId}: ${p.ledger}  ${(JSON.parse(p.key) as string[]).join(' / ')}  ${p.before} -> ${p.after}\n`);
    }
    await out.flush();
    process.stderr.write(`pol ledger reverse: ${writes.length} transaction${writes.length === 1 ? '' : 's'} reversed in ${file}\n`);
  } finally {
    store.close();
  }
  return 0;
}

type Problem = ReversalProblem & { readonly code?: string };

const lineOf = (p: Problem): number => Number(p.where?.slice(p.where.lastIndexOf(':') + 1) ?? 0);

async function readRequests(path: string): Promise<{ requests: ReversalRequest[]; problems: Problem[] }> {
  const requests: ReversalRequest[] = [];
  const problems: Problem[] = [];
  for await (const item of jsonLines(path)) {
    const where = `${path}:${item.line}`;
    let v: unknown;
    try {
      v = JSON.parse(item.text);
    } catch (e) {
      problems.push({ where, code: 'input/unparseable', message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problems.push({ where, code: 'input/invalid', message: 'expected an object {"id": "<transaction id>", "reason": "<why>"}' });
      continue;
    }
    const r = v as Record<string, unknown>;
    const errors: string[] = [];
    if (typeof r['id'] !== 'string' || r['id'] === '') errors.push(`id: expected the transaction id (text), found ${JSON.stringify(r['id'] ?? null)}`);
    if (typeof r['reason'] !== 'string' || r['reason'].trim() === '') errors.push(`reason: expected a text saying why the transaction is reversed, found ${JSON.stringify(r['reason'] ?? null)}`);
    for (const k of Object.keys(r)) if (k !== 'id' && k !== 'reason') errors.push(`${k}: not a field of a reversal (expected only id and reason)`);
    for (const message of errors) problems.push({ where, code: 'input/invalid', message });
    if (errors.length === 0) requests.push({ id: r['id'] as string, reason: (r['reason'] as string).trim(), where });
  }
  return { requests, problems };
}

/** An exact amount as JSON: a number when it reads back exactly, else its text. */
function amountJson(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) && String(n) === text ? n : text;
}
