/** Regression tests for defects found by hostile inputs (issue: no crash, no unbounded cost). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pol } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pol-hostile-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};

describe('D1: a quantity literal in a require', () => {
  it('checks, compiles, evaluates and tests in both engines', () => {
    const p = file('d1.pol', ['unit U', 'input In { n: U }', 'decision Out { ok, no }', 'require n >= 1 U because "n must be at least 1 U"', 'otherwise decide no'].join('\n'));
    expect(pol(['check', p]).code).toBe(0);
    for (const engine of ['interpreter', 'compiled']) {
      const r = pol(['eval', p, '--input', '-', '--engine', engine], '{"n": 0}\n{"n": 2}\n');
      expect(r.stderr).toContain(':1: error[input/requirement-failed]: n: n must be at least 1 U');
      expect(r.stdout.trim().split('\n')[1]).toContain('"outcome":"no"');
      expect(r.stderr).not.toContain('internal error');
    }
    expect(pol(['compile', p, '--out', join(dir, 'd1-out')]).code).toBe(0);
  });
});

describe('D12: terminal control characters in policy text are shown, never obeyed', () => {
  it('in pol test, a failing example cannot print itself as passing', () => {
    const p = file(
      'escape.pol',
      [
        'input T { n: Number }',
        'decision D { yes, no }',
        'rule r "R\\u{1b}[2K" {',
        '  cites "x"',
        '  when n > 1',
        '  decide yes',
        '}',
        'otherwise decide no',
        'example "\\u{1b}[2K\\u{d}  \\u{2713} pass\\u{202e}" {',
        '  given { n: 5 }',
        '  expect no',
        '}',
      ].join('\n'),
    );
    const r = pol(['test', p]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u001b\r\u202e]/);
    expect(r.stdout).toContain('\\u{1b}[2K\\u{d}');
    const e = pol(['eval', p, '--input', '-', '--explain'], '{"n": 5}\n');
    expect(e.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(e.stdout).toContain('R\\u{1b}[2K');
  });
});

describe('D17: imports stay inside the project', () => {
  const project = join(dir, 'project');
  file('project/package.json', '{}');
  const base = ['input T { n: Number }', 'decision D { yes, no }', 'otherwise decide no'];
  it('refuses a relative import that climbs out, and prints nothing of the file', () => {
    const p = file('project/policies/p.pol', ['import "../../../../../../../../../etc/passwd"', ...base].join('\n'));
    const r = pol(['check', p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[import/outside-project]');
    expect(r.stderr).toContain(`the project folder is ${project}`);
    expect(r.stderr).not.toContain('root:x:0');
  });
  it('refuses an absolute import outside, and accepts one inside', () => {
    const abs = file('project/policies/abs.pol', ['import "/etc/passwd"', ...base].join('\n'));
    expect(pol(['check', abs]).stderr).toContain('error[import/outside-project]');
    file('project/shared/groups.pol', 'group G of Country = { JP }');
    const inside = file('project/policies/in.pol', [`import "${join(project, 'shared/groups.pol')}"`, ...base].join('\n'));
    expect(pol(['check', inside]).stderr).not.toContain('outside-project');
  });
  it('--root names a wider project', () => {
    file('elsewhere/groups.pol', 'group G of Country = { JP }');
    const p = file('project/policies/wide.pol', ['import "../../elsewhere/groups.pol"', ...base].join('\n'));
    expect(pol(['check', p]).code).toBe(1);
    const r = pol(['check', p, '--root', dir]);
    expect(r.stderr).not.toContain('outside-project');
    expect(pol(['check', p, '--root', join(dir, 'nope')]).stderr).toContain('no such folder');
  });
});

describe('D15/D16: pol compile and pol fmt write safely', () => {
  it('refuse a read-only target and leave no temporary file', async () => {
    const { chmodSync, readdirSync, readFileSync } = await import('node:fs');
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const target = join(out, 'lab-exports.ts');
    writeFileSync(target, 'keep');
    chmodSync(target, 0o444);
    const r = pol(['compile', 'policies/sample/lab-exports.pol', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('read-only for you');
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readdirSync(out).filter((f) => f.includes('tmp'))).toEqual([]);
  });
});
