/**
 * Reversals through the real `pol` command (`pol ledger reverse`, docs/ledger.md#reversals): a
 * reversed transaction's amounts leave the balances, the history keeps both the posting and its
 * reversal, the id stays taken for re-runs, every refusal writes nothing, and a ledger file of the
 * version before reversals (schema 1) is still read, and brought up to date when written.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pol } from '../cli/run-cli.ts';
import { LedgerStore } from '../../packages/cli/src/ledger/store.ts';
import { REPO } from '../support/policy-files.ts';

const POLICY = 'test/ledger/fixtures/quotas.pol';
const ARGS = ['--engine', 'interpreter'];
const dir = mkdtempSync(join(tmpdir(), 'pol-reverse-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const lines = (rows: readonly unknown[]): string => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
// 4,800,000 TPP each: five fit LPP's 26,900,000 (24,000,000), a sixth would make 28,800,000
const shipment = (i: number, date = `2025-0${Math.min(i, 9)}-10`) => ({ id: `T-${i}`, date, destination: 'FR', consignee: { id: 'C-1' }, tpp: 4800, units: 1000 });
const decidedBy = (stdout: string): string[] => stdout.trim().split('\n').map((l) => (JSON.parse(l) as { decided_by: string }).decided_by);
const doc = (name: string): string => readFileSync(join(REPO, 'docs', name), 'utf8');
const version = (JSON.parse(readFileSync(join(REPO, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

async function query(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const store = await LedgerStore.open(db, '', { create: false });
  try {
    return await store.rows(sql);
  } finally {
    store.close();
  }
}
const balances = async (db: string): Promise<[string, string[], string, string][]> =>
  (await query(db, 'SELECT ledger, key, amount, last_transaction FROM balances ORDER BY ledger, key')).map((r) => [String(r['ledger']), JSON.parse(String(r['key'])) as string[], String(r['amount']), String(r['last_transaction'])]);

/** Six shipments to C-1 in 2025 on a fresh ledger file: five under LPP, the sixth over the limit. */
function atTheLimit(name: string): string {
  const db = join(dir, `${name}.duckdb`);
  const r = pol(['eval', POLICY, '--input', file(`${name}.jsonl`, lines([1, 2, 3, 4, 5, 6].map((i) => shipment(i)))), '--ledger', db, ...ARGS]);
  expect(r.code, r.stderr).toBe(0);
  expect(decidedBy(r.stdout)).toEqual(['lpp', 'lpp', 'lpp', 'lpp', 'lpp', 'advanced_chips']);
  return db;
}

