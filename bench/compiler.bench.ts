/**
 * Compiled-module benchmark (a plain script: `npx tsx bench/compiler.bench.ts`; POL_BENCH_N sets the
 * input count, default 100,000). Prints medians of several timed runs after a warm-up, as ratios.
 */
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { evaluate as interpret, validateInput, type CheckedProgram } from '../packages/core/src/index.ts';
import { compileProgram, loadCompiled, generateSource } from '../packages/compiler/src/index.ts';
import { checkSource } from '../test/harness/policy-gen.ts';
import { loadProgram } from '../test/codegen/util.ts';
import { arbIfrTransaction } from '../test/ifr-oracle/transactions.ts';
import { decide, decideFull, type Tx } from './ifr-hand.ts';

const N = Number(process.env.POL_BENCH_N ?? 100_000);
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function time(fn: () => void, runs = RUNS): number {
  fn(); // warm-up
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}
async function timeAsync(fn: () => Promise<void>, runs = 3): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

// ---------------------------------------------------------------- the sample policy, by hand

const ALLIES = new Set(['AU', 'CA', 'GB', 'JP', 'NZ']);
const EMBARGOED = new Set(['CU', 'IR', 'KP', 'SY']);
interface SampleIn {
  date: string;
  kind: string;
  destination: string;
  units: number;
  tpp: number | null;
  received_this_year: number;
  holdings: { country: string; tpp: number }[];
}
function embargoed(c: string, date: string): boolean {
  return EMBARGOED.has(c) || (c === 'RU' && date >= '2025-06-01');
}
function handWritten(i: SampleIn): string {
  if (i.kind === 'accelerator' && i.tpp !== null && i.tpp >= 4800) {
    if (embargoed(i.destination, i.date)) return 'license_required:denial';
    if (ALLIES.has(i.destination)) return 'authorized';
    if (i.received_this_year + i.units * i.tpp <= 1_000_000) {
      let other = 0;
      let total = 0;
      let allied = 0;
      for (const h of i.holdings) {
        total += h.tpp;
        if (ALLIES.has(h.country)) allied += h.tpp;
        else other++;
      }
      if (other > 0 && allied * 4 < total * 3) return 'license_required:approval';
      return 'authorized';
    }
    return 'license_required:approval';
  }
  if (i.kind === 'software' && i.date >= '2025-04-01' && embargoed(i.destination, i.date)) return 'license_required:denial';
  return 'no_license_needed';
}

function sampleInputs(n: number): SampleIn[] {
  const countries = ['JP', 'GB', 'BR', 'CN', 'IR', 'RU', 'DE', 'IN', 'CU', 'AU'];
  const holding = fc.record({ country: fc.constantFrom(...countries), tpp: fc.integer({ min: 0, max: 400 }) });
  return fc.sample(
    fc.record({
      date: fc.constantFrom('2025-03-15', '2025-05-01', '2025-06-01', '2025-07-20'),
      kind: fc.constantFrom('accelerator', 'accelerator', 'software', 'other'),
      destination: fc.constantFrom(...countries),
      units: fc.integer({ min: 0, max: 400 }),
      tpp: fc.option(fc.integer({ min: 4000, max: 6000 }), { nil: null, freq: 6 }),
      received_this_year: fc.integer({ min: 0, max: 1_000_000 }),
      holdings: fc.array(holding, { maxLength: 4 }),
    }),
    { numRuns: n, seed: 1 },
  );
}

