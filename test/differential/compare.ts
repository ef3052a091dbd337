/** One policy through several engines (test/harness/engines.ts) on many inputs: the first disagreement, or undefined. */
import fc from 'fast-check';
import type { CheckedProgram } from '@pol/core';
import { arbBadInputFor, arbInputFor } from '../harness/policy-gen.ts';
import type { LoadedModule } from '@pol/compiler';
import { compiled, compiledEngine, differs, interpreter, interpreterEngine, runSafely, type Engine, type EngineKind } from '../harness/engines.ts';

export interface Disagreement {
  readonly input: unknown;
  readonly what: string;
  /** the engine that disagrees with the reference */
  readonly engine: string;
  readonly reference: unknown;
  readonly other: unknown;
}

export interface CompareStats {
  valid: number;
  invalid: number;
  /** per engine: inputs it compared on (not outside what it decides) */
  compared?: Record<string, number>;
}

/** The reference (the first engine, the interpreter) against each other engine, explain off and on. */
export function compareEngines(engines: readonly Engine[], input: unknown, stats?: CompareStats): Disagreement | undefined {
  const [ref, ...others] = engines;
  if (!ref) return undefined;
  for (const explain of [false, true]) {
    const vr = runSafely(ref, input, { explain });
    if (vr.kind === 'threw') return { input, what: 'the reference threw', engine: ref.name, reference: vr.error, other: null };
    if (!explain && stats) {
      if (vr.kind === 'decided') stats.valid++;
      else stats.invalid++;
    }
    for (const e of others) {
      // an engine that does not explain gives the same verdict either way: one run is enough
      if (explain && !e.covers.has('result')) continue;
      const ve = runSafely(e, input, { explain });
      if (ve.kind === 'threw') return { input, what: `${e.name} threw`, engine: e.name, reference: vr, other: ve.error };
      if (ve.kind !== 'outside' && !explain && stats) {
        stats.compared ??= {};
        stats.compared[e.name] = (stats.compared[e.name] ?? 0) + 1;
      }
      const d = differs(ref, vr, e, ve);
      if (d) return { input, what: `${d}${e.covers.has('result') ? ` (explain ${explain})` : ''}`, engine: e.name, reference: vr, other: ve };
    }
  }
  for (const e of others) {
    const problem = e.check?.(input);
    if (problem) return { input, what: problem, engine: e.name, reference: null, other: null };
  }
  return undefined;
}

/** The interpreter against an already loaded compiled module. */
export function compareOne(program: CheckedProgram, mod: LoadedModule, input: unknown, stats?: CompareStats): Disagreement | undefined {
  return compareEngines([interpreterEngine(program), compiledEngine(mod)], input, stats);
}

/** Generated inputs for a program (valid-shaped and bad ones), deterministic in `seed`. */
export function inputsFor(program: CheckedProgram, seed: number, count: number): unknown[] {
  const good = fc.sample(arbInputFor(program), { seed, numRuns: Math.ceil(count * 0.8) });
  const bad = fc.sample(arbBadInputFor(program), { seed: seed + 1, numRuns: Math.floor(count * 0.2) });
  return [...good, ...bad];
}

export async function loadEngines(program: CheckedProgram, kinds: readonly EngineKind[]): Promise<Engine[]> {
  return Promise.all(kinds.map((k) => k.load(program)));
}

export async function comparePolicy(program: CheckedProgram, seed: number, count: number, stats?: CompareStats, kinds: readonly EngineKind[] = [interpreter, compiled]): Promise<Disagreement | undefined> {
  const engines = await loadEngines(program, kinds);
  for (const input of inputsFor(program, seed, count)) {
    const d = compareEngines(engines, input, stats);
    if (d) return d;
  }
  return undefined;
}

export function describe(d: Disagreement): string {
  return `${d.engine} disagrees with the interpreter on ${d.what}\ninput: ${JSON.stringify(d.input)}\ninterpreter: ${JSON.stringify(d.reference)}\n${d.engine}: ${JSON.stringify(d.other)}`;
}
