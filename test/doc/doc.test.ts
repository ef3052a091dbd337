/**
 * `pol doc`: the digest of the IFR and of hostile policies, through the real command. What the
 * page says is checked against the checked program (rules, citations, group members on the
 * chosen day, examples run, coverage); policy text is escaped wherever it lands; mistakes get a
 * clear error, a non-zero exit, no stack trace, and nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '@pol/core';
import { pol } from '../cli/run-cli.ts';
import { REPO } from '../support/policy-files.ts';

const IFR = 'policies/ai-diffusion/ifr.pol';
const dir = mkdtempSync(join(tmpdir(), 'pol-doc-'));
writeFileSync(join(dir, 'pol.json'), '{}\n');
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

function digest(policy: string, asOf: string): string {
  const out = mkdtempSync(join(dir, 'out-'));
  const r = pol(['doc', policy, '--out', out, '--as-of', asOf]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(out, 'index.html'), 'utf8');
}

/** The text of every element with the given id prefix, tags removed (a small reader, enough for these checks). */
function textOf(page: string, from: string, to: string): string {
  const a = page.indexOf(from);
  const b = page.indexOf(to, a + from.length);
  return page.slice(a, b < 0 ? undefined : b).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('pol doc on the IFR', () => {
  const page = digest(IFR, '2024-03-15');
  const program = compilePolicyFile(join(REPO, IFR), (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined)).program!;

  it('is one self-contained page: no script, nothing fetched', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
    expect(page).toContain("default-src 'none'");
  });

  it('shows every rule and exception with its title and citations', () => {
    let n = 0;
    const walk = (b: { kind: string; name: { name: string }; title: { value: string } | undefined; cites: readonly { value: string }[]; exceptions: readonly unknown[] }): void => {
      n++;
      expect(page).toContain(`<article class="${b.kind}" id="${b.kind}-${b.name.name}"`);
      if (b.title) expect(page).toContain(b.title.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;'));
      for (const c of b.cites) expect(page).toContain(`<cite>${c.value.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}</cite>`);
      (b.exceptions as (typeof b)[]).forEach(walk);
    };
    program.rules.forEach((r) => walk(r as never));
    expect(page.match(/<article class="(rule|exception)"/g)!.length).toBe(n);
    expect(page).toContain('License Exception AIA');
    expect(page).toContain('<cite>15 CFR 740.27(a)(1)</cite>');
  });

  it('lists group members as of the chosen day: Nicaragua joins D:5 on 2024-03-15', () => {
    const before = digest(IFR, '2024-03-14');
    const d5 = (p: string) => textOf(p, 'id="group-D5"', '</table>');
    expect(d5(page)).toContain('NI Nicaragua');
    expect(d5(before)).not.toContain('NI Nicaragua');
    const count = (p: string) => Number(/(\d+) members? on/.exec(d5(p))![1]);
    expect(count(page)).toBe(count(before) + 1);
    expect(page).toContain('2024-03-15</time> NI joins');
  });

  it('runs the examples: a table with one row per example, all passing, and full coverage', () => {
    expect(page).toContain(`<caption>${program.examples.length} examples: ${program.examples.length} pass, 0 fail</caption>`);
    expect(page.match(/<span class="badge pass">pass<\/span>/g)!.length).toBe(program.examples.length);
    expect(page).toMatch(/(\d+) of \1 rules and exceptions are reached by at least one example\./);
  });

  it('states the conditions as lists and links names to their definitions and groups', () => {
    const aia = textOf(page, 'id="exception-aia"', '</article>');
    // a titled group or definition reads as its title, its name beside it (issue 13 review, item 2)
    expect(aia).toContain('destination is in Tier 1 (the AIA destinations and the United States) ( Tier1 )');
    expect(page).toMatch(/<a href="#group-Tier1">Tier 1 \(the AIA destinations and the United States\)<\/a> \(<code>Tier1<\/code>\)/);
    expect(page).toMatch(/<dt id="define-[a-z_]+">/);
    expect(page).toMatch(/<tr id="const-UVEU_TIER1_SHARE"><th scope="row">the UVEU Tier 1 share <code class="name">UVEU_TIER1_SHARE<\/code> <span class="cites">\(cites <cite>15 CFR 748.15<\/cite>\)<\/span><\/th><td><code>75%<\/code><\/td>/);
    // veu.pol.md's introduction is the file's, not the note of the block's first constant; the block's prose goes to that constant only
    const consts = textOf(page, '<section id="constants"', '</section>');
    expect(consts).not.toContain('This is a literate policy');
    expect(consts).toMatch(/the UVEU Tier 1 share UVEU_TIER1_SHARE .{0,60}75% The limits, and how they are counted/);
    expect(consts).toContain('UVEU_US_SHARE (cites 15 CFR 748.15 ) 50% The policy\'s text for this is shown with UVEU_TIER1_SHARE');
    expect(textOf(page, '<main', '<section')).toContain('From veu.pol.md : Data Center Validated End-User');
  });

  it('a literate module names the policy that imports it and digests that', () => {
    const out = mkdtempSync(join(dir, 'veu-'));
    const r = pol(['doc', 'policies/ai-diffusion/veu.pol.md', '--out', out, '--as-of', '2025-06-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('is imported by policies/ai-diffusion/ifr.pol');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('veu.pol.md');
  });
});

const HOSTILE = `policy "</script><script>alert(1)</script> & <b>bold</b>"
  cites "Rule \u202eevil\u202c 1 <i>"

enum Kind { a, b }

input T as of date {
  date: Date
  kind: Kind
  n: Number
  country: Country
}

decision D {
  yes(note: Kind)
  no
}

group G of Country = { AU, CA from 2030-01-01 }

const LIMIT = 5

rule r "<img src=x onerror=alert(2)> rule \u2066title\u2069" {
  cites "15 CFR 1 \\"quoted\\" </cite>"
  when kind is a and n > LIMIT
  decide yes(note: a)

  exception e "Exception </article><h1>forged</h1>" {
    cites "x"
    when n > 10 and country in G
    decide no
  }
}

otherwise decide no

example "<script>alert(3)</script> example" {
  given {
    date: 2026-01-01
    kind: a
    n: 6
    country: FR
  }
  expect yes(note: a)
}

example "a failing example" {
  given {
    date: 2026-01-01
    kind: b
    n: 1
    country: FR
  }
  expect yes(note: b)
}
`;

describe('pol doc escapes policy text and reports what fails', () => {
  const page = digest(file('hostile.pol', HOSTILE), '2026-01-01');

  it('no policy text becomes markup', () => {
    expect(page).not.toMatch(/<script|<img|<b>|<i>|<h1>forged/i);
    expect(page.match(/<h1>/g)!.length).toBe(1);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(page).toContain('\\u{202e}evil\\u{202c}');
  });

  it('a failing example is marked, and the exception no example reaches is named', () => {
    expect(page).toContain('<caption>2 examples: 1 pass, 1 fail</caption>');
    expect(page).toContain('<span class="badge fail">fail</span>');
    expect(page).toContain('No example reaches this exception.');
    expect(page).toMatch(/1 of 2 rules and exceptions are reached by at least one example; <strong>1 are not<\/strong>/);
    expect(page).toMatch(/<code>G<\/code>, of Country: 1 member on/);
  });
});

describe('pol doc errors', () => {
  it('a missing file, a bad date, a missing --out: clear, exit 2, no stack trace', () => {
    const missing = pol(['doc', 'no/such.pol', '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no/such.pol: no such file');
    for (const [date, words] of [
      ['2025-02-30', 'is not a calendar date'],
      ['tomorrow', 'must be a date written YYYY-MM-DD'],
    ] as const) {
      const r = pol(['doc', IFR, '--out', join(dir, 'x'), '--as-of', date]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(words);
      noStack(r.stderr);
    }
    expect(pol(['doc', IFR]).stderr).toContain('doc needs --out <dir>');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('a policy with errors: its diagnostics, exit 1, nothing written', () => {
    const bad = file('bad.pol', HOSTILE.replace('n > LIMIT', 'n > LIMT'));
    const out = join(dir, 'bad-out');
    const r = pol(['doc', bad, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('there is nothing named `LIMT`');
    expect(r.stderr).toContain('no digest written');
    expect(existsSync(out)).toBe(false);
    noStack(r.stderr);
  });

  it('an --out that is a file: a clear write error, the file untouched', () => {
    const blocker = file('blocker', 'keep me\n');
    const r = pol(['doc', IFR, '--out', blocker, '--as-of', '2025-06-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pol: error\[cli\/io\]: /);
    expect(readFileSync(blocker, 'utf8')).toBe('keep me\n');
    noStack(r.stderr);
  });
});

describe('pol doc on a literate policy', () => {
  it('digests a .pol.md entry', () => {
    mkdirSync(join(dir, 'lit'), { recursive: true });
    const sample = readFileSync(join(REPO, 'policies/sample/lab-exports.pol'), 'utf8');
    const cut = sample.indexOf('rule accelerators');
    const fence = '`'.repeat(3);
    const prose = '> Sample Rule 1. A *licence* is needed <script>alert(4)</script> for `accelerators`.\n\n- a note\n- another <b>note</b>';
    const md = file('lit/lab.pol.md', `# Lab rule\n\nIntro.\n\n${fence}pol\n${sample.slice(0, cut)}${fence}\n\n${prose}\n\n${fence}pol\n${sample.slice(cut)}${fence}\n`);
    const page = digest(md, '2025-06-01');
    expect(page).toContain('Licence requirement for accelerators');
    expect(page).toContain('lab.pol.md');
    // the text above the block the rule opens is shown with the rule, escaped, a little Markdown rendered
    const rule = textOf(page, 'id="rule-accelerators"', '</article>');
    expect(rule).toContain('Sample Rule 1. A licence is needed &lt;script&gt;alert(4)&lt;/script&gt; for accelerators .');
    expect(page).toContain('<blockquote>Sample Rule 1. A <em>licence</em> is needed &lt;script&gt;alert(4)&lt;/script&gt; for <code>accelerators</code>.</blockquote>');
    expect(page).toContain('<li>another &lt;b&gt;note&lt;/b&gt;</li>');
    expect(page).not.toMatch(/<script|<b>/);
  });
});
