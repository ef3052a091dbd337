/**
 * The main job: compile the AI Diffusion policy to a TypeScript module, decide the sample
 * transactions with the compiled module, and print a table a reviewer can read.
 *   pnpm main [policy.pol] [inputs.jsonl]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { renderDiagnostics } from '@pol/core';
import { loadPolicyFromDisk } from '../packages/cli/src/io.ts';
import { makeEngine } from '../packages/cli/src/engines.ts';
import { decideOne, inputErrorText } from '../packages/cli/src/commands/eval.ts';
import { compileCommand } from '../packages/cli/src/commands/compile.ts';

const policyPath = process.argv[2] ?? 'policies/ai-diffusion/ifr.pol';
const inputPath = process.argv[3] ?? 'policies/ai-diffusion/samples.jsonl';
const outDir = 'out/ai-diffusion';

const loaded = loadPolicyFromDisk(policyPath);
if (!loaded.program) {
  process.stderr.write(renderDiagnostics(loaded.diagnostics, (p) => loaded.sources.get(p)) + '\n');
  process.exit(1);
}
const compiled = await compileCommand(policyPath, outDir, 'ts');
if (compiled !== 0) process.exit(compiled);
const engine = await makeEngine('compiled', loaded.program);

interface Row {
  n: string;
  tx: string;
  outcome: string;
  detail: string;
  rule: string;
  cites: string;
}
const rows: Row[] = [];
const lines = readFileSync(inputPath, 'utf8').split(/\r?\n/);
lines.forEach((line, i) => {
  if (!line.trim()) return;
  const json = JSON.parse(line) as Record<string, unknown>;
  const got = decideOne(engine, json, false);
  const tx = describeTransaction(json);
  if ('errors' in got) {
    rows.push({ n: String(i + 1), tx, outcome: 'input error', detail: got.errors.map(inputErrorText).join('; '), rule: '', cites: '' });
    return;
  }
  const r = got.result;
  const d = r.decision;
  const detail = [d['authorization'], d['review_policy']].filter((x) => x !== null && x !== undefined).join(' ');
  const alt = r.alternatives.length ? ` (also: ${r.alternatives.map((a) => a['authorization'] ?? a.outcome).join(', ')})` : '';
  const last = r.trace[r.trace.length - 1];
  rows.push({
    n: String(i + 1),
    tx,
    outcome: d.outcome,
    detail: detail + alt,
    rule: last ? `${last.id} (${last.file}:${last.line})` : '',
    cites: last?.cites.join('; ') ?? '',
  });
});

const headers: Row = { n: '#', tx: 'transaction', outcome: 'outcome', detail: 'authorization / review', rule: 'decided by', cites: 'citation' };
const keys = Object.keys(headers) as (keyof Row)[];
const width = Object.fromEntries(keys.map((k) => [k, Math.max(headers[k].length, ...rows.map((r) => r[k].length))])) as Record<keyof Row, number>;
const fmt = (r: Row) => keys.map((k) => r[k].padEnd(width[k])).join('  ').trimEnd();
process.stdout.write(`${basename(policyPath)} compiled to ${outDir}/; ${rows.length} transactions from ${inputPath}\n\n`);
process.stdout.write(fmt(headers) + '\n' + keys.map((k) => '-'.repeat(width[k])).join('  ') + '\n');
for (const r of rows) process.stdout.write(fmt(r) + '\n');

function describeTransaction(tx: Record<string, unknown>): string {
  const item = (tx['item'] ?? {}) as Record<string, unknown>;
  const consignee = (tx['consignee'] ?? {}) as Record<string, unknown>;
  const kind = String(item['kind'] ?? '?');
  const qty = item['units'] !== undefined ? `${item['units']}x ` : '';
  const facts: string[] = [];
  if (item['tpp'] !== undefined) facts.push(`TPP ${item['tpp']}`);
  if (item['training_operations'] !== undefined) facts.push(`${item['training_operations']} ops`);
  if (item['published'] === true) facts.push('published');
  if (item['below_open_frontier'] === true) facts.push('below open frontier');
  const hq = consignee['headquarters'];
  const parent = consignee['parent_headquarters'];
  const who = hq ? ` (HQ ${hq}${parent && parent !== hq ? `, parent ${parent}` : ''})` : '';
  return `${tx['date']} ${qty}${kind}${facts.length ? ` ${facts.join(', ')}` : ''} -> ${tx['destination']}${who}`;
}
