/** Files in and out, with user mistakes turned into diagnostics rather than stack traces. */
import { readFileSync, writeFileSync, renameSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { compilePolicyFile, renderDiagnostics, diagnosticToJson, type CheckedProgram, type CompiledPolicy, type Diagnostic, type SourceFile } from '@pol/core';

/** The command was called wrongly: the usage text follows the message. */
export class UsageError extends Error {}

/** A file could not be read or written: the message says which and why. */
export class IoError extends Error {}

export function readText(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function loadPolicyFromDisk(path: string): CompiledPolicy {
  if (!existsSync(path)) throw new IoError(`cannot read ${path}: no such file`);
  return compilePolicyFile(path, readText);
}

/** Writes through a temporary file and a rename, so a failed write never leaves half a file. */
export function writeAtomically(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'EEXIST' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a file stands where a folder is needed' : ((e as Error).message ?? String(e));
    throw new IoError(`cannot write ${path}: ${reason}`);
  }
}

/**
 * The two versions `pol diff` and `pol replay` compare, both checked; undefined (after printing
 * their errors) when either has errors.
 */
export function loadTwoVersions(oldPath: string, newPath: string): { before: CheckedProgram; after: CheckedProgram } | undefined {
  const loaded = [loadPolicyFromDisk(oldPath), loadPolicyFromDisk(newPath)];
  let failed = false;
  for (const c of loaded) {
    if (!c.program || c.diagnostics.some((d) => d.severity === 'error')) {
      printDiagnostics(c.diagnostics, c.sources, 'human');
      failed = true;
    }
  }
  const [before, after] = loaded.map((c) => c.program);
  return failed || !before || !after ? undefined : { before, after };
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, format: 'human' | 'json'): void {
  if (diagnostics.length === 0) return;
  if (format === 'json') return;
  process.stderr.write(renderDiagnostics(diagnostics, (p) => sources.get(p)) + '\n');
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>): unknown[] {
  return diagnostics.map((d) => diagnosticToJson(d, (p) => sources.get(p)));
}
