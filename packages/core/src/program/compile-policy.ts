/** The front end in one call: load a policy with its imports, parse and check it. */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceFile } from '../source/span.ts';
import type { CheckedProgram } from '../checker/program.ts';
import { checkProgram } from '../checker/check.ts';
import { loadPolicy, type LoadOptions, type ReadFile } from './load.ts';

export interface CompiledPolicy {
  readonly program: CheckedProgram | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceFile>;
}

export function compilePolicyFile(rootPath: string, read: ReadFile, options: LoadOptions = {}): CompiledPolicy {
  const loaded = loadPolicy(rootPath, read, options);
  const syntaxErrors = loaded.diagnostics.some((d) => d.severity === 'error');
  // Checking a tree with syntax holes would mostly repeat the syntax errors in other words.
  if (syntaxErrors) return { program: undefined, diagnostics: loaded.diagnostics, sources: loaded.sources };
  const checked = checkProgram(loaded.files, loaded.sources, rootPath);
  return { program: checked.program, diagnostics: [...loaded.diagnostics, ...checked.diagnostics], sources: loaded.sources };
}