describe('pol ledger reverse', () => {
  it('takes a reversed shipment out of the LPP count, so the next shipment is allowed again, and a re-run does not post it again', async () => {
    const db = atTheLimit('limit');
    const r = pol(['ledger', 'reverse', db, '--id', 'T-3', '--reason', 'license returned: the shipment was not made']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('reversed T-3: LppReceived  C-1 / 2025  24000000 -> 19200000\n');
    // docs/ledger.md shows this reversal
    expect(doc('ledger.md')).toContain('```text\n$ pol ledger reverse quotas.duckdb --id T-3 --reason "license returned: the shipment was not made"\n' + r.stdout + '```');
    expect(r.stderr).toContain('1 transaction reversed in');
    expect(await balances(db)).toEqual([['LppReceived', ['C-1', '2025'], '19200000', 'T-3']]);

    // 19,200,000 + 4,800,000 = 24,000,000: under the limit again
    const next = pol(['eval', POLICY, '--input', file('next.jsonl', lines([shipment(7, '2025-09-20')])), '--ledger', db, ...ARGS]);
    expect(decidedBy(next.stdout)).toEqual(['lpp']);
    expect(await balances(db)).toEqual([['LppReceived', ['C-1', '2025'], '24000000', 'T-7']]);

    // the first input again: T-3 stays consumed (printed as first decided, with a warning), nothing is posted
    const again = pol(['eval', POLICY, '--input', join(dir, 'limit.jsonl'), '--ledger', db, ...ARGS]);
    expect(again.code).toBe(0);
    expect(decidedBy(again.stdout)).toEqual(['lpp', 'lpp', 'lpp', 'lpp', 'lpp', 'advanced_chips']);
    expect(again.stderr).toContain('limit.jsonl:3: warning: transaction "T-3" was reversed ("license returned: the shipment was not made"); it is not decided or posted again');
    expect(again.stderr).toMatch(/pol eval: 6 inputs: 0 decided; 6 already in \S+, printed as first decided and not posted again \(/);
    expect(await balances(db)).toEqual([['LppReceived', ['C-1', '2025'], '24000000', 'T-7']]);

    // the history: every posting as it was, the reversal in its place, nothing edited
    const history = pol(['ledger', 'export', db]).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(history.map((h) => h['transaction_id'] ?? `reversal of ${String(h['reversal_of'])}`)).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'reversal of T-3', 'T-7']);
    expect(history[2]).toMatchObject({ transaction_id: 'T-3', before: 9_600_000, amount: 4_800_000, after: 14_400_000, rule: 'lpp' });
    expect(history[5]).toEqual({ reversal_of: 'T-3', ledger: 'LppReceived', key: ['C-1', '2025'], before: 24_000_000, amount: -4_800_000, after: 19_200_000, reason: 'license returned: the shipment was not made', tool: `pol ${version}` });
    expect(history[6]).toMatchObject({ transaction_id: 'T-7', before: 19_200_000, after: 24_000_000 });
    // no time unless asked for: the same reversals give the same ledger
    expect(await query(db, 'SELECT reversed_at FROM reversals')).toEqual([{ reversed_at: null }]);
    // the transaction itself is still there, as decided
    expect(await query(db, `SELECT outcome, decided_by FROM transactions WHERE id = 'T-3'`)).toEqual([{ outcome: 'authorized', decided_by: 'lpp' }]);
  });

  it('shows a balance last changed by a reversal, and the reversals with their reasons', async () => {
    const db = atTheLimit('show');
    expect(pol(['ledger', 'reverse', db, '--id', 'T-5', '--reason', 'license withdrawn', '--timestamp']).code).toBe(0);
    const shown = pol(['ledger', 'show', db]).stdout.split('\n');
    expect(shown[1]).toBe('LppReceived  C-1 / 2025  19200000  T-5 (reversed)');
    expect(shown[2]).toBe('1 balance, 6 transactions decided, 1 reversed');
    expect(shown[3]).toMatch(new RegExp(`^reversed T-5: license withdrawn \\(pol ${version.replaceAll('.', '\\.')}, \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\)$`));
    const json = pol(['ledger', 'show', db, '--format', 'json']).stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(json).toEqual([{ ledger: 'LppReceived', key: ['C-1', '2025'], balance: 19_200_000, last_transaction: 'T-5', last_reversed: true }]);
    // --timestamp records when
    expect(String((await query(db, 'SELECT reversed_at FROM reversals'))[0]!['reversed_at'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses an unknown id, a second reversal and a transaction that posted nothing, writing nothing', async () => {
    const db = atTheLimit('refuse');
    const untouched = join(dir, 'refuse-before.duckdb');
    copyFileSync(db, untouched);
    const unknown = pol(['ledger', 'reverse', db, '--id', 'T-99', '--reason', 'typo']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('pol: error[ledger/cannot-reverse]: transaction "T-99" is not in the ledger');
    expect(unknown.stderr).toContain('nothing was reversed');
    // docs/diagnostics.md shows this refusal
    expect(doc('diagnostics.md')).toContain('```text\n$ pol ledger reverse quotas.duckdb --id T-99 --reason "license returned"\n' + pol(['ledger', 'reverse', db, '--id', 'T-99', '--reason', 'license returned']).stderr.replaceAll(db, 'quotas.duckdb') + '```');
    const none = pol(['ledger', 'reverse', db, '--id', 'T-6', '--reason', 'license denied']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('transaction "T-6" posted nothing (license_required, decided by advanced_chips): there is nothing to reverse');
    // a refusal does not even open the file for writing
    expect(readFileSync(db).equals(readFileSync(untouched))).toBe(true);

    expect(pol(['ledger', 'reverse', db, '--id', 'T-2', '--reason', 'returned']).code).toBe(0);
    const twice = pol(['ledger', 'reverse', db, '--id', 'T-2', '--reason', 'returned again']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('transaction "T-2" is already reversed ("returned"): a transaction is reversed once');
    expect(await balances(db)).toEqual([['LppReceived', ['C-1', '2025'], '19200000', 'T-2']]);
    expect((await query(db, 'SELECT count(*) AS n FROM reversal_postings'))[0]!['n']).toBe(1n);

    const usage = pol(['ledger', 'reverse', db, '--id', 'T-1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('ledger reverse --id needs --reason <text>');
    expect(usage.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('applies a JSON Lines file of reversals whole, or not at all', async () => {
    const db = atTheLimit('file');
    const bad = file('bad-reversals.jsonl', lines([{ id: 'T-1', reason: 'returned' }, { id: 'T-4' }, { id: 'T-1', reason: 'twice' }, 'not json', { id: 'T-77', reason: 'unknown' }]));
    const refused = pol(['ledger', 'reverse', db, '--input', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `${bad}:2: error[input/invalid]: reason: expected a text saying why the transaction is reversed, found null`,
      `${bad}:3: error[ledger/cannot-reverse]: transaction "T-1" is reversed at ${bad}:1 already: a transaction is reversed once`,
      expect.stringMatching(new RegExp(`^${bad}:4: error\\[input/unparseable\\]: not valid JSON`)),
      expect.stringMatching(new RegExp(`^${bad}:5: error\\[ledger/cannot-reverse\\]: transaction "T-77" is not in the ledger`)),
      `pol ledger reverse: nothing was reversed in ${db}`,
    ]);
    expect(await balances(db)).toEqual([['LppReceived', ['C-1', '2025'], '24000000', 'T-5']]);

    const good = file('reversals.jsonl', lines([{ id: 'T-1', reason: 'returned' }, { id: 'T-4', reason: 'withdrawn' }]));
    const r = pol(['ledger', 'reverse', db, '--input', good]);
    expect(r.code, r.stderr).toBe(0);
    // each reversal applies to the balance the one before it left
    expect(r.stdout).toBe('reversed T-1: LppReceived  C-1 / 2025  24000000 -> 19200000\nreversed T-4: LppReceived  C-1 / 2025  19200000 -> 14400000\n');
    expect(await balances(db)).toEqual([['LppReceived', ['C-1', '2025'], '14400000', 'T-4']]);
  });
});

/** The columns of every table of a schema version 1 file, as pol wrote them before reversals. */
const V1_TABLES = {
  balances: ['balance_key', 'ledger', 'key', 'amount', 'approx', 'last_transaction', 'last_seq'],
  pol_ledger_meta: ['name', 'value'],
  postings: ['transaction_id', 'n', 'seq', 'ledger', 'key', 'balance_key', 'before', 'amount', 'after', 'policy_sha256', 'rule', 'citations'],
  transactions: ['id', 'seq', 'input_sha256', 'policy_sha256', 'outcome', 'decided_by', 'output', 'decided_at'],
};

/** A schema version 1 file: a file of this version with what version 2 added taken away again. */
async function versionOne(name: string): Promise<string> {
  const db = atTheLimit(name);
  const store = await LedgerStore.open(db, '');
  try {
    await store.rows('DROP TABLE reversals');
    await store.rows('DROP TABLE reversal_postings');
    await store.rows(`UPDATE pol_ledger_meta SET value = '1' WHERE name = 'schema'`);
    const columns = await store.rows('SELECT table_name, column_name FROM information_schema.columns ORDER BY table_name, ordinal_position');
    const tables: Record<string, string[]> = {};
    for (const c of columns) (tables[String(c['table_name'])] ??= []).push(String(c['column_name']));
    expect(tables).toEqual(V1_TABLES);
  } finally {
    store.close();
  }
  return db;
}

describe('ledger files written before reversals (schema version 1)', () => {
  it('are read as they are, and brought up to version 2 by the first write', async () => {
    const db = await versionOne('v1');
    const before = readFileSync(db);
    const shown = pol(['ledger', 'show', db]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('LppReceived  C-1 / 2025  24000000  T-5\n1 balance, 6 transactions decided\n');
    expect(pol(['ledger', 'export', db]).stdout.trim().split('\n')).toHaveLength(5);
    expect(readFileSync(db).equals(before)).toBe(true);

    const r = pol(['ledger', 'reverse', db, '--id', 'T-1', '--reason', 'returned']);
    expect(r.code, r.stderr).toBe(0);
    expect(await query(db, `SELECT value FROM pol_ledger_meta WHERE name = 'schema'`)).toEqual([{ value: '2' }]);
    expect(await balances(db)).toEqual([['LppReceived', ['C-1', '2025'], '19200000', 'T-1']]);

    // and `pol eval --ledger` on a version 1 file migrates it too, then posts as before
    const other = await versionOne('v1-eval');
    const next = pol(['eval', POLICY, '--input', file('v1-next.jsonl', lines([shipment(7, '2026-01-02')])), '--ledger', other, ...ARGS]);
    expect(decidedBy(next.stdout)).toEqual(['lpp']);
    expect(await query(other, `SELECT value FROM pol_ledger_meta WHERE name = 'schema'`)).toEqual([{ value: '2' }]);
  });

  it('a file of a later schema version is refused in words, by every command', async () => {
    const db = atTheLimit('v3');
    const store = await LedgerStore.open(db, '');
    try {
      await store.rows(`UPDATE pol_ledger_meta SET value = '3' WHERE name = 'schema'`);
    } finally {
      store.close();
    }
    for (const args of [['ledger', 'show', db], ['ledger', 'reverse', db, '--id', 'T-1', '--reason', 'x'], ['eval', POLICY, '--input', join(dir, 'v3.jsonl'), '--ledger', db]]) {
      const r = pol(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`pol: error[cli/io]: the ledger ${db} has schema version 3, which this pol cannot read`);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
