/**
 * Formatting time: every policy under policies/, then a generated file of about 10,000 lines
 * (goal: under 1 s). A plain script, not a test:
 *   npx tsx packages/prettier-plugin-pol/bench/format.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatPol } from '../src/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Median time of `runs` formats (after one warm-up). */
async function time(text: string, runs: number): Promise<number> {
  await formatPol(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await formatPol(text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * A policy of about `lines` lines as counsel write them (one clause or field per line): groups,
 * definitions with long conditions, rules with nested exceptions, examples with records and
 * lists, comments.
 */
function generated(lines: number): string {
  const countries = ['AU', 'BE', 'CA', 'DK', 'FI', 'FR', 'DE', 'IE', 'IT', 'JP', 'NL', 'NZ', 'NO', 'KR', 'ES', 'SE', 'TW', 'GB'];
  const out: string[] = ['policy "Generated"', '  version "1"', '', 'enum Kind { ic, computer, other }', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `// Block ${i}: a group, a definition, a rule with exceptions and an example.`,
      `group G${i} of Country = {`,
      `  ${countries.join(', ')}`,
      '}',
      '',
      `define d${i} =`,
      '  item.kind is ic',
      `  and item.tpp >= ${i}_000 TPP`,
      `  and (destination in G${i} or consignee.headquarters in G${i})`,
      '  and not (item.published otherwise false)',
      '',
      `rule r${i} "Rule ${i}" {`,
      `  cites "15 CFR ${i}"`,
      `  when d${i}`,
      '  decide license_required(review: approval)',
      '',
      `  exception e${i} "Exception ${i}" {`,
      `    cites "15 CFR ${i}(a)"`,
      `    when destination in G${i} // allies`,
      '    decide authorized(by: AIA)',
      '    obligation "Keep the records for five years."',
      '  }',
      '}',
      '',
      `example "Case ${i}" {`,
      '  given {',
      '    date: 2025-06-02',
      '    item: { kind: ic, units: 1_000, tpp: 15_832 TPP, performance_density: 19.4 }',
      '    destination: JP',
      '    holdings: [',
      '      { country: US, tpp: 500_000 TPP },',
      '      { country: GB, tpp: 250_000 TPP },',
      '    ]',
      '  }',
      '  expect authorized(by: AIA)',
      '}',
      '',
    );
  }
  return out.join('\n');
}

const policies = (readdirSync(join(ROOT, 'policies'), { recursive: true }) as string[]).filter((f) => f.endsWith('.pol')).sort();
let total = 0;
console.log('file                                              lines    median');
for (const f of policies) {
  const text = readFileSync(join(ROOT, 'policies', f), 'utf8');
  const ms = await time(text, 10);
  total += ms;
  const lines = text.split('\n').length;
  console.log(`${relative(ROOT, join(ROOT, 'policies', f)).padEnd(48)} ${String(lines).padStart(7)} ${ms.toFixed(1).padStart(7)} ms`);
}
console.log(`${'all policy files'.padEnd(48)} ${''.padStart(7)} ${total.toFixed(1).padStart(7)} ms`);

const big = generated(10_000);
const bigOut = await formatPol(big);
const ms = await time(big, 5);
console.log(
  `${'generated'.padEnd(48)} ${String(big.split('\n').length).padStart(7)} ${ms.toFixed(1).padStart(7)} ms` +
    `  (${bigOut.split('\n').length} lines formatted; goal < 1000 ms: ${ms < 1000 ? 'met' : 'MISSED'})`,
);
