import { join } from 'node:path';
import { sortDiagnostics } from '@pol/core';
import { CompileError, compileProgram } from '@pol/compiler';
import { loadPolicyFromDisk, printDiagnostics, writeAtomically } from '../io.ts';

/** `pol compile <file.pol> --out <dir> [--target ts|js]`: writes the generated module(s). */
export async function compileCommand(file: string, out: string, target: 'ts' | 'js'): Promise<number> {
  const loaded = loadPolicyFromDisk(file);
  const diagnostics = sortDiagnostics(loaded.diagnostics);
  printDiagnostics(diagnostics, loaded.sources, 'human');
  const program = loaded.program;
  if (!program || diagnostics.some((d) => d.severity === 'error')) {
    process.stderr.write(`${file}: not compiled, the policy has errors\n`);
    return 1;
  }
  let files;
  try {
    files = (await compileProgram(program, { target })).files;
  } catch (e) {
    if (e instanceof CompileError) {
      process.stderr.write(`${file}: error[compile/unsupported]: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  // writeAtomically reports a file it cannot write as an IoError (`pol: error[cli/io]: ...`).
  for (const f of files) writeAtomically(join(out, f.path), f.text);
  for (const f of files) process.stderr.write(`wrote ${join(out, f.path)}\n`);
  return 0;
}
