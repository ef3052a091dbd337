/**
 * `pol eval <policy> --input <file.json | file.jsonl | ->`: one decision per input, in input order,
 * as JSON Lines. Inputs are read and decided one at a time and each result is written as soon as
 * it is made, so memory does not grow with the input; `--jobs N` spreads the work over N worker
 * threads and keeps the order. A bad input is reported with its line number and the others still
 * get decided; a summary (counts by outcome, rejections by reason) ends the run on stderr.
 */
import { Worker } from 'node:worker_threads';
import { type EngineName, makeEngine } from '../engines.ts';
import { loadPolicyFromDisk, refuseModule, printDiagnostics, UsageError } from '../io.ts';
import { decideItem, type ItemOptions, type ItemOutput } from '../batch/decide.ts';
import { BufferedWriter, Progress, Summary } from '../batch/output.ts';
import { inputBatches, type BrokenItem, type RawItem } from '../batch/sources.ts';
import type { WorkerSetup } from '../batch/worker.ts';


export interface EvalOptions {
  readonly input: string;
  readonly engine: EngineName;
  readonly explain: boolean;
  readonly format: 'json' | 'text';
  readonly jobs?: number;
  /** a DuckDB file: balances read from it and postings written to it (docs/ledger.md) */
  readonly ledger?: string;
}

/** The old-generation heap of each worker, in MB: the policy's module and a few batches. */
const WORKER_HEAP_MB = 192;

/** Items per message to a worker: large enough that messaging costs little, small enough to stream. */
const BATCH = 256;

export async function evalCommand(file: string, options: EvalOptions): Promise<number> {
  const loaded = loadPolicyFromDisk(file);
  refuseModule(file, loaded);
  printDiagnostics(loaded.diagnostics.filter((d) => d.severity === 'error'), loaded.sources, 'human');
  if (!loaded.program) return 1;
  const itemOptions: ItemOptions = { name: options.input, explain: options.explain, format: options.format };
  const batches = inputBatches(options.input);
  const out = new BufferedWriter(process.stdout);
  const summary = new Summary();
  const progress = new Progress(process.stderr.isTTY === true);
  let read = 0;
  // A promise only when stdout asks to wait: most items are written without an await.
  const emit = (o: ItemOutput): Promise<void> | undefined => {
    summary.add(o.outcome, o.invalid, o.repeated === true);
    if (!o.err) return out.write(o.out);
    progress.clear();
    const flushed = out.flush();
    // stderr after the results before it, so a warning sits next to its line in a terminal
    return flushed ? flushed.then(() => printItem(o)) : printItem(o);
  };
  const printItem = (o: ItemOutput): Promise<void> | undefined => {
    process.stderr.write(o.err);
    return out.write(o.out);
  };
  const jobs = options.jobs ?? 1;
  if (options.ledger !== undefined) {
    if (loaded.program.ledgers.length === 0) throw new UsageError(`${file} declares no ledger, so --ledger has nothing to keep`);
    // one writer, in input order: each decision reads the balances the ones before it left
    if (jobs > 1) throw new UsageError('--ledger decides in one process, in input order (each shipment reads the balances the earlier ones left); leave out --jobs');
    if (options.format !== 'json') throw new UsageError('--ledger prints JSON Lines (the store keeps what was printed); leave out --format text');
    const engine = await makeEngine(options.engine, loaded.program);
    const { runWithLedger } = await import('../ledger/run.ts');
    const { sourceHash } = await import('@pol/compiler');
    await runWithLedger(engine, itemsOf(batches), { ...itemOptions, ledgerPath: options.ledger, policySha: sourceHash(loaded.program) }, emit, () => progress.tick(++read));
  } else if (jobs <= 1) {
    const engine = await makeEngine(options.engine, loaded.program);
    for await (const batch of batches) {
      for (const item of batch) {
        const wait = emit(decideItem(engine, item, itemOptions));
        if (wait) await wait;
      }
      progress.tick((read += batch.length));
    }
  } else {
    const pool = await WorkerPool.start(jobs, { policy: file, engine: options.engine, options: itemOptions });
    try {
      const pending: Promise<ItemOutput[]>[] = [];
      const drainTo = async (max: number): Promise<void> => {
        while (pending.length > max)
          for (const o of await pending.shift()!) {
            const wait = emit(o);
            if (wait) await wait;
          }
      };
      let send: (RawItem | BrokenItem)[] = [];
      for await (const batch of batches) {
        progress.tick((read += batch.length));
        for (const item of batch) send.push(item);
        if (send.length < BATCH) continue;
        pending.push(pool.run(send));
        send = [];
        await drainTo(2 * jobs);
      }
      if (send.length) pending.push(pool.run(send));
      await drainTo(0);
    } finally {
      await pool.stop();
    }
  }
  await out.flush();
  progress.clear();
  process.stderr.write(`pol eval: ${summary.text(options.ledger)}\n`);
  return summary.invalid === 0 ? 0 : 1;
}

async function* itemsOf<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** Worker threads that answer batches in the order they were sent (each worker is FIFO). */
interface PoolWorker {
  readonly w: Worker;
  /** the batches sent and not yet answered, oldest first */
  readonly waiting: { resolve: (o: ItemOutput[]) => void; reject: (e: Error) => void }[];
}


/** Defined (true) only in the bundle built by cli/bundle.ts. */
declare const __POL_BUNDLED__: boolean | undefined;
class WorkerPool {
  private next = 0;
  private constructor(private readonly workers: readonly PoolWorker[]) {}

  static async start(n: number, setup: WorkerSetup): Promise<WorkerPool> {
    // bundled (cli/bundle.ts), the worker is dist/worker.js beside dist/pol.js
    const url = typeof __POL_BUNDLED__ === 'undefined' ? new URL('../batch/worker-entry.mjs', import.meta.url) : new URL('./worker.js', import.meta.url);
    const workers = await Promise.all(
      Array.from({ length: n }, async () => {
        const w = new Worker(url, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
        const entry: PoolWorker = { w, waiting: [] };
        await new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
        });
        // One listener each for the worker's whole life: a listener per batch would keep every
        // answered batch reachable, and memory would grow with the input.
        w.on('message', (o: ItemOutput[]) => entry.waiting.shift()?.resolve(o));
        w.on('error', (e: Error) => {
          for (const p of entry.waiting.splice(0)) p.reject(e);
        });
        return entry;
      }),
    );
    return new WorkerPool(workers);
  }

  run(items: (RawItem | BrokenItem)[]): Promise<ItemOutput[]> {
    const entry = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      entry.waiting.push({ resolve, reject });
      entry.w.postMessage(items);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((e) => e.w.terminate()));
  }
}
