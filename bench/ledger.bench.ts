/**
 * The ledger store's cost (docs/ledger.md): `pol eval --ledger <file.duckdb>` on POL_BENCH_LEDGER
 * shipments (default 100,000) of the quotas policy, against the same `pol eval` without a ledger,
 * both measured in this run. Reports shipments per second each way and their ratio; and a re-run
 * on the finished file (every transaction already posted: the idempotent path).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { shipments } from '../test/ledger/shipments.ts';

const ROOT = resolve(import.meta.dirname, '..');
const POLICY = join(ROOT, 'test/ledger/fixtures/quotas.pol');
const N = Number(process.env.POL_BENCH_LEDGER ?? 100_000);
const ENGINE = process.env.POL_BENCH_LEDGER_ENGINE ?? 'compiled';

const dir = mkdtempSync(join(tmpdir(), 'pol-ledger-bench-'));
try {
  const input = join(dir, 'shipments.jsonl');
  writeFileSync(input, shipments(N).join('\n') + '\n');
  const run = (extra: string[]): number => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/pol.js'), 'eval', POLICY, '--input', input, '--engine', ENGINE, ...extra], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pol eval failed (${r.status}): ${r.stderr}`);
    return performance.now() - t;
  };
  const rate = (ms: number): string => `${Math.round(N / (ms / 1000)).toLocaleString('en-US')} shipments/s`;
  // alternate the two so a change in the machine's load falls on both
  const plain: number[] = [];
  const ledger: number[] = [];
  const rerun: number[] = [];
  for (let round = 0; round < 3; round++) {
    plain.push(run([]));
    const db = join(dir, `ledger-${round}.duckdb`);
    ledger.push(run(['--ledger', db]));
    rerun.push(run(['--ledger', db]));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const p = median(plain);
  const l = median(ledger);
  const r = median(rerun);
  console.log(`pol eval (${ENGINE}), ${N.toLocaleString('en-US')} shipments, end to end:`);
  console.log(`  without a ledger:             ${rate(p)}`);
  console.log(`  with --ledger (DuckDB):       ${rate(l)}  (time ${(l / p).toFixed(2)}x the run without a ledger)`);
  console.log(`  re-run, all already posted:   ${rate(r)}  (time ${(r / p).toFixed(2)}x the run without a ledger)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
