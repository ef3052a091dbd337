/**
 * The AI Diffusion rule as published (policies/ai-diffusion/ifr.pol) keeps its quotas in ledgers:
 * a sequence of shipments (fixtures/ifr-shipments.jsonl) through the real `pol eval --ledger`. The
 * expected answers are worked out here from the rule, not read from the policy:
 *
 * - LPP (15 CFR 740.29): 26,900,000 TPP per ultimate consignee per calendar year. BR-UNI-1 receives
 *   1,000 ICs of 15,832 TPP (15,832,000), then 1,000 of 11,068 (11,068,000: exactly 26,900,000,
 *   the limit reached, so the consignee must notify BIS); one more IC of 4,800 TPP is over the
 *   limit in August and on 31 December, so each needs a license; on 1 January 2026 the count starts
 *   again. BR-LAB-2 has its own limit.
 * - Tier 2 allocation: licenses to India draw on what is left of India's allocation, given as
 *   40,000,000 TPP: 15,832,000 and 31,664,000 fit (approval), 47,496,000 does not (denial, nothing
 *   drawn), 500 ICs (39,580,000) fit again. Brazil's 10,000,000 takes the two single ICs (9,600).
 * - National VEU NVEU-IN-1 with 20,000,000 TPP left: 15,832,000 fits; the next 1,000 ICs
 *   (31,664,000) do not, and as a license they would take India to 55,412,000 of its 40,000,000:
 *   denial. VEU shipments do not draw on the country's allocation.
 * - A line without a transaction id is refused and posts nothing.
 * - Reversing T-03 (a withdrawn license of 15,832,000) takes India back to 23,748,000, so another
 *   1,000 ICs fit the 40,000,000 again (39,580,000), where without the reversal they would not.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, resultToJson, validateInput, type RRecord } from '@pol/core';
import { REPO } from '../support/policy-files.ts';
import { pol } from '../cli/run-cli.ts';
import { LedgerStore } from '../../packages/cli/src/ledger/store.ts';
import { loadLedgerPolicy } from './sequence.ts';

const POLICY = 'policies/ai-diffusion/ifr.pol';
const INPUT = 'test/ledger/fixtures/ifr-shipments.jsonl';

type Line = { outcome?: string; authorization?: string | null; review_policy?: string | null; decided_by?: string; obligations?: string[]; error?: string };
const answer = (l: Line): string => l.error ?? `${l.outcome}${l.authorization ? ` ${l.authorization}` : ''}${l.review_policy ? ` ${l.review_policy}` : ''}`;

const EXPECTED = [
  'authorized LPP', // T-01 BR-UNI-1: 15,832,000
  'license_required presumption_of_approval', // T-02 IN: 15,832,000 of 40,000,000
  'license_required presumption_of_approval', // T-03 IN: 31,664,000
  'license_required presumption_of_denial', // T-04 IN: 47,496,000 > 40,000,000
  'license_required presumption_of_approval', // T-05 IN: 39,580,000
  'authorized LPP', // T-06 BR-UNI-1: 26,900,000, the limit reached
  'authorized NVEU', // T-07 NVEU-IN-1: 15,832,000 of 20,000,000
  'license_required presumption_of_denial', // T-08 NVEU over; IN 55,412,000 > 40,000,000
  'license_required presumption_of_approval', // T-09 BR-UNI-1 over the LPP limit; BR 4,800
  'authorized LPP', // T-10 BR-LAB-2: its own limit
  'invalid input', // no transaction id
  'license_required presumption_of_approval', // T-12 still 2025; BR 9,600
  'authorized LPP', // T-13 1 January 2026
];

/** Whether `block`'s lines, indentation aside, appear one after another in `text`. */
function quotes(text: string, block: string): boolean {
  const hay = text.split('\n').map((l) => l.trim());
  const needle = block.trimEnd().split('\n').map((l) => l.trim());
  return hay.some((_, i) => needle.every((l, j) => hay[i + j] === l));
}

