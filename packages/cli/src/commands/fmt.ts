/**
 * `pol fmt [--check] <files...>`: the same formatting as `prettier --write` with the Pol plugin.
 * A file with syntax errors is never touched: its errors are shown and the exit code is 1.
 * Files are written through a temporary file, so an interrupted run never leaves half a file.
 */
import { parseSource, renderDiagnostics, SourceFile } from '@pol/core';
import { formatPol } from 'prettier-plugin-pol';
import { readText, UsageError, writeAtomically, IoError } from '../io.ts';

export async function fmtCommand(files: readonly string[], check: boolean): Promise<number> {
  let problems = 0;
  let changed = 0;
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) throw new IoError(`cannot read ${file}: no such file`);
    const parsed = parseSource(file, text);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const source = new SourceFile(file, text);
      process.stderr.write(renderDiagnostics(errors, (p) => (p === file ? source : undefined)) + `\n${file}: not formatted (syntax errors)\n`);
      problems++;
      continue;
    }
    const formatted = await formatPol(text, { filepath: file });
    if (formatted === text) continue;
    changed++;
    if (check) process.stdout.write(`${file}: not formatted\n`);
    else {
      writeAtomically(file, formatted);
      process.stdout.write(`${file}: formatted\n`);
    }
  }
  if (check && changed === 0 && problems === 0) process.stdout.write(`${files.length} file${files.length === 1 ? '' : 's'} already formatted\n`);
  return problems > 0 || (check && changed > 0) ? 1 : 0;
}
