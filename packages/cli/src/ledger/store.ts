/**
 * The ledger store: balances, postings and decided transactions in an embedded DuckDB file
 * (docs/ledger.md). One process writes at a time (DuckDB locks the file), so balances read once
 * are cached for the run; each batch of decisions commits in one database transaction, which
 * makes a batch all-or-nothing: a run killed at any point resumes from the last committed batch
 * and never counts a transaction twice (transactions are keyed by their id).
 */
import { DuckDBAppender, DuckDBConnection, DuckDBInstance, listValue } from '@duckdb/node-api';
import { IoError } from '../io.ts';

/**
 * Version 1 had no reversals; a version 1 file is migrated (two tables added, nothing rewritten)
 * when it is opened for writing, and read as it is when opened read-only.
 */
const SCHEMA_VERSION = '2';
const READABLE_VERSIONS = ['1', '2'];

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS pol_ledger_meta (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  // every decided transaction, once: what makes a re-run idempotent
  `CREATE TABLE IF NOT EXISTS transactions (
     id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, input_sha256 VARCHAR NOT NULL, policy_sha256 VARCHAR NOT NULL,
     outcome VARCHAR NOT NULL, decided_by VARCHAR NOT NULL, output VARCHAR NOT NULL, decided_at VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS postings (
     transaction_id VARCHAR NOT NULL, n INTEGER NOT NULL, seq BIGINT NOT NULL, ledger VARCHAR NOT NULL, key VARCHAR NOT NULL,
     balance_key VARCHAR NOT NULL, before VARCHAR NOT NULL, amount VARCHAR NOT NULL, after VARCHAR NOT NULL,
     policy_sha256 VARCHAR NOT NULL, rule VARCHAR NOT NULL, citations VARCHAR NOT NULL, PRIMARY KEY (transaction_id, n))`,
  // amounts are exact decimal (or fraction) texts; `approx` is for people and sorting only
  `CREATE TABLE IF NOT EXISTS balances (
     balance_key VARCHAR PRIMARY KEY, ledger VARCHAR NOT NULL, key VARCHAR NOT NULL, amount VARCHAR NOT NULL,
     approx DOUBLE NOT NULL, last_transaction VARCHAR NOT NULL, last_seq BIGINT NOT NULL)`,
  // reversals are appended, never edits of what was decided (an audit trail); at most one per
  // transaction; `seq` comes from the same count as the transactions', so the history has one order
  `CREATE TABLE IF NOT EXISTS reversals (
     transaction_id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, reason VARCHAR NOT NULL, reversed_at VARCHAR, tool VARCHAR NOT NULL)`,
  // one per posting reversed (`n` is the reversed posting's): its amount is the posting's, negated
  `CREATE TABLE IF NOT EXISTS reversal_postings (
     transaction_id VARCHAR NOT NULL, n INTEGER NOT NULL, seq BIGINT NOT NULL, ledger VARCHAR NOT NULL, key VARCHAR NOT NULL,
     balance_key VARCHAR NOT NULL, before VARCHAR NOT NULL, amount VARCHAR NOT NULL, after VARCHAR NOT NULL, PRIMARY KEY (transaction_id, n))`,
];

export interface DecidedRow {
  readonly id: string;
  readonly inputSha: string;
  readonly output: string;
  /** the reason it was reversed, when it was */
  readonly reversed?: string;
}

export interface PostingRow {
  readonly transactionId: string;
  readonly n: number;
  readonly ledger: string;
  readonly key: readonly string[];
  readonly balanceKey: string;
  readonly before: string;
  readonly amount: string;
  readonly after: string;
  readonly rule: string;
  readonly citations: readonly string[];
}

export interface TransactionRow {
  readonly id: string;
  readonly inputSha: string;
  readonly outcome: string;
  readonly decidedBy: string;
  readonly output: string;
}

