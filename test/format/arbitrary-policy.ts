/**
 * Random syntactically valid policies for the formatter's property tests.
 *
 * A policy is generated as a list of tokens (every kind of declaration, nested exceptions, long
 * groups and conditions, records and lists in examples, strings with escapes, numbers with
 * underscores), then laid out with random whitespace, blank lines and comments in random gaps
 * between tokens (trailing or on their own line). Expressions are generated as trees and
 * printed with the parentheses their precedence needs, plus random extra ones.
 */
import fc from 'fast-check';

type Toks = readonly string[];

/** Tokens of an expression and how tightly it binds (grammar: "expressions, loosest binding first"). */
interface GenExpr {
  readonly toks: Toks;
  readonly prec: number;
}

const P = { or: 1, and: 2, not: 3, compare: 4, coalesce: 5, additive: 6, multiplicative: 7, unary: 8, postfix: 9, primary: 10 } as const;

const IDENTS = [
  'a',
  'b',
  'x',
  'item',
  'destination',
  'consignee',
  'Tier1',
  'D5',
  'shipment_tpp',
  'LPP_ANNUAL_LIMIT',
  'eligible_design',
  'TPP',
  'an_unusually_long_identifier_to_push_lines_past_the_print_width',
] as const;
/** names where a keyword may stand too (fields, arguments, members) */
const NAMES = [...IDENTS, 'kind', 'count', 'from', 'until', 'tpp', 'units', 'given', 'all'] as const;
const COUNTRIES = ['AU', 'BE', 'CA', 'DK', 'FI', 'FR', 'DE', 'IE', 'IT', 'JP', 'NL', 'NZ', 'NO', 'KR', 'ES', 'SE', 'TW', 'GB', 'US', 'CN', 'RU', 'KH', 'CY', 'NI'] as const;
const DATES = ['2025-01-13', '2024-02-29', '2026-12-31', '1999-01-01'] as const;
const NUMBERS = ['0', '1', '42', '26_900_000', '5.92', '1e26', '2.5e-3', '1_000.000_1'] as const;
const PERCENTS = ['7%', '75%', '0.5%', '1_0%'] as const;
const STRINGS = [
  '"15 CFR 742.6(a)(6)"',
  '""',
  '"with \\"quotes\\" inside"',
  '"tab\\tand\\\\backslash and \\n newline"',
  '"unicode \\u{1F600} é 中文"',
  '"a long title that goes on and on, well past the width of a line of one hundred columns of text"',
] as const;
export const COMMENTS = [
  '// note',
  '//',
  '// ---- section ----------------------------------------------------------------------------',
  '//x',
  '// trailing spaces   ',
  '// ünïcödé and `code`',
  '// (see 15 CFR 740.27(b)(2)) { } " // and, commas',
] as const;

const ident = fc.constantFrom(...IDENTS);
const name = fc.constantFrom(...NAMES);
const str = fc.constantFrom(...STRINGS);
const date = fc.constantFrom(...DATES);
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

function wrap(e: GenExpr, min: number): Toks {
  return e.prec >= min ? e.toks : ['(', ...e.toks, ')'];
}

/** `items` separated by commas; `trailing` adds one after the last. */
function commaList(items: readonly Toks[], trailing = false): string[] {
  const out: string[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(',');
    out.push(...item);
  });
  if (trailing && items.length > 0) out.push(',');
  return out;
}

/** `items`, each followed by a comma or not (where the grammar makes commas optional). */
function optionalCommas(items: readonly Toks[], commas: readonly boolean[]): string[] {
  return items.flatMap((item, i) => (commas[i % Math.max(1, commas.length)] ? [...item, ','] : [...item]));
}

const setMember: fc.Arbitrary<Toks> = fc
  .tuple(fc.constantFrom(...COUNTRIES), opt(date), opt(date))
  .map(([c, from, until]) => [c, ...(from ? ['from', from] : []), ...(until ? ['until', until] : [])]);

const setLiteral = (maxLength: number): fc.Arbitrary<GenExpr> =>
  fc.array(setMember, { maxLength }).map((members) => ({ toks: ['{', ...commaList(members), '}'], prec: P.primary }));

