import { isInside, sortDiagnostics, type CompiledPolicy, type Diagnostic } from '@pol/core';
import { ENTRY_ONLY_CODES, Project } from '@pol/language-service';
import { diagnosticsJson, IoError, loadPolicyFromDisk, polFilesIn, printDiagnostics, projectRootOf, readText } from '../io.ts';
import { existsSync } from 'node:fs';

/** `none`: the checker only; `default`: also dead rules and constant conditions; `full`: also conflicts. */
export type AnalyzeLevel = 'none' | 'default' | 'full';

/**
 * `pol check <files...>`: every diagnostic; exit 0 when there is no error, 1 otherwise. By default the
 * solver also looks for rules and exceptions that can never apply and conditions that are always
 * true; `--analyze` adds siblings that conflict; `--no-analyze` skips the solver.
 *
 * A file meant to be imported (no `input` declaration) is checked as a module: inside the policy
 * of its folder that imports it, so the names it uses from its siblings resolve; alone, without
 * the entry-only requirements, when nothing imports it.
 */
export async function checkCommand(files: readonly string[], format: 'human' | 'json', analyze: AnalyzeLevel = 'default'): Promise<number> {
  for (const file of files) if (!existsSync(file)) throw new IoError(`cannot read ${file}: no such file`);
  // Finding the policy a module belongs to reads only files inside the project, as loading does.
  const inProject = (p: string) => files.some((f) => isInside(p, projectRootOf(f), process.cwd()));
  const project = new Project({ readFile: (p) => (inProject(p) ? readText(p) : undefined), listPolFiles: polFilesIn });
  // Files of one policy share its check and its analysis (`pol check policies/ai-diffusion/*.pol`).
  const byEntry = new Map<string, Promise<{ loaded: CompiledPolicy; found: readonly Diagnostic[] }>>();
  const json: unknown[] = [];
  let failed = 0;
  for (const file of files) {
    const { entry, moduleMode } = project.entryFor(file);
    if (!byEntry.has(entry)) byEntry.set(entry, checkEntry(entry, moduleMode, analyze));
    const { loaded, found } = await byEntry.get(entry)!;
    const diagnostics = sortDiagnostics(found);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    if (errors > 0) failed++;
    const as = entry !== file ? ` (checked as part of ${entry}, which imports it)` : moduleMode ? ' (checked as a module: it has no `input`, `decision` or `otherwise`, and no file of its folder imports it)' : '';
    if (format === 'json') {
      json.push({ file, ...(entry !== file ? { checkedAs: entry } : {}), module: moduleMode || entry !== file, ok: errors === 0, diagnostics: diagnosticsJson(diagnostics, loaded.sources) });
    } else {
      // Files of one policy show its problems once, under the first of them.
      const shown = files.indexOf(file) === files.findIndex((f) => project.entryFor(f).entry === entry);
      if (shown) printDiagnostics(diagnostics, loaded.sources, 'human');
      const summary = errors === 0 ? `${file}: ok` : `${file}: ${errors} error${errors === 1 ? '' : 's'}`;
      process.stderr.write(`${diagnostics.length && shown ? '\n' : ''}${summary}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}${as}\n`);
    }
  }
  if (format === 'json') process.stdout.write(JSON.stringify(files.length === 1 ? json[0] : json, null, 2) + '\n');
  return failed === 0 ? 0 : 1;
}

async function checkEntry(entry: string, moduleMode: boolean, analyze: AnalyzeLevel): Promise<{ loaded: CompiledPolicy; found: readonly Diagnostic[] }> {
  const loaded = loadPolicyFromDisk(entry);
  let found = moduleMode ? loaded.diagnostics.filter((d) => !ENTRY_ONLY_CODES.has(d.code) && d.code !== 'check/unused-declaration') : loaded.diagnostics;
  if (analyze !== 'none' && loaded.program && !moduleMode) {
    const { analyzeProgram } = await import('@pol/analysis');
    found = [...found, ...(await analyzeProgram(loaded.program, { conflicts: analyze === 'full' }))];
  }
  return { loaded, found };
}
