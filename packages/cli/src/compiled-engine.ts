import type { CheckedProgram, ResultJson } from '@pol/core';
import { CompileError, loadCompiled } from '@pol/compiler';
import type { Engine } from './engines.ts';
import { UsageError } from './io.ts';

/** The compiled module as an engine: generated in memory, transpiled, imported from a data: URL. */
export async function compiledEngine(program: CheckedProgram): Promise<Omit<Engine, 'because'>> {
  let mod;
  try {
    mod = await loadCompiled(program);
  } catch (e) {
    if (e instanceof CompileError) throw new UsageError(`the compiler cannot compile this policy: ${e.message}; use --engine interpreter`);
    throw e;
  }
  return {
    name: 'compiled',
    validate: (json) => mod.validate(json),
    evaluate: (value, explain) => mod.evaluate(value, { explain }) as ResultJson,
  };
}
