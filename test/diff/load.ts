import { readFileSync, statSync } from 'node:fs';
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
