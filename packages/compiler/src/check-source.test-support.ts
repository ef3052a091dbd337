/** For the compiler's tests: one policy text, loaded and checked, or the checker's messages thrown. */
import { checkProgram, hasErrors, loadPolicy, type CheckedProgram } from '@pol/core/checker';

export function checkSource(src: string): CheckedProgram {
  const path = '/t/p.pol';
  const loaded = loadPolicy(path, (p) => (p === path ? src : undefined));
  const r = checkProgram(loaded.files, loaded.sources, path);
  if (!r.program || hasErrors([...loaded.diagnostics, ...r.diagnostics])) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.program;
}
