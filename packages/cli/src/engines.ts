/**
 * An engine decides validated inputs: the reference interpreter, or the compiled module. The CLI
 * speaks to both through this one interface, so `pol test` can run every example through both.
 */
import type { TextWords } from './explain.ts';
import { shareChecker, type ShareWarning } from './shares.ts';
import { balanceKeysOf, evaluate, parseBalance, reasonsFor, resultToJson, validateInput, type CheckedProgram, type InputError, type Rational, type Reason, type ResultJson, type RRecord } from '@pol/core';

export type EngineName = 'interpreter' | 'compiled';

export interface Engine {
  readonly name: EngineName;
  validate(json: unknown): { ok: true; value: unknown } | { ok: false; errors: readonly InputError[] };
  /** `balances`: for a policy with ledgers, the stored balances (exact texts) by balance key */
  evaluate(value: unknown, explain: boolean, balances?: ReadonlyMap<string, string>): ResultJson;
  /** for a policy with ledgers: a validated input's transaction id (undefined when an `optional Id` is absent) and the balances it may read */
  readonly ledger: { transactionId(value: unknown): string | undefined; balanceKeys(value: unknown): string[] } | undefined;
  /** why the trace's rules applied (memberships, thresholds), from the reference semantics, for `--explain` */
  because(json: unknown, result: ResultJson): Reason[];
  /** titles and units of the policy, for the words of `--format text` */
  readonly words: TextWords;
  /** Share inputs outside 0..1, to warn about (shares.ts) */
  shares(json: unknown): ShareWarning[];
}

function words(program: CheckedProgram): TextWords {
  const titles = new Map<string, string>();
  for (const d of [...program.groups, ...program.consts, ...program.defines]) {
    if (!d.title?.value.trim()) continue;
    titles.set(d.name.name, `${d.title.value}${d.cites.length ? ` [${d.cites.map((c) => c.value).join('; ')}]` : ''}`);
  }
  const units = new Map<string, string>();
  for (const v of program.decision.variants) {
    for (const f of v.params) {
      const t = f.type.kind === 'optional' ? f.type.inner : f.type;
      if (t.kind === 'number' && t.unit !== null) units.set(f.name, t.unit);
    }
  }
  return { titles, units };
}

function because(program: CheckedProgram): Engine['because'] {
  return (json, result) => {
    const v = validateInput(program, json);
    return v.ok ? reasonsFor(program, v.value, result.trace) : [];
  };
}

export function interpreterEngine(program: CheckedProgram): Engine {
  return {
    name: 'interpreter',
    validate: (json) => validateInput(program, json),
    evaluate: (value, explain, balances) => resultToJson(program, evaluate(program, value as RRecord, { explain, balances: balances && exactBalances(balances) })),
    ledger:
      program.ledgers.length === 0
        ? undefined
        : { transactionId: (value) => ((value as RRecord).get('id') ?? undefined) as string | undefined, balanceKeys: (value) => balanceKeysOf(program.ledgers, value as RRecord) },
    because: because(program),
    words: words(program),
    shares: shareChecker(program),
  };
}

/** Stored balance texts as exact numbers (a text that is not one is left out). */
export function exactBalances(balances: ReadonlyMap<string, string>): Map<string, Rational> {
  const out = new Map<string, Rational>();
  for (const [k, v] of balances) {
    const r = parseBalance(v);
    if (r) out.set(k, r);
  }
  return out;
}

export async function makeEngine(name: EngineName, program: CheckedProgram): Promise<Engine> {
  if (name === 'interpreter') return interpreterEngine(program);
  const { compiledEngine } = await import('./compiled-engine.ts');
  return { ...(await compiledEngine(program)), because: because(program), words: words(program), shares: shareChecker(program) };
}
