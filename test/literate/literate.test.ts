/**
 * Literate policies end to end: every command reads a `.pol.md` file, diagnostics name the
 * Markdown line and column, imports go both ways between `.pol` and `.pol.md`, and `pol fmt`
 * formats the blocks and leaves the prose alone.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile, diagnosticToJson, polBlocks } from '@pol/core';
import { LanguageService } from '../../packages/language-service/src/service.ts';
import { pol } from '../cli/run-cli.ts';
import { REPO } from '../support/policy-files.ts';

const SAMPLE = readFileSync(join(REPO, 'policies/sample/lab-exports.pol'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'pol-literate-'));
writeFileSync(join(dir, 'pol.json'), '{}\n');
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** The sample policy as a literate file: its rules in a second block, prose before and between. */
function literateSample(): string {
  const cut = SAMPLE.indexOf('rule accelerators');
  return [
    '# Laboratory accelerators (sample rule)',
    '',
    '> Sample Rule 1. A licence is required to export accelerators of 4,800 TPP or more.',
    '',
    '```pol',
    SAMPLE.slice(0, cut).trimEnd(),
    '```',
    '',
    'Counsel\'s note: the `rule` below is *the* rule; this line says `rule fake {` and is prose.',
    '',
    '```text',
    '```pol',
    'this is not policy',
    '```',
    '',
    '```pol',
    SAMPLE.slice(cut).trimEnd(),
    '```',
    '',
  ].join('\n');
}

