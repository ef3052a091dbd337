/** Diff timings (a plain script, not a test): `npx tsx bench/diff.bench.ts`. */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { diffPrograms } from '../packages/analysis/src/index.ts';
import { load, loadText } from '../test/diff/load.ts';

const root = join(import.meta.dirname, '..');
const rows: [string, number, string][] = [];

async function time(name: string, f: () => Promise<{ verdict: string; regions: unknown[] }>): Promise<void> {
  const t = performance.now();
  const r = await f();
  rows.push([name, performance.now() - t, `${r.verdict}, ${r.regions.length} regions`]);
}

function generated(n: number, limit: number): string {
  const rules: string[] = [];
  for (let i = 0; i < n; i++) {
    rules.push(`rule r${i} { cites "x" when kind = ${i} and x >= ${i % 97} decide denied(level: ${i % 2 ? 'low' : 'high'})
  exception e${i} { cites "x" when x > ${i === Math.floor(n / 2) ? limit : 1000} decide allowed } }`);
  }
  return `enum Level { low, high }
input I { kind: Number, x: Number }
decision D { allowed, denied(level: Level), none }
${rules.join('\n')}
otherwise decide none
`;
}

await time('z3 start-up (first diff of two identical tiny policies)', async () => {
  const p = loadText(generated(1, 1000));
  return diffPrograms(p, loadText(generated(1, 999)), { describe: false });
});
for (const name of readdirSync(join(root, 'test/diff/cases'))) {
  const a = load(join(root, 'test/diff/cases', name, 'before.pol'));
  const b = load(join(root, 'test/diff/cases', name, 'after.pol'));
  await time(`case ${name}`, () => diffPrograms(a, b));
}
const ifr = join(root, 'policies/ai-diffusion');
if (existsSync(join(ifr, 'ifr.pol'))) {
  try {
    const a = load(join(ifr, 'ifr.pol'));
    const b = load(join(ifr, 'as-enforced-2025-05-13.pol'));
    await time('IFR -> as-enforced (witnesses only)', () => diffPrograms(a, b, { describe: false }));
    await time('IFR -> as-enforced (with region descriptions)', () => diffPrograms(a, b));
    await time('IFR -> IFR', () => diffPrograms(a, a));
  } catch (e) {
    rows.push(['IFR', 0, `skipped: ${(e as Error).message.split('\n')[0]}`]);
  }
}
for (const n of [100, 1000]) {
  const a = loadText(generated(n, 1000));
  const b = loadText(generated(n, 1200));
  await time(`generated ${n} rules, one constant changed`, () => diffPrograms(a, b, { describe: false }));
}
for (const [name, ms, what] of rows) console.log(`${name.padEnd(55)} ${ms.toFixed(0).padStart(7)} ms  ${what}`);
process.exit(0);
