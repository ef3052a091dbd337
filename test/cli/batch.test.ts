/** `pol eval` as a batch screener: streaming, worker threads, the summary, JSON arrays, duplicate keys. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pol } from './run-cli.ts';

const SAMPLE = 'policies/sample/lab-exports.pol';
const dir = mkdtempSync(join(tmpdir(), 'pol-batch-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const good = (destination: string, units: number) =>
  JSON.stringify({ date: '2025-05-01', kind: 'accelerator', destination, units, tpp: 5000, received_this_year: 0, holdings: [] });

describe('pol eval on batches', () => {
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) lines.push(i % 97 === 5 ? '{"broken' : i % 89 === 3 ? '{"units": "many"}' : good(['JP', 'IR', 'BR', 'CU'][i % 4]!, 1 + (i % 300)));
  const input = file('many.jsonl', lines.join('\n') + '\n');

  it('--jobs 2 writes exactly what one job writes, in input order', () => {
    const one = pol(['eval', SAMPLE, '--input', input]);
    const two = pol(['eval', SAMPLE, '--input', input, '--jobs', '2']);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stdout.trim().split('\n').length).toBe(1500);
  });

  it('ends with a summary on stderr: counts by outcome, rejections by reason', () => {
    const r = pol(['eval', SAMPLE, '--input', input, '--engine', 'interpreter']);
    const summary = r.stderr.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^pol eval: 1,500 inputs: 1,467 decided \(.*authorized [\d,]+.*\); 33 invalid \(input\/invalid 17, input\/unparseable 16\)$/);
    // no progress line when stderr is not a terminal
    expect(r.stderr).not.toContain('inputs read');
  });

  it('refuses a duplicate key by name and path, and decides the other lines', () => {
    const r = pol(['eval', SAMPLE, '--input', file('dup.jsonl', [good('JP', 1).replace('"units":1', '"units":1,"units":2'), good('JP', 1)].join('\n'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(':1: error[input/unparseable]: not valid JSON at column');
    expect(r.stderr).toContain('the field `units` is given twice');
    expect(r.stdout.trim().split('\n')[1]).toContain('"outcome"');
  });

  it('decides each element of a JSON array, and reports a bad element without losing the rest', () => {
    const r = pol(['eval', SAMPLE, '--input', file('arr.json', `[${good('JP', 1)},\n{"kind": 1},\n${good('IR', 1)}]`)]);
    expect(r.code).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o['outcome'] ?? o['line'])).toEqual(['authorized', 2, 'license_required']);
    const broken = pol(['eval', SAMPLE, '--input', file('open.json', `[${good('JP', 1)}, ${good('IR', 1)}`)]);
    expect(broken.stderr).toContain('the JSON array is not closed');
    expect(broken.stdout.trim().split('\n').length).toBe(3);
  });

  it('explains a bad --jobs value', () => {
    const r = pol(['eval', SAMPLE, '--input', input, '--jobs', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs must be a whole number from 1 to 64');
  });
});
