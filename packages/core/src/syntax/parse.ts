/**
 * source text -> tokens -> syntax tree (grammar.ts, parse-tree.ts, to-ast.ts), with every syntax error as a Diagnostic.
 * Never throws on any text: a lexer error skips the character, the parser recovers, and nesting
 * too deep for the parser's recursion is refused up front with one clear error.
 */
import type { IToken, IRecognitionException } from 'chevrotain';
import type { Comment, PolFile } from '../ast/nodes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { polLexer, DateLiteral, UnterminatedString, LParen, LBrace, LBracket, RParen, RBrace, RBracket, Kw, Minus, Plus, Star, Slash, Equals, NotEq, Less, LessEq, Greater, GreaterEq, Comma, Colon } from './tokens.ts';
import { polParser } from './grammar.ts';
import { parseTokens } from './to-ast.ts';
import { isValidDate } from '../calendar/dates.ts';
import { applySyntaxHints } from './hints.ts';
import { isLiteratePath, literatePolicyText } from '../source/literate.ts';

const KEYWORD_TYPES = new Set(Object.values(Kw));

/** Brackets plus prefix operators nested deeper than this are refused (the parser recurses on them). */
export const MAX_NESTING = 200;

/**
 * More operators than this in one expression are refused: a chain of n operators is a
 * tree about n deep, and every stage after the parser (checker, interpreter, compiler, solver) walks it
 * recursively. Tested at the limit in test/robustness.
 */
export const MAX_CHAIN = 1000;

export interface ParseResult {
  readonly file: PolFile;
  readonly diagnostics: readonly Diagnostic[];
  /** the tokens without comments (the formatter and the highlighter use them) */
  readonly tokens: readonly IToken[];
}

/** Parses a `.pol` file, or the `pol` blocks of a literate `.pol.md` file (source/literate.ts). */
export function parseSource(path: string, text: string): ParseResult {
  // A literate file's prose is blanked in place, so offsets stay the Markdown file's.
  return parsePolText(path, isLiteratePath(path) ? literatePolicyText(text) : text);
}

/** Parses text as Pol whatever the path's extension (the formatter hands it one block of a literate file). */
export function parsePolText(path: string, text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const span = (start: number, end: number) => ({ file: path, start, end });
  const lexed = polLexer.tokenize(text);
  for (const e of lexed.errors) {
    const ch = text.slice(e.offset, e.offset + (e.length || 1));
    diagnostics.push({
      code: 'syntax/unexpected-character',
      severity: 'error',
      message: `unexpected character ${JSON.stringify(ch)}`,
      span: span(e.offset, e.offset + Math.max(1, e.length)),
      label: 'not part of any word, number or symbol',
      help: 'remove it, or put it inside a quoted text',
    });
  }
  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    // The lexer tracks start offsets only (lines and columns come from SourceFile, on demand);
    // the parser's node locations need each token's end.
    t.endOffset = t.startOffset + t.image.length - 1;
    if (t.tokenType === UnterminatedString) {
      diagnostics.push({
        code: 'syntax/unterminated-string',
        severity: 'error',
        message: 'this text is not closed',
        span: span(t.startOffset, t.endOffset! + 1),
        label: 'the closing `"` is missing on this line',
        help: 'add a `"` at the end of the text',
      });
      continue;
    }
    if (t.tokenType === DateLiteral && !isValidDate(t.image)) {
      diagnostics.push({
        code: 'syntax/invalid-date',
        severity: 'error',
        message: `\`${t.image}\` is not a calendar date`,
        span: span(t.startOffset, t.endOffset! + 1),
        help: 'write dates as YYYY-MM-DD with a real month and day',
      });
    }
    tokens.push(t);
  }
  const comments: Comment[] = (lexed.groups['comments'] ?? []).map((t: IToken) => ({
    kind: 'comment',
    text: t.image,
    span: span(t.startOffset, t.startOffset + t.image.length),
  }));
  const empty = (): PolFile => ({ kind: 'file', path, header: undefined, imports: [], declarations: [], comments, span: span(0, text.length) });

  const tooDeep = findTooDeep(tokens);
  if (tooDeep) {
    diagnostics.push({
      code: 'syntax/too-deep',
      severity: 'error',
      message: `expressions are nested more than ${MAX_NESTING} levels deep`,
      span: span(tooDeep.startOffset, tooDeep.endOffset! + 1),
      label: 'nesting passes the limit here',
      help: 'split the expression with `define` declarations',
    });
    return { file: empty(), diagnostics, tokens };
  }

  const tooLong = findTooLong(tokens);
  if (tooLong) {
    diagnostics.push({
      code: 'syntax/too-long',
      severity: 'error',
      message: `this expression has more than ${MAX_CHAIN.toLocaleString("en-US")} operators`,
      span: span(tooLong.startOffset, tooLong.endOffset! + 1),
      label: 'the limit is passed here',
      help: 'give groups of the parts a name with `define` (or list members in a `group`) and combine the names',
    });
    return { file: empty(), diagnostics, tokens };
  }

  const parser = polParser();
  try {
    const file = parseTokens(parser, tokens, path, comments, text.length);
    for (const e of parser.errors) diagnostics.push(syntaxDiagnostic(path, e, text.length));
    // Common notations from outside Pol (`≥`, `4,800`, a US date...) get counsel's words and a fix.
    return { file, diagnostics: diagnostics.length ? applySyntaxHints(path, text, tokens, dedupe(diagnostics)) : diagnostics, tokens };
  } catch (err) {
    // A RangeError here means the recursion limit was reached despite the depth check above.
    if (!(err instanceof RangeError)) throw err;
    diagnostics.push({
      code: 'syntax/too-deep',
      severity: 'error',
      message: 'this file is nested too deeply to read',
      span: span(0, 0),
      help: 'split long expressions with `define` declarations',
    });
    return { file: empty(), diagnostics, tokens };
  }
}

