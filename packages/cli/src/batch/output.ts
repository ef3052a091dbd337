/**
 * Output of batch commands: buffered writes that wait when the reader is slower (so a pipe into
 * `head` or a slow disk never makes memory grow), a progress line on a terminal only, and the
 * summary of a run.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export class BufferedWriter {
  private buf = '';
  constructor(
    private readonly stream: Writable,
    private readonly limit = 1 << 16,
  ) {}

  /**
   * A promise only when the stream asked to wait (so a caller writing many small texts awaits
   * once per full buffer, not once per text); await it before writing more.
   */
  write(text: string): Promise<void> | undefined {
    this.buf += text;
    return this.buf.length >= this.limit ? this.flush() : undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.buf === '') return undefined;
    const text = this.buf;
    this.buf = '';
    return this.stream.write(text) ? undefined : once(this.stream, 'drain').then(() => undefined);
  }
}

/** Counts by outcome and by reason of rejection, printed on stderr at the end of a run. */
export class Summary {
  decided = 0;
  invalid = 0;
  /** with --ledger: transactions the store already held, printed as first decided */
  repeated = 0;
  readonly outcomes = new Map<string, number>();
  readonly repeatedOutcomes = new Map<string, number>();
  readonly reasons = new Map<string, number>();

  add(outcome: string | undefined, invalid: readonly string[] | undefined, repeated = false): void {
    if (outcome !== undefined) {
      const counts = repeated ? this.repeatedOutcomes : this.outcomes;
      if (repeated) this.repeated++;
      else this.decided++;
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
    if (invalid !== undefined) {
      this.invalid++;
      for (const r of invalid) this.reasons.set(r, (this.reasons.get(r) ?? 0) + 1);
    }
  }

  /** `store`: the ledger file of a --ledger run, named beside the transactions it already held */
  text(store?: string): string {
    const n = (x: number): string => x.toLocaleString('en-US');
    const list = (m: Map<string, number>): string =>
      [...m]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(', ');
    const total = this.decided + this.repeated + this.invalid;
    const parts = [`${n(total)} input${total === 1 ? '' : 's'}: ${n(this.decided)} decided${this.outcomes.size ? ` (${list(this.outcomes)})` : ''}`];
    if (this.repeated)
      parts.push(`${n(this.repeated)} already in ${store ?? 'the ledger'}, printed as first decided and not posted again (${list(this.repeatedOutcomes)})`);
    if (this.invalid) parts.push(`${n(this.invalid)} invalid (${list(this.reasons)})`);
    return parts.join('; ');
  }
}

/** "12,000 decided" on one terminal line, redrawn at most every 250 ms; nothing when not a terminal. */
export class Progress {
  private last = 0;
  private shown = false;
  constructor(private readonly enabled: boolean) {}

  tick(count: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    this.shown = true;
    process.stderr.write(`\r\x1b[K${count.toLocaleString('en-US')} inputs read...`);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
