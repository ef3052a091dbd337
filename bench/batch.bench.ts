/**
 * Batch screening end to end (issue: no unbounded cost). Generates IFR transactions (valid ones from
 * the oracle's generator, and some invalid), then reports against baselines measured in this run:
 *  - the CLI's JSON reader vs JSON.parse on the same lines (goal: within 1.5x);
 *  - `pol eval` on POL_BENCH_BATCH lines (default 1,000,000): peak RSS (goal: under 300 MB) and
 *    decisions per second end to end, with one job and with --jobs 2, as a share of the in-process
 *    compiled evaluator's rate (validate + evaluate on parsed values; goal: at least 25% with one job).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { compilePolicyFile } from '@pol/core';
import { loadCompiled } from '@pol/compiler';
import { readFileSync } from 'node:fs';
import { arbIfrTransaction } from '../test/ifr-oracle/transactions.ts';
import { arbInvalidIfrTransaction } from '../test/ifr-oracle/invalid.ts';
import { readJsonFast } from '../packages/cli/src/json-reader.ts';
// @ts-expect-error plain JavaScript beside the bin, without declarations
import { bundleIsFresh } from '../packages/cli/bin/bundle-is-fresh.js';

const ROOT = resolve(import.meta.dirname, '..');
const POLICY = join(ROOT, 'policies/ai-diffusion/ifr.pol');
const TOTAL = Number(process.env.POL_BENCH_BATCH ?? 1_000_000);
const DISTINCT = 20_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const valid = fc.sample(arbIfrTransaction(), { seed: 20251201, numRuns: DISTINCT });
const invalid = fc.sample(arbInvalidIfrTransaction(), { seed: 20251202, numRuns: DISTINCT / 50 });
const lines = [...valid.map((v) => JSON.stringify(v)), ...invalid.map((v) => JSON.stringify(v))];
// interleave invalid lines among the valid ones (one in 51)
const mixed: string[] = [];
for (let i = 0, j = 0; i < valid.length; i++) {
  mixed.push(lines[i]!);
  if (i % 50 === 49 && j < invalid.length) mixed.push(lines[valid.length + j++]!);
}

// ---- the JSON reader against JSON.parse
// CPU time of this process (the machine is shared: waiting for a core is not the reader's cost),
// both in every round, the ratio per round; the median of 15 rounds after 3 to warm up.
{
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const rounds: { parse: number; reader: number }[] = [];
  for (let r = -3; r < 15; r++) {
    let t = cpu();
    for (const l of mixed) JSON.parse(l);
    const parse = cpu() - t;
    t = cpu();
    for (const l of mixed) readJsonFast(l);
    if (r >= 0) rounds.push({ parse, reader: cpu() - t });
  }
  const p = median(rounds.map((x) => x.parse));
  const q = median(rounds.map((x) => x.reader));
  const ratio = median(rounds.map((x) => x.reader / x.parse));
  console.log(`JSON reader: ${((q * 1e6) / mixed.length).toFixed(0)} ns/line vs JSON.parse ${((p * 1e6) / mixed.length).toFixed(0)} ns/line (CPU time): ${ratio.toFixed(2)}x (goal <= 1.5x)`);
}

// ---- the in-process compiled evaluator
const program = compilePolicyFile(POLICY, (p) => readFileSync(p, 'utf8')).program!;
const mod = await loadCompiled(program);
const parsed = mixed.map((l) => JSON.parse(l) as unknown);
let inProcessRate = 0;
{
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (const v of parsed) {
      const ok = mod.validate(v);
      if (ok.ok) mod.evaluate(ok.value);
    }
    times.push(performance.now() - t);
  }
  inProcessRate = parsed.length / (median(times) / 1000);
  console.log(`in-process compiled validate + evaluate: ${Math.round(inProcessRate).toLocaleString('en-US')} inputs/s`);
}

// ---- pol eval end to end
const dir = mkdtempSync(join(tmpdir(), 'pol-batch-'));
try {
  const file = join(dir, 'transactions.jsonl');
  const ws = createWriteStream(file);
  for (let i = 0; i < TOTAL; i++) if (!ws.write(mixed[i % mixed.length]! + '\n')) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
  // what users run: the bin, which starts the bundle `pnpm bench` has just built (or the sources)
  const BIN = join(ROOT, 'packages/cli/bin/pol.js');
  const bundled = (bundleIsFresh as (b: URL, i: URL) => boolean)(new URL('../packages/cli/dist/pol.js', import.meta.url), new URL('../packages/cli/dist/inputs.json', import.meta.url));
  console.log(`pol eval on ${TOTAL.toLocaleString('en-US')} lines (packages/cli/bin/pol.js, running ${bundled ? 'the bundle' : 'the sources through tsx: the bundle is not built or is stale'}):`);
  for (const jobs of [1, 2]) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M %e %U %S', process.execPath, BIN, 'eval', POLICY, '--input', file, '--jobs', String(jobs)], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const last = r.stderr.trim().split('\n').pop()!;
    const [rssKb, wall, user, sys] = last.split(' ').map(Number) as [number, number, number, number];
    const summary = r.stderr.split('\n').find((l) => l.startsWith('pol eval: ')) ?? '(no summary)';
    const rate = TOTAL / wall;
    console.log(
      `  --jobs ${jobs}: ${wall.toFixed(1)} s, ${Math.round(rate).toLocaleString('en-US')} inputs/s (${((rate / inProcessRate) * 100).toFixed(0)}% of in-process; goal >= 25% with one job), ` +
        `${Math.round(TOTAL / (user + sys)).toLocaleString('en-US')} per CPU-second, peak RSS ${(rssKb / 1024).toFixed(0)} MB (goal < 300 MB)`,
    );
    console.log(`    ${summary}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
