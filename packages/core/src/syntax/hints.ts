/**
 * Syntax errors in counsel's words. The parser knows what token it expected; counsel know what
 * they meant. When a syntax error sits on a common way of writing something that Pol spells
 * differently (`≥`, `and/or`, `4,800`, `D:5`, `is at least`, `50% of`, `exemption`, a US date), the
 * parser's message is replaced by one that names what was meant and the Pol spelling, with the
 * replacement as a fix an editor can apply. A missing `}` is reported where the block that is not
 * closed starts, found from the indentation, instead of where the file or the next rule begins.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic, Fix } from '../diagnostics/diagnostic.ts';
import type { Span } from '../source/span.ts';

const CODE = 'syntax/other-notation';

const SYMBOLS: Record<string, { readonly pol: string; readonly meaning: string }> = {
  '≥': { pol: '>=', meaning: '"at least"' },
  '≤': { pol: '<=', meaning: '"at most"' },
  '≠': { pol: '!=', meaning: '"is not"' },
  '×': { pol: '*', meaning: '"times"' },
  '÷': { pol: '/', meaning: '"divided by"' },
  '−': { pol: '-', meaning: '"minus"' },
  '–': { pol: '-', meaning: '"minus"' },
  '“': { pol: '"', meaning: 'a quotation mark' },
  '”': { pol: '"', meaning: 'a quotation mark' },
};

const WORD_COMPARISONS: Record<string, string> = {
  'at least': '>=',
  'at most': '<=',
  'more than': '>',
  'greater than': '>',
  'less than': '<',
  'fewer than': '<',
  'equal to': '=',
};

const MISSPELT_KEYWORDS: Record<string, string> = { exemption: 'exception', exemptions: 'exception', excepting: 'exception' };

interface Hint {
  readonly span: Span;
  readonly message: string;
  readonly label: string;
  readonly help: string;
  readonly fixes: readonly Fix[];
}

const isSyntaxError = (d: Diagnostic) => d.code === 'syntax/unexpected-token' || d.code === 'syntax/missing-token';

export function applySyntaxHints(path: string, text: string, tokens: readonly IToken[], diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const span = (start: number, end: number): Span => ({ file: path, start, end });
  const fix = (title: string, start: number, end: number, newText: string): Fix => ({ title, edits: [{ span: span(start, end), newText }] });
  let out = [...diagnostics];
  const hints: Hint[] = [];

  // Characters the lexer skipped: their own error becomes the hint.
  for (const d of diagnostics) {
    if (d.code !== 'syntax/unexpected-character' || !d.span) continue;
    const ch = text.slice(d.span.start, d.span.end);
    const s = SYMBOLS[ch];
    if (!s) continue;
    out = out.filter((x) => x !== d);
    hints.push({
      span: d.span,
      message: `\`${ch}\` is not a symbol of Pol: ${s.meaning} is written \`${s.pol}\``,
      label: `write \`${s.pol}\` here`,
      help: `replace \`${ch}\` with \`${s.pol}\``,
      fixes: [fix(`Replace \`${ch}\` with \`${s.pol}\``, d.span.start, d.span.end, s.pol)],
    });
  }

  const kind = (i: number) => tokens[i]?.tokenType.name;
  const start = (i: number) => tokens[i]!.startOffset;
  const end = (i: number) => tokens[i]!.startOffset + tokens[i]!.image.length;
  const adjacent = (i: number, j: number) => tokens[j] !== undefined && end(i) === start(j);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType.name === 'Kw_and' && kind(i + 1) === 'Slash' && kind(i + 2) === 'Kw_or') {
      hints.push({
        span: span(start(i), end(i + 2)),
        message: '`and/or` does not say which is meant: choose `and` (both must hold) or `or` (either is enough, or both)',
        label: 'choose `and` or `or`',
        help: 'write `or` if either condition is enough (Pol\'s `or` includes both), `and` if both are required',
        fixes: [fix('Use `or` (either, or both)', start(i), end(i + 2), 'or'), fix('Use `and` (both)', start(i), end(i + 2), 'and')],
      });
      i += 2;
    } else if (t.tokenType.name === 'NumberLiteral' && kind(i + 1) === 'Comma' && adjacent(i, i + 1) && kind(i + 2) === 'NumberLiteral' && adjacent(i + 1, i + 2) && /^\d{3}$/.test(tokens[i + 2]!.image) && /^\d{1,3}$/.test(t.image)) {
      let j = i + 2;
      while (kind(j + 1) === 'Comma' && adjacent(j, j + 1) && kind(j + 2) === 'NumberLiteral' && adjacent(j + 1, j + 2) && /^\d{3}$/.test(tokens[j + 2]!.image)) j += 2;
      const written = text.slice(start(i), end(j));
      const pol = written.replace(/,/g, '_');
      hints.push({
        span: span(start(i), end(j)),
        message: `\`${written}\` is not a number in Pol: a comma separates items, so digits are grouped with \`_\``,
        label: `write \`${pol}\` or \`${written.replace(/,/g, '')}\``,
        help: `write \`${pol}\` (or \`${written.replace(/,/g, '')}\`)`,
        fixes: [fix(`Write \`${pol}\``, start(i), end(j), pol)],
      });
      i = j;
    } else if (t.tokenType.name === 'Identifier' && kind(i + 1) === 'Colon' && adjacent(i, i + 1) && kind(i + 2) === 'NumberLiteral' && adjacent(i + 1, i + 2) && /^[A-Za-z]{1,3}$/.test(t.image)) {
      const written = text.slice(start(i), end(i + 2));
      const pol = `${t.image}${tokens[i + 2]!.image}`;
      hints.push({
        span: span(start(i), end(i + 2)),
        message: `\`${written}\` is not a name in Pol: names have letters, digits and \`_\` only`,
        label: `a name such as \`${pol}\``,
        help: `name the group \`${pol}\` (declare it with \`group ${pol} of Country = { ... }\`) and write \`${pol}\` here`,
        fixes: [fix(`Write \`${pol}\``, start(i), end(i + 2), pol)],
      });
      i += 2;
    } else if (t.tokenType.name === 'Kw_is' && kind(i + 1) === 'Identifier' && kind(i + 2) === 'Identifier' && WORD_COMPARISONS[`${tokens[i + 1]!.image} ${tokens[i + 2]!.image}`]) {
      const words = `is ${tokens[i + 1]!.image} ${tokens[i + 2]!.image}`;
      const pol = WORD_COMPARISONS[words.slice(3)]!;
      hints.push({
        span: span(start(i), end(i + 2)),
        message: `\`${words}\` is written \`${pol}\` in Pol`,
        label: `write \`${pol}\``,
        help: `compare with \`${pol}\`, e.g. \`tpp ${pol} 4_800 TPP\``,
        fixes: [fix(`Write \`${pol}\``, start(i), end(i + 2), pol)],
      });
      i += 2;
    } else if (t.tokenType.name === 'PercentLiteral' && kind(i + 1) === 'Kw_of') {
      hints.push({
        span: span(start(i), end(i + 1)),
        message: `\`${t.image} of\` is written \`${t.image} *\` in Pol: a percentage of an amount is a multiplication`,
        label: `write \`${t.image} *\``,
        help: `write \`${t.image} * <amount>\`, e.g. \`share >= ${t.image} * total\``,
        fixes: [fix('Write `*` for `of`', start(i + 1), end(i + 1), '*')],
      });
      i += 1;
    } else if ((kind(i) === 'Kw_const' || kind(i) === 'Kw_define' || kind(i) === 'Kw_group') && kind(i + 1) === 'Identifier' && kind(i + 2) === 'Kw_cites') {
      // `const X cites "a" "title"`: a title written after the citations; it goes right after the name
      let j = i + 2;
      while (kind(j) === 'Kw_cites' && kind(j + 1) === 'StringLiteral') j += 2;
      if (kind(j) === 'StringLiteral') {
        const title = tokens[j]!.image;
        const cites = text.slice(start(i + 2), end(j - 1));
        hints.push({
          span: span(start(j), end(j)),
          message: `a title comes right after the name, before \`cites\`: write \`${tokens[i]!.image} ${tokens[i + 1]!.image} ${title} ${cites}\``,
          label: 'the title goes after the name',
          help: `move ${title} to just after \`${tokens[i + 1]!.image}\``,
          fixes: [{ title: 'Move the title after the name', edits: [{ span: span(end(i + 1), end(j)), newText: ` ${title} ${cites}` }] }],
        });
        i = j;
      }
    } else if (t.tokenType.name === 'Kw_policy' && i > 0 && kind(i + 1) === 'StringLiteral') {
      hints.push({
        span: span(start(i), end(i + 1)),
        message: 'the policy header must come first: `policy "..."` goes before every other declaration',
        label: 'move this to the top',
        help: path.endsWith('.pol.md') ? 'move the header (with its `version`, `cites` and `effective` lines) to the start of the first `pol` block' : 'move the header (with its `version`, `cites` and `effective` lines) to the start of the file',
        // moving a header with its clauses across blocks is left to the author: no automatic fix
        fixes: [],
      });
      i += 1;
    } else if (t.tokenType.name === 'Identifier' && MISSPELT_KEYWORDS[t.image]) {
      const pol = MISSPELT_KEYWORDS[t.image]!;
      hints.push({
        span: span(start(i), end(i)),
        message: `\`${t.image}\` is not a word of Pol: an exception to a rule is written \`${pol}\``,
        label: `write \`${pol}\``,
        help: `write \`${pol} <name> "<title>" { ... }\` inside the rule`,
        fixes: [fix(`Write \`${pol}\``, start(i), end(i), pol)],
      });
    } else if (t.tokenType.name === 'NumberLiteral' && /^\d{1,2}$/.test(t.image) && kind(i + 1) === 'Slash' && kind(i + 2) === 'NumberLiteral' && kind(i + 3) === 'Slash' && kind(i + 4) === 'NumberLiteral' && /^\d{1,2}$/.test(tokens[i + 2]!.image) && /^\d{4}$/.test(tokens[i + 4]!.image) && adjacent(i, i + 1) && adjacent(i + 3, i + 4)) {
      const a = Number(t.image);
      const b = Number(tokens[i + 2]!.image);
      // Month first (U.S.) unless the first number cannot be a month.
      const [month, day] = a > 12 && b <= 12 ? [b, a] : [a, b];
      const iso = `${tokens[i + 4]!.image}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const written = text.slice(start(i), end(i + 4));
      hints.push({
        span: span(start(i), end(i + 4)),
        message: `\`${written}\` is not a date in Pol: dates are written year-month-day`,
        label: `write \`${iso}\``,
        help: `write \`${iso}\` (YYYY-MM-DD)`,
        fixes: [fix(`Write \`${iso}\``, start(i), end(i + 4), iso)],
      });
      i += 4;
    }
  }

  // A token-pattern hint explains the parser's errors from its start to the end of the declaration
  // it is in (they follow from it); a pattern the parser accepted needs no hint.
  const starts = hints.length ? tokens.filter((t) => isDeclarationStart(text, t)).map((t) => t.startOffset) : [];
  const declEnd = (offset: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo < starts.length ? starts[lo]! : text.length + 1;
  };
  const result: Diagnostic[] = [];
  const explained = new Set<Diagnostic>();
  for (const h of hints) {
    const until = declEnd(h.span.start);
    const followers = out.filter((d) => isSyntaxError(d) && d.span && d.span.start >= h.span.start && d.span.start < until);
    const lexical = SYMBOLS[text.slice(h.span.start, h.span.end)] !== undefined;
    if (!lexical && followers.length === 0) continue;
    for (const f of followers) explained.add(f);
    result.push({ code: CODE, severity: 'error', message: h.message, span: h.span, label: h.label, help: h.help, fixes: h.fixes });
  }
  out = out.filter((d) => !explained.has(d));
  return [...unclosedBlocks(path, text, tokens, out), ...result].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}

/** A token that begins a line at column 1 with a declaration keyword starts a new declaration. */
function isDeclarationStart(text: string, t: IToken): boolean {
  return (t.startOffset === 0 || text.charCodeAt(t.startOffset - 1) === 10) && /^Kw_(rule|enum|unit|group|const|record|input|decision|define|require|otherwise|example|import|policy)$/.test(t.tokenType.name);
}

