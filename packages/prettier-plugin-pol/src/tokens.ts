/**
 * The token stream the printer walks in lockstep with the syntax tree, and the comment placement
 * that rides on it.
 *
 * The printer never reorders tokens: it takes every token of the file, in source order, from this
 * stream (`tok`), and puts a separator between two tokens only through one of the gap functions
 * (`space`, `soft`, `stmt`). Every comment lies in exactly one gap (between two tokens, or before
 * the first or after the last), so it is printed in that same gap, which means no comment can be
 * lost, reordered or moved across a declaration. Only commas are invisible to the stream: the
 * printer decides where they go, and a comment next to a comma is printed after it.
 *
 * A comment keeps its kind:
 * - trailing (code before it on its line) stays at the end of the line of the token before it;
 * - own-line comments stay on their own lines, indented as the token after them (or, in front of
 *   a closing bracket, one level deeper, with the lines they close).
 * Either kind forces a line break after it, whatever the layout would do without comments.
 * Because placement depends only on (gap, kind, blank lines), formatting twice gives the same text.
 */
import { doc, type Doc } from 'prettier';
import type { ParseResult } from './core.ts';

const { hardline, indent } = doc.builders;

export interface SourceToken {
  readonly image: string;
  readonly start: number;
  /** exclusive */
  readonly end: number;
}

export interface SourceComment {
  /** including the `//` */
  readonly text: string;
  readonly start: number;
  /** exclusive */
  readonly end: number;
}

/** How blank lines in a statement gap are treated. */
export type Blank = 'keep' | 'force' | 'none';

export interface StmtGap {
  /** `keep` (default): at most one blank line where the source has one; `force`: always one before the next statement */
  readonly blank?: Blank;
  /** the gap follows an opening bracket or keyword line: no blank line at its start */
  readonly open?: boolean;
  /** the gap precedes a closing bracket: no blank line before it, own-line comments indented one level */
  readonly close?: boolean;
}

/** Thrown when the printer and the source disagree: a bug in the printer, never a user error. */
export class PrinterMismatchError extends Error {
  constructor(message: string) {
    super(`internal error in prettier-plugin-pol: ${message} (this is a bug, please report it)`);
    this.name = 'PrinterMismatchError';
  }
}

export function sourceTokens(tokens: ParseResult['tokens']): SourceToken[] {
  const out: SourceToken[] = [];
  for (const t of tokens) {
    if (t.image === ',') continue; // only the comma token reads `,` (strings keep their quotes)
    out.push({ image: t.image, start: t.startOffset, end: t.startOffset + t.image.length });
  }
  return out;
}

