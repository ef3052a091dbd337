import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { renderReplay, replay } from '@pol/analysis';
import { load } from './load.ts';
import { polArgv } from '../support/cli-argv.ts';
import { polInProcess } from '../cli/run-cli.ts';

const REPO = join(import.meta.dirname, '../..');
const CASE = join(import.meta.dirname, 'cases/cambodia');

const base = { destination: 'KH', item: { kind: 'ic', tpp: 5000 }, units: 1, lpp_tpp_this_year: 30_000_000 };
const lines = [
  JSON.stringify({ ...base, date: '2026-01-01' }), // unchanged
  JSON.stringify({ ...base, date: '2026-03-01' }), // changed: KH left D:5
  JSON.stringify({ ...base, date: '2026-03-02' }), // changed
  JSON.stringify({ ...base, date: '2026-03-01', units: 0 }), // rejected by both: the requirement
  JSON.stringify({ ...base, date: '2026-03-01', destination: 'XX' }), // rejected: not a country
  JSON.stringify({ ...base, date: '2026-03-01', destination: 'gb' }), // same reason, another value (with a "did you mean" of its own)
  'not json',
];

describe('pol replay', () => {
  it('counts and shares per before -> after pair; invalid lines by reason (values folded)', () => {
    const s = replay(load(join(CASE, 'before.pol')), load(join(CASE, 'after.pol')), lines.join('\n'));
    expect(s.total).toBe(7);
    expect(s.changed).toBe(2);
    expect(s.transitions).toHaveLength(1);
    expect(s.transitions[0]).toMatchObject({ count: 2, lines: [2, 3], before: 'license_required(review_policy: presumption_of_denial)' });
    expect(s.invalid.map((r) => [r.rejectedBy, r.count, r.lines])).toEqual([
      ['both', 2, [5, 6]],
      ['both', 1, [4]],
    ]);
    expect(s.invalid[0]!.reason).not.toContain('XX');
    expect(s.invalid[0]!.reason).not.toContain('did you mean');
    // the first line in full keeps its value and the checker's hint
    expect(s.invalid[0]!.example).toContain('"XX"');
    // per diff region: the pair of deciding rules, as pol diff partitions the inputs
    expect(s.regions).toHaveLength(1);
    expect(s.regions[0]).toMatchObject({ count: 2, lines: [2, 3], after: s.transitions[0]!.after });
    expect(s.regions[0]!.beforeRule).not.toBe(s.regions[0]!.afterRule);
    const text = renderReplay(s, 'text', { before: 'a.pol', after: 'b.pol' });
    expect(text).toContain(`2 (28.6%; 100.0% of the changes) ${s.regions[0]!.beforeRule} -> ${s.regions[0]!.afterRule}`);
    expect(text).toContain('replayed 7 inputs: 2 changed (28.6%), 1 unchanged (14.3%), 3 invalid (42.9%), 1 not JSON (14.3%)');
    expect(text).toContain(`(lines 5, 6); line 5: ${s.invalid[0]!.example}`);
    const md = renderReplay(s, 'markdown', { before: 'a.pol', after: 'b.pol' });
    expect(md).toContain('| license\\_required(review\\_policy: presumption\\_of\\_denial) |');
    expect(md).toContain('## Invalid inputs');
    expect(md).toContain('## By diff region');
  });

  // in this process (what the command prints and returns); the memory test below is a real process
  it('the CLI streams the file, honours --format json and markdown, rejects an unknown format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pol-replay-'));
    try {
      const log = join(dir, 'log.jsonl');
      writeFileSync(log, lines.join('\r\n') + '\n');
      const j = await polInProcess(['replay', join(CASE, 'before.pol'), join(CASE, 'after.pol'), '--input', log, '--format', 'json']);
      expect(j.stderr).toBe('');
      expect(j.code).toBe(1);
      const s = JSON.parse(j.stdout) as { total: number; changed: number; invalidCount: number; percent: Record<string, number>; transitions: { count: number; percent: number }[]; regions: { count: number; percent: number; percentOfChanges: number }[]; invalid: { count: number; percent: number }[] };
      expect([s.total, s.changed, s.invalidCount, s.transitions[0]!.count]).toEqual([7, 2, 3, 2]);
      // the shares the text shows, as numbers: 2 of 7 changed is 28.6% (one line is not JSON)
      expect(s.percent).toEqual({ changed: 28.6, unchanged: 14.3, invalid: 42.9, notJson: 14.3 });
      expect(s.transitions[0]!.percent).toBe(28.6);
      for (const g of s.regions) expect(g.percentOfChanges).toBe(Math.round((1000 * g.count) / s.changed) / 10);
      expect(s.invalid.reduce((n, r) => n + r.count, 0)).toBe(3);
      for (const r of s.invalid) expect(r.percent).toBe(Math.round((1000 * r.count) / 7) / 10);
      const m = await polInProcess(['replay', join(CASE, 'before.pol'), join(CASE, 'after.pol'), '--input', log, '--format', 'markdown']);
      expect(m.stdout.startsWith('# Replay:')).toBe(true);
      const bad = await polInProcess(['replay', join(CASE, 'before.pol'), join(CASE, 'after.pol'), '--input', log, '--format', 'html']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--format must be one of text, json, markdown');
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('memory does not grow with the log: 200,000 lines replay with a bounded summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pol-replay-'));
    try {
      const log = join(dir, 'big.jsonl');
      const out = createWriteStream(log);
      const n = 200_000;
      for (let i = 0; i < n; i++) out.write(lines[i % 3] + '\n');
      await new Promise<void>((r) => out.end(r));
      // a heap cap far below what holding the file's lines (and their results) would take
      const r = spawnSync(process.execPath, ['--max-old-space-size=64', ...polArgv(), 'replay', join(CASE, 'before.pol'), join(CASE, 'after.pol'), '--input', log, '--format', 'json'], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 24 });
      expect(r.stderr).toBe('');
      const s = JSON.parse(r.stdout) as { total: number; changed: number; transitions: { lines: number[] }[] };
      expect(s.total).toBe(n);
      expect(s.changed).toBe(n - Math.ceil(n / 3));
      expect(s.transitions[0]!.lines.length).toBeLessThanOrEqual(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
