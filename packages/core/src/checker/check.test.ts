import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';

const PRELUDE = `
unit TPP
enum Item { ic, weights, other }
group Tier1 of Country = { AU, JP, US }
input Tx as of date {
  date: Date
  item: Item
  destination: Country
  tpp: TPP
  limit: optional TPP
  holdings: list of { country: Country, tpp: TPP }
}
decision D { ok  authorized(by: Item)  denied }
otherwise decide ok
`;

function check(body: string, files: Record<string, string> = {}) {
  const all: Record<string, string> = { 'main.pol': PRELUDE + body, ...files };
  return compilePolicyFile('main.pol', (p) => all[p]);
}

/** code plus the text the primary span underlines, the way tests assert diagnostics */
function problems(body: string, files?: Record<string, string>): string[] {
  const r = check(body, files);
  return r.diagnostics.filter((d) => !(d.code === 'check/unused-declaration' && d.message.includes('`Tier1`'))).map((d) => {
    const text = d.span ? (r.sources.get(d.span.file)?.text.slice(d.span.start, d.span.end) ?? '') : '';
    return `${d.code} ${JSON.stringify(text)}`;
  });
}

describe('checker', () => {
  it('accepts a clean policy', () => {
    const r = check(`rule r { cites "c" when item is ic and destination in Tier1 and tpp >= 4800 TPP decide authorized(by: ic) }`);
    expect(r.diagnostics).toEqual([]);
    expect(r.program?.rules.length).toBe(1);
  });

  it('suggests a name for a misspelt one', () => {
    const r = check(`rule r { cites "c" when destinaton in Tier1 decide ok }`);
    expect(r.diagnostics[0]).toMatchObject({ code: 'check/unknown-name', help: 'did you mean `destination`?' });
  });

  it.each([
    ['unknown enum member in a group', `rule r { cites "c" when destination in { XX } decide ok }`, 'check/unknown-member "XX"'],
    ['unit mismatch', `rule r { cites "c" when tpp >= 4800 decide ok }`, 'check/unit-mismatch "tpp >= 4800"'],
    ['adding TPP to a count', `rule r { cites "c" when tpp + 1 > 2 TPP decide ok }`, 'check/unit-mismatch "tpp + 1"'],
    ['order on an enum', `rule r { cites "c" when item >= 3 decide ok }`, 'check/not-comparable "item"'],
    ['equality on a group', `rule r { cites "c" when Tier1 = Tier1 decide ok }`, 'check/not-comparable "Tier1"'],
    ['wrong decision field type', `rule r { cites "c" decide authorized(by: destination) }`, 'check/type-mismatch "destination"'],
    ['comparing two types', `rule r { cites "c" when item = destination decide ok }`, 'check/type-mismatch "item = destination"'],
    ['a number as a condition', `rule r { cites "c" when tpp decide ok }`, 'check/not-a-condition "tpp"'],
    ['arithmetic on an enum', `rule r { cites "c" when item + 1 > 2 decide ok }`, 'check/not-a-number "item"'],
    ['negating an enum', `rule r { cites "c" when -item > 2 decide ok }`, 'check/not-a-number "item"'],
    ['sum of enums', `rule r { cites "c" when sum(h.country for each h in holdings) > 1 decide ok }`, 'check/not-a-number "h.country"'],
    ['is on a number', `rule r { cites "c" when tpp is ic decide ok }`, 'check/not-an-enum "tpp"'],
    ['in on a number', `rule r { cites "c" when tpp in Tier1 decide ok }`, 'check/not-an-enum "tpp"'],
    ['aggregate over a non-list', `rule r { cites "c" when all(each h in destination satisfies true) decide ok }`, 'check/not-a-list "destination"'],
    ['field of a non-record', `rule r { cites "c" when destination.code = 1 decide ok }`, 'check/not-a-record "code"'],
    ['braces without an enum', `rule r { cites "c" when { JP } = destination decide ok }`, 'check/set-without-enum "{ JP }"'],
    ['a number too large to hold', `rule r { cites "c" when 1e2000 > 1 decide ok }`, 'check/number-not-exact "1e2000"'],
    ['presence of a required field', `rule r { cites "c" when tpp is present decide ok }`, 'check/never-absent "tpp is present"'],
    ['fallback of a required field', `rule r { cites "c" when (tpp otherwise 0 TPP) > 1 TPP decide ok }`, 'check/never-absent "0 TPP"'],
    ['optional not handled', `rule r { cites "c" when limit > tpp decide ok }`, 'check/optional-not-handled "limit"'],
    ['wrong member after is', `rule r { cites "c" when item is chips decide ok }`, 'check/unknown-member "chips"'],
    ['unknown decision', `rule r { cites "c" decide aproved }`, 'check/unknown-variant "aproved"'],
    ['missing decision field', `rule r { cites "c" decide authorized }`, 'check/missing-argument "authorized"'],
    ['missing citation', `rule r { decide ok }`, 'check/missing-citation "r"'],
    ['duplicate rule id', `rule r { cites "c" decide ok }\nrule r { cites "c" decide ok }`, 'check/duplicate-declaration "r"'],
    ['duplicate declaration', `const A = 1\nconst A = 2\nrule r { cites "c" when tpp > A * 1 TPP decide ok }`, 'check/duplicate-declaration "A"'],
    ['definition cycle', `define a = b\ndefine b = a\nrule r { cites "c" when a decide ok }`, 'check/definition-cycle "a"'],
    ['input in a constant', `const A = tpp\nrule r { cites "c" when A > 1 TPP decide ok }`, 'check/not-constant "tpp"'],
    ['unknown type', `record R { x: Strng }`, 'check/unknown-type "Strng"'],
    ['unknown field', `rule r { cites "c" when all(each h in holdings satisfies h.tp > 1 TPP) decide ok }`, 'check/unknown-field "tp"'],
    ['compound unit', `rule r { cites "c" when tpp * tpp > 1 TPP decide ok }`, 'check/unit-mismatch "tpp * tpp"'],
    ['date range backwards', `rule r { cites "c" effective 2026-01-01 until 2025-01-01 decide ok }`, 'check/invalid-date-range "2025-01-01"'],
  ])('%s', (_name, body, expected) => {
    expect(problems(body)).toContain(expected);
  });

  it('reports an `as of` field that is not a date and one field name with two types', () => {
    const r = compilePolicyFile('p.pol', () => 'input I as of x { x: Number }\ndecision D { a(f: Number) b(f: Boolean) }\notherwise decide a(f: 1)');
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['check/as-of-not-date', 'check/decision-field-conflict']);
  });

  it('narrows an optional after `is present`', () => {
    expect(problems(`rule r { cites "c" when limit is present and limit > tpp decide ok }`)).toEqual([]);
    expect(problems(`rule r { cites "c" when limit is absent or limit > tpp decide ok }`)).toEqual([]);
    expect(problems(`rule r { cites "c" when (limit otherwise 0 TPP) > tpp decide ok }`)).toEqual([]);
    expect(problems(`rule r { cites "c" when limit is present decide ok exception e { cites "d" when limit > tpp decide denied } }`)).toEqual([]);
  });

  it('warns about unused declarations', () => {
    expect(problems(`const UNUSED = 3`)).toEqual(['check/unused-declaration "UNUSED"']);
  });

  it('checks examples against the input declaration', () => {
    const p = problems(`example "e" { given { date: 2025-01-01, item: chips, destination: XX, tpp: 5 } expect ok }`);
    expect(p).toContain('check/example-invalid "chips"');
    expect(p).toContain('check/example-invalid "XX"');
    expect(p).toContain('check/example-invalid "{ date: 2025-01-01, item: chips, destination: XX, tpp: 5 }"');
  });

  it('reports import cycles and missing imports', () => {
    expect(problems(`import "./a.pol"`, { 'a.pol': 'import "./main.pol"' }).some((p) => p.startsWith('syntax/'))).toBe(true);
    const r = compilePolicyFile('main.pol', (p) => ({ 'main.pol': 'import "./a.pol"\n' + PRELUDE, 'a.pol': 'import "./main.pol"\n' } as Record<string, string>)[p]);
    expect(r.diagnostics.map((d) => d.code)).toContain('import/cycle');
    const missing = compilePolicyFile('main.pol', (p) => ({ 'main.pol': 'import "./nope.pol"\n' + PRELUDE } as Record<string, string>)[p]);
    expect(missing.diagnostics.map((d) => d.code)).toContain('import/not-found');
  });

  it('requires an otherwise decision and an as-of date for dated rules', () => {
    const r = compilePolicyFile('p.pol', () => 'input I { x: Boolean }\ndecision D { a }\nrule r { cites "c" effective 2025-01-01 decide a }');
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['check/missing-as-of', 'check/missing-otherwise']);
  });
});
