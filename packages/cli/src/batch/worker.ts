/** A worker thread of `pol eval --jobs N`: loads the policy once, then decides batches in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { makeEngine, type EngineName } from '../engines.ts';
import { loadPolicyFromDisk } from '../io.ts';
import { decideItem, type ItemOptions } from './decide.ts';
import type { BrokenItem, RawItem } from './sources.ts';

export interface WorkerSetup {
  readonly policy: string;
  readonly engine: EngineName;
  readonly options: ItemOptions;
}

async function start(): Promise<void> {
  const setup = workerData as WorkerSetup;
  const loaded = loadPolicyFromDisk(setup.policy);
  if (!loaded.program) throw new Error(`the worker could not load ${setup.policy}`);
  const engine = await makeEngine(setup.engine, loaded.program);
  parentPort!.on('message', (items: (RawItem | BrokenItem)[]) => {
    parentPort!.postMessage(items.map((item) => decideItem(engine, item, setup.options)));
  });
  parentPort!.postMessage('ready');
}

void start();