const atom: fc.Arbitrary<GenExpr> = fc.oneof(
  ident.map((i) => ({ toks: [i], prec: P.primary })),
  fc.tuple(fc.constantFrom(...NUMBERS), opt(ident)).map(([n, u]) => ({ toks: u ? [n, u] : [n], prec: P.primary })),
  fc.constantFrom(...PERCENTS).map((p) => ({ toks: [p], prec: P.primary })),
  date.map((d) => ({ toks: [d], prec: P.primary })),
  fc.constantFrom('true', 'false').map((b) => ({ toks: [b], prec: P.primary })),
  ident.map((i) => ({ toks: ['every', i], prec: P.primary })),
  setLiteral(4),
);

const expression: fc.Arbitrary<GenExpr> = fc.letrec<{ expr: GenExpr }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof(
      { depthIdentifier: 'expr', maxDepth: 4, depthSize: 'small', withCrossShrink: true },
      atom,
      // long `and` / `or` chains
      fc
        .tuple(fc.constantFrom('and', 'or'), fc.array(sub, { minLength: 2, maxLength: 7, depthIdentifier: 'expr' }))
        .map(([op, xs]) => {
          const prec = op === 'or' ? P.or : P.and;
          return { toks: xs.flatMap((x, i) => (i === 0 ? wrap(x, prec) : [op, ...wrap(x, prec + 1)])), prec };
        }),
      sub.map((x) => ({ toks: ['not', ...wrap(x, P.not)], prec: P.not })),
      fc
        .tuple(fc.constantFrom('=', '!=', '<', '<=', '>', '>='), sub, sub)
        .map(([op, l, r]) => ({ toks: [...wrap(l, P.coalesce), op, ...wrap(r, P.coalesce)], prec: P.compare })),
      fc
        .tuple(fc.boolean(), sub, sub)
        .map(([neg, l, r]) => ({ toks: [...wrap(l, P.coalesce), ...(neg ? ['not'] : []), 'in', ...wrap(r, P.coalesce)], prec: P.compare })),
      fc
        .tuple(fc.boolean(), sub, fc.constantFrom('present', 'absent', 'computer', 'ic'))
        .map(([neg, l, t]) => ({ toks: [...wrap(l, P.coalesce), 'is', ...(neg ? ['not'] : []), t], prec: P.compare })),
      fc.tuple(sub, sub).map(([l, r]) => ({ toks: [...wrap(l, P.coalesce), 'otherwise', ...wrap(r, P.additive)], prec: P.coalesce })),
      fc
        .tuple(fc.constantFrom('+', '-'), sub, sub)
        .map(([op, l, r]) => ({ toks: [...wrap(l, P.additive), op, ...wrap(r, P.multiplicative)], prec: P.additive })),
      fc
        .tuple(fc.constantFrom('*', '/'), sub, sub)
        .map(([op, l, r]) => ({ toks: [...wrap(l, P.multiplicative), op, ...wrap(r, P.unary)], prec: P.multiplicative })),
      sub.map((x) => ({ toks: ['-', ...wrap(x, P.unary)], prec: P.unary })),
      fc.tuple(sub, name).map(([x, n]) => ({ toks: [...wrap(x, P.postfix), '.', n], prec: P.postfix })),
      sub.map((x) => ({ toks: ['(', ...x.toks, ')'], prec: P.primary })),
      // date arithmetic: durations are numbers with a unit (`25 days`, `1 year`); these two read dates
      fc.tuple(sub, sub).map(([a, b]) => ({ toks: ['days', 'between', ...wrap(a, P.unary), 'and', ...wrap(b, P.unary)], prec: P.primary })),
      sub.map((x) => ({ toks: ['calendar', 'year', 'of', ...wrap(x, P.unary)], prec: P.primary })),
      fc
        .tuple(fc.constantFrom('+', '-'), sub, fc.constantFrom('25 days', '1 day', '3 months', '1 year', '1.5 years'))
        .map(([op, l, d]) => ({ toks: [...wrap(l, P.additive), op, ...d.split(' ')], prec: P.additive })),
      fc
        .tuple(fc.constantFrom('sum', 'count', 'all', 'any'), ident, sub, sub, opt(sub))
        .map(([op, binder, list, body, where]) => {
          const head = ['each', binder, 'in', ...wrap(list, P.unary)]; // grammar: `in operand`
          const whereToks = where ? ['where', ...where.toks] : [];
          const inner =
            op === 'sum'
              ? [...body.toks, 'for', ...head, ...whereToks]
              : op === 'count'
                ? [...head, ...whereToks]
                : [...head, 'satisfies', ...body.toks];
          return { toks: [op, '(', ...inner, ')'], prec: P.primary };
        }),
    ),
  };
}).expr;

