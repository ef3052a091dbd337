/**
 * `pol doc <file.pol | file.pol.md> --out <dir> [--as-of DATE]`: the policy as a digest for
 * reviewers who do not read code, one self-contained `index.html` (packages/cli/src/doc/). The
 * page is built from the checked program, so a policy with errors gets none; the write is all or
 * nothing (safe-write.ts).
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { isInside, isValidDate, sortDiagnostics } from '@pol/core';
import { Project } from '@pol/language-service';
import { runExamples } from '../doc/examples.ts';
import { renderDigest } from '../doc/render.ts';
import { IoError, loadPolicyFromDisk, polFilesIn, printDiagnostics, projectRootOf, readText, UsageError, writeSafely } from '../io.ts';

/** Today in UTC, the default `--as-of`. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function checkAsOf(asOf: string | undefined): string {
  if (asOf === undefined) return today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, not \`${asOf}\``);
  if (!isValidDate(asOf)) throw new UsageError(`--as-of ${asOf} is not a calendar date (check the month and the day)`);
  return asOf;
}

export async function docCommand(file: string, out: string, asOfFlag: string | undefined): Promise<number> {
  const asOf = checkAsOf(asOfFlag);
  if (!existsSync(file)) throw new IoError(`cannot read ${file}: no such file`);
  // A module (no `input`) is part of the policy of its folder that imports it: that is what has rules to show.
  const root = projectRootOf(file);
  const project = new Project({ readFile: (p) => (isInside(p, root, process.cwd()) ? readText(p) : undefined), listPolFiles: polFilesIn });
  const { entry, moduleMode } = project.entryFor(file);
  if (moduleMode) throw new UsageError(`${file} is a module (no \`input\`, \`decision\` or \`otherwise\`) and no policy of its folder imports it: run pol doc on the policy that imports it`);
  if (entry !== file) process.stderr.write(`${file} is imported by ${entry}: the digest is of ${entry}, which includes it\n`);
  const loaded = loadPolicyFromDisk(entry);
  const diagnostics = sortDiagnostics(loaded.diagnostics);
  const program = loaded.program;
  if (!program || diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(diagnostics, loaded.sources, 'human');
    process.stderr.write(`${file}: no digest written, the policy has errors\n`);
    return 1;
  }
  const runs = runExamples(program);
  const page = renderDigest(program, runs, { asOf, file: entry });
  const path = join(out, 'index.html');
  writeSafely([{ path, text: page }]);
  const failed = runs.filter((r) => !r.passed).length;
  process.stderr.write(`wrote ${path} (${program.rules.length} rule${program.rules.length === 1 ? '' : 's'}, ${runs.length} example${runs.length === 1 ? '' : 's'}${failed ? `, ${failed} failing` : ''}, groups as of ${asOf})\n`);
  return 0;
}
