/**
 * `pol why <file.pol> --input <file.json> [--want <decision>] [--keep a,b] [--format text|json]`:
 * the smallest changes to one transaction's facts that lead to another decision, each confirmed
 * by the reference interpreter (@pol/analysis, why/). Exit 0 suggestions found (or the transaction
 * is already decided as wanted), 1 none (proved, or none within the limit), 2 error, 3 the solver
 * gave up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { visible } from '@pol/core';
import { why, renderWhy, Unsupported, WhyError } from '@pol/analysis/why';
import { IoError, loadPolicyFromDisk, printDiagnostics, readText, UsageError } from '../io.ts';
import { JsonSyntaxError, lineColumn, readJson } from '../json-reader.ts';

export interface WhyCommandOptions {
  readonly input: string;
  readonly want: string | undefined;
  readonly keep: string | undefined;
  readonly format: 'text' | 'json';
  readonly timeout: string | undefined;
}

export const WHY_EXIT = { found: 0, already: 0, 'proved-none': 1, 'none-within': 1, error: 2, unknown: 3 } as const;

export async function whyCommand(file: string, o: WhyCommandOptions): Promise<number> {
  const timeoutMs = o.timeout === undefined ? undefined : Number(o.timeout);
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1)) throw new UsageError(`--timeout must be a whole number of milliseconds, not \`${o.timeout}\``);
  const keep = o.keep === undefined ? [] : o.keep.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (o.keep !== undefined && keep.length === 0) throw new UsageError('--keep needs field names, e.g. --keep destination,item');
  if (o.input !== '-' && !existsSync(o.input)) throw new IoError(`cannot read ${o.input}: no such file`);
  const text = o.input === '-' ? readFileSync(0, 'utf8') : readText(o.input);
  if (text === undefined) throw new IoError(`cannot read ${o.input}: not a file`);
  let json: unknown;
  try {
    json = readJson(text).value;
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const at = lineColumn(text, e.offset);
    process.stderr.write(visible(`${o.input}:${at.line}:${at.column}: error[input/unparseable]: not valid JSON: ${e.message}\n`));
    return WHY_EXIT.error;
  }
  const loaded = loadPolicyFromDisk(file);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.program || errors.length) {
    printDiagnostics(errors, loaded.sources, 'human');
    return WHY_EXIT.error;
  }
  try {
    const report = await why(loaded.program, json, { want: o.want, keep, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    const out = renderWhy(loaded.program, report, o.format);
    process.stdout.write(o.format === 'text' ? visible(out) : out);
    return WHY_EXIT[report.status];
  } catch (e) {
    if (e instanceof Unsupported) {
      process.stderr.write(visible(`pol: error[cli/usage]: the solver cannot analyse this policy: ${e.message}\n`));
      return WHY_EXIT.unknown;
    }
    if (!(e instanceof WhyError)) throw e;
    if (e.problems.length) {
      process.stderr.write(visible(e.problems.map((p) => `${o.input}: error[input/invalid]: ${p}\n`).join('')));
      return WHY_EXIT.error;
    }
    throw new UsageError(e.message);
  }
}
