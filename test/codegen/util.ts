import { readFileSync } from 'node:fs';
import { compilePolicyFile, type CheckedProgram } from '@pol/core';

export function loadProgram(file: string): CheckedProgram {
  const r = compilePolicyFile(file, (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  });
  if (!r.program || r.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${file} does not check`);
  return r.program;
}
