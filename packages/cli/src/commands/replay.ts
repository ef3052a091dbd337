import { Replayer, renderReplay, type ReplayFormat, type ReplayOptions } from '@pol/analysis';
import { exactBalances } from '../engines.ts';
import { loadTwoVersions, UsageError } from '../io.ts';
import { jsonLineBatches, type RawItem } from '../batch/sources.ts';

const FORMATS = ['text', 'json', 'markdown'];

/**
 * `pol replay old.pol new.pol --input log.jsonl [--ledger file.duckdb]`: how many past decisions
 * change. The log is read in batches (memory does not grow with it). With a ledger, both versions
 * start from its balances just before the log's first transaction (docs/ledger.md#replaying-a-log),
 * and the decisions it recorded are checked against the old version. Exit 0 none change, 1 some
 * change (a decision, or a line one version accepts and the other rejects), 2 error.
 */
export async function replayCommand(oldPath: string, newPath: string, inputPath: string | undefined, format: string | undefined = 'text', ledgerPath?: string): Promise<number> {
  if (!inputPath) throw new UsageError('`pol replay` needs --input <file.jsonl>');
  const fmt = (format ?? 'text') as ReplayFormat;
  if (!FORMATS.includes(fmt)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not \`${fmt}\``);
  const versions = loadTwoVersions(oldPath, newPath);
  if (!versions) return 2;
  const batches = jsonLineBatches(inputPath)[Symbol.asyncIterator]();
  const first = await batches.next();
  const pending: RawItem[][] = first.done ? [] : [first.value];
  let r: Replayer;
  let recordedFor: ((items: readonly RawItem[]) => Promise<Map<string, string>>) | undefined;
  let close = (): void => {};
  if (ledgerPath === undefined) r = new Replayer(versions.before, versions.after);
  else {
    if (versions.before.ledgers.length === 0 && versions.after.ledgers.length === 0) throw new UsageError(`neither version declares a ledger, so --ledger ${ledgerPath} has nothing to start from`);
    const { LedgerStore } = await import('../ledger/store.ts');
    const { balancesAt, seqOf } = await import('../ledger/history.ts');
    const store = await LedgerStore.open(ledgerPath, '', { create: false });
    close = () => store.close();
    try {
      const firstId = first.done ? undefined : idOf(first.value[0]!.text);
      const seq = firstId === undefined ? undefined : await seqOf(store, firstId);
      const openings = exactBalances(await balancesAt(store, seq));
      const where = seq === undefined ? `its balances now (the log's first transaction${firstId === undefined ? ' has no id' : ` ${JSON.stringify(firstId)} is not in it`})` : `its balances just before transaction ${JSON.stringify(firstId)}, the log's first`;
      const options: ReplayOptions = { openings, ledger: { path: ledgerPath, openings: `${where}: ${openings.size} balance${openings.size === 1 ? '' : 's'}` } };
      r = new Replayer(versions.before, versions.after, options);
      recordedFor = async (items) => {
        const ids = items.map((i) => idOf(i.text)).filter((x): x is string => x !== undefined);
        const held = await store.decided(ids);
        return new Map([...held].map(([id, d]) => [id, d.output]));
      };
    } catch (e) {
      close();
      throw e;
    }
  }
  try {
    const feed = async (batch: readonly RawItem[]): Promise<void> => {
      const recorded = recordedFor ? await recordedFor(batch) : undefined;
      for (const item of batch) {
        const id = recorded ? idOf(item.text) : undefined;
        r.add(item.line, item.text, id === undefined ? undefined : recorded!.get(id));
      }
    };
    for (const b of pending) await feed(b);
    for (let next = await batches.next(); !next.done; next = await batches.next()) await feed(next.value);
  } finally {
    close();
  }
  const s = r.summary();
  process.stdout.write(renderReplay(s, fmt, { before: oldPath, after: newPath }));
  // a line that one version decides and the other rejects is a change too (a field made required)
  return s.changed > 0 || s.invalid.some((g) => g.rejectedBy !== 'both') ? 1 : 0;
}

/** The transaction id of a log line (`id`, or `input.id` for a line that wraps its input), if it has one. */
function idOf(text: string): string | undefined {
  try {
    const v = JSON.parse(text) as { id?: unknown; input?: { id?: unknown } } | null;
    const id = v?.id ?? v?.input?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

