/**
 * Loads an entry policy and its imports through core's `loadPolicy`, with the project's parse
 * cache as its parser: after a keystroke only the edited file is parsed again, and the import
 * diagnostics are core's own (same codes, words and spans).
 */
import { loadPolicy, parseSource, type Ast, type Diagnostic, type ParseResult, type SourceFile } from '@pol/core';

export interface Loaded {
  readonly files: readonly Ast.PolFile[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
}

export function loadThrough(entry: string, read: (p: string) => string | undefined, parse: (p: string) => ParseResult | undefined): Loaded {
  const loaded = loadPolicy(entry, read, { parse: (p, text) => parse(p) ?? parseSource(p, text) });
  return { files: loaded.files, sources: loaded.sources, diagnostics: loaded.diagnostics };
}
