/**
 * `pol replay --ledger` (docs/ledger.md#replaying-a-log): both versions start from the ledger's
 * balances just before the log's first transaction, and the decisions the ledger recorded are
 * checked against the old version.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/policy-files.ts';
import { pol, polInProcess } from '../cli/run-cli.ts';

const POLICY = join(REPO, 'test/ledger/fixtures/quotas.pol');
const dir = mkdtempSync(join(tmpdir(), 'pol-replay-ledger-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const lines = (rows: readonly unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
// 4,800,000 TPP each: five fit under LPP's 26,900,000 (24,000,000), a sixth does not
const shipment = (i: number) => ({ id: `T-${i}`, date: `2025-0${i}-10`, destination: 'FR', consignee: { id: 'C-1' }, tpp: 4800, units: 1000 });
// the amendment: the LPP limit raised to 30,000,000 TPP
const RAISED = file('raised.pol', readFileSync(POLICY, 'utf8').replace('const LPP_LIMIT = 26_900_000 TPP', 'const LPP_LIMIT = 30_000_000 TPP'));
const ARGS = ['--engine', 'interpreter'];

describe('pol replay --ledger', () => {
  const db = join(dir, 'quotas.duckdb');
  const decided = pol(['eval', POLICY, '--input', file('first.jsonl', lines([1, 2, 3, 4, 5].map(shipment))), '--ledger', db, ...ARGS]);

  it('starts from the balances now when the log comes after the ledger: the raised limit changes the sixth shipment', async () => {
    expect(decided.code).toBe(0);
    const next = file('next.jsonl', lines([6, 7].map(shipment)));
    // without the ledger both versions start from zero, and nothing changes
    expect((await polInProcess(['replay', POLICY, RAISED, '--input', next])).stdout).toContain('replayed 2 inputs: 0 change');
    const r = await polInProcess(['replay', POLICY, RAISED, '--input', next, '--ledger', db, '--format', 'json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as { changed: number; transitions: { before: string; after: string; lines: number[] }[]; ledger: { openings: string; held: number; reproduced: number } };
    // 24.0M + 4.8M = 28.8M: over 26.9M, under 30M; the seventh (33.6M) is over both
    expect(s.changed).toBe(1);
    expect(s.transitions).toEqual([expect.objectContaining({ before: 'license_required', after: 'authorized(authorization: LPP)', lines: [1] })]);
    expect(s.ledger).toEqual(expect.objectContaining({ held: 0, reproduced: 0 }));
    expect(s.ledger.openings).toBe('its balances now (the log\'s first transaction "T-6" is not in it): 1 balance');
  });

  it("replays the ledger's own history from before its first transaction, and finds every recorded decision again", async () => {
    const all = file('all.jsonl', lines([1, 2, 3, 4, 5, 6].map(shipment)));
    const r = await polInProcess(['replay', POLICY, RAISED, '--input', all, '--ledger', db]);
    expect(r.stdout).toContain('both versions start from its balances just before transaction "T-1", the log\'s first: 0 balances');
    expect(r.stdout).toContain(`5 of the log's transactions are in the ledger; ${POLICY} gives 5 of them the decision recorded`);
    // the sixth is the one the raised limit changes, as when starting after the ledger
    expect(r.stdout).toContain('replayed 6 inputs: 1 change');
    expect(r.stdout).not.toContain('not given again');
    // a log that starts in the middle of the ledger's history: from the balances T-3 met (9.6M)
    const middle = await polInProcess(['replay', POLICY, RAISED, '--input', file('middle.jsonl', lines([3, 4, 5, 6].map(shipment))), '--ledger', db, '--format', 'json']);
    const m = JSON.parse(middle.stdout) as { changed: number; ledger: { openings: string; held: number; reproduced: number } };
    expect(m.ledger).toEqual(expect.objectContaining({ openings: 'its balances just before transaction "T-3", the log\'s first: 1 balance', held: 3, reproduced: 3 }));
    expect(m.changed).toBe(1);
  });

  it('names the recorded decisions the old version does not give again (a ledger kept under another policy)', async () => {
    const other = join(dir, 'raised.duckdb');
    expect(pol(['eval', RAISED, '--input', file('six.jsonl', lines([1, 2, 3, 4, 5, 6].map(shipment))), '--ledger', other, ...ARGS]).code).toBe(0);
    const r = await polInProcess(['replay', POLICY, RAISED, '--input', join(dir, 'six.jsonl'), '--ledger', other, '--format', 'markdown']);
    expect(r.stdout).toContain('## Against the ledger');
    expect(r.stdout).toContain(`1 recorded decision not given again by ${POLICY} (line 6)`);
  });

  it('refuses a ledger for policies that keep none, and a file that is not a ledger', async () => {
    const plain = join(REPO, 'policies/sample/lab-exports.pol');
    const r = await polInProcess(['replay', plain, plain, '--input', join(dir, 'next.jsonl'), '--ledger', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('neither version declares a ledger');
    const missing = await polInProcess(['replay', POLICY, RAISED, '--input', join(dir, 'next.jsonl'), '--ledger', join(dir, 'nope.duckdb')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.duckdb');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
