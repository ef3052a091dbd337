import { diffPrograms, renderDiff, type DiffFormat } from '@pol/analysis';
import { loadTwoVersions, UsageError } from '../io.ts';

const FORMATS = ['text', 'json', 'markdown', 'html'];

/** Exit codes of `pol diff` (docs/analysis.md): one per verdict, so a script can tell them apart. */
export const DIFF_EXIT = { equivalent: 0, changed: 1, error: 2, unknown: 3, partial: 3 } as const;

/** `pol diff old.pol new.pol`: exit 0 equivalent (proved), 1 changed (every change listed), 2 error, 3 unknown or partial. */
export async function diffCommand(oldPath: string, newPath: string, format: string | undefined = 'text', timeout?: string, timestamp = false): Promise<number> {
  const fmt = (format ?? 'text') as DiffFormat;
  if (!FORMATS.includes(fmt)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not \`${fmt}\``);
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1)) throw new UsageError(`--timeout must be a whole number of milliseconds, not \`${timeout}\``);
  const versions = loadTwoVersions(oldPath, newPath);
  if (!versions) return DIFF_EXIT.error;
  const report = await diffPrograms(versions.before, versions.after, timeoutMs === undefined ? {} : { timeoutMs });
  process.stdout.write(renderDiff(report, fmt, { before: oldPath, after: newPath, ...(timestamp ? { generatedAt: new Date().toISOString() } : {}) }));
  return DIFF_EXIT[report.verdict];
}
