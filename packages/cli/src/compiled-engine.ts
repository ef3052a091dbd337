import type { CheckedProgram } from '@pol/core';
import type { Engine } from './engines.ts';
import { UsageError } from './io.ts';

/** Placeholder until the compiler lands: the compiled engine is not available yet. */
export async function compiledEngine(program: CheckedProgram): Promise<Engine> {
  void program;
  throw new UsageError('the compiled engine is not available yet; use --engine interpreter');
}
