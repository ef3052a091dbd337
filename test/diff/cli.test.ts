import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { polArgv } from '../support/cli-argv.ts';
import { polInProcess } from '../cli/run-cli.ts';

const REPO = join(import.meta.dirname, '../..');
const pol = (args: string[]) => spawnSync(process.execPath, [...polArgv(), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const C = (name: string, v: string): string => join(import.meta.dirname, 'cases', name, `${v}.pol`);
const F = (v: string): string => join(import.meta.dirname, 'fixtures/retyped', `${v}.pol`);

describe('pol diff exit codes: one per verdict (docs/analysis.md)', () => {
  it('a real process exits 0 equivalent, 1 changed, 2 error (no stack trace)', () => {
    expect(pol(['diff', C('reworded', 'before'), C('reworded', 'after')]).status).toBe(0);
    const changed = pol(['diff', C('lpp-limit', 'before'), C('lpp-limit', 'after')]);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('verdict: changed');
    const missing = pol(['diff', C('lpp-limit', 'before'), 'no/such/file.pol']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('a file that is not a policy gets one line, not the errors of reading it as one', async () => {
    const ifr = join(REPO, 'policies/ai-diffusion/ifr.pol');
    const cases: [string, string][] = [
      [join(REPO, 'README.md'), 'is not a policy file: Pol reads .pol and .pol.md files'],
      [join(REPO, 'policies/ai-diffusion/chips.pol'), 'is a module of the policy'],
      ['/dev/null', 'is not a regular file'],
      ['', 'no policy file named: the path is empty'],
    ];
    for (const [file, message] of cases) {
      const r = await polInProcess(['diff', ifr, file]);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n'), file).toHaveLength(1);
    }
    // a module names the policy that imports it
    expect((await polInProcess(['eval', join(REPO, 'policies/ai-diffusion/chips.pol'), '--input', '/dev/null'])).stderr).toMatch(/chips\.pol is a module of the policy .*(ifr|as-enforced[-\d]*)\.pol, which imports it/);
  });

  // in this process: these check what the command prints and returns, not how a process exits
  it('2 for a usage error, 3 unknown; never "none found" above an unknown verdict', async () => {
    const usage = await polInProcess(['diff', C('lpp-limit', 'before'), C('lpp-limit', 'after'), '--timeout', 'soon']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
    const unknown = await polInProcess(['diff', F('before'), F('after')]);
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toContain('verdict: unknown (a construct the engine cannot encode exactly: the type of input.units changed (number -> date))');
    expect(unknown.stdout).not.toContain('none found');
    expect(unknown.stdout).toContain('none confirmed; not proved either');
  }, 60_000);
});

describe('pol replay exit codes', () => {
  it('1 when a line one version accepts is rejected by the other, though no decision changes (a field made required)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const log = join(mkdtempSync(join(tmpdir(), 'pol-replay-')), 'log.jsonl');
    const line = { date: '2026-01-15', destination: 'GB', item: { kind: 'other', tpp: 100 }, units: 1 };
    writeFileSync(log, `${JSON.stringify(line)}\n${JSON.stringify({ ...line, lpp_tpp_this_year: 0 })}\n`);
    const r = await polInProcess(['replay', C('made-required', 'before'), C('made-required', 'after'), '--input', log]);
    expect(r.stdout).toContain('replayed 2 inputs: 0 changed');
    expect(r.stdout).toMatch(/1 \(50\.0%\) rejected by .*after\.pol: lpp_tpp_this_year/);
    expect(r.code).toBe(1);
    const same = await polInProcess(['replay', C('made-required', 'before'), C('made-required', 'before'), '--input', log]);
    expect(same.code).toBe(0);
  }, 60_000);
});
