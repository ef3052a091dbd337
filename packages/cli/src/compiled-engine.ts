import type { CheckedProgram, ResultJson } from '@pol/core';
import { CompileError, loadCompiled } from '@pol/compiler';
import type { Engine } from './engines.ts';
import { UsageError } from './io.ts';

const WITHOUT_POLICY = new WeakMap<object, ResultJson>();

/** The compiled module as an engine: generated in memory, transpiled, imported from a data: URL. */
export async function compiledEngine(program: CheckedProgram): Promise<Omit<Engine, 'because' | 'words' | 'shares'>> {
  let mod;
  try {
    mod = await loadCompiled(program);
  } catch (e) {
    if (e instanceof CompileError) throw new UsageError(`the compiler cannot compile this policy: ${e.message}; use --engine interpreter`);
    throw e;
  }
  const balanceKeys = mod.balanceKeys;
  return {
    name: 'compiled',
    validate: (json) => mod.validate(json),
    // without `policy`, which the module puts on every result: pol's output says the policy once, as the interpreter's does
    evaluate: (value, explain, balances) => {
      const options = balances ? { explain, alternatives: true, balances: Object.fromEntries(balances) } : { explain, alternatives: true };
      const full = mod.evaluate(value, options) as ResultJson & { policy?: unknown };
      // a frozen result is one the module built once for a decision the policy fixes: so is this
      if (Object.isFrozen(full)) {
        const kept = WITHOUT_POLICY.get(full);
        if (kept) return kept;
      }
      const { policy: _policy, ...result } = full;
      if (Object.isFrozen(full)) WITHOUT_POLICY.set(full, Object.freeze(result));
      return result;
    },
    ledger:
      balanceKeys === undefined
        ? undefined
        : { transactionId: (value) => (value as { readonly id?: string | null }).id ?? undefined, balanceKeys: (value) => balanceKeys(value) },
  };
}
