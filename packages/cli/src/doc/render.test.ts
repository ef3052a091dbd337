/**
 * The digest's words, without a browser: the rendered page's text (tags removed) for small
 * policies, checked for date arithmetic read as written, titles and citations of groups,
 * constants and definitions, literate prose attached to the right declaration, and units on the
 * examples' facts. test/doc/ checks the page in Chromium and on the IFR.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '@pol/core';
import { renderDigest } from './render.ts';
import { runExamples } from './examples.ts';

function page(files: Record<string, string>, main: string): string {
  const r = compilePolicyFile(main, (p) => files[p]);
  const program = r.program;
  if (!program) throw new Error(`no program: ${JSON.stringify(r.diagnostics.map((d) => d.message))}`);
  return renderDigest(program, runExamples(program), { asOf: '2025-05-01', file: main });
}

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The text of the section with this id. */
const section = (html: string, id: string): string => text(html.slice(html.indexOf(`<section id="${id}"`), html.indexOf('</section>', html.indexOf(`<section id="${id}"`))));

const DOC = `policy "Doc test"
unit TPP "Total Processing Performance"
group D4 "Country Group D:4" cites "15 CFR part 740, supplement no. 1" of Country = { AE, CN }
const ADV "the 3A090.a TPP threshold" cites "ECCN 3A090.a" = 4800 TPP
const NOTICE = 25 days
define advanced "an advanced chip" cites "ECCN 3A090" = tpp >= ADV
input Shipment as of date { date: Date  destination: Country  tpp: TPP  notified: Date  s: Share }
decision Outcome { license_required  nac  a(x: Date)  over(by: TPP)  no_license_needed }
rule chips "Licence for advanced chips to D:4" {
  cites "15 CFR 742.6(a)(6)"
  when advanced and destination in D4
  decide license_required
  exception nac "License Exception NAC" {
    cites "15 CFR 740.7(c)"
    when notified <= date - NOTICE
    decide nac
  }
}
rule r "r" {
  cites "X"
  when date + 1 month > 2025-01-01 and date - 2 years < 2030-01-01
  decide a(x: date + 25 days)
}
rule big "big" {
  cites "Z"
  when tpp > 100_000 TPP
  decide over(by: tpp - ADV)
}
otherwise decide no_license_needed
example "big" {
  given { date: 2024-01-01  destination: BR  tpp: 200000 TPP  notified: 2025-05-01  s: 0 }
  expect over(by: 195200 TPP)
}
example "AE" {
  given { date: 2025-05-01  destination: AE  tpp: 5000 TPP  notified: 2025-05-01  s: 75% }
  expect license_required
}
`;

describe('pol doc in words', () => {
  const html = page({ '/p/doc.pol': DOC }, '/p/doc.pol');
  const rules = section(html, 'rules');

  it('reads date arithmetic as written: "d plus 1 month", "25 days before date"', () => {
    expect(rules).toContain('date plus 1 month is after 2025-01-01');
    expect(rules).toContain('2 years before date is before 2030-01-01');
    expect(rules).toContain('x : date plus 25 days');
    expect(rules).toContain('notified is on or before NOTICE ( 25 days ) before date');
    expect(rules).not.toMatch(/moved by|months months|days days|times 2 years/);
  });

  it('names titled definitions, groups and constants by their titles in conditions', () => {
    expect(rules).toContain('an advanced chip ( advanced )');
    expect(rules).toContain('destination is in Country Group D:4 ( D4 )');
  });

  it('shows titles and citations of groups, constants and definitions in their sections', () => {
    expect(section(html, 'groups')).toContain('Country Group D:4 D4 (cites 15 CFR part 740, supplement no. 1 ) , of Country: 2 members');
    const consts = section(html, 'constants');
    expect(consts).toContain('the 3A090.a TPP threshold ADV (cites ECCN 3A090.a )');
    expect(consts).toContain('NOTICE 25 days');
    expect(section(html, 'definitions')).toContain('an advanced chip advanced (cites ECCN 3A090 )');
    expect(section(html, 'definitions')).toContain('tpp is at least the 3A090.a TPP threshold ( ADV , 4800 TPP )');
  });

  it('gives the examples\' numbers with their units', () => {
    const ex = section(html, 'examples');
    expect(ex).toContain('tpp : 5000 TPP');
    expect(ex).toContain('s : 0.75 (75%)');
    expect(ex).toContain('over by : 195200 TPP over by : 195200 TPP');
  });
});

const LIT = `# A literate policy

This is the file's introduction; it is about the whole file.

## The limits

> at least 75 percent in Tier 1

\`\`\`pol
policy "lit"
const A "share A" cites "748.15" = 75%

const B "share B" cites "748.15" = 7%
\`\`\`

## The rule

The rule's own text.

\`\`\`pol
input I { s: Share }
decision O { yes  no }
rule r "r" { cites "X"  when s >= A and s < B  decide yes }
otherwise decide no
\`\`\`
`;

describe('pol doc on a literate policy', () => {
  const html = page({ '/p/lit.pol.md': LIT }, '/p/lit.pol.md');

  it('shows the file introduction once, for the file, never as a declaration\'s note', () => {
    expect(text(html).match(/the file's introduction/g)?.length).toBe(1);
    expect(section(html, 'constants')).not.toContain("file's introduction");
    expect(text(html.slice(html.indexOf('<main'), html.indexOf('<section')))).toContain("From lit.pol.md : A literate policy This is the file's introduction");
  });

  it('gives a block\'s prose to its first declaration, and the others point to it', () => {
    const consts = section(html, 'constants');
    expect(consts).toContain('share A A (cites 748.15 ) 75% The limits at least 75 percent in Tier 1');
    expect(consts).toContain('share B B (cites 748.15 ) 7% The policy\'s text for this is shown with A , the first declaration of the same block.');
    expect(section(html, 'rules')).toContain("The rule The rule's own text.");
  });
});