describe('docs/ledger.md', () => {
  it('quotes the AI Diffusion policy as it is', () => {
    const doc = readFileSync(join(REPO, 'docs/ledger.md'), 'utf8');
    const chips = readFileSync(join(REPO, 'policies/ai-diffusion/chips.pol'), 'utf8');
    const blocks = [...doc.matchAll(/^```pol\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const b of blocks) expect(quotes(chips, b), b).toBe(true);
  });
});

describe('ifr.pol keeps LPP receipts, Tier 2 allocations and NVEU caps in a ledger', () => {
  it('crosses each quota on the right shipment and starts LPP again on 1 January', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'pol-ifr-ledger-')), 'ifr.duckdb');
    const r = pol(['eval', POLICY, '--input', INPUT, '--ledger', db, '--engine', 'interpreter']);
    expect(r.code).toBe(1); // the line without an id
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines.map(answer)).toEqual(EXPECTED);
    expect(lines[5]!.decided_by).toBe('lpp_limit_reached');
    expect(lines[5]!.obligations).toContain('With this shipment the ultimate consignee reaches the 26,900,000 TPP annual limit: it must notify BIS.');
    expect(r.stderr).toContain('ifr-shipments.jsonl:11: error[input/invalid]: id: a run with --ledger needs the transaction id on every line');

    const store = await LedgerStore.open(db, '', { create: false });
    try {
      const rows = await store.rows('SELECT ledger, key, amount, last_transaction FROM balances ORDER BY ledger, key');
      expect(rows.map((b) => [b['ledger'], JSON.parse(String(b['key'])), Number(b['amount']), b['last_transaction']])).toEqual([
        ['LppReceived', ['BR-LAB-2', '2025'], 15_832_000, 'T-10'],
        ['LppReceived', ['BR-UNI-1', '2025'], 26_900_000, 'T-06'],
        ['LppReceived', ['BR-UNI-1', '2026'], 15_832_000, 'T-13'],
        ['NveuReceived', ['NVEU-IN-1'], 15_832_000, 'T-07'],
        ['Tier2Licensed', ['BR'], 9_600, 'T-12'],
        ['Tier2Licensed', ['IN'], 39_580_000, 'T-05'],
      ]);
    } finally {
      store.close();
    }
    // docs/ledger.md shows this run's balances
    const shown = pol(['ledger', 'show', db]).stdout;
    const doc = readFileSync(join(REPO, 'docs/ledger.md'), 'utf8');
    expect(doc).toContain('```text\n$ pol ledger show ifr.duckdb\n' + shown.trimEnd() + '\n```');
  });

  it('a withdrawn Tier 2 license, once reversed, no longer draws on the allocation: the next license fits again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pol-ifr-reverse-'));
    const db = join(dir, 'ifr.duckdb');
    pol(['eval', POLICY, '--input', INPUT, '--ledger', db]);
    const kept = join(dir, 'kept.duckdb');
    copyFileSync(db, kept);
    // India has 39,580,000 of its 40,000,000 drawn (T-02, T-03, T-05); T-03's license is withdrawn
    const r = pol(['ledger', 'reverse', db, '--id', 'T-03', '--reason', 'license application withdrawn by the exporter']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('reversed T-03: Tier2Licensed  IN  39580000 -> 23748000\n');
    // 1,000 more ICs of 15,832 TPP: 23,748,000 + 15,832,000 fits; without the reversal 55,412,000 does not
    const line = JSON.parse(readFileSync(join(REPO, INPUT), 'utf8').split('\n')[2]!) as Record<string, unknown>;
    const next = join(dir, 'next.jsonl');
    writeFileSync(next, JSON.stringify({ ...line, id: 'T-20', date: '2025-09-01' }) + '\n');
    const decided = (file: string): string => answer(JSON.parse(pol(['eval', POLICY, '--input', next, '--ledger', file]).stdout) as Line);
    expect(decided(kept)).toBe('license_required presumption_of_denial');
    expect(decided(db)).toBe('license_required presumption_of_approval');
  });

  it('decided without a ledger, each shipment stands alone (the input figures are the only counts)', () => {
    const program = loadLedgerPolicy(join(REPO, POLICY));
    const answers = readFileSync(join(REPO, INPUT), 'utf8')
      .trim()
      .split('\n')
      .map((text) => {
        const v = validateInput(program, JSON.parse(text));
        if (!v.ok) throw new Error(JSON.stringify(v.errors));
        const d = resultToJson(program, evaluate(program, v.value as RRecord)).decision;
        return answer({ outcome: d.outcome, authorization: d['authorization'] as string | null, review_policy: d['review_policy'] as string | null });
      });
    // every LPP shipment fits the limit alone, each Indian license the 40,000,000 alone, the second
    // NVEU shipment the 20,000,000 alone; and without --ledger no transaction id is needed
    expect(answers).toEqual([
      'authorized LPP',
      'license_required presumption_of_approval',
      'license_required presumption_of_approval',
      'license_required presumption_of_approval',
      'license_required presumption_of_approval',
      'authorized LPP',
      'authorized NVEU',
      'authorized NVEU',
      'authorized LPP',
      'authorized LPP',
      'authorized LPP',
      'authorized LPP',
      'authorized LPP',
    ]);
  });
});
