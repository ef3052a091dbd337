/**
 * The plugin's parser: core's `parseSource`, plus what the printer walks (the tokens without
 * commas and the comments). A file with syntax errors is refused with a Prettier-style error, so
 * Prettier leaves it untouched.
 */
import { parseSource, parsePolText, SourceFile, sortDiagnostics, type Ast, type Diagnostic } from './core.ts';
import { sourceTokens, type SourceComment, type SourceToken } from './tokens.ts';

/** The tree Prettier hands to the printer (astFormat `pol-ast`). */
export interface PolRoot {
  readonly kind: 'pol-root';
  readonly file: Ast.PolFile;
  readonly text: string;
  readonly tokens: readonly SourceToken[];
  /** not `comments`: the printer places comments itself, Prettier's attachment must not run */
  readonly polComments: readonly SourceComment[];
  readonly start: number;
  readonly end: number;
}

/** What Prettier needs of a syntax error: `loc.start` (1-based line and column) for its code frame. */
export class PolSyntaxError extends SyntaxError {
  readonly loc: { readonly start: { readonly line: number; readonly column: number } };
  /** every syntax error of the file, for tools that render them (`pol fmt`) */
  readonly diagnostics: readonly Diagnostic[];

  constructor(path: string, text: string, diagnostics: readonly Diagnostic[]) {
    const sorted = sortDiagnostics(diagnostics);
    const first = sorted[0]!;
    const position = new SourceFile(path, text).position(first.span?.start ?? 0);
    const others = sorted.length - 1;
    const more = others > 0 ? ` (and ${others} more syntax error${others === 1 ? '' : 's'})` : '';
    super(`${first.message}${more} (${position.line}:${position.column})`);
    this.name = 'SyntaxError';
    this.loc = { start: { line: position.line, column: position.column } };
    this.diagnostics = sorted;
  }
}

/** `extracted`: the text is already Pol (one block of a literate file, prose blanked), whatever the path says. */
export function parsePol(text: string, path = '<input>', extracted = false): PolRoot {
  const parsed = extracted ? parsePolText(path, text) : parseSource(path, text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new PolSyntaxError(path, text, errors);
  return {
    kind: 'pol-root',
    file: parsed.file,
    text,
    tokens: sourceTokens(parsed.tokens),
    // the end from the text: a comment runs from its start to the end of its line
    polComments: parsed.file.comments.map((c) => ({ text: c.text, start: c.span.start, end: c.span.start + c.text.length })),
    start: 0,
    end: text.length,
  };
}
