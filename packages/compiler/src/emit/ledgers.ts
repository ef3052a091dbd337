/**
 * The module's part for ledgers (docs/ledger.md), printed only for a policy that declares one, so
 * every other module stays as it was: `balanceKeys(input)` (the balances an input may read),
 * a cached read of each balance (given, else the opening value, else zero), and the postings of
 * the rule that decided. Balances come in as JSON values (`evaluate(input, { balances })`), by the
 * keys core's result/ledger.ts names: `Ledger["key", "2025"]`.
 */
import * as I from '@pol/core/ir';
import { balanceKeyForm } from '@pol/core/checker';
import { code } from './code.ts';
import type { ExprPrinter } from './expr.ts';
import type { Names } from './names.ts';

/** Names the ledger part declares (reserved only in a module that has it). */
export const LEDGER_NAMES = ['Posting', 'Balances', 'BalanceValue', 'LEDGERS', 'BAL', 'NO_BALANCES', 'ledgerParts', 'ledgerKey', 'balanceKeys', 'balanceNumber', 'CHECKED_BALANCES', 'checkBalances', 'posting', 'postingsOf'];
import { commentText, lit } from './text.ts';

export class LedgerPrinter {
  /** the function that reads each ledger's balance, by ledger index */
  private readonly readers: readonly string[];

  constructor(private readonly p: I.Program, names: Names) {
    // named before any def is printed: a define may read a balance
    this.readers = p.ledgers.map((l) => names.take(`balance_${l.name}`));
  }

  get active(): boolean {
    return this.p.ledgers.length > 0;
  }

  balance(id: number): string {
    return `${this.readers[id]!}()`;
  }

