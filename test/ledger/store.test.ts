/**
 * The ledger store through the real `pol` command: `pol eval --ledger` on a DuckDB file, `pol
 * ledger show|export`, idempotent re-runs, a bad line that posts nothing, and a run killed with
 * SIGKILL in the middle of 100,000 shipments that resumes to the same balances.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/policy-files.ts';
import { pol } from '../cli/run-cli.ts';
import { shipments } from './shipments.ts';
import { LedgerStore } from '../../packages/cli/src/ledger/store.ts';
import { polArgv } from '../support/cli-argv.ts';

const POLICY = 'test/ledger/fixtures/quotas.pol';
const dir = mkdtempSync(join(tmpdir(), 'pol-ledger-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const lines = (rows: readonly unknown[]): string => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const shipment = (i: number, date: string, over: Record<string, unknown> = {}) => ({ id: `T-${i}`, date, destination: 'FR', consignee: { id: 'C-1' }, tpp: 4800, units: 1000, ...over });
type Balance = { ledger: string; key: string[]; balance: unknown; last_transaction: string };
// Most checks read the file in this process (a `pol` process costs seconds on a loaded machine);
// `pol ledger show` and `export` themselves are run where the test is about them.
const show = async (db: string): Promise<Balance[]> => {
  const store = await LedgerStore.open(db, '', { create: false });
  try {
    const rows = await store.rows('SELECT ledger, key, amount, last_transaction FROM balances ORDER BY ledger, key');
    return rows.map((r) => ({ ledger: String(r['ledger']), key: JSON.parse(String(r['key'])) as string[], balance: amount(String(r['amount'])), last_transaction: String(r['last_transaction']) }));
  } finally {
    store.close();
  }
};
const exported = async (db: string): Promise<string[]> => {
  const store = await LedgerStore.open(db, '', { create: false });
  try {
    const rows = await store.rows('SELECT transaction_id, n, ledger, key, before, amount, after, rule, citations, policy_sha256 FROM postings ORDER BY seq, n');
    return rows.map((r) => JSON.stringify(r));
  } finally {
    store.close();
  }
};
const decidedCount = async (db: string): Promise<number> => {
  const store = await LedgerStore.open(db, '', { create: false });
  try {
    return Number((await store.rows('SELECT count(*) AS n FROM transactions'))[0]!['n']);
  } finally {
    store.close();
  }
};
const amount = (t: string): number | string => (Number.isSafeInteger(Number(t)) && String(Number(t)) === t ? Number(t) : t);
const ARGS = ['--engine', 'interpreter'];

describe('pol eval --ledger', () => {
  it('crosses the LPP limit on the sixth shipment and starts again on 1 January, with postings in the file', async () => {
    const input = file('lpp.jsonl', lines([1, 2, 3, 4, 5, 6, 7].map((i) => shipment(i, `2025-0${i}-15`)).concat([shipment(8, '2026-01-01')])));
    const db = join(dir, 'lpp.duckdb');
    const r = pol(['eval', POLICY, '--input', input, '--ledger', db, ...ARGS]);
    expect(r.code).toBe(0);
    const decided = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { decided_by: string; postings: unknown[] });
    expect(decided.map((d) => d.decided_by)).toEqual(['lpp', 'lpp', 'lpp', 'lpp', 'lpp', 'advanced_chips', 'advanced_chips', 'lpp']);
    // each line names its transaction first, so it can be matched to its shipment without counting lines
    expect(r.stdout.trim().split('\n').map((l) => Object.keys(JSON.parse(l) as object)[0] + '=' + (JSON.parse(l) as { transaction_id: string }).transaction_id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `transaction_id=T-${i}`));
    expect(await show(db)).toEqual([
      { ledger: 'LppReceived', key: ['C-1', '2025'], balance: 24_000_000, last_transaction: 'T-5' },
      { ledger: 'LppReceived', key: ['C-1', '2026'], balance: 4_800_000, last_transaction: 'T-8' },
    ]);
    const postings = pol(['ledger', 'export', db]).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(postings.map((p) => p['transaction_id'])).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-8']);
    expect(postings[4]).toMatchObject({ ledger: 'LppReceived', key: ['C-1', '2025'], before: 19_200_000, amount: 4_800_000, after: 24_000_000, rule: 'lpp', citations: ['15 CFR 742.6(a)(6)', '15 CFR 740.29'] });
    expect(postings[0]!['policy_sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(pol(['ledger', 'show', db]).stdout).toContain('LppReceived  C-1 / 2025  24000000  T-5');
  });

  it('runs out of a Tier 2 allocation on the right license', async () => {
    const big = (i: number, units: number) => shipment(i, '2025-06-01', { destination: 'IN', units, consignee: { id: `C-${i}` } });
    const input = file('tier2.jsonl', lines([big(1, 100_000), big(2, 50_000), big(3, 10_000), big(4, 2_000), big(5, 100_000)]));
    const db = join(dir, 'tier2.duckdb');
    const r = pol(['eval', POLICY, '--input', input, '--ledger', db, ...ARGS]);
    // 480M + 240M + 48M = 768M; the fourth (9.6M) fits LPP; the fifth (480M) exceeds 790M
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { decided_by: string }).decided_by)).toEqual(['tier2_license', 'tier2_license', 'tier2_license', 'lpp', 'tier2_exhausted']);
    expect((await show(db)).find((b) => b.ledger === 'Tier2Licensed')).toEqual({ ledger: 'Tier2Licensed', key: ['IN'], balance: 768_000_000, last_transaction: 'T-3' });
  });

  it('is idempotent: a re-run prints the same and posts nothing again', async () => {
    const input = file('again.jsonl', lines([1, 2, 3].map((i) => shipment(i, '2025-02-01'))));
    const db = join(dir, 'again.duckdb');
    const first = pol(['eval', POLICY, '--input', input, '--ledger', db, ...ARGS]);
    const second = pol(['eval', POLICY, '--input', input, '--ledger', db, ...ARGS]);
    expect(second.stdout).toBe(first.stdout);
    // none of them is decided again: the summary says so, apart from what this run decided
    expect(second.stderr).toContain(`pol eval: 3 inputs: 0 decided; 3 already in ${db}, printed as first decided and not posted again (authorized 3)`);
    expect(await show(db)).toEqual([{ ledger: 'LppReceived', key: ['C-1', '2025'], balance: 14_400_000, last_transaction: 'T-3' }]);
    // the same id with another input is named, and still not posted
    const changed = file('changed.jsonl', lines([shipment(2, '2025-02-01', { units: 1 })]));
    const third = pol(['eval', POLICY, '--input', changed, '--ledger', db, ...ARGS]);
    expect(third.stderr).toContain('changed.jsonl:1: error[ledger/id-reused]: id: transaction "T-2" is already in the ledger with a different input');
    expect(third.code).toBe(1);
    expect(third.stdout).not.toContain('"decided_by"');
    expect((await show(db))[0]!.balance).toBe(14_400_000);
  });

  it('reports a bad line with its line number and posts nothing for it', async () => {
    const input = file('bad.jsonl', lines([shipment(1, '2025-02-01'), '{"id": "T-2", "date": "2025-02-31"', shipment(3, '2025-02-30'), shipment(4, '2025-03-01')]));
    const db = join(dir, 'bad.duckdb');
    const r = pol(['eval', POLICY, '--input', input, '--ledger', db, ...ARGS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.jsonl:2: error[input/unparseable]');
    expect(r.stderr).toContain('bad.jsonl:3: error[input/invalid]: date: "2025-02-30" is not a calendar date');
    expect(await show(db)).toEqual([{ ledger: 'LppReceived', key: ['C-1', '2025'], balance: 9_600_000, last_transaction: 'T-4' }]);
    expect((await exported(db)).map((l) => (JSON.parse(l) as { transaction_id: string }).transaction_id)).toEqual(['T-1', 'T-4']);
    // once corrected, the line is decided: it was never recorded as decided
    const fixed = file('fixed.jsonl', lines([shipment(3, '2025-02-28')]));
    pol(['eval', POLICY, '--input', fixed, '--ledger', db, ...ARGS]);
    expect((await show(db))[0]!.balance).toBe(14_400_000);
  });

  it('refuses --jobs, text output and a policy without a ledger, in words', () => {
    const input = file('one.jsonl', lines([shipment(1, '2025-02-01')]));
    const db = join(dir, 'refuse.duckdb');
    const jobs = pol(['eval', POLICY, '--input', input, '--ledger', db, '--jobs', '2', ...ARGS]);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain('--ledger decides in one process, in input order');
    const none = pol(['eval', 'policies/sample/lab-exports.pol', '--input', input, '--ledger', db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('declares no ledger');
    const missing = pol(['ledger', 'show', join(dir, 'nothing.duckdb')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error[cli/io]: cannot read the ledger');
    expect(missing.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('resumes a run killed with SIGKILL in the middle of 100,000 shipments to the balances of an uninterrupted run', async () => {
    // 100 batches of 1,000 (the size the issue names): killed after 30, far from either end
    const input = file('100k.jsonl', lines(shipments(100_000)));
    // the default engine (the compiled module) here; the tests above use the interpreter
    const cli = [...polArgv(), 'eval', POLICY, '--input', input, '--ledger'];
    const runToFile = (db: string, out: string): number => {
      const fd = openSync(out, 'w');
      const r = spawnSync(process.execPath, [...cli, db], { cwd: REPO, stdio: ['ignore', fd, 'pipe'] });
      closeSync(fd);
      return r.status ?? -1;
    };
    expect(runToFile(join(dir, 'whole.duckdb'), join(dir, 'whole.out'))).toBe(0);

    // the second run is killed once it has printed (so committed) a good part of the input
    const killed = await new Promise<{ printed: number; signal: string | null }>((resolve) => {
      const child = spawn(process.execPath, [...cli, join(dir, 'cut.duckdb')], { cwd: REPO, stdio: ['ignore', 'pipe', 'ignore'] });
      let printed = 0;
      child.stdout.on('data', (b: Buffer) => {
        for (const c of b) if (c === 10) printed++;
        if (printed >= 30_000 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => resolve({ printed, signal }));
    });
    expect(killed.signal).toBe('SIGKILL');
    const partial = await decidedCount(join(dir, 'cut.duckdb'));
    expect(partial).toBeGreaterThanOrEqual(30_000);
    expect(partial).toBeLessThan(100_000);

    expect(runToFile(join(dir, 'cut.duckdb'), join(dir, 'resumed.out'))).toBe(0);
    const balances = await show(join(dir, 'cut.duckdb'));
    expect(balances.length).toBeGreaterThan(100);
    expect(balances).toEqual(await show(join(dir, 'whole.duckdb')));
    expect(await exported(join(dir, 'cut.duckdb'))).toEqual(await exported(join(dir, 'whole.duckdb')));
    // and the resumed run prints, line for line, what the uninterrupted run printed
    expect(readFileSync(join(dir, 'resumed.out'), 'utf8')).toBe(readFileSync(join(dir, 'whole.out'), 'utf8'));
  }, 600_000);
});
