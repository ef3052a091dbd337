/**
 * Decides a sequence of inputs in order against balances kept in memory, as the store does in
 * DuckDB: each decision reads the balances before it, and its postings set them after it.
 */
import { readFileSync } from 'node:fs';
import { compilePolicyFile, evaluate, resultToJson, validateInput, balanceKey, Rational, type CheckedProgram, type ResultJson } from '@pol/core';

export function loadLedgerPolicy(path: string): CheckedProgram {
  const c = compilePolicyFile(path, (p) => readFileSync(p, 'utf8'));
  if (!c.program) throw new Error(c.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return c.program;
}

export function decideInOrder(program: CheckedProgram, inputs: readonly unknown[], balances = new Map<string, Rational>()): { results: ResultJson[]; balances: Map<string, Rational> } {
  const results: ResultJson[] = [];
  for (const json of inputs) {
    const v = validateInput(program, json);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const r = evaluate(program, v.value, { balances });
    for (const p of r.postings) balances.set(balanceKey(p.ledger, p.key), p.after);
    results.push(resultToJson(program, r));
  }
  return { results, balances };
}
