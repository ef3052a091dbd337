/**
 * `pnpm bench`: runs every benchmark script (files ending in .bench.ts in bench/ and in each package's bench/ folder) one
 * after another, each in its own process so one cannot warm up or slow down another. Each script
 * prints its own figures as ratios against a baseline measured in the same run.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const only = process.argv[2];
const scripts: string[] = [];
const add = (dir: string) => {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.bench.ts')) scripts.push(join(dir, f));
};
add('bench');
for (const p of readdirSync('packages')) add(join('packages', p, 'bench'));
let failed = 0;
for (const s of scripts) {
  if (only && !s.includes(only)) continue;
  process.stdout.write(`\n=== ${s}\n`);
  // --expose-gc: a script may collect between timed runs (diff.bench.ts does, as a new process would start clean)
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', s], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