export class TokenStream {
  private nextToken = 0;
  private nextComment = 0;
  /** end of the last token taken (printed or skipped) */
  private lastEnd = 0;
  private started = false;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly SourceToken[],
    private readonly comments: readonly SourceComment[],
  ) {}

  /** The token `ahead` places after the next one (0 = the next one), or undefined. */
  peek(ahead = 0): SourceToken | undefined {
    return this.tokens[this.nextToken + ahead];
  }

  /**
   * Prints the next token as written. `expected` (a keyword, symbol or name) is checked against
   * the source. Comments in the gap before it, if no separator took them, force a line break.
   */
  tok(expected?: string): Doc {
    const before = this.hasPendingComments() ? this.gap('soft', '', {}) : '';
    const token = this.take(expected);
    return before === '' ? token.image : [before, token.image];
  }

  /** Takes the next token without printing it (empty `()` the layout drops). */
  skip(expected: string): void {
    this.take(expected);
  }

  /** A space between two tokens on one line. */
  space(): Doc {
    return this.gap('soft', ' ', {});
  }

  /** A layout separator (`line`, `softline`, ...) inside a group. */
  soft(separator: Doc, close = false): Doc {
    return this.gap('soft', separator, { close });
  }

  /** A hard line break between statements (declarations, clauses, fields), keeping blank lines. */
  stmt(options: StmtGap = {}): Doc {
    return this.gap('stmt', hardline, options);
  }

  /** Comments before the first token of the file. */
  fileStart(): Doc {
    if (this.tokens.length === 0) return '';
    return this.gap('stmt', '', { open: true });
  }

  /** Comments after the last token, then the final newline. */
  fileEnd(): Doc {
    const parts: Doc[] = [];
    let prevEnd = this.lastEnd;
    let first = true;
    while (this.nextComment < this.comments.length) {
      const c = this.comments[this.nextComment++]!;
      const text = c.text.trimEnd();
      if (first && this.started && this.isTrailing(c)) {
        parts.push(' ', text);
      } else if (first && !this.started) {
        parts.push(text);
      } else {
        parts.push(this.blankBetween(prevEnd, c.start) ? [hardline, hardline] : hardline, text);
      }
      first = false;
      prevEnd = c.end;
    }
    if (this.started || parts.length > 0) parts.push(hardline);
    return parts;
  }

  /** Fails when a token or comment was not printed. */
  finish(): void {
    if (this.nextToken < this.tokens.length) {
      const t = this.tokens[this.nextToken]!;
      throw new PrinterMismatchError(`the token \`${t.image}\` at offset ${t.start} was not printed`);
    }
    if (this.nextComment < this.comments.length) {
      const c = this.comments[this.nextComment]!;
      throw new PrinterMismatchError(`the comment at offset ${c.start} was not printed`);
    }
  }

  private take(expected: string | undefined): SourceToken {
    const token = this.tokens[this.nextToken];
    if (!token) throw new PrinterMismatchError(`expected ${expected ?? 'a token'} but the file has ended`);
    if (expected !== undefined && token.image !== expected) {
      throw new PrinterMismatchError(`expected \`${expected}\` but the source has \`${token.image}\` at offset ${token.start}`);
    }
    this.nextToken++;
    this.lastEnd = token.end;
    this.started = true;
    return token;
  }

  private nextStart(): number {
    return this.tokens[this.nextToken]?.start ?? Number.POSITIVE_INFINITY;
  }

  private hasPendingComments(): boolean {
    const c = this.comments[this.nextComment];
    return c !== undefined && c.start < this.nextStart();
  }

  /** The comments in the current gap, taken from the stream. */
  private takeGapComments(): SourceComment[] {
    const limit = this.nextStart();
    const taken: SourceComment[] = [];
    while (this.nextComment < this.comments.length && this.comments[this.nextComment]!.start < limit) {
      taken.push(this.comments[this.nextComment++]!);
    }
    return taken;
  }

  private gap(kind: 'stmt' | 'soft', separator: Doc, options: StmtGap): Doc {
    // the common case first: no comment in the gap
    if (!this.hasPendingComments()) {
      if (kind === 'soft') return separator;
      if (!this.started) return '';
      const blank = options.blank ?? 'keep';
      const keep = blank === 'keep' && !options.open && !options.close && this.blankBetween(this.lastEnd, this.nextStart());
      return blank === 'force' || keep ? [hardline, hardline] : hardline;
    }
    const comments = this.takeGapComments();
    const stmt = kind === 'stmt';
    const blank = options.blank ?? 'keep';
    const nextStart = this.nextStart();
    // Boundaries are the line breaks of the gap: before each own-line comment, and before the next token.
    let boundary = 0;
    let forcePending = stmt && blank === 'force';
    const blankAt = (from: number, to: number, last: boolean): boolean => {
      const index = boundary++;
      if (!stmt) return false;
      if (forcePending) {
        forcePending = false;
        return true;
      }
      if (blank !== 'keep') return false;
      if (options.open && index === 0) return false;
      if (options.close && last) return false;
      return this.blankBetween(from, to);
    };

    const parts: Doc[] = [];
    let prevEnd = this.lastEnd;
    for (const [i, c] of comments.entries()) {
      const text = c.text.trimEnd();
      if (i === 0 && this.started && this.isTrailing(c)) {
        parts.push(' ', text);
      } else if (i === 0 && !this.started) {
        // the very start of the file
        boundary++;
        parts.push(text);
      } else {
        const lines: Doc = blankAt(prevEnd, c.start, false) ? [hardline, hardline] : hardline;
        parts.push(options.close ? indent([lines, text]) : [lines, text]);
      }
      prevEnd = c.end;
    }
    parts.push(blankAt(prevEnd, nextStart, true) ? [hardline, hardline] : hardline);
    return parts;
  }

  /** A comment with code before it on its own line. */
  private isTrailing(c: SourceComment): boolean {
    let i = c.start - 1;
    while (i >= 0) {
      const ch = this.text.charCodeAt(i);
      if (ch === 10 || ch === 13) return false;
      if (ch !== 32 && ch !== 9 && !/\s/.test(this.text[i]!)) return true;
      i--;
    }
    return false;
  }

  /** Whether the text between two offsets holds an empty line (a line holding only a comma is not empty). */
  private blankBetween(from: number, to: number): boolean {
    const end = Math.min(to, this.text.length);
    let newlineSeen = false;
    for (let i = from; i < end; i++) {
      const ch = this.text.charCodeAt(i);
      if (ch === 10 || ch === 13) {
        if (ch === 13 && this.text.charCodeAt(i + 1) === 10) i++;
        if (newlineSeen) return true;
        newlineSeen = true;
      } else if (ch !== 32 && ch !== 9 && !/\s/.test(this.text[i]!)) {
        newlineSeen = false; // a comma: the line is not empty
      }
    }
    return false;
  }
}
