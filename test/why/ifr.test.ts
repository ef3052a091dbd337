/**
 * `pol why` on the AI Diffusion rule as published (policies/ai-diffusion/ifr.pol), on random
 * transactions from the oracle's generator with random kept facts and wanted decisions: every
 * suggested change is decided again here by the reference interpreter (validated, and decided as
 * asked), no suggestion changes a kept fact (checked on a leaf diff written here, not the one
 * `pol why` reports), and no suggestion contains another. CI runs a few transactions; the recorded
 * deep run is POL_FC_RUNS=1000 (test/why/README.md).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePolicyFile, evaluate, resultToJson, validateInput, type CheckedProgram, type DecisionJson } from '@pol/core';
import { why } from '@pol/analysis/why';
import { freshZ3, type Z } from '../../packages/analysis/src/smt/z3.ts';
import { arbIfrTransaction } from '../ifr-oracle/transactions.ts';
import { fcParams } from '../support/fc-config.ts';
import { REPO } from '../support/policy-files.ts';
import { decided, leafDiff, underAny } from './support.ts';

let program: CheckedProgram;
let Z: Z;

beforeAll(async () => {
  const loaded = compilePolicyFile(join(REPO, 'policies/ai-diffusion/ifr.pol'), (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  program = loaded.program!;
  Z = await freshZ3();
});

const KEEPABLE = ['date', 'activity', 'destination', 'item', 'item.kind', 'item.tpp', 'consignee', 'consignee.headquarters', 'consignee.parent_headquarters', 'veu', 'veu.compute_by_country', 'allocation_remaining_tpp'];
const WANTS = [undefined, undefined, 'authorized', 'not_controlled', 'license_required', 'authorized(authorization: AIA)', 'authorized(authorization: LPP)', 'license_required(review_policy: presumption_of_denial)'];

const stats = { transactions: 0, suggestions: 0, statuses: new Map<string, number>(), changes: new Map<number, number>() };

const summary = (): string =>
  `pol why on ifr.pol: ${stats.transactions} transactions, ${stats.suggestions} suggestions confirmed; status ${JSON.stringify(Object.fromEntries(stats.statuses))}; suggestions by number of changed facts ${JSON.stringify(Object.fromEntries([...stats.changes].sort((a, b) => a[0] - b[0])))}`;

describe('pol why on ifr.pol', () => {
  it('every suggestion is confirmed by evaluation and keeps the kept facts', async () => {
    const params = fcParams(6);
    await fc.assert(
      fc.asyncProperty(arbIfrTransaction(), fc.subarray(KEEPABLE, { maxLength: 3 }), fc.constantFrom(...WANTS), async (tx, keep, want) => {
        const original = validateInput(program, tx);
        if (!original.ok) return; // the generator's transactions validate; a `require` could still refuse one
        const before = resultToJson(program, evaluate(program, original.value)).decision;
        // one context for the run (a fresh one per question grows z3's memory past its 2 GB:
        // contexts are freed only when JavaScript collects them); deep runs go in chunks of
        // 200 per process (test/why/README.md)
        const report = await why(program, tx, { keep, ...(want ? { want } : {}), z3: Z });
        stats.transactions++;
        // a deep run's progress (POL_WHY_LOG=file): the figures so far, every 25 transactions
        const log = process.env['POL_WHY_LOG'];
        if (log && stats.transactions % 25 === 0) appendFileSync(log, `${new Date().toISOString()} ${summary()}\n`);
        stats.statuses.set(report.status, (stats.statuses.get(report.status) ?? 0) + 1);
        expect(report.decision).toEqual(before);
        const sets: string[][] = [];
        for (const s of report.suggestions) {
          stats.suggestions++;
          const v = validateInput(program, s.input);
          expect(v.ok, JSON.stringify(s.input)).toBe(true);
          if (!v.ok) return;
          const after: DecisionJson = resultToJson(program, evaluate(program, v.value)).decision;
          expect(after).toEqual(s.decision);
          expect(decided(after, before, want)).toBe(true);
          const changed = leafDiff(program.input.type, original.value, v.value);
          expect(changed.length).toBeGreaterThan(0);
          expect(changed.filter((p) => underAny(p, keep))).toEqual([]);
          expect(new Set(s.changes.map((c) => c.path))).toEqual(new Set(changed));
          stats.changes.set(changed.length, (stats.changes.get(changed.length) ?? 0) + 1);
          // minimal: no suggestion holds an earlier one (and they come fewest changes first)
          for (const earlier of sets) expect(earlier.every((p) => changed.includes(p)), `${changed} contains ${earlier}`).toBe(false);
          if (sets.length) expect(changed.length).toBeGreaterThanOrEqual(sets[sets.length - 1]!.length);
          sets.push(changed);
        }
        if (report.status === 'found') expect(report.suggestions.length).toBeGreaterThan(0);
      }),
      { ...params, endOnFailure: true },
    );
    // the figures the deep run records (test/why/README.md)
    console.log(summary());
    expect(stats.suggestions).toBeGreaterThan(0);
  }, 3_600_000 * 3);
});
