/**
 * `pnpm bench` (or `npx tsx bench/diff.bench.ts`): pol diff timings. Figures are wall and CPU
 * time (the solver runs on the main thread, so CPU time is what the diff itself costs on a busy
 * machine) and ratios against baselines measured in the same run: the IFR diff against z3's
 * start-up, and the 3,000-rule generated diff against the 1,000-rule one (linear growth is 3.0).
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { diffPrograms } from '../packages/analysis/src/index.ts';
import { load, loadText } from '../test/diff/load.ts';

const root = join(import.meta.dirname, '..');
interface Row {
  name: string;
  wall: number;
  cpu: number;
  what: string;
}
const rows: Row[] = [];

async function time(name: string, f: () => Promise<{ verdict: string; regions: unknown[] }>, repeat = 1): Promise<Row> {
  let best: Row | undefined;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await f();
    const u = process.cpuUsage(c);
    const row = { name, wall: performance.now() - t, cpu: (u.user + u.system) / 1000, what: `${r.verdict}, ${r.regions.length} regions` };
    if (!best || row.cpu < best.cpu) best = row;
  }
  rows.push(best!);
  return best!;
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

const startup = await time('z3 start-up (first diff: two tiny policies)', async () => diffPrograms(loadText(generated(1, 1000)), loadText(generated(1, 999)), { describe: false }));
for (const name of readdirSync(join(root, 'test/diff/cases')).sort()) {
  const a = load(join(root, 'test/diff/cases', name, 'before.pol'));
  const b = load(join(root, 'test/diff/cases', name, 'after.pol'));
  await time(`case ${name}`, () => diffPrograms(a, b));
}
const ifr = join(root, 'policies/ai-diffusion');
let ifrRows: Row[] = [];
if (existsSync(join(ifr, 'ifr.pol'))) {
  const a = load(join(ifr, 'ifr.pol'));
  const b = load(join(ifr, 'as-enforced-2025-05-13.pol'));
  ifrRows = [
    await time('IFR -> as-enforced (witnesses only)', () => diffPrograms(a, b, { describe: false }), 3),
    await time('IFR -> as-enforced (memo: described regions, realistic witnesses)', () => diffPrograms(a, b), 3),
  ];
  await time('IFR -> IFR', () => diffPrograms(a, a));
}
const gen: Row[] = [];
// POL_BENCH_RULES=100,300 for a quick run; the sizes by default
const sizes = (process.env.POL_BENCH_RULES ?? '1000,3000').split(',').map(Number);
for (const n of sizes) {
  const a = loadText(generated(n, 1000));
  const b = loadText(generated(n, 1200));
  gen.push(await time(`generated ${n} rules, one constant changed`, () => diffPrograms(a, b), n > 500 ? 1 : 2));
}
for (const r of rows) console.log(`${r.name.padEnd(68)} ${r.wall.toFixed(0).padStart(7)} ms wall ${r.cpu.toFixed(0).padStart(7)} ms cpu  ${r.what}`);
for (const r of ifrRows) console.log(`ratio ${r.name} / z3 start-up: ${(r.cpu / startup.cpu).toFixed(2)} (cpu), ${(r.wall / startup.wall).toFixed(2)} (wall)`);
if (gen.length === 2) console.log(`growth ${sizes[1]} / ${sizes[0]} rules: ${(gen[1]!.cpu / gen[0]!.cpu).toFixed(2)} (cpu), ${(gen[1]!.wall / gen[0]!.wall).toFixed(2)} (wall); linear is ${(sizes[1]! / sizes[0]!).toFixed(2)}`);
process.exit(0);