const decisionExpr: fc.Arbitrary<Toks> = fc
  .tuple(ident, fc.array(fc.tuple(name, expression), { maxLength: 3 }), fc.boolean(), fc.boolean())
  .map(([variant, args, parens, trailing]) => {
    if (args.length === 0) return parens ? [variant, '(', ')'] : [variant];
    return [variant, '(', ...commaList(args.map(([n, e]) => [n, ':', ...e.toks]), trailing), ')'];
  });

const types = fc.letrec<{ type: Toks; record: Toks }>((tie) => ({
  type: fc.oneof(
    { depthIdentifier: 'type', maxDepth: 3, depthSize: 'small' },
    ident.map((i) => [i]),
    tie('type').map((t) => ['optional', ...t]),
    tie('type').map((t) => ['list', 'of', ...t]),
    tie('record'),
  ),
  record: fc
    .tuple(fc.array(fc.tuple(name, tie('type')), { maxLength: 4, depthIdentifier: 'type' }), fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }))
    .map(([fields, commas]) => ['{', ...optionalCommas(fields.map(([n, t]) => [n, ':', ...t]), commas), '}']),
}));

const scalarValue: fc.Arbitrary<Toks> = fc.oneof(
  fc.tuple(fc.boolean(), fc.constantFrom(...NUMBERS), opt(ident)).map(([neg, n, u]) => [...(neg ? ['-'] : []), n, ...(u ? [u] : [])]),
  fc.tuple(fc.boolean(), fc.constantFrom(...PERCENTS)).map(([neg, p]) => [...(neg ? ['-'] : []), p]),
  date.map((d) => [d]),
  str.map((s) => [s]),
  fc.constantFrom('true', 'false').map((b) => [b]),
  ident.map((i) => [i]),
);

const values = fc.letrec<{ value: Toks; record: Toks }>((tie) => ({
  value: fc.oneof(
    { depthIdentifier: 'value', maxDepth: 3, depthSize: 'small' },
    scalarValue,
    tie('record'),
    fc
      .tuple(fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'value' }), fc.boolean())
      .map(([items, trailing]) => ['[', ...commaList(items, trailing), ']']),
  ),
  record: fc
    .tuple(fc.array(fc.tuple(name, tie('value')), { maxLength: 5, depthIdentifier: 'value' }), fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }))
    .map(([fields, commas]) => ['{', ...optionalCommas(fields.map(([n, v]) => [n, ':', ...v]), commas), '}']),
}));

/** A rule or exception; exceptions nest `depth` levels at most. */
function ruleLike(keyword: 'rule' | 'exception', depth: number): fc.Arbitrary<Toks> {
  const exceptions = depth > 0 ? fc.array(ruleLike('exception', depth - 1), { maxLength: 2 }) : fc.constant([]);
  return fc
    .tuple(ident, opt(str), fc.array(str, { maxLength: 3 }), opt(date), opt(date), opt(expression), decisionExpr, fc.array(str, { maxLength: 2 }), exceptions)
    .map(([n, title, cites, effective, until, when, decide, obligations, nested]) => [
      keyword,
      n,
      ...(title ? [title] : []),
      '{',
      ...cites.flatMap((c) => ['cites', c]),
      ...(effective ? ['effective', effective] : []),
      ...(until ? ['until', until] : []),
      ...(when ? ['when', ...when.toks] : []),
      'decide',
      ...decide,
      ...obligations.flatMap((o) => ['obligation', o]),
      ...nested.flat(),
      '}',
    ]);
}

/** A display title and citations of a group, const or define (often none, as in most policies). */
const declLabel: fc.Arbitrary<Toks> = fc
  .tuple(opt(str), fc.array(str, { maxLength: 3 }))
  .map(([title, cites]) => [...(title ? [title] : []), ...cites.flatMap((c) => ['cites', c])]);

