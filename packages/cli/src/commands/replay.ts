import { replay } from '@pol/analysis';
import { loadTwoVersions, readText, UsageError, IoError } from '../io.ts';

/** `pol replay old.pol new.pol --input log.jsonl`: how many past decisions change. Exit 0 none change, 1 some change, 2 error. */
export async function replayCommand(oldPath: string, newPath: string, inputPath: string | undefined): Promise<number> {
  if (!inputPath) throw new UsageError('`pol replay` needs --input <file.jsonl>');
  const text = inputPath === '-' ? await readStdin() : readText(inputPath);
  if (text === undefined) throw new IoError(`cannot read ${inputPath}`);
  const versions = loadTwoVersions(oldPath, newPath);
  if (!versions) return 2;
  const s = replay(versions.before, versions.after, text);
  const out: string[] = [`replayed ${s.total} inputs: ${s.changed} change, ${s.unchanged} unchanged`];
  for (const t of s.transitions) out.push(`  ${t.count} x ${t.before} -> ${t.after} (lines ${lines(t.lines)})`);
  if (s.invalidBefore.length) out.push(`  ${s.invalidBefore.length} invalid under ${oldPath} (lines ${lines(s.invalidBefore.map((x) => x.line))})`);
  if (s.invalidAfter.length) out.push(`  ${s.invalidAfter.length} invalid under ${newPath} (lines ${lines(s.invalidAfter.map((x) => x.line))})`);
  if (s.unparseable.length) out.push(`  ${s.unparseable.length} lines are not JSON (lines ${lines(s.unparseable.map((x) => x.line))})`);
  process.stdout.write(out.join('\n') + '\n');
  return s.changed > 0 ? 1 : 0;
}

function lines(xs: number[]): string {
  return xs.length > 20 ? `${xs.slice(0, 20).join(', ')}, ...` : xs.join(', ');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
