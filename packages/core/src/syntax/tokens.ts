/**
 * The tokens of Pol. Keywords are reserved words, but every keyword also belongs to the `Name`
 * category so that it may be used as a field name (`item.count`, `{ from: ... }`).
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const Name = createToken({ name: 'Name', pattern: Lexer.NA });
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Name] });

const KEYWORD_WORDS = [
  'policy', 'version', 'cites', 'effective', 'until', 'from', 'import', 'enum', 'unit', 'group', 'of',
  'const', 'record', 'input', 'as', 'decision', 'define', 'require', 'because', 'rule', 'exception',
  'when', 'decide', 'obligation', 'otherwise', 'example', 'given', 'expect', 'optional', 'list', 'and',
  'or', 'not', 'in', 'is', 'present', 'absent', 'true', 'false', 'every', 'sum', 'count', 'all', 'any',
  'each', 'for', 'where', 'satisfies',
  // ledgers (docs/ledger.md)
  'ledger', 'per', 'opening', 'records',
  // date arithmetic: `days between a and b`, `calendar year of d`
  'between', 'calendar',
] as const;
export type KeywordWord = (typeof KEYWORD_WORDS)[number];

function keyword(word: KeywordWord): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_])`),
    longer_alt: Identifier,
    categories: [Name],
  });
}

export const Kw = Object.fromEntries(KEYWORD_WORDS.map((w) => [w, keyword(w)])) as Record<KeywordWord, TokenType>;
export const KEYWORDS: ReadonlySet<string> = new Set(KEYWORD_WORDS);

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
});
/** An opening quote whose string never closes on its line: reported, then skipped. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*/ });
export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /\d{4}-\d{2}-\d{2}(?![0-9A-Za-z_])/ });
export const PercentLiteral = createToken({ name: 'PercentLiteral', pattern: /\d(?:_?\d)*(?:\.\d(?:_?\d)*)?%/ });
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d+)?/,
});

export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=/ });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=/ });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });

export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  LineComment,
  StringLiteral,
  UnterminatedString,
  DateLiteral,
  PercentLiteral,
  NumberLiteral,
  ...KEYWORD_WORDS.map((w) => Kw[w]),
  Identifier,
  Name,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Comma, Colon, Dot,
  LessEq, GreaterEq, NotEq, Less, Greater, Equals, Plus, Minus, Star, Slash,
];

export const polLexer = new Lexer(ALL_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: true });