/** What one batch writes: its transactions in order, their postings, the balances after it. */
export interface BatchWrite {
  readonly transactions: readonly TransactionRow[];
  readonly postings: readonly PostingRow[];
  readonly balances: ReadonlyMap<string, { ledger: string; key: readonly string[]; amount: string; transactionId: string }>;
}

/** One reversal: the reversed transaction, why, and its postings' reversing postings. */
export interface ReversalWrite {
  readonly transactionId: string;
  readonly reason: string;
  /** when, only if asked for (`--timestamp`): without it, the same reversals give the same file contents */
  readonly reversedAt: string | undefined;
  readonly tool: string;
  readonly postings: readonly { readonly n: number; readonly ledger: string; readonly key: string; readonly balanceKey: string; readonly before: string; readonly amount: string; readonly after: string }[];
}

export class LedgerStore {
  private readonly cache = new Map<string, string | null>();
  private seq = 0;
  /** false for a version 1 file opened read-only: it has no reversals tables (and no reversals) */
  hasReversals = true;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
    readonly path: string,
    readonly policySha: string,
  ) {}

  /** Opens (or creates) the ledger file; `policySha` is recorded with every posting. */
  static async open(path: string, policySha: string, options: { readonly create: boolean } = { create: true }): Promise<LedgerStore> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options.create ? {} : { access_mode: 'READ_ONLY' });
    } catch (e) {
      throw new IoError(`cannot open the ledger ${path}: ${firstLine(e)}`);
    }
    const db = await instance.connect();
    const store = new LedgerStore(instance, db, path, policySha);
    try {
      if (options.create) await store.migrate();
      else await store.checkReadable();
    } catch (e) {
      store.close();
      throw e;
    }
    const s = await store.rows(
      store.hasReversals ? `SELECT greatest((SELECT coalesce(max(seq), 0) FROM transactions), (SELECT coalesce(max(seq), 0) FROM reversals)) AS s` : `SELECT coalesce(max(seq), 0) AS s FROM transactions`,
    );
    store.seq = Number(s[0]?.['s'] ?? 0);
    return store;
  }

  /** Creates the tables, or brings an older file up to this version, in one database transaction. */
  private async migrate(): Promise<void> {
    const tables = await this.tables();
    if (tables.has('balances') && !tables.has('pol_ledger_meta')) throw new IoError(`${this.path} is not a Pol ledger (it has no pol_ledger_meta table)`);
    const v = tables.has('pol_ledger_meta') ? await this.rows(`SELECT value FROM pol_ledger_meta WHERE name = 'schema'`) : [];
    const found = v.length === 0 ? undefined : String(v[0]!['value']);
    if (found !== undefined && !READABLE_VERSIONS.includes(found)) throw newerSchema(this.path, found);
    await this.db.run('BEGIN TRANSACTION');
    try {
      for (const sql of SCHEMA) await this.db.run(sql);
      if (found === undefined) await this.db.run(`INSERT INTO pol_ledger_meta VALUES ('schema', $1)`, [SCHEMA_VERSION]);
      else if (found !== SCHEMA_VERSION) await this.db.run(`UPDATE pol_ledger_meta SET value = $1 WHERE name = 'schema'`, [SCHEMA_VERSION]);
      await this.db.run('COMMIT');
    } catch (e) {
      await this.db.run('ROLLBACK').catch(() => undefined);
      throw new IoError(`cannot set up the ledger ${this.path}: ${firstLine(e)}`);
    }
  }

  private async checkReadable(): Promise<void> {
    const tables = await this.tables();
    if (!tables.has('balances') || !tables.has('pol_ledger_meta')) throw new IoError(`${this.path} is not a Pol ledger (it has no balances table)`);
    const v = await this.rows(`SELECT value FROM pol_ledger_meta WHERE name = 'schema'`);
    const found = v.length === 0 ? '(none)' : String(v[0]!['value']);
    if (!READABLE_VERSIONS.includes(found)) throw newerSchema(this.path, found);
    this.hasReversals = tables.has('reversals');
  }

  private async tables(): Promise<Set<string>> {
    return new Set((await this.rows(`SELECT table_name FROM information_schema.tables`)).map((r) => String(r['table_name'])));
  }

  async rows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    const r = await this.db.runAndReadAll(sql, params as never);
    return r.getRowObjects() as Record<string, unknown>[];
  }

  /** The transactions of `ids` already decided, by id. */
  async decided(ids: readonly string[]): Promise<Map<string, DecidedRow>> {
    const out = new Map<string, DecidedRow>();
    if (ids.length === 0) return out;
    const rows = await this.rows(
      this.hasReversals
        ? `SELECT t.id, t.input_sha256, t.output, r.reason FROM transactions t LEFT JOIN reversals r ON r.transaction_id = t.id WHERE t.id IN (SELECT unnest($1::VARCHAR[]))`
        : `SELECT id, input_sha256, output, NULL AS reason FROM transactions WHERE id IN (SELECT unnest($1::VARCHAR[]))`,
      [listValue([...ids])],
    );
    for (const r of rows) {
      const reason = r['reason'];
      out.set(String(r['id']), { id: String(r['id']), inputSha: String(r['input_sha256']), output: String(r['output']), ...(typeof reason === 'string' ? { reversed: reason } : {}) });
    }
    return out;
  }

  /** The stored balances of `keys` (a key with no posting is absent), through the run's cache. */
  async balances(keys: Iterable<string>): Promise<Map<string, string>> {
    const missing = [...new Set(keys)].filter((k) => !this.cache.has(k));
    if (missing.length > 0) {
      const rows = await this.rows(`SELECT balance_key, amount FROM balances WHERE balance_key IN (SELECT unnest($1::VARCHAR[]))`, [listValue(missing)]);
      for (const k of missing) this.cache.set(k, null);
      for (const r of rows) this.cache.set(String(r['balance_key']), String(r['amount']));
    }
    const out = new Map<string, string>();
    for (const k of keys) {
      const v = this.cache.get(k);
      if (v !== null && v !== undefined) out.set(k, v);
    }
    return out;
  }

  /** Writes one batch in one database transaction: all of it, or (on any failure) none of it. */
  async commit(batch: BatchWrite): Promise<void> {
    if (batch.transactions.length === 0) return;
    const seqOf = new Map<string, number>();
    let seq = this.seq;
    for (const t of batch.transactions) seqOf.set(t.id, ++seq);
    const now = new Date().toISOString();
    const db = this.db;
    await db.run('BEGIN TRANSACTION');
    try {
      // appenders write inside the open transaction: a rollback takes their rows back too
      await this.append('transactions', batch.transactions, (a, t) => {
        a.appendVarchar(t.id);
        a.appendBigInt(BigInt(seqOf.get(t.id)!));
        a.appendVarchar(t.inputSha);
        a.appendVarchar(this.policySha);
        a.appendVarchar(t.outcome);
        a.appendVarchar(t.decidedBy);
        a.appendVarchar(t.output);
        a.appendVarchar(now);
      });
      await this.append('postings', batch.postings, (a, p) => {
        a.appendVarchar(p.transactionId);
        a.appendInteger(p.n);
        a.appendBigInt(BigInt(seqOf.get(p.transactionId)!));
        a.appendVarchar(p.ledger);
        a.appendVarchar(JSON.stringify(p.key));
        a.appendVarchar(p.balanceKey);
        a.appendVarchar(p.before);
        a.appendVarchar(p.amount);
        a.appendVarchar(p.after);
        a.appendVarchar(this.policySha);
        a.appendVarchar(p.rule);
        a.appendVarchar(JSON.stringify(p.citations));
      });
      const keys = [...batch.balances.keys()];
      if (keys.length > 0) await db.run(`DELETE FROM balances WHERE balance_key IN (SELECT unnest($1::VARCHAR[]))`, [listValue(keys)]);
      await this.append('balances', [...batch.balances], (a, [k, b]) => {
        a.appendVarchar(k);
        a.appendVarchar(b.ledger);
        a.appendVarchar(JSON.stringify(b.key));
        a.appendVarchar(b.amount);
        a.appendDouble(approx(b.amount));
        a.appendVarchar(b.transactionId);
        a.appendBigInt(BigInt(seqOf.get(b.transactionId)!));
      });
      await db.run('COMMIT');
    } catch (e) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw new IoError(`cannot write the ledger ${this.path}: ${firstLine(e)}`);
    }
    this.seq = seq;
    for (const [k, b] of batch.balances) this.cache.set(k, b.amount);
  }

  /**
   * Appends reversals, in order, in one database transaction: the reversals, their reversing
   * postings and the balances after them (which the planner worked out from the stored ones).
   */
  async commitReversals(reversals: readonly ReversalWrite[]): Promise<void> {
    if (reversals.length === 0) return;
    let seq = this.seq;
    const seqOf = new Map(reversals.map((r) => [r.transactionId, ++seq]));
    const balances = new Map<string, { ledger: string; key: string; amount: string; transactionId: string }>();
    for (const r of reversals) for (const p of r.postings) balances.set(p.balanceKey, { ledger: p.ledger, key: p.key, amount: p.after, transactionId: r.transactionId });
    await this.db.run('BEGIN TRANSACTION');
    try {
      await this.append('reversals', reversals, (a, r) => {
        a.appendVarchar(r.transactionId);
        a.appendBigInt(BigInt(seqOf.get(r.transactionId)!));
        a.appendVarchar(r.reason);
        if (r.reversedAt === undefined) a.appendNull();
        else a.appendVarchar(r.reversedAt);
        a.appendVarchar(r.tool);
      });
      await this.append('reversal_postings', reversals.flatMap((r) => r.postings.map((p) => ({ r, p }))), (a, { r, p }) => {
        a.appendVarchar(r.transactionId);
        a.appendInteger(p.n);
        a.appendBigInt(BigInt(seqOf.get(r.transactionId)!));
        a.appendVarchar(p.ledger);
        a.appendVarchar(p.key);
        a.appendVarchar(p.balanceKey);
        a.appendVarchar(p.before);
        a.appendVarchar(p.amount);
        a.appendVarchar(p.after);
      });
      await this.db.run(`DELETE FROM balances WHERE balance_key IN (SELECT unnest($1::VARCHAR[]))`, [listValue([...balances.keys()])]);
      await this.append('balances', [...balances], (a, [k, b]) => {
        a.appendVarchar(k);
        a.appendVarchar(b.ledger);
        a.appendVarchar(b.key);
        a.appendVarchar(b.amount);
        a.appendDouble(approx(b.amount));
        a.appendVarchar(b.transactionId);
        a.appendBigInt(BigInt(seqOf.get(b.transactionId)!));
      });
      await this.db.run('COMMIT');
    } catch (e) {
      await this.db.run('ROLLBACK').catch(() => undefined);
      throw new IoError(`cannot write the ledger ${this.path}: ${firstLine(e)}`);
    }
    this.seq = seq;
    this.cache.clear();
  }

  private async append<T>(table: string, rows: readonly T[], row: (a: DuckDBAppender, r: T) => void): Promise<void> {
    if (rows.length === 0) return;
    const a = await this.db.createAppender(table);
    for (const r of rows) {
      row(a, r);
      a.endRow();
    }
    a.flushSync();
    a.closeSync();
  }

  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }
}

function approx(amount: string): number {
  const slash = amount.indexOf('/');
  return slash < 0 ? Number(amount) : Number(amount.slice(0, slash)) / Number(amount.slice(slash + 1));
}

function newerSchema(path: string, found: string): IoError {
  return new IoError(`the ledger ${path} has schema version ${found}, which this pol cannot read (it reads versions ${READABLE_VERSIONS.join(' and ')} and writes ${SCHEMA_VERSION}): use the pol that wrote it, or a newer one`);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
