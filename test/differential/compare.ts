/** One policy through both engines on many inputs: the first disagreement, or undefined. */
import fc from 'fast-check';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { loadCompiled, type LoadedModule } from '@pol/compiler';
import { arbBadInputFor, arbInputFor } from '../harness/policy-gen.ts';

export interface Disagreement {
  readonly input: unknown;
  readonly what: string;
  readonly interpreter: unknown;
  readonly compiled: unknown;
}

export interface CompareStats {
  valid: number;
  invalid: number;
}

export function compareOne(program: CheckedProgram, mod: LoadedModule, input: unknown, stats?: CompareStats): Disagreement | undefined {
  const vi = validateInput(program, input);
  const vc = mod.validate(input);
  // Accept/reject and every error path must agree; messages are the interpreter's wording, mirrored
  // by the module, and compared with POL_COMPARE_MESSAGES=1 (core may reword them).
  const messages = process.env.POL_COMPARE_MESSAGES === '1';
  const norm = (v: typeof vi | typeof vc) =>
    v.ok ? { ok: true } : { ok: false, errors: v.errors.map((e) => (messages ? { path: e.path, message: e.message } : { path: e.path })) };
  const a = JSON.stringify(norm(vi));
  const b = JSON.stringify(norm(vc));
  if (a !== b) return { input, what: 'validation', interpreter: norm(vi), compiled: norm(vc) };
  if (!vi.ok || !vc.ok) {
    if (stats) stats.invalid++;
    return undefined;
  }
  if (stats) stats.valid++;
  for (const explain of [false, true]) {
    const ri = JSON.stringify(resultToJson(program, evaluate(program, vi.value, { explain })));
    let rc: string;
    try {
      rc = JSON.stringify(mod.evaluate(vc.value, { explain }));
    } catch (e) {
      rc = `threw ${String(e)}`;
    }
    if (ri !== rc) return { input, what: `evaluate (explain ${explain})`, interpreter: JSON.parse(ri), compiled: rc.startsWith('threw') ? rc : JSON.parse(rc) };
  }
  // trace off: same result with an empty trace
  const off = mod.evaluate(vc.value, { trace: false }) as { trace: unknown[] };
  if (off.trace.length !== 0 || !Object.isFrozen(off.trace)) return { input, what: 'trace: false', interpreter: [], compiled: off.trace };
  return undefined;
}

/** Generated inputs for a program (valid-shaped and bad ones), deterministic in `seed`. */
export function inputsFor(program: CheckedProgram, seed: number, count: number): unknown[] {
  const good = fc.sample(arbInputFor(program), { seed, numRuns: Math.ceil(count * 0.8) });
  const bad = fc.sample(arbBadInputFor(program), { seed: seed + 1, numRuns: Math.floor(count * 0.2) });
  return [...good, ...bad];
}

export async function comparePolicy(program: CheckedProgram, seed: number, count: number, stats?: CompareStats): Promise<Disagreement | undefined> {
  const mod = await loadCompiled(program);
  for (const input of inputsFor(program, seed, count)) {
    const d = compareOne(program, mod, input, stats);
    if (d) return d;
  }
  return undefined;
}
