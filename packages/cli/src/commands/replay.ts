import { Replayer, renderReplay, type ReplayFormat } from '@pol/analysis';
import { loadTwoVersions, UsageError } from '../io.ts';
import { jsonLines } from '../batch/sources.ts';

const FORMATS = ['text', 'json', 'markdown'];

/**
 * `pol replay old.pol new.pol --input log.jsonl`: how many past decisions change. The log is read
 * line by line (memory does not grow with it). Exit 0 none change, 1 some change, 2 error.
 */
export async function replayCommand(oldPath: string, newPath: string, inputPath: string | undefined, format: string | undefined = 'text'): Promise<number> {
  if (!inputPath) throw new UsageError('`pol replay` needs --input <file.jsonl>');
  const fmt = (format ?? 'text') as ReplayFormat;
  if (!FORMATS.includes(fmt)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not \`${fmt}\``);
  const versions = loadTwoVersions(oldPath, newPath);
  if (!versions) return 2;
  const r = new Replayer(versions.before, versions.after);
  for await (const item of jsonLines(inputPath)) r.add(item.line, item.text);
  const s = r.summary();
  process.stdout.write(renderReplay(s, fmt, { before: oldPath, after: newPath }));
  return s.changed > 0 ? 1 : 0;
}
