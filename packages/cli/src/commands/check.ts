import { sortDiagnostics } from '@pol/core';
import { diagnosticsJson, loadPolicyFromDisk, printDiagnostics } from '../io.ts';

/**
 * `pol check <file>`: every diagnostic; exit 0 when there is no error, 1 otherwise. With
 * `--analyze`, also the solver's findings (siblings that conflict, exceptions that can never apply,
 * conditions that are always true or false), each with a concrete input.
 */
export async function checkCommand(file: string, format: 'human' | 'json', analyze = false): Promise<number> {
  const loaded = loadPolicyFromDisk(file);
  let found = loaded.diagnostics;
  if (analyze && loaded.program) {
    const { analyzeProgram } = await import('@pol/analysis');
    found = [...found, ...(await analyzeProgram(loaded.program))];
  }
  const diagnostics = sortDiagnostics(found);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ file, ok: errors === 0, diagnostics: diagnosticsJson(diagnostics, loaded.sources) }, null, 2) + '\n');
  } else {
    printDiagnostics(diagnostics, loaded.sources, 'human');
    const summary = errors === 0 ? `${file}: ok` : `${file}: ${errors} error${errors === 1 ? '' : 's'}`;
    process.stderr.write(`${diagnostics.length ? '\n' : ''}${summary}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}\n`);
  }
  return errors === 0 ? 0 : 1;
}
