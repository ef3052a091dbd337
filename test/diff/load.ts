import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compilePolicyFile, renderDiagnostics, type CheckedProgram } from '@pol/core';

const read = (p: string): string | undefined => {
  try {
    return statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
  } catch {
    return undefined;
  }
};

export function load(path: string): CheckedProgram {
  const c = compilePolicyFile(path, read);
  if (!c.program || c.diagnostics.some((d) => d.severity === 'error')) throw new Error(renderDiagnostics(c.diagnostics, (p) => c.sources.get(p)));
  return c.program;
}

/** Checks an in-memory policy text (one file, no imports). */
export function loadText(text: string, path = '/mem/policy.pol'): CheckedProgram {
  const c = compilePolicyFile(path, (p) => (p === path ? text : undefined));
  if (!c.program || c.diagnostics.some((d) => d.severity === 'error')) throw new Error(renderDiagnostics(c.diagnostics, (p) => c.sources.get(p)) + '\n' + text);
  return c.program;
}

/** An edit of one policy file, as text replaced: the file (relative to the root's folder), what to find and what to put in its place. */
export type Edit = readonly [file: string, from: string | RegExp, to: string];

/**
 * Checks a policy with some of its files edited in memory (an amendment tried on the real policy
 * without copying it): each edit must apply, so a policy reworded under a test fails it loudly.
 */
export function loadEdited(root: string, edits: readonly Edit[]): CheckedProgram {
  const dir = dirname(dirname(root));
  const over = new Map<string, string>();
  for (const [file, from, to] of edits) {
    const path = join(dir, file);
    const was = over.get(path) ?? read(path);
    const now = was?.replace(from, to);
    if (was === undefined || now === was) throw new Error(`the edit of ${file} did not apply: ${String(from)}`);
    over.set(path, now!);
  }
  const c = compilePolicyFile(root, (p) => over.get(p) ?? read(p));
  if (!c.program || c.diagnostics.some((d) => d.severity === 'error')) throw new Error(renderDiagnostics(c.diagnostics, (p) => c.sources.get(p)));
  return c.program;
}
