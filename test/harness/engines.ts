/**
 * One interface over every way this project decides an input, so that the differential suites
 * (test/differential) compare them the same way: the reference interpreter (the semantics), the
 * compiled module, the SMT encoder's concrete evaluation of its own terms, and the plain IR
 * evaluator (ir-engine.ts). Each engine says which aspects of a verdict it decides exactly; a
 * comparison looks only at the aspects both engines cover.
 */
import { evaluate, resultToJson, validateInput, validateValue, type CheckedProgram, type DecisionJson, type ResultJson, type RRecord } from '@pol/core';
import * as IR from '@pol/core/ir';
import { loadCompiled, type LoadedModule } from '@pol/compiler';
import { encodePolicy, evaluateEncoded, OutsideBound } from '@pol/analysis/smt';
import { evaluateIr } from './ir-engine.ts';

/**
 * - acceptance: whether the input is accepted (shape and every `require`)
 * - error-paths: the path of every validation error
 * - decision: the outcome and every field of the decision
 * - path: the ids of the deciding rule and its exceptions, outermost first
 * - result: the whole ResultJson (alternatives, obligations, citations, trace, explanations)
 */
export type Aspect = 'acceptance' | 'error-paths' | 'decision' | 'path' | 'result';

export type Verdict =
  | { readonly kind: 'rejected'; readonly errors: readonly { readonly path: string; readonly message: string }[] }
  | { readonly kind: 'decided'; readonly decision: DecisionJson; readonly path: readonly string[]; readonly result?: ResultJson }
  /** the engine does not decide this input (and claims nothing about it) */
  | { readonly kind: 'outside'; readonly why: string };

export interface Engine {
  readonly name: string;
  readonly covers: ReadonlySet<Aspect>;
  run(input: unknown, options?: { readonly explain?: boolean }): Verdict;
  /** engine-specific promises on an input (undefined when kept) */
  check?(input: unknown): string | undefined;
}

export interface EngineKind {
  readonly name: string;
  load(program: CheckedProgram): Promise<Engine>;
}

const ALL: ReadonlySet<Aspect> = new Set(['acceptance', 'error-paths', 'decision', 'path', 'result']);

function fromResult(result: ResultJson): Verdict {
  return { kind: 'decided', decision: result.decision, path: result.trace.map((t) => t.id), result };
}

export function interpreterEngine(program: CheckedProgram): Engine {
  return {
    name: 'interpreter',
    covers: ALL,
    run(input, options = {}) {
      const v = validateInput(program, input);
      if (!v.ok) return { kind: 'rejected', errors: v.errors.map((e) => ({ path: e.path, message: e.message })) };
      return fromResult(resultToJson(program, evaluate(program, v.value, { explain: options.explain === true })));
    },
  };
}

export const interpreter: EngineKind = { name: 'interpreter', load: async (program) => interpreterEngine(program) };

/** A compiled result without its `policy` (the interpreter's results do not carry one). */
export function withoutPolicy(result: unknown): ResultJson {
  const { policy: _policy, ...rest } = result as ResultJson & { policy?: unknown };
  return rest;
}

export function compiledEngine(mod: LoadedModule): Engine {
  return {
    name: 'compiled',
    covers: ALL,
    run(input, options = {}) {
      // every error, as the interpreter lists them (the module caps them at 100 by default)
      const v = mod.validate(input, { maxErrors: Infinity });
      if (!v.ok) return { kind: 'rejected', errors: v.errors };
      return fromResult(withoutPolicy(mod.evaluate(v.value, { explain: options.explain === true, alternatives: true })));
    },
    check(input) {
      // trace off: the same decision with an empty, frozen trace
      const v = mod.validate(input);
      if (!v.ok) return undefined;
      const off = mod.evaluate(v.value, { trace: false }) as { trace: unknown[] };
      if (!(off.trace.length === 0 && Object.isFrozen(off.trace))) return `trace: false gave ${JSON.stringify(off.trace)}`;
      // default options (no alternatives asked): the whole result but the alternatives, which are absent
      const { alternatives, ...rest } = mod.evaluate(v.value, { alternatives: true }) as ResultJson;
      const lean = mod.evaluate(v.value) as ResultJson;
      if ('alternatives' in lean) return `the default result has alternatives: ${JSON.stringify(lean.alternatives)}`;
      void alternatives;
      return JSON.stringify(lean) === JSON.stringify(rest) ? undefined : `default options gave ${JSON.stringify(lean)}, not ${JSON.stringify(rest)}`;
    },
  };
}

export const compiled: EngineKind = { name: 'compiled', load: async (program) => compiledEngine(await loadCompiled(program)) };

