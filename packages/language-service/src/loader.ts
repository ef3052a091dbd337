/**
 * Loads an entry policy and its imports depth first, like core's `loadPolicy`, but through the
 * project's parse cache: after a keystroke only the edited file is parsed again. The import
 * diagnostics are core's own (same codes, words and spans), which a test compares.
 */
import { resolveImportPath, SourceFile, type Ast, type Diagnostic, type ParseResult } from '@pol/core';

export interface Loaded {
  readonly files: readonly Ast.PolFile[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
}

export function loadThrough(entry: string, read: (p: string) => string | undefined, parse: (p: string) => ParseResult | undefined): Loaded {
  const files: Ast.PolFile[] = [];
  const sources = new Map<string, SourceFile>();
  const diagnostics: Diagnostic[] = [];
  const done = new Set<string>();
  const onStack: string[] = [];
  const visit = (path: string): void => {
    if (done.has(path)) return;
    const parsed = parse(path);
    if (!parsed) return;
    onStack.push(path);
    sources.set(path, new SourceFile(path, read(path) ?? ''));
    diagnostics.push(...parsed.diagnostics);
    for (const imp of parsed.file.imports) {
      const target = resolveImportPath(path, imp.path.value);
      if (onStack.includes(target)) {
        const cycle = [...onStack.slice(onStack.indexOf(target)), target].map((p) => p.split('/').pop()).join(' -> ');
        diagnostics.push({ code: 'import/cycle', severity: 'error', message: `files import each other in a cycle: ${cycle}`, span: imp.span, help: 'move the shared declarations into a file that both import' });
        continue;
      }
      if (!done.has(target) && read(target) === undefined) {
        diagnostics.push({
          code: 'import/not-found',
          severity: 'error',
          message: `cannot read the imported file \`${imp.path.value}\``,
          span: imp.path.span,
          label: `looked for ${target}`,
          help: 'check the path; it is relative to the file that imports it',
        });
        continue;
      }
      visit(target);
    }
    onStack.pop();
    done.add(path);
    files.push(parsed.file);
  };
  if (read(entry) === undefined) diagnostics.push({ code: 'import/not-found', severity: 'error', message: `cannot read \`${entry}\`` });
  else visit(entry);
  return { files, sources, diagnostics };
}
