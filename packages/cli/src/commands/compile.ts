import { join } from 'node:path';
import { sortDiagnostics } from '@pol/core';
import { CompileError, PackageNameError, compilePackage, compileProgram } from '@pol/compiler';
import { UsageError } from '../io.ts';
import { loadPolicyFromDisk, refuseModule, printDiagnostics, writeSafely } from '../io.ts';

/** `pol compile <file.pol> --out <dir> [--target ts|js | --package <name>]`: writes the generated module(s), or an npm package. */
export async function compileCommand(file: string, out: string, target: 'ts' | 'js', packageName?: string): Promise<number> {
  const loaded = loadPolicyFromDisk(file);
  refuseModule(file, loaded);
  const diagnostics = sortDiagnostics(loaded.diagnostics);
  printDiagnostics(diagnostics, loaded.sources, 'human');
  const program = loaded.program;
  if (!program || diagnostics.some((d) => d.severity === 'error')) {
    process.stderr.write(`${file}: not compiled, the policy has errors\n`);
    return 1;
  }
  let files;
  try {
    files = packageName !== undefined ? await compilePackage(program, packageName) : (await compileProgram(program, { target })).files;
  } catch (e) {
    if (e instanceof PackageNameError) throw new UsageError(e.message);
    if (e instanceof CompileError) {
      process.stderr.write(`${file}: error[compile/unsupported]: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  // all files or none (a .js never without its .d.ts); a file that cannot be written is an IoError
  writeSafely(files.map((f) => ({ path: join(out, f.path), text: f.text })));
  for (const f of files) process.stderr.write(`wrote ${join(out, f.path)}\n`);
  return 0;
}
