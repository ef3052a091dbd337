import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pol } from './run-cli.ts';

const SAMPLE = 'policies/sample/lab-exports.pol';
const dir = mkdtempSync(join(tmpdir(), 'pol-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('pol check', () => {
  it('exits 0 on a clean policy', () => {
    const r = pol(['check', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('ok');
  });

  it('exits 1 and shows every error with file, line and column', () => {
    const bad = file('bad.pol', 'enum E { a b }\nrule r { when x decide }\n');
    const r = pol(['check', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[syntax/unexpected-token]: expected `}` but found the name `b`');
    expect(r.stderr).toContain(`--> ${bad}:1:12`);
    expect(r.stderr).toMatch(/2 errors/);
    noStack(r.stderr);
  });

  it('prints JSON for tools', () => {
    const bad = file('bad2.pol', 'enum E { a b }');
    const r = pol(['check', bad, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(json.diagnostics[0]).toMatchObject({ code: 'syntax/unexpected-token', line: 1, column: 12 });
  });

  it('reports a missing file as a usage error without a stack trace', () => {
    const r = pol(['check', 'nope.pol']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read nope.pol');
    noStack(r.stderr);
  });

  it('rejects unknown options and commands', () => {
    expect(pol(['check', SAMPLE, '--frobnicate']).code).toBe(2);
    expect(pol(['frobnicate']).code).toBe(2);
  });
});

describe('pol eval', () => {
  const good = JSON.stringify({ date: '2025-05-01', kind: 'accelerator', destination: 'JP', units: 10, tpp: 5000, received_this_year: 0, holdings: [] });

  it('decides JSON Lines in input order, and reports a bad line by number while deciding the others', () => {
    const input = file('in.jsonl', [good, '{"date": "2025-05-01", "kind": "nuclear"}', '{not json', good.replace('"JP"', '"IR"')].join('\n'));
    const r = pol(['eval', SAMPLE, '--input', input, '--engine', 'interpreter']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['outcome'] ?? l['error'])).toEqual(['authorized', 'invalid input', 'invalid input', 'license_required']);
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(r.stderr).toContain(`${input}:2: error[input/invalid]: kind: "nuclear" is not a Kind`);
    expect(r.stderr).toContain(`${input}:2: error[input/invalid]: destination: missing: expected Country`);
    expect(r.stderr).toContain(`${input}:3: error[input/unparseable]: not valid JSON`);
    noStack(r.stderr);
  });

  it('AI Diffusion policies: a bad transaction gets its error by path and the batch goes on', () => {
    const ok = { date: '2025-06-02', activity: 'export', item: { kind: 'ic', units: 10, tpp: 15832, performance_density: 19.4 }, destination: 'CN', consignee: { headquarters: 'CN', parent_headquarters: 'CN' } };
    const input = file(
      'ai.jsonl',
      [
        { ...ok, date: '2023-11-16' },
        { ...ok, item: { kind: 'computer', units: 10, tpp: 126656 } },
        { ...ok, destination: 'UK' },
        ok,
      ]
        .map((t) => JSON.stringify(t))
        .join('\n'),
    );
    for (const policy of ['policies/ai-diffusion/ifr.pol', 'policies/ai-diffusion/as-enforced-2025-05-13.pol']) {
      const r = pol(['eval', policy, '--input', input]);
      expect(r.code).toBe(1);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l['outcome'] ?? l['error'])).toEqual(['invalid input', 'invalid input', 'invalid input', 'license_required']);
      expect(r.stderr).toContain(`${input}:1: error[input/requirement-failed]: date: this policy decides transactions from 2023-11-17`);
      expect(r.stderr).toContain(`${input}:2: error[input/requirement-failed]: item.ic_tpp: a computer is classified by the most capable IC it contains`);
      expect(r.stderr).toContain(`${input}:3: error[input/invalid]: destination: "UK" is not a Country; did you mean "GB"?`);
      noStack(r.stderr);
    }
  });

  it('lists every validation error by path', () => {
    const input = file('bad.json', JSON.stringify({ date: '2025-13-01', kind: 'accelerator', destination: 'XX', units: 'many', tpp: -1, received_this_year: 0, holdings: [{ country: 'JP' }], extra: 1 }));
    const r = pol(['eval', SAMPLE, '--input', input, '--engine', 'interpreter']);
    expect(r.code).toBe(1);
    for (const path of ['date:', 'destination:', 'units:', 'tpp:', 'holdings[0].tpp:', 'extra:']) expect(r.stderr).toContain(path);
  });

  it('says so when a JSON number cannot be carried exactly, and reads its exact digits', () => {
    const input = file('big.json', good.replace('"units":10', '"units":99999999999999999999999999'));
    const r = pol(['eval', SAMPLE, '--input', input, '--engine', 'interpreter']);
    expect(r.stderr).toContain('cannot be carried exactly by a JSON number');
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'authorized' });
  });

  it('reads standard input and explains in words', () => {
    const r = pol(['eval', SAMPLE, '--input', '-', '--engine', 'interpreter', '--explain'], good + '\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('authorized(by: accelerator)');
    expect(r.stdout).toContain('decided by exception `allies`');
    expect(r.stdout).toContain('obligation: Keep the end-user statement for five years');
    expect(r.stdout).toContain('did not decide:');
  });

  it('explains which cited group membership and threshold decided, with both engines', () => {
    const line = JSON.stringify({
      date: '2026-01-10', activity: 'export', destination: 'AE',
      item: { kind: 'ic', tpp: 5000, units: 1 },
      consignee: { headquarters: 'AE', parent_headquarters: 'AE' },
    });
    for (const engine of ['interpreter', 'compiled']) {
      const text = pol(['eval', 'policies/ai-diffusion/ifr.pol', '--input', '-', '--engine', engine, '--explain'], line + '\n');
      expect(text.stdout).toContain('because destination AE (United Arab Emirates) is in Tier 2 (neither Tier 1 nor Tier 3)');
      expect(text.stdout).toContain('at least the 3A090.a TPP threshold (4800 TPP) [ECCN 3A090.a]');
      const json = JSON.parse(pol(['eval', 'policies/ai-diffusion/ifr.pol', '--input', '-', '--engine', engine, '--explain', '--format', 'json'], line).stdout) as { because: { step: string; text: string; cites: string[] }[] };
      expect(json.because).toContainEqual({ step: 'advanced_computing_items', text: 'classified_tpp is 5000 TPP, which is at least the 3A090.a TPP threshold (4800 TPP)', cites: ['ECCN 3A090.a'] });
    }
  });

  it('--format text without --explain still names the membership and threshold that decided (issue 13); --explain adds what did not decide, by title', () => {
    const policy = file('titled.pol', `policy "T"
unit TPP
group D4 "Country Group D:4" cites "15 CFR part 740, supplement no. 1" of Country = { AE, CN }
const ADV "the 3A090.a TPP threshold" cites "ECCN 3A090.a" = 4800 TPP
input S { destination: Country  tpp: TPP }
decision O { license_required(over: TPP)  none }
rule chips "Licence for chips" {
  cites "15 CFR 742.6(a)(6)"
  when tpp >= ADV and destination in D4
  decide license_required(over: tpp - ADV)
}
otherwise decide none
`);
    for (const engine of ['interpreter', 'compiled']) {
      const r = pol(['eval', policy, '--input', '-', '--engine', engine, '--format', 'text'], '{"destination":"AE","tpp":5000}\n');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('input 1: license_required(over: 200 TPP)');
      expect(r.stdout).toContain('because destination AE (United Arab Emirates) is in Country Group D:4 [15 CFR part 740, supplement no. 1]');
      expect(r.stdout).toContain('because tpp is 5000 TPP, which is at least the 3A090.a TPP threshold (4800 TPP) [ECCN 3A090.a]');
      expect(r.stdout).not.toContain('did not decide');
      const x = pol(['eval', policy, '--input', '-', '--engine', engine, '--explain'], '{"destination":"BR","tpp":5000}\n');
      expect(x.stdout).toContain('rule `chips` (titled.pol:7): condition false: destination in D4 (where D4 is Country Group D:4 [15 CFR part 740, supplement no. 1])');
    }
    // JSON without --explain stays as lean as the compiled module's result
    expect(JSON.parse(pol(['eval', policy, '--input', '-', '--engine', 'interpreter'], '{"destination":"AE","tpp":5000}\n').stdout)).not.toHaveProperty('because');
  });

  it('carries citations and a trace with source lines', () => {
    const r = pol(['eval', SAMPLE, '--input', '-', '--engine', 'interpreter'], good);
    const out = JSON.parse(r.stdout) as { citations: string[]; trace: { id: string; line: number; file: string }[] };
    expect(out.citations).toEqual(['Sample Rule 1(a)', 'Sample Rule 2(a)']);
    expect(out.trace.map((t) => t.id)).toEqual(['accelerators', 'allies']);
    expect(out.trace[0]).toMatchObject({ file: 'lab-exports.pol' });
    expect(out.trace[0]!.line).toBeGreaterThan(1);
  });
});

describe('pol test', () => {
  it('runs the examples and reports coverage', () => {
    const r = pol(['test', SAMPLE, '--engine', 'interpreter']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('coverage: 6 of 6 rules and exceptions reached');
    expect(r.stdout).toMatch(/\n9 passed, 0 failed\n/);
  });

  it('shows expected against actual when an example fails, and exits 1', () => {
    const p = file(
      'fail.pol',
      `input I { x: Number }\ndecision D { yes  no }\nrule big { cites "r1" when x > 10 decide yes }\nrule unused { cites "r2" when x < -100 decide no }\notherwise decide no\nexample "eleven is big" { given { x: 11 } expect yes }\nexample "ten is big" { given { x: 10 } expect yes }\n`,
    );
    const r = pol(['test', p, '--engine', 'interpreter']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ ten is big');
    expect(r.stdout).toContain('expected: yes');
    expect(r.stdout).toContain('actual:   no');
    expect(r.stdout).toContain('not reached: rule `unused`');
    expect(r.stdout).toMatch(/1 passed, 1 failed/);
  });
});

describe('pol fmt', () => {
  it('formats in place, checks, and never touches a file with syntax errors', () => {
    const messy = file('messy.pol', 'input I { x: Number }\ndecision D { yes, no }\nrule r {cites "c"   when x>1 decide yes}\notherwise decide no\n');
    expect(pol(['fmt', '--check', messy]).code).toBe(1);
    const r = pol(['fmt', messy]);
    expect(r.code).toBe(0);
    expect(pol(['fmt', '--check', messy]).code).toBe(0);
    const broken = file('broken.pol', 'rule r { when x > decide }\n');
    const b = pol(['fmt', broken]);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('error[syntax/unexpected-token]');
    expect(b.stderr).toContain('not formatted (syntax errors)');
    noStack(b.stderr);
  });
});

describe('pol check --analyze', () => {
  it('adds solver findings with an example input', () => {
    const r = pol(['check', SAMPLE, '--analyze']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning[analysis/conflict]');
    expect(r.stderr).toContain('for example: {');
  });
});

describe('pol diff', () => {
  it('exits 1 with a confirmed witness when behaviour changes, 0 when equivalent', () => {
    const before = 'policies/ai-diffusion/ifr.pol';
    const same = pol(['diff', before, before]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('equivalent');
    const changed = pol(['diff', before, 'policies/ai-diffusion/as-enforced-2025-05-13.pol', '--format', 'json']);
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.stdout) as { verdict: string; regions: unknown[] };
    expect(report.verdict).toBe('changed');
    expect(report.regions.length).toBeGreaterThan(0);
  });
});
