/**
 * The main job: compile both AI Diffusion entry policies (the law as published, ifr.pol, and as
 * enforced, as-enforced-2025-05-13.pol) to TypeScript modules, decide the sample transactions with
 * each compiled module, and print the two decisions side by side in a table a reviewer can read.
 *   pnpm main [published.pol] [enforced.pol] [inputs.jsonl]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { renderDiagnostics } from '@pol/core';
import { loadPolicyFromDisk } from '../packages/cli/src/io.ts';
import { makeEngine, type Engine } from '../packages/cli/src/engines.ts';
import { decideOne, inputErrorText } from '../packages/cli/src/batch/decide.ts';
import { compileCommand } from '../packages/cli/src/commands/compile.ts';

const publishedPath = process.argv[2] ?? 'policies/ai-diffusion/ifr.pol';
const enforcedPath = process.argv[3] ?? 'policies/ai-diffusion/as-enforced-2025-05-13.pol';
const inputPath = process.argv[4] ?? 'policies/ai-diffusion/samples.jsonl';

async function compiledEngine(path: string, outDir: string): Promise<Engine> {
  const loaded = loadPolicyFromDisk(path);
  if (!loaded.program) {
    process.stderr.write(renderDiagnostics(loaded.diagnostics, (p) => loaded.sources.get(p)) + '\n');
    process.exit(1);
  }
  const compiled = await compileCommand(path, outDir, 'ts');
  if (compiled !== 0) process.exit(compiled);
  return makeEngine('compiled', loaded.program);
}

const published = await compiledEngine(publishedPath, 'out/ai-diffusion');
const enforced = await compiledEngine(enforcedPath, 'out/ai-diffusion-as-enforced');

/** Input errors, printed under the table (they are too long for a column). */
const notes: string[] = [];

/** One policy's answer: the decision with its authorization or review policy, and what decided it. */
function answer(engine: Engine, json: unknown, n: number): { decision: string; by: string } {
  const got = decideOne(engine, json, false);
  if ('errors' in got) {
    const text = got.errors.map(inputErrorText).join('; ');
    const note = `#${n}: ${text}`;
    if (!notes.includes(note)) notes.push(note);
    return { decision: 'input error', by: `see #${n} below` };
  }
  const r = got.result;
  const d = r.decision;
  const detail = [d['authorization'], d['review_policy']].filter((x) => x !== null && x !== undefined).join(' ');
  const alt = r.alternatives.length ? ` (also: ${r.alternatives.map((a) => a['authorization'] ?? a.outcome).join(', ')})` : '';
  const last = r.trace[r.trace.length - 1];
  const cite = last?.cites[0];
  return { decision: `${d.outcome}${detail ? ` ${detail}` : ''}${alt}`, by: last ? `${last.id}${cite ? ` [${cite}]` : ''}` : '' };
}

interface Row {
  n: string;
  tx: string;
  published: string;
  publishedBy: string;
  enforced: string;
  enforcedBy: string;
  same: string;
}
const rows: Row[] = [];
const lines = readFileSync(inputPath, 'utf8').split(/\r?\n/);
lines.forEach((line, i) => {
  if (!line.trim()) return;
  const json = JSON.parse(line) as Record<string, unknown>;
  const p = answer(published, json, i + 1);
  const e = answer(enforced, json, i + 1);
  rows.push({
    n: String(i + 1),
    tx: describeTransaction(json),
    published: p.decision,
    publishedBy: p.by,
    enforced: e.decision,
    enforcedBy: e.by,
    same: p.decision === e.decision ? '' : '*',
  });
});

const headers: Row = {
  n: '#',
  tx: 'transaction',
  published: `as published (${basename(publishedPath)})`,
  publishedBy: 'decided by',
  enforced: `as enforced (${basename(enforcedPath)})`,
  enforcedBy: 'decided by',
  same: 'differs',
};
const keys = Object.keys(headers) as (keyof Row)[];
const width = Object.fromEntries(keys.map((k) => [k, Math.max(headers[k].length, ...rows.map((r) => r[k].length))])) as Record<keyof Row, number>;
const fmt = (r: Row) => keys.map((k) => r[k].padEnd(width[k])).join('  ').trimEnd();
process.stdout.write(
  `${basename(publishedPath)} compiled to out/ai-diffusion/, ${basename(enforcedPath)} to out/ai-diffusion-as-enforced/; ${rows.length} transactions from ${inputPath}\n` +
    `(* = the two policies decide differently)\n\n`,
);
process.stdout.write(fmt(headers) + '\n' + keys.map((k) => '-'.repeat(width[k])).join('  ') + '\n');
for (const r of rows) process.stdout.write(fmt(r) + '\n');
if (notes.length) process.stdout.write(`\ninput errors (each policy reports them alike; the other lines were decided):\n${notes.map((x) => `  ${x}`).join('\n')}\n`);

function describeTransaction(tx: Record<string, unknown>): string {
  const item = (tx['item'] ?? {}) as Record<string, unknown>;
  const consignee = (tx['consignee'] ?? {}) as Record<string, unknown>;
  const kind = String(item['kind'] ?? '?');
  const qty = item['units'] !== undefined ? `${item['units']}x ` : '';
  const facts: string[] = [];
  if (item['ic_tpp'] !== undefined) facts.push(`IC TPP ${item['ic_tpp']}`);
  else if (item['tpp'] !== undefined) facts.push(`TPP ${item['tpp']}`);
  if (item['data_center'] === false) facts.push('not for data centers');
  if (item['dram_bandwidth'] !== undefined) facts.push(`DRAM ${item['dram_bandwidth']} GB/s`);
  if (item['training_operations'] !== undefined) facts.push(`${item['training_operations']} ops`);
  if (item['published'] === true) facts.push('published');
  if (item['below_open_frontier'] === true) facts.push('below open frontier');
  const hq = consignee['headquarters'];
  const parent = consignee['parent_headquarters'];
  const who = hq ? ` (HQ ${hq}${parent && parent !== hq ? `, parent ${parent}` : ''})` : '';
  const act = tx['activity'] && tx['activity'] !== 'export' ? ` ${tx['activity']}` : '';
  return `${tx['date']}${act} ${qty}${kind}${facts.length ? ` ${facts.join(', ')}` : ''} -> ${tx['destination']}${who}`;
}
