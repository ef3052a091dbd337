/**
 * Each common way of writing something that Pol spells differently gets a message naming what was
 * meant and the Pol spelling, and a fix that, applied, leaves a policy without that error.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { parseSource } from './parse.ts';

const rule = (when: string) => `rule r "R" {\n  cites "s. 1"\n  when ${when}\n  decide yes\n}\n`;

function only(text: string): Diagnostic {
  const errors = parseSource('p.pol', text).diagnostics.filter((d) => d.severity === 'error');
  expect(errors, JSON.stringify(errors.map((e) => e.message))).toHaveLength(1);
  return errors[0]!;
}

function applied(text: string, d: Diagnostic, which = 0): string {
  const edits = [...d.fixes![which]!.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

const cases: { name: string; text: string; written: string; message: string; fixed: string }[] = [
  { name: '≥', text: rule('tpp ≥ TPP_HIGH'), written: '≥', message: '`≥` is not a symbol of Pol: "at least" is written `>=`', fixed: rule('tpp >= TPP_HIGH') },
  { name: '≤', text: rule('tpp ≤ 5'), written: '≤', message: '`≤` is not a symbol of Pol: "at most" is written `<=`', fixed: rule('tpp <= 5') },
  { name: 'and/or', text: rule('a and/or b'), written: 'and/or', message: '`and/or` does not say which is meant: choose `and` (both must hold) or `or` (either is enough, or both)', fixed: rule('a or b') },
  { name: '4,800', text: rule('tpp >= 4,800'), written: '4,800', message: '`4,800` is not a number in Pol: a comma separates items, so digits are grouped with `_`', fixed: rule('tpp >= 4_800') },
  { name: '26,900,000', text: rule('tpp <= 26,900,000'), written: '26,900,000', message: '`26,900,000` is not a number in Pol: a comma separates items, so digits are grouped with `_`', fixed: rule('tpp <= 26_900_000') },
  { name: 'D:5', text: rule('destination in D:5'), written: 'D:5', message: '`D:5` is not a name in Pol: names have letters, digits and `_` only', fixed: rule('destination in D5') },
  { name: 'is at least', text: rule('tpp is at least 4800'), written: 'is at least', message: '`is at least` is written `>=` in Pol', fixed: rule('tpp >= 4800') },
  { name: 'is less than', text: rule('tpp is less than 4800'), written: 'is less than', message: '`is less than` is written `<` in Pol', fixed: rule('tpp < 4800') },
  { name: '50% of', text: rule('share >= 50% of total'), written: '50% of', message: '`50% of` is written `50% *` in Pol: a percentage of an amount is a multiplication', fixed: rule('share >= 50% * total') },
  {
    name: 'exemption',
    text: 'rule r "R" {\n  cites "s. 1"\n  when a\n  decide yes\n  exemption e "E" {\n    cites "s. 1(a)"\n    when b\n    decide no\n  }\n}\n',
    written: 'exemption',
    message: '`exemption` is not a word of Pol: an exception to a rule is written `exception`',
    fixed: 'rule r "R" {\n  cites "s. 1"\n  when a\n  decide yes\n  exception e "E" {\n    cites "s. 1(a)"\n    when b\n    decide no\n  }\n}\n',
  },
  {
    name: '10/17/2023',
    text: 'example "e" {\n  given { date: 10/17/2023 }\n  expect yes\n}\n',
    written: '10/17/2023',
    message: '`10/17/2023` is not a date in Pol: dates are written year-month-day',
    fixed: 'example "e" {\n  given { date: 2023-10-17 }\n  expect yes\n}\n',
  },
];

describe('syntax errors in counsel\'s words', () => {
  it.each(cases)('$name: names what was meant and the Pol spelling, with a fix', ({ text, written, message, fixed }) => {
    const d = only(text);
    expect(d.code).toBe('syntax/other-notation');
    expect(d.message).toBe(message);
    expect(text.slice(d.span!.start, d.span!.end)).toBe(written);
    expect(d.help).toBeTruthy();
    expect(applied(text, d)).toBe(fixed);
    expect(parseSource('p.pol', fixed).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('and/or offers both readings', () => {
    const text = rule('a and/or b');
    const d = only(text);
    expect(d.fixes!.map((f) => f.title)).toEqual(['Use `or` (either, or both)', 'Use `and` (both)']);
    expect(applied(text, d, 1)).toBe(rule('a and b'));
  });

  it('a U.S. date whose first number cannot be a month is read day first', () => {
    const text = 'example "e" {\n  given { date: 17/10/2023 }\n  expect yes\n}\n';
    expect(only(text).help).toBe('write `2023-10-17` (YYYY-MM-DD)');
  });

  it('leaves correct Pol alone: `4, 800` in a list and a field named `exemption` are not hinted', () => {
    expect(parseSource('p.pol', 'record R { exemption: Boolean }\n').diagnostics).toEqual([]);
    expect(parseSource('p.pol', 'group G of Country = { JP, KR }\n').diagnostics).toEqual([]);
  });
});

describe('a missing `}`', () => {
  it('is reported where the block that is not closed starts, not at the next rule, and the fix closes it', () => {
    const text = 'rule r "R" {\n  cites "s. 1"\n  when a\n  decide yes\n  exception e1 {\n    cites "s. 1(a)"\n    when b\n    decide no\n\n  exception e2 {\n    cites "s. 1(b)"\n    when c\n    decide no\n  }\n}\n\nrule s {\n  cites "s. 2"\n  when d\n  decide yes\n}\n';
    const d = only(text);
    expect(d.code).toBe('syntax/missing-token');
    expect(d.message).toBe('the block `exception e1 {` is not closed: its `}` is missing');
    expect(text.slice(d.span!.start, d.span!.end)).toBe('exception e1 {');
    expect(d.labels![0]!.message).toBe('the block should have ended before this line');
    expect(text.slice(d.labels![0]!.span.start, d.labels![0]!.span.end)).toBe('exception');
    const fixed = applied(text, d);
    expect(fixed).toContain('    decide no\n  }\n\n  exception e2 {');
    expect(parseSource('p.pol', fixed).diagnostics).toEqual([]);
  });

  it('at the end of the file names the open block', () => {
    const text = 'rule r "R" {\n  cites "s. 1"\n  when a\n  decide yes\n';
    const d = only(text);
    expect(d.message).toBe('the block `rule r "R" {` is not closed: its `}` is missing');
    expect(parseSource('p.pol', applied(text, d)).diagnostics).toEqual([]);
  });
});

describe('titled and cited declarations: written in the wrong order', () => {
  it.each([
    ['const', 'const X cites "a" "title" = 1\n', 'const X "title" cites "a" = 1\n'],
    ['define', 'define d cites "a" cites "b" "t" = true\n', 'define d "t" cites "a" cites "b" = true\n'],
    ['group', 'group G cites "15 CFR 740" "Country Group G" of Country = { AE }\n', 'group G "Country Group G" cites "15 CFR 740" of Country = { AE }\n'],
  ])('%s: the title after `cites` is named, and the fix moves it after the name', (_kind, text, fixed) => {
    const d = only(text);
    expect(d.code).toBe('syntax/other-notation');
    expect(d.message).toMatch(/^a title comes right after the name, before `cites`: write `/);
    expect(d.help).toMatch(/^move ".+" to just after `/);
    expect(applied(text, d)).toBe(fixed);
    expect(parseSource('p.pol', fixed).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a policy header after another declaration: the header must come first', () => {
    const d = only('enum E { a }\npolicy "late header"\n');
    expect(d.message).toBe('the policy header must come first: `policy "..."` goes before every other declaration');
    expect(d.help).toBe('move the header (with its `version`, `cites` and `effective` lines) to the start of the file');
    const md = parseSource('p.pol.md', '# T\n\n```pol\nenum E { a }\n```\n\n```pol\npolicy "late"\n```\n').diagnostics.filter((x) => x.severity === 'error');
    expect(md.map((x) => [x.message, x.help])).toEqual([['the policy header must come first: `policy "..."` goes before every other declaration', 'move the header (with its `version`, `cites` and `effective` lines) to the start of the first `pol` block']]);
  });

  it('an expression error carries no grammar note ("while reading a primary"); a declaration\'s does', () => {
    const e = only(rule('tpp >= )'));
    expect(e.notes ?? []).not.toContainEqual(expect.stringMatching(/primary|operand|expression|a file/));
    expect(only('const X = \n').notes ?? []).not.toContainEqual(expect.stringMatching(/primary/));
    expect(only('enum E a }\n').notes).toEqual(['while reading an enum declaration']);
  });
});