function findTooDeep(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  let prefixRun = 0;
  for (const t of tokens) {
    const type = t.tokenType;
    if (type === LParen || type === LBrace || type === LBracket) depth++;
    else if (type === RParen || type === RBrace || type === RBracket) depth = Math.max(0, depth - 1);
    prefixRun = type === Kw.not || type === Minus ? prefixRun + 1 : 0;
    if (depth + prefixRun > MAX_NESTING) return t;
  }
  return undefined;
}

const BINARY = new Set([Kw.and, Kw.or, Kw.in, Kw.otherwise, Plus, Minus, Star, Slash, Equals, NotEq, Less, LessEq, Greater, GreaterEq]);
/** Words that may stand inside an expression; any other keyword starts something new. */
const IN_EXPRESSION = new Set([...BINARY, Kw.not, Kw.is, Kw.present, Kw.absent, Kw.true, Kw.false, Kw.every, Kw.sum, Kw.count, Kw.all, Kw.any, Kw.each, Kw.for, Kw.where, Kw.satisfies, Kw.until, Kw.from]);

/** The operator that makes one expression's chain longer than MAX_CHAIN, if any. */
function findTooLong(tokens: readonly IToken[]): IToken | undefined {
  // operators counted per bracket level; a level's count restarts where a new expression starts
  const counts: number[] = [0];
  // after `define x`, `const x` or `group g of E`, the next `=` names the value and is no operator
  let naming = false;
  for (const t of tokens) {
    const type = t.tokenType;
    if (type === LParen || type === LBrace || type === LBracket) counts.push(0);
    else if (type === RParen || type === RBrace || type === RBracket) {
      if (counts.length > 1) counts.pop();
    } else if (naming && type === Equals) naming = false;
    else if (BINARY.has(type)) {
      const n = (counts[counts.length - 1] ?? 0) + 1;
      counts[counts.length - 1] = n;
      if (n > MAX_CHAIN) return t;
    } else if (type === Comma || type === Colon || (KEYWORD_TYPES.has(type) && !IN_EXPRESSION.has(type))) {
      counts[counts.length - 1] = 0;
      naming = type === Kw.define || type === Kw.const || type === Kw.group || (naming && type === Kw.of);
    }
  }
  return undefined;
}

function syntaxDiagnostic(path: string, e: IRecognitionException, textLength: number): Diagnostic {
  const t = e.token;
  const atEnd = t.tokenType?.name === 'EOF' || Number.isNaN(t.startOffset);
  // At the end of the file, point just past the last character so the caret sits where text is missing.
  const prev = (e as { previousToken?: IToken }).previousToken;
  const start = atEnd ? (prev && !Number.isNaN(prev.endOffset ?? Number.NaN) ? prev.endOffset! + 1 : textLength) : t.startOffset;
  const end = atEnd ? start : t.endOffset! + 1;
  const missing = e.name === 'MismatchedTokenException';
  return {
    code: missing && atEnd ? 'syntax/missing-token' : 'syntax/unexpected-token',
    severity: 'error',
    message: e.message,
    span: { file: path, start, end: Math.max(end, start) },
    label: atEnd ? 'the file ends here' : 'unexpected here',
    notes: ruleNote(e.context?.ruleStack ?? []),
  };
}

/**
 * "while reading a const declaration" helps; "while reading a primary" or "a file" names the
 * grammar, not the policy: say nothing then.
 */
function ruleNote(stack: readonly string[]): string[] | undefined {
  const rule = stack[stack.length - 1];
  if (rule === undefined || /^(file|declaration|expression|binaryOperator|isTest|operand|postfix|primary)$/.test(rule)) return undefined;
  return [`while reading ${describeRule(rule)}`];
}

function describeRule(rule: string): string {
  const words = rule.replace(/Decl$/, ' declaration').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}:${d.span?.start}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
