import { diffPrograms, renderDiff, type DiffFormat } from '@pol/analysis';
import { loadTwoVersions, UsageError } from '../io.ts';

const FORMATS = ['text', 'json', 'markdown', 'html'];

/** `pol diff old.pol new.pol`: exit 0 equivalent (proved), 1 changed, 2 error or unknown. */
export async function diffCommand(oldPath: string, newPath: string, format: string | undefined = 'text'): Promise<number> {
  const fmt = (format ?? 'text') as DiffFormat;
  if (!FORMATS.includes(fmt)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not \`${fmt}\``);
  const versions = loadTwoVersions(oldPath, newPath);
  if (!versions) return 2;
  const report = await diffPrograms(versions.before, versions.after);
  process.stdout.write(renderDiff(report, fmt, { before: oldPath, after: newPath }));
  return report.verdict === 'equivalent' ? 0 : report.verdict === 'changed' ? 1 : 2;
}
