/** Files in and out, with user mistakes turned into diagnostics rather than stack traces. */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project } from '@pol/language-service';
import { WriteError, writeFiles } from './safe-write.ts';
import { compilePolicyFile, isInside, isPolicyPath, renderDiagnostics, diagnosticToJson, type CheckedProgram, type CompiledPolicy, type Diagnostic, type SourceFile } from '@pol/core';

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

let rootOverride: string | undefined;

/** `--root <folder>`: the project folder imports must stay in, instead of the one found. */
export function setProjectRoot(folder: string | undefined): void {
  if (folder !== undefined && !(existsSync(folder) && statSync(folder).isDirectory())) throw new IoError(`--root ${folder}: no such folder`);
  rootOverride = folder;
}

/**
 * The policy's project: `--root`, else the nearest folder above the policy with a package.json or
 * a pol.json, else the policy's own folder; an absolute path (shown in errors as it is).
 */
export function projectRootOf(policyPath: string): string {
  if (rootOverride !== undefined) return resolve(rootOverride);
  const start = dirname(resolve(policyPath));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'pol.json'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export function loadPolicyFromDisk(path: string): CompiledPolicy {
  if (path === '') throw new IoError('no policy file named: the path is empty');
  if (!existsSync(path)) throw new IoError(`cannot read ${path}: no such file`);
  if (statSync(path).isDirectory()) throw new IoError(`${path} is a folder: name the policy's .pol (or .pol.md) file in it`);
  if (!statSync(path).isFile()) throw new IoError(`${path} is not a regular file: name the policy's .pol (or .pol.md) file`);
  // a README or a JSON file read as a policy gave thousands of syntax errors
  if (!isPolicyPath(path)) throw new IoError(`${path} is not a policy file: Pol reads .pol and .pol.md files`);
  return compilePolicyFile(path, readText, { projectRoot: projectRootOf(path), cwd: process.cwd() });
}

/**
 * A file that declares no `input` is a module another file imports, not a policy to evaluate or
 * compare: said in one line, with the policy that imports it (its names unresolved, it gave a
 * hundred errors of names it uses from its siblings).
 */
export function refuseModule(path: string, loaded: CompiledPolicy): void {
  if (!loaded.diagnostics.some((d) => d.code === 'check/missing-input')) return;
  const root = projectRootOf(path);
  const project = new Project({ readFile: (p) => (isInside(p, root, process.cwd()) ? readText(p) : undefined), listPolFiles: polFilesIn });
  const { entry } = project.entryFor(path);
  throw new IoError(entry !== path ? `${path} is a module of the policy ${entry}, which imports it: name that file, which declares the \`input\` and \`decision\`` : `${path} declares no \`input\`: it is a module for a policy to import, not a policy`);
}

/** The policy files (.pol, .pol.md) of a folder. */
export function polFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => isPolicyPath(f))
      .map((f) => (dir === '.' ? f : join(dir, f)));
  } catch {
    return [];
  }
}

/** Writes files all or nothing, keeping each target's mode, owner and symbolic link (safe-write.ts). */
export function writeSafely(files: readonly { path: string; text: string }[]): void {
  try {
    writeFiles(files);
  } catch (e) {
    if (e instanceof WriteError) throw new IoError(e.message);
    throw e;
  }
}

export function writeAtomically(path: string, text: string): void {
  writeSafely([{ path, text }]);
}

/**
 * The two versions `pol diff` and `pol replay` compare, both checked; undefined (after printing
 * their errors) when either has errors.
 */
export function loadTwoVersions(oldPath: string, newPath: string): { before: CheckedProgram; after: CheckedProgram } | undefined {
  const loaded = [loadPolicyFromDisk(oldPath), loadPolicyFromDisk(newPath)];
  refuseModule(oldPath, loaded[0]!);
  refuseModule(newPath, loaded[1]!);
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
