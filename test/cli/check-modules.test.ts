/**
 * `pol check` on the files of a policy as counsel run it: a file meant to be imported is checked
 * as a module (inside the policy that imports it, or alone), an entry policy still needs its
 * `input`, and the solver's findings (dead exceptions, constant conditions) come by default.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyFiles, REPO } from '../support/policy-files.ts';
import { pol } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pol-modules-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const DEAD = `input T { n: Number }
decision D { yes, no }
rule big "Big" {
  cites "s. 1"
  when n > 10
  decide yes
  exception tiny "Tiny" {
    cites "s. 1(a)"
    when n < 5
    decide no
  }
}
otherwise decide no
`;

describe('pol check on modules and entry policies', () => {
  it('every .pol file in policies/ passes pol check', () => {
    const files = policyFiles().map((f) => relative(REPO, f.path));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const r = pol(['check', ...files]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of files) expect(r.stderr).toMatch(new RegExp(`^${f.replace(/[.]/g, '\\.')}: ok`, 'm'));
    expect(r.stderr).not.toMatch(/error/);
  }, 240_000);

  it('says which policy a module was checked in, and reports its errors in that context', () => {
    const r = pol(['check', 'policies/ai-diffusion/chips.pol', '--format', 'json', '--no-analyze']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, module: true, checkedAs: 'policies/ai-diffusion/ifr.pol' });
    const broken = file('uses-undeclared.pol', 'import "./lib.pol"\ninput T { n: Number }\ndecision D { yes, no }\notherwise decide no\n');
    file('lib.pol', 'define big = n > LIMT\nconst LIMIT = 5\n');
    const human = pol(['check', join(dir, 'lib.pol'), '--no-analyze']);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain("error[check/unknown-name]: there is nothing named `LIMT`");
    expect(human.stderr).toContain(`lib.pol: 1 error (checked as part of ${broken}, which imports it)`);
  });

  it('checks a module nobody imports alone, without requiring an input, and still finds its mistakes', () => {
    const r = pol(['check', file('units.pol', 'unit TPP "Total Processing Performance"\nconst LIMIT = 4_800 TPP\n'), file('bad-module.pol', 'const LIMIT = 4_800 TTP\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/units\.pol: ok \(checked as a module/);
    expect(r.stderr).toContain('error[check/unknown-type]: there is no unit named `TTP`');
    expect(r.stderr).toMatch(/bad-module\.pol: 1 error \(checked as a module/);
  });

  it('an entry policy still needs its input', () => {
    const r = pol(['check', file('entry.pol', 'decision D { yes, no }\notherwise decide no\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[check/missing-input]');
  });

  it('reports an exception that can never apply by default, skips the solver with --no-analyze', () => {
    const dead = file('dead.pol', DEAD);
    const r = pol(['check', dead]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning[analysis/unreachable]: exception `tiny` can never apply');
    expect(r.stderr).toContain('ok, 1 warning');
    const fast = pol(['check', dead, '--no-analyze']);
    expect(fast.code).toBe(0);
    expect(fast.stderr).not.toContain('analysis/');
    expect(pol(['check', dead, '--analyze', '--no-analyze']).code).toBe(2);
  });

  it('pol test still runs the other examples when the errors are inside one example', () => {
    const text = DEAD.replace('otherwise decide no\n', 'otherwise decide no\nexample "big" {\n  given { n: 11 }\n  expect yes\n}\nexample "typo" {\n  given { m: 3 }\n  expect no\n}\nexample "small" {\n  given { n: 7 }\n  expect no\n}\n');
    const r = pol(['test', file('examples.pol', text), '--engine', 'interpreter']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[check/example-invalid]: in this example, `m`: unknown field `m`');
    expect(r.stdout).toContain('1 example with errors (above) not run; running the others');
    expect(r.stdout).toContain('✓ big');
    expect(r.stdout).toContain('✓ small');
    expect(r.stdout).toContain('2 passed, 1 failed');
  });
});