/**
 * When the parser says a `}` is missing, the block that lacks it is the innermost open one whose
 * content stops being indented under it: a line at or left of the line that opened it, other than
 * its `}`. The error moves there, with a fix that closes the block before that line.
 */
function unclosedBlocks(path: string, text: string, tokens: readonly IToken[], diagnostics: Diagnostic[]): Diagnostic[] {
  const missing = diagnostics.find((d) => isSyntaxError(d) && d.span !== undefined && /expected `}`/.test(d.message));
  if (!missing) return diagnostics;
  // Line starts and indentation are tracked as the tokens go by, so a long line costs no rescans.
  let ls = 0;
  let scanned = 0;
  let lineIndent = 0;
  const advance = (offset: number) => {
    let moved = false;
    for (; scanned < offset; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        ls = scanned + 1;
        moved = true;
      }
    }
    if (moved || ls === 0) {
      let i = ls;
      while (text[i] === ' ' || text[i] === '\t') i++;
      lineIndent = i - ls;
    }
  };
  // `indented`: the block's first line of content is indented deeper than the line that opened it,
  // so its indentation says where it ends (unindented code says nothing, and is left alone).
  const stack: { token: IToken; indent: number; line: number; indented?: boolean }[] = [];
  let prevLine = -1;
  for (const t of tokens) {
    advance(t.startOffset);
    const firstOnLine = ls !== prevLine && t.startOffset === ls + lineIndent;
    prevLine = ls;
    if (t.tokenType.name === 'RBrace') {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    if (firstOnLine && top && ls !== top.line && top.indented === undefined) top.indented = lineIndent > top.indent;
    // The parser notices a missing `}` later than where the block ended, never before.
    if (firstOnLine && top?.indented && ls !== top.line && lineIndent <= top.indent && t.startOffset <= missing.span!.start) {
      return [...diagnostics.filter((d) => d !== missing), unclosed(top, t, ls)];
    }
    if (t.tokenType.name === 'LBrace') stack.push({ token: t, indent: lineIndent, line: ls });
  }
  // At the end of the file: a block opened on the last line is next to where its `}` belongs, so
  // the parser's caret there says it best; an earlier one is named where it starts.
  advance(text.length);
  const open = stack[stack.length - 1];
  return open && open.line !== ls ? [...diagnostics.filter((d) => d !== missing), unclosed(open, undefined, text.length)] : diagnostics;

  function unclosed(top: { token: IToken; indent: number; line: number; indented?: boolean }, next: IToken | undefined, nextLineStart: number): Diagnostic {
    const head = text.slice(top.line + top.indent, top.token.startOffset + 1).trim();
    // Close the block after its last line of content, at the indentation of the line that opened it.
    let insertAt = nextLineStart;
    while (insertAt > 0 && /\s/.test(text[insertAt - 1]!)) insertAt--;
    return {
      code: 'syntax/missing-token',
      severity: 'error',
      message: `the block \`${head}\` is not closed: its \`}\` is missing`,
      span: { file: path, start: top.line + top.indent, end: top.token.startOffset + 1 },
      label: 'this `{` has no matching `}`',
      labels: next ? [{ span: { file: path, start: next.startOffset, end: next.startOffset + next.image.length }, message: 'the block should have ended before this line' }] : [],
      help: `add \`}\` on its own line after the block's last line, indented like \`${head}\``,
      fixes: [{ title: `Close \`${head}\``, edits: [{ span: { file: path, start: insertAt, end: insertAt }, newText: `\n${' '.repeat(top.indent)}}` }] }],
    };
  }
}