  /** Declarations: the key tables, the balance readers, `balanceKeys`; `caches` gets one per ledger. */
  declarations(ex: ExprPrinter, out: string[], caches: { name: string; type: string }[]): void {
    const p = this.p;
    out.push('// ---- ledgers ----');
    out.push(code`
      /** A balance as \`evaluate\` takes it: a JSON number, or an exact decimal or fraction as text. */
      export type BalanceValue = number | string;
      /** The ledgers' balances before this transaction, by balance key (see \`balanceKeys\`). */
      export type Balances = Readonly<Record<string, BalanceValue>>;
      export interface Posting {
        readonly ledger: string;
        readonly key: readonly string[];
        readonly before: number | string;
        readonly amount: number | string;
        readonly after: number | string;
      }
      /** each ledger: its name, the input path of each key, and which keys are a calendar year */
      const LEDGERS: readonly { readonly name: string; readonly paths: readonly (readonly string[])[]; readonly year: readonly boolean[] }[] = [
        ${p.ledgers.map((l) => `{ name: ${lit(l.name)}, paths: [${l.keys.map((k) => `[${k.path.map(lit).join(', ')}]`).join(', ')}], year: [${l.keys.map((k) => String(k.period === 'calendar-year')).join(', ')}] },`)}
      ];
      /** no balances given: every ledger reads its opening value, with no key worked out */
      const NO_BALANCES: Balances = Object.freeze({});
      /** the balances of the evaluation in progress */
      let BAL: Balances = NO_BALANCES;

      /** The key values of ledger #i for an input, or undefined when one is absent. */
      function ledgerParts(input: unknown, i: number): string[] | undefined {
        const l = LEDGERS[i]!;
        const parts: string[] = [];
        for (let k = 0; k < l.paths.length; k++) {
          let v: unknown = input;
          for (const step of l.paths[k]!) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
          if (typeof v !== 'string') return undefined;
          parts.push(l.year[k] ? v.slice(0, 4) : v);
        }
        return parts;
      }

      /** The balance key of ledger #i for an input (\`Ledger["key", "2025"]\`), or undefined when a key is absent. */
      function ledgerKey(input: unknown, i: number): string | undefined {
        const parts = ledgerParts(input, i);
        return parts === undefined ? undefined : LEDGERS[i]!.name + JSON.stringify(parts);
      }

      /** The balances an input may read or post to: one key per ledger whose keys it has. */
      export function balanceKeys(input: Input): string[] {
        const out: string[] = [];
        for (let i = 0; i < LEDGERS.length; i++) {
          const k = ledgerKey(input, i);
          if (k !== undefined) out.push(k);
        }
        return out;
      }

      /** A given balance as an exact number; a malformed one is the caller's error, said in words. */
      function balanceNumber(key: string, v: BalanceValue): PolNumber {
        if (typeof v === 'number' && Number.isSafeInteger(v)) return v + 0;
        const text = String(v);
        const slash = text.indexOf('/');
        const n = slash < 0 ? parseNumber(text) : parseNumber(text.slice(0, slash));
        const d = slash < 0 ? 1 : parseNumber(text.slice(slash + 1));
        if (n === undefined || d === undefined || cmp(d, 0) === 0) throw new RangeError('the balance ' + key + ' is not a number: ' + JSON.stringify(v));
        return slash < 0 ? n : div(n, d);
      }

      /** balance tables already checked: a caller that passes the same table again pays nothing */
      const CHECKED_BALANCES = new WeakSet<object>();

      /**
       * Refuses a table a ledger would misread: a key not written as \`balanceKeys\` writes it (it would
       * never be looked up, and the balance read as zero), or a balance that is not a number or is
       * negative (a ledger counts what was consumed).
       */
      function checkBalances(b: Balances): void {
        if (CHECKED_BALANCES.has(b)) return;
        for (const key of Object.keys(b)) {
          const open = key.indexOf('[');
          const l = open < 0 ? undefined : LEDGERS.find((x) => x.name === key.slice(0, open));
          let parts: unknown;
          try {
            parts = l === undefined ? undefined : JSON.parse(key.slice(open));
          } catch {
            parts = undefined;
          }
          const good =
            l !== undefined &&
            Array.isArray(parts) &&
            parts.length === l.paths.length &&
            parts.every((v, i) => typeof v === 'string' && (!l.year[i] || /^[0-9]{4}$/.test(v))) &&
            JSON.stringify(parts) === key.slice(open);
          if (!good) {
            throw new RangeError('the balance key ' + JSON.stringify(key) + ' is not one this policy reads: write it as balanceKeys(input) returns it, a ledger name then its key values as a JSON array with no spaces ' + ${lit(`(${p.ledgers.map((l) => balanceKeyForm(l.name, l.keys)).join(', ')})`)});
          }
          if (cmp(balanceNumber(key, b[key]!), 0) < 0) throw new RangeError('the balance ' + key + ' is negative: ' + JSON.stringify(b[key]) + ' (a ledger counts what was consumed; a balance is never below zero)');
        }
        CHECKED_BALANCES.add(b);
      }`);
    p.ledgers.forEach((l, i) => {
      const fn = this.readers[i]!;
      const cache = `${fn}$`;
      caches.push({ name: cache, type: 'PolNumber' });
      const opening = l.opening ? `(${ex.expr(l.opening, `opening_${l.name}`)} ?? 0)` : '0';
      out.push(code`
        /** ledger ${commentText(l.name)}: the balance before this transaction (given, else the opening, else zero) */
        function ${fn}(): PolNumber {
          if (${cache} !== undefined) return ${cache};
          if (BAL === NO_BALANCES) return (${cache} = ${opening});
          // the checker proved every key present wherever the ledger is read
          const $k = ledgerKey(IN, ${i})!;
          const $v = Object.prototype.hasOwnProperty.call(BAL, $k) ? BAL[$k] : undefined;
          return (${cache} = $v !== undefined ? balanceNumber($k, $v) : ${opening});
        }`);
    });
  }

  /** `postingsOf(id)`: what the rule or exception named `id` records when it decides. */
  postings(ex: ExprPrinter, out: string[]): void {
    const cases = I.allRules(this.p)
      .filter((r) => r.records.length > 0)
      .map((r) => {
        const items = r.records.map((c) => {
          const l = this.p.ledgers[c.ledger]!;
          // The key read straight from the input (the checker proved every part present wherever a
          // rule records): no walk over LEDGERS' paths for each posting.
          const key = l.keys.map((k) => `${k.path.reduce((e, step, i) => `${e}${i > 0 ? '!' : ''}.${step}`, 'IN')}!${k.period === 'calendar-year' ? '.slice(0, 4)' : ''}`);
          return `posting(${lit(l.name)}, [${key.join(', ')}], ${this.readers[c.ledger]!}(), ${ex.expr(c.amount, `records_${l.name}`)})`;
        });
        return `case ${lit(r.name)}:\n  return [${items.join(', ')}];`;
      });
    out.push(code`
      function posting(ledger: string, key: readonly string[], before: PolNumber, amount: PolNumber): Posting {
        return { ledger, key, before: numberJson(before), amount: numberJson(amount), after: numberJson(add(before, amount)) };
      }

      /** The postings of the rule or exception that decided (a shared empty list when it records nothing). */
      function postingsOf(id: string): readonly Posting[] {
        switch (id) {
          ${cases}
          default:
            return EMPTY;
        }
      }`);
  }
}