// json-rules-engine: the same logic as facts + rules (priority = precedence), first event wins
function jreEngine(): Engine {
  const e = new Engine([], { allowUndefinedFacts: true });
  e.addOperator('inSet', (a: unknown, b: unknown) => (b as string[]).includes(a as string));
  const acc = { fact: 'kind', operator: 'equal', value: 'accelerator' };
  const perf = { fact: 'tpp', operator: 'greaterThanInclusive', value: 4800 };
  e.addRule({ priority: 10, conditions: { all: [acc, perf, { fact: 'embargoed', operator: 'equal', value: true }] }, event: { type: 'license_required:denial' } });
  e.addRule({ priority: 9, conditions: { all: [acc, perf, { fact: 'destination', operator: 'inSet', value: [...ALLIES] }] }, event: { type: 'authorized' } });
  e.addRule({
    priority: 8,
    conditions: { all: [acc, perf, { fact: 'small', operator: 'equal', value: true }, { fact: 'concentrated', operator: 'equal', value: true }] },
    event: { type: 'license_required:approval' },
  });
  e.addRule({ priority: 7, conditions: { all: [acc, perf, { fact: 'small', operator: 'equal', value: true }] }, event: { type: 'authorized' } });
  e.addRule({ priority: 6, conditions: { all: [acc, perf] }, event: { type: 'license_required:approval' } });
  e.addRule({
    priority: 5,
    conditions: { all: [{ fact: 'kind', operator: 'equal', value: 'software' }, { fact: 'date', operator: 'greaterThanInclusive', value: '2025-04-01' }, { fact: 'embargoed', operator: 'equal', value: true }] },
    event: { type: 'license_required:denial' },
  });
  return e;
}
async function jreDecide(e: Engine, i: SampleIn): Promise<string> {
  const total = i.holdings.reduce((s, h) => s + h.tpp, 0);
  const allied = i.holdings.filter((h) => ALLIES.has(h.country)).reduce((s, h) => s + h.tpp, 0);
  const facts = {
    ...i,
    tpp: i.tpp ?? -1,
    embargoed: embargoed(i.destination, i.date),
    small: i.received_this_year + i.units * (i.tpp ?? 0) <= 1_000_000,
    concentrated: i.holdings.some((h) => !ALLIES.has(h.country)) && allied * 4 < total * 3,
  };
  const { events } = await e.run(facts);
  const sorted = events as { type: string }[];
  return sorted[0]?.type ?? 'no_license_needed';
}

// ---------------------------------------------------------------- a generated policy of realistic shape

export function realisticPolicy(rules: number): string {
  const out: string[] = [
    'policy "Generated realistic" version "1"',
    'unit TPP',
    'record Holding { country: Country, tpp: TPP }',
    'group Tier1 of Country = { AU, BE, CA, DK, FI, FR, DE, IE, IT, JP, NL, NZ, NO, KR, ES, SE, TW, GB, US }',
    'group Tier3 of Country = { CN, MO, RU, IR, KP, CU, SY, VE from 2025-06-01 }',
    'input Tx as of date { date: Date, destination: Country, tpp: TPP, units: Number, value: Number, holdings: list of Holding }',
    'decision D { ok, license(level: Number), denied }',
    'define total = sum(h.tpp for each h in holdings)',
    'define tier1 = sum(h.tpp for each h in holdings where h.country in Tier1)',
  ];
  for (let i = 0; i < rules; i++) {
    const k = i % 4;
    const when =
      k === 0
        ? `destination in Tier3 and tpp >= ${1000 + i} TPP`
        : k === 1
          ? `destination not in Tier1 and units * tpp > ${100000 + i * 10} TPP`
          : k === 2
            ? `tier1 < 75% * total and value >= ${i * 1000}`
            : `destination in { ${['BR', 'IN', 'MX', 'SG'][i % 4]} } and value / units > ${i + 1}`;
    out.push(`rule r${i} {\n  cites "Sec. ${i}"\n  when ${when}\n  decide license(level: ${i})\n  exception e${i} {\n    cites "Sec. ${i}(b)"\n    when destination in Tier1\n    decide ok\n  }\n}`);
  }
  out.push('otherwise decide ok');
  return out.join('\n\n') + '\n';
}

