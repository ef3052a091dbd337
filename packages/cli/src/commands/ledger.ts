/** `pol ledger show|export <file.duckdb>`: the balances, or every posting, of a ledger file. */
import { BufferedWriter } from '../batch/output.ts';
import { IoError } from '../io.ts';
import { LedgerStore } from '../ledger/store.ts';
import { existsSync } from 'node:fs';

export async function ledgerCommand(what: 'show' | 'export', file: string, format: 'text' | 'json'): Promise<number> {
  if (!existsSync(file)) throw new IoError(`cannot read the ledger ${file}: no such file`);
  const store = await LedgerStore.open(file, '', { create: false });
  const out = new BufferedWriter(process.stdout);
  try {
    if (what === 'show') {
      const rows = await store.rows('SELECT ledger, key, amount, last_transaction FROM balances ORDER BY ledger, key');
      if (format === 'json') {
        for (const r of rows) await out.write(JSON.stringify({ ledger: r['ledger'], key: JSON.parse(String(r['key'])), balance: amountJson(String(r['amount'])), last_transaction: r['last_transaction'] }) + '\n');
      } else {
        const table = rows.map((r) => [String(r['ledger']), (JSON.parse(String(r['key'])) as string[]).join(' / '), String(r['amount']), String(r['last_transaction'])]);
        const head = ['ledger', 'key', 'balance', 'last transaction'];
        const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
        const line = (cells: string[]): string => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd() + '\n';
        await out.write(line(head));
        for (const t of table) await out.write(line(t));
        const n = await store.rows('SELECT count(*) AS n FROM transactions');
        await out.write(`${rows.length} balance${rows.length === 1 ? '' : 's'}, ${Number(n[0]?.['n'] ?? 0).toLocaleString('en-US')} transactions decided\n`);
      }
    } else {
      const rows = await store.rows('SELECT * FROM postings ORDER BY seq, n');
      for (const r of rows) {
        await out.write(
          JSON.stringify({
            transaction_id: r['transaction_id'],
            ledger: r['ledger'],
            key: JSON.parse(String(r['key'])),
            before: amountJson(String(r['before'])),
            amount: amountJson(String(r['amount'])),
            after: amountJson(String(r['after'])),
            rule: r['rule'],
            citations: JSON.parse(String(r['citations'])),
            policy_sha256: r['policy_sha256'],
          }) + '\n',
        );
      }
    }
    await out.flush();
  } finally {
    store.close();
  }
  return 0;
}

/** An exact amount as JSON: a number when it reads back exactly, else its text. */
function amountJson(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) && String(n) === text ? n : text;
}