const LIT = file('lab.pol.md', literateSample());
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('every command reads a .pol.md file', () => {
  it('check, test and debug ir', () => {
    expect(pol(['check', LIT, '--no-analyze'])).toMatchObject({ code: 0 });
    const t = pol(['test', LIT, '--engine', 'interpreter']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/[1-9]\d* passed, 0 failed/);
    const ir = pol(['debug', 'ir', LIT]);
    expect(ir.code).toBe(0);
    expect(ir.stdout).toContain('accelerators');
  });

  it('eval and compile', () => {
    const input = JSON.stringify({ date: '2025-05-01', kind: 'accelerator', destination: 'IR', units: 1, tpp: 5000, received_this_year: 0, holdings: [] });
    const e = pol(['eval', LIT, '--input', '-'], input);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout.trim().split('\n')[0]!)).toMatchObject({ outcome: 'license_required' });
    const out = join(dir, 'out');
    const c = pol(['compile', LIT, '--out', out]);
    expect(c.code).toBe(0);
    expect(readFileSync(join(out, 'lab.ts'), 'utf8')).toContain('accelerators');
  });

  it('diff and replay between a .pol.md and its .pol', () => {
    const plain = file('lab-plain.pol', SAMPLE);
    const d = pol(['diff', plain, LIT]);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    const log = file('log.jsonl', JSON.stringify({ date: '2025-05-01', kind: 'accelerator', destination: 'JP', units: 10, tpp: 5000, received_this_year: 0, holdings: [] }) + '\n');
    const r = pol(['replay', plain, LIT, '--input', log]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('diagnostics point at the Markdown line and column', () => {
  const broken = literateSample().replace('when destination in Embargoed', 'when destination in Embargoedd');
  const lines = broken.split('\n');
  const line = lines.findIndex((l) => l.includes('Embargoedd')) + 1;
  const column = lines[line - 1]!.indexOf('Embargoedd') + 1;

  it('in `pol check`, human and JSON', () => {
    const bad = file('bad.pol.md', broken);
    const h = pol(['check', bad, '--no-analyze']);
    expect(h.code).toBe(1);
    expect(h.stderr).toContain(`--> ${bad}:${line}:${column}`);
    expect(h.stderr).toContain(`${line} |     when destination in Embargoedd`);
    noStack(h.stderr);
    const j = JSON.parse(pol(['check', bad, '--format', 'json', '--no-analyze']).stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(j.diagnostics).toContainEqual(expect.objectContaining({ code: 'check/unknown-name', line, column }));
  });

  it('a syntax error in a later block, and none for prose that looks like Pol', () => {
    const md = '# T\n\nrule x { when\n\n```pol\nconst A = 1\n```\n\ntext\n\n```pol\nconst B = = 2\n```\n';
    const r = compilePolicyFile('/p/t.pol.md', (p) => (p === '/p/t.pol.md' ? md : undefined));
    const json = r.diagnostics.map((d) => diagnosticToJson(d, (p) => r.sources.get(p)));
    expect(json).toEqual([expect.objectContaining({ code: 'syntax/unexpected-token', line: 12, column: 11 })]);
  });

  it('in the language service (editors)', () => {
    const files: Record<string, string> = { '/p/bad.pol.md': broken };
    const ls = new LanguageService({ readFile: (p) => files[p], listPolFiles: () => Object.keys(files) }, () => '2026-01-01');
    const d = ls.diagnostics('/p/bad.pol.md').find((x) => x.code === 'check/unknown-name')!;
    expect(d.span!.start).toBe(broken.indexOf('Embargoedd'));
    const hover = ls.hover('/p/bad.pol.md', broken.indexOf('HIGH_PERFORMANCE ='));
    expect(hover?.markdown).toContain('4_800 TPP');
  });
});

describe('imports between .pol and .pol.md', () => {
  it('a .pol file imports a literate module and a literate file imports a .pol module', () => {
    mkdirSync(join(dir, 'mixed'), { recursive: true });
    file('mixed/units.pol', 'unit TPP "Total Processing Performance"\n');
    file('mixed/limits.pol.md', '# Limits\n\nThe limit, paraphrased.\n\n```pol\nimport "./units.pol"\n\nconst LIMIT = 4_800 TPP\n```\n');
    const entry = file('mixed/entry.pol', 'import "./limits.pol.md"\n\ninput T { tpp: TPP }\ndecision D { yes, no }\n\nrule big "Big" {\n  cites "x"\n  when tpp >= LIMT\n  decide yes\n}\n\notherwise decide no\n');
    const r = pol(['check', entry, '--no-analyze']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('there is nothing named `LIMT`');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('LIMT', 'LIMIT'));
    expect(pol(['check', entry, '--no-analyze']).code).toBe(0);
    const lib = pol(['check', join(dir, 'mixed/limits.pol.md'), '--no-analyze']);
    expect(lib.code).toBe(0);
    expect(lib.stderr).toContain('checked as part of');
    const missing = file('mixed/missing.pol.md', '```pol\nimport "./nope.pol.md"\n```\n');
    const m = pol(['check', missing]);
    expect(m.code).toBe(1);
    expect(m.stderr).toContain(`${missing}:2:8`);
  });
});

describe('pol fmt on a .pol.md file', () => {
  it('formats the blocks and leaves the prose byte for byte', () => {
    const md = literateSample().replace('const ANNUAL_LIMIT = 1_000_000 TPP', 'const   ANNUAL_LIMIT =1_000_000 TPP');
    const f = file('fmt.pol.md', md);
    expect(pol(['fmt', '--check', f]).code).toBe(1);
    expect(pol(['fmt', f]).code).toBe(0);
    const after = readFileSync(f, 'utf8');
    expect(after).toBe(literateSample());
    const outside = (t: string) => {
      let at = 0;
      const out: string[] = [];
      for (const b of polBlocks(t)) (out.push(t.slice(at, b.start)), (at = b.end));
      return [...out, t.slice(at)];
    };
    expect(outside(after)).toEqual(outside(md));
    expect(pol(['fmt', '--check', f]).code).toBe(0);
  });

  it('refuses a block with syntax errors, naming the Markdown line', () => {
    const f = file('fmtbad.pol.md', '# T\n\n```pol\nconst A = = 1\n```\n');
    const r = pol(['fmt', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:4:11`);
    expect(readFileSync(f, 'utf8')).toBe('# T\n\n```pol\nconst A = = 1\n```\n');
    noStack(r.stderr);
  });
});