const declaration: fc.Arbitrary<Toks> = fc.oneof(
  fc.tuple(ident, fc.array(fc.constantFrom(...IDENTS, ...COUNTRIES), { maxLength: 30 })).map(([n, ms]) => ['enum', n, '{', ...commaList(ms.map((m) => [m])), '}']),
  fc
    .tuple(ident, opt(str), opt(fc.array(fc.tuple(fc.constantFrom('*', '/'), ident), { minLength: 1, maxLength: 3 })), ident)
    .map(([n, d, f, first]) => ['unit', n, ...(d ? [d] : []), ...(f ? ['=', first, ...f.flat()] : [])]),
  fc
    .tuple(ident, declLabel, ident, fc.oneof(setLiteral(60), expression))
    .map(([n, label, of, value]) => ['group', n, ...label, 'of', of, '=', ...value.toks]),
  fc.tuple(fc.constantFrom('const', 'define'), ident, declLabel, expression).map(([k, n, label, e]) => [k, n, ...label, '=', ...e.toks]),
  fc.tuple(ident, types.record).map(([n, r]) => ['record', n, ...r]),
  fc.tuple(ident, opt(ident), types.record).map(([n, asOf, r]) => ['input', n, ...(asOf ? ['as', 'of', asOf] : []), ...r]),
  fc
    .tuple(
      ident,
      fc.array(fc.tuple(ident, fc.option(fc.tuple(fc.array(fc.tuple(name, types.type), { maxLength: 3 }), fc.boolean()))), { maxLength: 4 }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    )
    .map(([n, variants, commas]) => [
      'decision',
      n,
      '{',
      ...optionalCommas(
        variants.map(([v, params]) => (params ? [v, '(', ...commaList(params[0].map(([pn, t]) => [pn, ':', ...t]), params[1]), ')'] : [v])),
        commas,
      ),
      '}',
    ]),
  fc.tuple(expression, str).map(([e, s]) => ['require', ...e.toks, 'because', s]),
  ruleLike('rule', 2),
  fc.tuple(fc.array(str, { maxLength: 2 }), decisionExpr).map(([cites, d]) => ['otherwise', ...cites.flatMap((c) => ['cites', c]), 'decide', ...d]),
  fc.tuple(str, values.record, decisionExpr).map(([title, given, expect]) => ['example', title, '{', 'given', ...given, 'expect', ...expect, '}']),
);

const header: fc.Arbitrary<Toks> = fc
  .tuple(str, fc.array(fc.oneof(str.map((s) => ['version', s]), str.map((s) => ['cites', s]), date.map((d) => ['effective', d])), { maxLength: 4 }))
  .map(([n, clauses]) => ['policy', n, ...clauses.flat()]);

/** The tokens of a random policy. */
export const policyTokens: fc.Arbitrary<Toks> = fc
  .tuple(opt(header), fc.array(str, { maxLength: 2 }), fc.array(declaration, { maxLength: 8 }))
  .map(([h, imports, decls]) => [...(h ?? []), ...imports.flatMap((i) => ['import', i]), ...decls.flat()]);

/** What goes between two tokens: whitespace, maybe a comment (trailing or on its own line). */
export interface Gap {
  readonly ws: number;
  /** 0-99: the gap has a comment when this is below the layout's comment density */
  readonly roll: number;
  readonly comment: { readonly text: string; readonly ownLine: boolean; readonly blankAfter: boolean };
}

const WHITESPACE = [' ', ' ', ' ', '\n', '\n  ', '\n\n', '\t', '   ', '\n\n\n    '] as const;

export const gap: fc.Arbitrary<Gap> = fc.record({
  ws: fc.nat(WHITESPACE.length - 1),
  roll: fc.nat(99),
  comment: fc.record({ text: fc.constantFrom(...COMMENTS), ownLine: fc.boolean(), blankAfter: fc.boolean() }),
});

/**
 * Joins tokens with the gaps (used cyclically; gap 0 also goes before the first token, and one
 * after the last). `density` is the percentage of gaps that hold a comment.
 */
export function layOut(tokens: Toks, gaps: readonly Gap[], density: number): string {
  const gapText = (i: number): string => {
    const g = gaps[i % gaps.length];
    if (!g) return ' ';
    const ws = WHITESPACE[g.ws] ?? ' ';
    if (g.roll >= density) return ws;
    const after = g.comment.blankAfter ? '\n\n' : '\n';
    return g.comment.ownLine ? `${ws}\n${g.comment.text}${after}` : ` ${g.comment.text}${after}`;
  };
  let out = gaps[0] && gaps[0].roll < density ? gapText(0) : '';
  tokens.forEach((t, i) => {
    if (i > 0) out += gapText(i);
    out += t;
  });
  return out + gapText(tokens.length) + '\n';
}

/** A random valid policy text: no comments, a few, or comments nearly everywhere. */
export const policyText: fc.Arbitrary<string> = fc
  .tuple(policyTokens, fc.array(gap, { minLength: 1, maxLength: 120 }), fc.constantFrom(0, 3, 10, 30, 80))
  .map(([tokens, gaps, density]) => layOut(tokens, gaps, density));