/** The IR evaluator on lower + optimize: the whole result, validation borrowed from the interpreter. */
export const irEvaluator: EngineKind = {
  name: 'ir',
  async load(program) {
    const ir = IR.toIr(program);
    return {
      name: 'ir',
      covers: new Set(['decision', 'path', 'result']),
      run(input, options = {}) {
        const v = validateInput(program, input);
        if (!v.ok) return { kind: 'outside', why: 'validation is the interpreter’s here' };
        return fromResult(evaluateIr(ir, v.value, options.explain === true));
      },
    };
  },
};

/**
 * The SMT encoder: the policy's IR encoded once with lists bounded to `bound` items; each input
 * fixes the input constants in a z3 model, and z3 evaluates the requirements and the decision term
 * (packages/analysis/src/smt/concrete.ts). What the bounded encoding decides exactly, and so what
 * is compared: acceptance by the requirements and their error paths, the decision, and the deciding
 * rule path. Outside it: inputs of the wrong shape (the encoder's domain holds only well-shaped
 * inputs; their rejection is the validator's, compared for the other engines), lists longer than
 * the bound, and everything the analyses never ask (alternatives, obligations, explanations).
 *
 * `abstract`: the encoding the analyses prove "never" and "always" with, each aggregate an unknown.
 * It decides no input by itself (it over-approximates); the engine fixes the unknowns to the
 * aggregates' values on the input, so what is compared is that the real behaviour is one of the
 * abstraction's instances, i.e. that its proofs are sound.
 */
export function encoder(bound = 4, mode: 'bounded' | 'abstract' = 'bounded'): EngineKind {
  const name = mode === 'bounded' ? 'encoder' : 'encoder-abstract';
  return {
    name,
    async load(program) {
      const ir = IR.toIr(program);
      const ep = await encodePolicy(ir, bound, mode);
      const enums = {
        has: (e: string, m: string) => program.enums.get(e)?.members.includes(m) ?? false,
        suggest: () => undefined,
      };
      return {
        name,
        covers: new Set(['acceptance', 'error-paths', 'decision', 'path']),
        run(input) {
          const shaped = validateValue(program.input.type, input, enums);
          if (shaped.errors.length > 0 || !shaped.value) return { kind: 'outside', why: 'not a well-shaped input' };
          let r;
          try {
            r = evaluateEncoded(ep, shaped.value as RRecord);
          } catch (e) {
            if (e instanceof OutsideBound) return { kind: 'outside', why: e.message };
            throw e;
          }
          // every validated input must lie in the symbolic domain, or the analyses miss inputs
          if (!r.inDomain) throw new Error('a well-shaped input lies outside the encoder’s domain');
          const failed = ir.requires.filter((_, i) => !r.requires[i]);
          if (failed.length > 0) return { kind: 'rejected', errors: failed.map((q) => ({ path: q.path, message: q.because })) };
          return { kind: 'decided', decision: r.decision, path: r.path };
        },
      };
    },
  };
}

/** Where two verdicts on one input differ, on the aspects both engines cover; undefined when they agree. */
export function differs(a: Engine, va: Verdict, b: Engine, vb: Verdict): string | undefined {
  if (va.kind === 'outside' || vb.kind === 'outside') return undefined;
  const both = (x: Aspect): boolean => a.covers.has(x) && b.covers.has(x);
  if (va.kind !== vb.kind) return both('acceptance') ? 'acceptance' : undefined;
  if (va.kind === 'rejected' && vb.kind === 'rejected') {
    if (!both('error-paths')) return undefined;
    // messages are the interpreter's wording, mirrored; compared on request (core may reword them)
    const messages = process.env.POL_COMPARE_MESSAGES === '1';
    const norm = (v: typeof va) => JSON.stringify(v.errors.map((e) => (messages ? { path: e.path, message: e.message } : { path: e.path })));
    return norm(va) === norm(vb) ? undefined : 'validation errors';
  }
  if (va.kind === 'decided' && vb.kind === 'decided') {
    if (both('result')) return JSON.stringify(va.result) === JSON.stringify(vb.result) ? undefined : 'result';
    if (both('decision') && JSON.stringify(va.decision) !== JSON.stringify(vb.decision)) return 'decision';
    if (both('path') && JSON.stringify(va.path) !== JSON.stringify(vb.path)) return 'deciding rule';
  }
  return undefined;
}

/** A verdict, or the error the engine threw, as a verdict nobody agrees with. */
export function runSafely(e: Engine, input: unknown, options?: { readonly explain?: boolean }): Verdict | { readonly kind: 'threw'; readonly error: string } {
  try {
    return e.run(input, options);
  } catch (err) {
    return { kind: 'threw', error: String(err instanceof Error ? (err.stack ?? err.message) : err) };
  }
}
