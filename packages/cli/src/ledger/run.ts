/**
 * `pol eval --ledger <file.duckdb>`: decides inputs in input order against the balances in the
 * store, in one process. Inputs are taken in batches; each batch is decided in order (a decision
 * sees the postings of every earlier one, in the same batch too), then written in one database
 * transaction, and only then printed. So the output and the store always agree, a run killed at
 * any point leaves whole batches behind, and a re-run skips every transaction already decided (by
 * its id) and prints what was printed for it the first time.
 */
import { createHash } from 'node:crypto';
import { balanceKey, type ResultJson } from '@pol/core';
import type { Engine } from '../engines.ts';
import { invalid, prepareItem, renderResult, withReasons, type ItemOptions, type ItemOutput } from '../batch/decide.ts';
import type { BrokenItem, RawItem } from '../batch/sources.ts';
import { LedgerStore, type PostingRow, type TransactionRow } from './store.ts';

/** Inputs per database transaction: a commit costs milliseconds, a decision microseconds. */
export const LEDGER_BATCH = 1000;

export interface LedgerRunOptions extends ItemOptions {
  readonly ledgerPath: string;
  readonly policySha: string;
  readonly batch?: number;
}

export async function runWithLedger(
  engine: Engine,
  items: AsyncIterable<RawItem | BrokenItem>,
  o: LedgerRunOptions,
  emit: (out: ItemOutput) => Promise<void> | undefined,
  tick: () => void,
): Promise<{ readonly skipped: number }> {
  const ledger = engine.ledger;
  if (!ledger) throw new Error('runWithLedger needs a policy with a ledger');
  const store = await LedgerStore.open(o.ledgerPath, o.policySha);
  const counter = { skipped: 0 };
  try {
    let batch: (RawItem | BrokenItem)[] = [];
    const size = o.batch ?? LEDGER_BATCH;
    for await (const item of items) {
      tick();
      batch.push(item);
      if (batch.length < size) continue;
      for (const out of await decideBatch(engine, ledger, store, batch, o, counter)) await emit(out);
      batch = [];
    }
    if (batch.length) for (const out of await decideBatch(engine, ledger, store, batch, o, counter)) await emit(out);
  } finally {
    store.close();
  }
  return { skipped: counter.skipped };
}

type Prepared = { readonly item: RawItem; readonly value: unknown; readonly json: unknown; readonly warnings: string; readonly id: string; readonly sha: string };

async function decideBatch(
  engine: Engine,
  ledger: NonNullable<Engine['ledger']>,
  store: LedgerStore,
  items: readonly (RawItem | BrokenItem)[],
  o: LedgerRunOptions,
  counter: { skipped: number },
): Promise<ItemOutput[]> {
  const outputs: (ItemOutput | Prepared)[] = items.map((item) => {
    const p = prepareItem(engine, item, o);
    if ('out' in p) return p;
    const raw = item as RawItem;
    const id = ledger.transactionId(p.value);
    // a contract may declare `id: optional Id` (shared with a policy without ledgers): the store cannot post without it
    if (id === undefined) return invalid(o, raw.line, ['id: a run with --ledger needs the transaction id on every line (the store posts each transaction once, by its id)'], ['input/invalid'], p.warnings);
    return { item: raw, value: p.value, json: p.json, warnings: p.warnings, id, sha: sha256(raw.text.trim()) };
  });
  const valid = outputs.filter((x): x is Prepared => 'id' in x);
  const already = await store.decided(valid.map((p) => p.id));
  const stored = await store.balances(valid.flatMap((p) => ledger.balanceKeys(p.value)));
  // the balances after each decision of this batch, over the stored ones
  const overlay = new Map<string, { ledger: string; key: readonly string[]; amount: string; transactionId: string }>();
  const transactions: TransactionRow[] = [];
  const postings: PostingRow[] = [];
  const seen = new Map<string, { sha: string; output: string; reversed?: string }>([...already.values()].map((d) => [d.id, { sha: d.inputSha, output: d.output, ...(d.reversed === undefined ? {} : { reversed: d.reversed }) }]));
  const result: ItemOutput[] = [];
  for (const x of outputs) {
    if (!('id' in x)) {
      result.push(x);
      continue;
    }
    const before = seen.get(x.id);
    if (before && before.sha !== x.sha) {
      // Another shipment under a taken id: printing the first decision would answer a question
      // that was not asked, and deciding it would count one id twice. Refused, so the run fails.
      const why = `id: transaction ${JSON.stringify(x.id)} is already in the ledger with a different input; it is not decided or posted (a new shipment needs a new id; the same line again is skipped)`;
      const refused = invalid(o, x.item.line, [why], ['ledger/id-reused'], x.warnings);
      result.push({ ...refused, out: withTransactionId(refused.out, x.id) });
      continue;
    }
    if (before) {
      // a resumed run meets every finished transaction again: counted, and its first output printed
      counter.skipped++;
      // a reversed id stays taken: deciding it again would count what the reversal took back
      const undone = before.reversed === undefined ? '' : `${o.name}:${x.item.line}: warning: transaction ${JSON.stringify(x.id)} was reversed (${JSON.stringify(before.reversed)}); it is not decided or posted again (the output is the first decision's; a new shipment needs a new id)\n`;
      result.push({ out: before.output, err: x.warnings + undone, outcome: outcomeOf(before.output), invalid: undefined, repeated: true });
      continue;
    }
    const balances = new Map<string, string>();
    for (const k of ledger.balanceKeys(x.value)) {
      const v = overlay.get(k)?.amount ?? stored.get(k);
      if (v !== undefined) balances.set(k, v);
    }
    const r: ResultJson = engine.evaluate(x.value, o.explain, balances);
    const rendered = renderResult(withReasons(engine, x.json, r, o), x.warnings, x.item.line, o);
    const printed = { ...rendered, out: withTransactionId(rendered.out, x.id) };
    (r.postings ?? []).forEach((p, n) => {
      const key = balanceKey(p.ledger, p.key);
      const after = String(p.after);
      overlay.set(key, { ledger: p.ledger, key: p.key, amount: after, transactionId: x.id });
      postings.push({ transactionId: x.id, n, ledger: p.ledger, key: p.key, balanceKey: key, before: String(p.before), amount: String(p.amount), after, rule: r.decided_by, citations: r.citations });
    });
    transactions.push({ id: x.id, inputSha: x.sha, outcome: r.decision.outcome, decidedBy: r.decided_by, output: printed.out });
    seen.set(x.id, { sha: x.sha, output: printed.out });
    result.push(printed);
  }
  await store.commit({ transactions, postings, balances: overlay });
  return result;
}

/**
 * A ledger run's output line names its transaction first: the line (and the store's copy of it)
 * can be matched to its shipment without counting lines. `transaction_id` is a reserved decision
 * field name, so it cannot clash with the decision's own fields.
 */
function withTransactionId(jsonLine: string, id: string): string {
  return `{"transaction_id":${JSON.stringify(id)},${jsonLine.slice(1)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function outcomeOf(output: string): string | undefined {
  try {
    const o = JSON.parse(output) as { outcome?: unknown };
    return typeof o.outcome === 'string' ? o.outcome : undefined;
  } catch {
    return undefined;
  }
}
