/**
 * Bounded validation of the compiled module (`npx tsx bench/validate.bench.ts`): `validate` of the
 * AI Diffusion IFR module on hostile inputs (docs/compiled-module.md, "Bounded validation"), each
 * against JSON.parse of the same text measured in the same run, and `validate` per ordinary
 * transaction against JSON.parse of the same line. Figures are reported, never asserted.
 */
import fc from 'fast-check';
import { loadCompiled } from '../packages/compiler/src/index.ts';
import { loadProgram } from '../test/codegen/util.ts';
import { arbIfrTransaction } from '../test/ifr-oracle/transactions.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
/** median CPU milliseconds of `runs` calls after one warm-up (CPU time: the machine is shared) */
function cpuMs(fn: () => void, runs = 5): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const u = process.cpuUsage();
    fn();
    const d = process.cpuUsage(u);
    ts.push((d.user + d.system) / 1000);
  }
  return median(ts);
}

const program = loadProgram(new URL('../policies/ai-diffusion/ifr.pol', import.meta.url).pathname);
const mod = await loadCompiled(program);

const base = {
  date: '2025-06-01',
  activity: 'export',
  item: { kind: 'ic', tpp: 5000, performance_density: 7 },
  destination: 'IN',
  consignee: { headquarters: 'IN', parent_headquarters: 'IN' },
};
const veu = (holdings: unknown[]): unknown => ({ ...base, veu: { kind: 'national', country: 'IN', compute_by_country: holdings } });

const hostile: [string, string][] = [
  ['40,000 holdings with country "ZZ"', JSON.stringify(veu(Array.from({ length: 40_000 }, () => ({ country: 'ZZ', tpp: 1 }))))],
  ['6 holdings with 150,000-digit fractions (as text)', JSON.stringify(veu(Array.from({ length: 6 }, () => ({ country: 'IN', tpp: '0.' + '3'.repeat(150_000) }))))],
  ['6 holdings with 150,000-digit fractions (as JSON numbers)', JSON.stringify(veu([])).replace('"compute_by_country":[]', '"compute_by_country":[' + Array.from({ length: 6 }, () => '{"country":"IN","tpp":0.' + '3'.repeat(150_000) + '}').join(',') + ']')],
  ['a 10 MB destination string', JSON.stringify({ ...base, destination: 'Q'.repeat(10 * 1024 * 1024) })],
  ['a 10 MB string as a number', JSON.stringify({ ...base, item: { kind: 'ic', tpp: '9'.repeat(10 * 1024 * 1024) } })],
  ['1,000,000 invalid holdings', JSON.stringify(veu(Array.from({ length: 1_000_000 }, () => ({ country: 'ZZ', tpp: -1 }))))],
];

const rows: string[][] = [['input', 'validate (CPU ms)', 'JSON.parse (CPU ms)', 'validate / JSON.parse', 'errors']];
for (const [name, text] of hostile) {
  const json: unknown = JSON.parse(text);
  let errors = 0;
  const v = cpuMs(() => {
    const r = mod.validate(json);
    errors = r.ok ? 0 : r.errors.length;
  }, 3);
  const p = cpuMs(() => JSON.parse(text), 3);
  rows.push([name, v.toFixed(2), p.toFixed(2), (v / p).toFixed(2) + 'x', String(errors)]);
}

// ordinary transactions: one line of JSON each, as an order service receives them
const N = Number(process.env.POL_BENCH_N ?? 20_000);
const lines = fc.sample(arbIfrTransaction(), { numRuns: N, seed: 15 }).map((t) => JSON.stringify(t));
const parsed: unknown[] = lines.map((l) => JSON.parse(l) as unknown);
for (const p of parsed) if (!mod.validate(p).ok) throw new Error(`a generated IFR transaction does not validate: ${JSON.stringify(p)}`);
let parseMs = 0;
let validateMs = 0;
const parseRuns: number[] = [];
const validateRuns: number[] = [];
// interleaved rounds: each variant once per round, medians of the measured rounds
for (let round = 0; round < 10; round++) {
  const a = cpuMs(() => {
    for (const l of lines) JSON.parse(l);
  }, 1);
  const b = cpuMs(() => {
    for (const p of parsed) mod.validate(p);
  }, 1);
  if (round >= 3) {
    parseRuns.push(a);
    validateRuns.push(b);
  }
}
parseMs = median(parseRuns);
validateMs = median(validateRuns);
rows.push([`${N} ordinary transactions (per line)`, ((validateMs * 1e6) / N).toFixed(0) + ' ns', ((parseMs * 1e6) / N).toFixed(0) + ' ns', (validateMs / parseMs).toFixed(2) + 'x', '0']);

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]!)).join('  ') + '\n');
process.stdout.write('goal (issue 12): each hostile input under 50 ms; validate within 2x of JSON.parse per ordinary transaction\n');
