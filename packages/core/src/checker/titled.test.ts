/**
 * Titled and cited declarations (`group D5 "Country Group D:5" cites "15 CFR ..."`, the same for
 * `const` and `define`): good programs check clean and keep their titles and citations; bad ones
 * get exactly the diagnostics asserted, at the text they name.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';

const PRELUDE = `
unit TPP
input Tx { destination: Country  tpp: TPP }
decision D { ok  no }
otherwise decide ok
`;
const USE = `rule r "R" { cites "s. 1" when destination in G and tpp >= LIMIT and big decide no }\n`;

function compile(body: string) {
  return compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? PRELUDE + body : undefined));
}

function problems(body: string): string[] {
  const r = compile(body);
  return r.diagnostics.map((d) => `${d.severity} ${d.code} ${JSON.stringify(d.span ? (r.sources.get(d.span.file)?.text.slice(d.span.start, d.span.end) ?? '') : '')}`);
}

describe('titled and cited declarations: accepted', () => {
  it.each([
    ['a title only', `group G "Group G" of Country = { AE }\nconst LIMIT "the limit" = 4800 TPP\ndefine big "a big chip" = tpp > 1 TPP\n`],
    ['citations only', `group G cites "740 supp. 1" of Country = { AE }\nconst LIMIT cites "3A090.a" = 4800 TPP\ndefine big cites "3A090" = tpp > 1 TPP\n`],
    ['a title and two citations', `group G "Group G" cites "a" cites "b" of Country = { AE }\nconst LIMIT "the limit" cites "a" cites "b" = 4800 TPP\ndefine big "a big chip" cites "a" cites "b" = tpp > 1 TPP\n`],
    ['titles with punctuation, on one of the three', `group G "Country Group D:5 (15 CFR part 740, supp. 1)" of Country = { AE, CN }\nconst LIMIT = 4800 TPP\ndefine big = tpp > 1 TPP\n`],
  ])('%s', (_name, decls) => {
    expect(problems(decls + USE)).toEqual([]);
  });

  it('keeps the title and the citations, in order, on the checked program', () => {
    const p = compile(`group G "Country Group D:5" cites "15 CFR part 740" cites "supp. 1" of Country = { AE }\nconst LIMIT "the limit" cites "3A090.a" = 4800 TPP\ndefine big "a big chip" = tpp > 1 TPP\n${USE}`).program!;
    expect(p.groups.map((g) => [g.title?.value, g.cites.map((c) => c.value)])).toEqual([['Country Group D:5', ['15 CFR part 740', 'supp. 1']]]);
    expect(p.consts.map((g) => [g.title?.value, g.cites.map((c) => c.value)])).toEqual([['the limit', ['3A090.a']]]);
    expect(p.defines.map((g) => [g.title?.value, g.cites.map((c) => c.value)])).toEqual([['a big chip', []]]);
  });
});

describe('titled and cited declarations: refused or warned', () => {
  it.each([
    ['an empty title on a define', `define big "" = tpp > 1 TPP\ngroup G of Country = { AE }\nconst LIMIT = 1 TPP\n`, ['warning check/empty-text "\\"\\""']],
    ['an empty title on a const', `const LIMIT "" = 2 TPP\ngroup G of Country = { AE }\ndefine big = tpp > 1 TPP\n`, ['warning check/empty-text "\\"\\""']],
    ['an empty citation on a define', `define big "t" cites "" = tpp > 1 TPP\ngroup G of Country = { AE }\nconst LIMIT = 1 TPP\n`, ['error check/empty-text "\\"\\""']],
    ['a blank citation on a group', `group G "G" cites "  " of Country = { AE }\nconst LIMIT = 1 TPP\ndefine big = tpp > 1 TPP\n`, ['error check/empty-text "\\"  \\""']],
    ['the title after the citations', `const LIMIT cites "a" "the limit" = 1 TPP\ngroup G of Country = { AE }\ndefine big = tpp > 1 TPP\n`, ['error syntax/other-notation "\\"the limit\\""']],
    ['cites without a text', `const LIMIT "t" cites = 1 TPP\ngroup G of Country = { AE }\ndefine big = tpp > 1 TPP\n`, ['error syntax/unexpected-token "="']],
    ['a title that is not a string', `const LIMIT limit = 1 TPP\ngroup G of Country = { AE }\ndefine big = tpp > 1 TPP\n`, ['error syntax/unexpected-token "limit"']],
  ])('%s', (_name, decls, expected) => {
    expect(problems(decls + USE)).toEqual(expected);
  });

  it('an empty rule citation is refused too, and says what to write', () => {
    const r = compile(`group G of Country = { AE }\nconst LIMIT = 1 TPP\ndefine big = tpp > 1 TPP\nrule r "" { cites "" when destination in G and tpp >= LIMIT and big decide no }\n`);
    expect(r.diagnostics.map((d) => [d.severity, d.message, d.help])).toEqual([
      ['warning', 'the rule `r` has an empty title', 'write the title people should see (e.g. `"Country Group D:4"`), or remove the empty `""`'],
      ['error', 'the rule `r` cites an empty text', 'write the provision it implements (e.g. `cites "15 CFR 740.7(c)"`), or remove this `cites ""`'],
    ]);
  });

  it('the empty title\'s fix removes it, and the program then checks clean', () => {
    const text = PRELUDE + `const LIMIT "" = 2 TPP\ngroup G of Country = { AE }\ndefine big = tpp > 1 TPP\n` + USE;
    const d = compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? text : undefined)).diagnostics[0]!;
    const e = d.fixes![0]!.edits[0]!;
    const fixed = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    expect(compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? fixed : undefined)).diagnostics).toEqual([]);
  });
});