function realisticInputs(n: number): unknown[] {
  const countries = ['US', 'JP', 'CN', 'RU', 'BR', 'IN', 'MX', 'SG', 'DE', 'VE'];
  return fc.sample(
    fc.record({
      date: fc.constantFrom('2025-03-01', '2025-07-01'),
      destination: fc.constantFrom(...countries),
      tpp: fc.integer({ min: 0, max: 50_000 }),
      units: fc.integer({ min: 1, max: 1000 }),
      value: fc.integer({ min: 0, max: 100_000 }),
      holdings: fc.array(fc.record({ country: fc.constantFrom(...countries), tpp: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 5 }),
    }),
    { numRuns: n, seed: 2 },
  );
}

// ---------------------------------------------------------------- run

async function compare(name: string, program: CheckedProgram, raw: unknown[], extra: (rows: string[][]) => Promise<void>): Promise<string[][]> {
  const mod = await loadCompiled(program);
  const cv: unknown[] = [];
  const iv: Parameters<typeof interpret>[1][] = [];
  for (const x of raw) {
    const a = mod.validate(x);
    const b = validateInput(program, x);
    if (a.ok && b.ok) {
      cv.push(a.value);
      iv.push(b.value);
    }
  }
  const compiled = time(() => {
    for (const v of cv) mod.evaluate(v);
  });
  const noTrace = time(() => {
    for (const v of cv) mod.evaluate(v, { trace: false });
  });
  const interpN = Math.min(iv.length, 20_000);
  const interp = (time(() => {
    for (let i = 0; i < interpN; i++) interpret(program, iv[i]!);
  }, 3) * iv.length) / interpN;
  const rows = [
    [name, `${cv.length} validated inputs`, '', ''],
    ['  compiled evaluate (trace on)', `${compiled.toFixed(1)} ms`, `${((compiled * 1e6) / cv.length).toFixed(0)} ns/op`, '1.00x'],
    ['  compiled evaluate (trace off)', `${noTrace.toFixed(1)} ms`, `${((noTrace * 1e6) / cv.length).toFixed(0)} ns/op`, `trace on/off = ${(compiled / noTrace).toFixed(2)}x`],
    ['  reference interpreter', `${interp.toFixed(1)} ms`, `${((interp * 1e6) / cv.length).toFixed(0)} ns/op`, `compiled is ${(interp / compiled).toFixed(1)}x faster`],
  ];
  await extra(rows);
  void compiled;
  (rows as unknown as { compiled: number }).compiled = compiled;
  return rows;
}

// ---------------------------------------------------------------- the AI Diffusion IFR against hand-written TypeScript

const IFR_N = Number(process.env.POL_BENCH_IFR_N ?? 20_000);
const IFR_ROUNDS = 15;
const IFR_CHUNK = 1000;

/**
 * Compiled `evaluate` on policies/ai-diffusion/ifr.pol against bench/ifr-hand.ts, on IFR_N random
 * valid transactions in this process: interleaved rounds (every variant on each chunk of inputs,
 * in turn), medians of IFR_ROUNDS. The hand-written functions must agree with the module on every
 * input.
 */
async function ifrRows(): Promise<string[][]> {
  const program = loadProgram(new URL('../policies/ai-diffusion/ifr.pol', import.meta.url).pathname);
  const mod = await loadCompiled(program);
  const raw = fc.sample(arbIfrTransaction(), { numRuns: IFR_N, seed: 15 });
  const inputs: unknown[] = [];
  for (const x of raw) {
    const v = mod.validate(x);
    if (!v.ok) throw new Error(`a generated IFR transaction does not validate: ${JSON.stringify(v.errors)}`);
    inputs.push(v.value);
  }
  // honesty: the hand-written functions give the module's answers on every input
  for (const v of inputs) {
    const r = mod.evaluate(v) as { decision: unknown };
    const d = decide(v as Tx);
    if (JSON.stringify(r.decision) !== JSON.stringify(d)) throw new Error(`ifr-hand decide disagrees on ${JSON.stringify(v)}: ${JSON.stringify(d)} vs ${JSON.stringify(r.decision)}`);
    const full = JSON.stringify(decideFull(v as Tx));
    // the module's results also name the policy (one shared object): compared without it
    const { policy: _policy, ...rest } = r as { policy?: unknown };
    const { alternatives: _alternatives, ...lean } = JSON.parse(full) as { alternatives: unknown };
    if (JSON.stringify(rest) !== JSON.stringify(lean)) throw new Error(`the default result is not the full result without alternatives on ${JSON.stringify(v)}`);
    const { policy: _p, ...whole } = mod.evaluate(v, { alternatives: true }) as { policy?: unknown };
    if (JSON.stringify(whole) !== full) throw new Error(`ifr-hand decideFull disagrees on ${JSON.stringify(v)}:\n${full}\n${JSON.stringify(whole)}`);
  }
  const variants: [string, (v: unknown) => unknown][] = [
    ['compiled evaluate (default options)', (v) => mod.evaluate(v)],
    ['hand-written decision', (v) => decide(v as Tx)],
    ['compiled evaluate, alternatives: true (the full result)', (v) => mod.evaluate(v, { alternatives: true })],
    ['hand-written full result', (v) => decideFull(v as Tx)],
    ['compiled evaluate, explain', (v) => mod.evaluate(v, { explain: true })],
  ];
  // CPU time of this process (user + system), not wall time: the machine is shared, and waiting
  // for a core is not the code's cost. Interleaved finely, so that every variant meets the same
  // load: each round takes the inputs in chunks of IFR_CHUNK, and runs every variant on a chunk
  // before the next chunk, in an order that rotates from chunk to chunk and round to round (so no
  // variant is always the first to touch a chunk's inputs, or the one after another's garbage).
  // Three rounds warm up; then IFR_ROUNDS are measured; a ratio is the median of the rounds' ratios.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const times = variants.map(() => [] as number[]);
  for (let round = -3; round < IFR_ROUNDS; round++) {
    const sums = variants.map(() => 0);
    for (let c = 0, at = 0; at < inputs.length; c++, at += IFR_CHUNK) {
      const chunk = inputs.slice(at, at + IFR_CHUNK);
      for (let q = 0; q < variants.length; q++) {
        const k = (q + c + round + 3) % variants.length;
        const fn = variants[k]![1];
        const t = cpu();
        for (const v of chunk) fn(v);
        sums[k]! += cpu() - t;
      }
    }
    if (round >= 0) sums.forEach((x, k) => times[k]!.push(x));
  }
  const ratio = (a: number, b: number): number => median(times[a]!.map((x, r) => x / times[b]![r]!));
  const [compiled, hand, compiledFull, handFull, explain] = times.map(median) as [number, number, number, number, number];
  const ns = (ms: number): string => `${((ms * 1e6) / inputs.length).toFixed(0)} ns/op`;
  return [
    [`ai-diffusion/ifr.pol`, `${inputs.length} random valid transactions, agreeing`, `CPU time, medians of ${IFR_ROUNDS} rounds, interleaved by ${IFR_CHUNK}`, ''],
    ['  compiled evaluate (default options)', `${compiled.toFixed(1)} ms`, ns(compiled), ''],
    ['  hand-written decision', `${hand.toFixed(1)} ms`, ns(hand), `compiled/hand = ${ratio(0, 1).toFixed(2)}x (target <= 1.2x)`],
    ['  compiled evaluate, alternatives: true', `${compiledFull.toFixed(1)} ms`, ns(compiledFull), ''],
    ['  hand-written full result', `${handFull.toFixed(1)} ms`, ns(handFull), `compiled full/hand full = ${ratio(2, 3).toFixed(2)}x (target <= 1.5x)`],
    ['  compiled evaluate, explain: true', `${explain.toFixed(1)} ms`, ns(explain), `explain/default = ${ratio(4, 0).toFixed(2)}x`],
  ];
}

const rows: string[][] = [];
if (process.env.POL_BENCH_IFR !== '0') rows.push(...(await ifrRows()));
const sample = loadProgram(new URL('../policies/sample/lab-exports.pol', import.meta.url).pathname);
const sIn = sampleInputs(N);
const sampleRows = await compare('sample/lab-exports.pol', sample, sIn, async (r) => {
  const hand = time(() => {
    for (const x of sIn) handWritten(x);
  });
  const engine = jreEngine();
  const jN = Math.min(sIn.length, 10_000);
  const jre = ((await timeAsync(async () => {
    for (let i = 0; i < jN; i++) await jreDecide(engine, sIn[i]!);
  })) * sIn.length) / jN;
  const compiled = Number.parseFloat(r[1]![1]!);
  r.push(['  hand-written TypeScript', `${hand.toFixed(1)} ms`, `${((hand * 1e6) / sIn.length).toFixed(0)} ns/op`, `compiled/hand = ${(compiled / hand).toFixed(2)}x`]);
  r.push(['  json-rules-engine', `${jre.toFixed(1)} ms`, `${((jre * 1e6) / sIn.length).toFixed(0)} ns/op`, `compiled is ${(jre / compiled).toFixed(1)}x faster`]);
});
rows.push(...sampleRows);
const realistic = checkSource(realisticPolicy(32), '/bench/realistic.pol');
rows.push(...(await compare('generated realistic (32 rules + 32 exceptions)', realistic, realisticInputs(N), async () => {})));

// POL_BENCH_COMPILE=0 skips the compile-time rows
for (const n of process.env.POL_BENCH_COMPILE === '0' ? [] : [1000, 10_000]) {
  const src = realisticPolicy(n);
  let t = performance.now();
  const p = checkSource(src, `/bench/rules${n}.pol`);
  const check = performance.now() - t;
  t = performance.now();
  generateSource(p);
  const gen = performance.now() - t;
  t = performance.now();
  await compileProgram(p); // what `pol compile` does: prettier only up to FORMAT_LIMIT characters
  const full = performance.now() - t;
  rows.push([`pol compile, ${n} rules`, `check ${check.toFixed(0)} ms`, `generate ${gen.toFixed(0)} ms`, `compileProgram ${full.toFixed(0)} ms`]);
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
for (const r of rows) console.log(r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  '));
