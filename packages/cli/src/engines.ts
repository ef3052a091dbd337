/**
 * An engine decides validated inputs: the reference interpreter, or the compiled module. The CLI
 * speaks to both through this one interface, so `pol test` can run every example through both.
 */
import { evaluate, reasonsFor, resultToJson, validateInput, type CheckedProgram, type InputError, type Reason, type ResultJson } from '@pol/core';

export type EngineName = 'interpreter' | 'compiled';

export interface Engine {
  readonly name: EngineName;
  validate(json: unknown): { ok: true; value: unknown } | { ok: false; errors: readonly InputError[] };
  evaluate(value: unknown, explain: boolean): ResultJson;
  /** why the trace's rules applied (memberships, thresholds), from the reference semantics, for `--explain` */
  because(json: unknown, result: ResultJson): Reason[];
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
    evaluate: (value, explain) => resultToJson(program, evaluate(program, value as Parameters<typeof evaluate>[1], { explain })),
    because: because(program),
  };
}

export async function makeEngine(name: EngineName, program: CheckedProgram): Promise<Engine> {
  if (name === 'interpreter') return interpreterEngine(program);
  const { compiledEngine } = await import('./compiled-engine.ts');
  return { ...(await compiledEngine(program)), because: because(program) };
}
