/** The solver, loaded once (WASM). The solver is used only by analyses, never by compiled evaluators. */
import { init } from 'z3-solver';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Z = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ZExpr = any;

let api: ReturnType<typeof init> | undefined;
let ctx: Promise<Z> | undefined;

function loaded(): ReturnType<typeof init> {
  if (!api)
    api = init().then((a) => {
      // fixed seeds: the same question gets the same model, so reports are byte-identical run to run
      a.setParam({ 'smt.random_seed': 0, 'sat.random_seed': 0, 'nlsat.seed': 0 });
      return a;
    });
  return api;
}

/** The shared context (the WASM module is loaded once). */
export function z3(): Promise<Z> {
  if (!ctx) ctx = loaded().then((a) => a.Context('main'));
  return ctx;
}

/**
 * A context of its own for one analysis whose answers are shown to people: z3's models depend on
 * every term the context has seen before, so a diff run after other work in the same process would
 * otherwise pick other witnesses. The module stays loaded; only the context is new.
 */
export async function freshZ3(): Promise<Z> {
  return (await loaded()).Context('main');
}

/** The loaded module itself (its low-level API and the Emscripten module), for synchronous checks (solver.ts). */
export function z3Module(): ReturnType<typeof init> {
  return loaded();
}

/** Thrown when a construct cannot be encoded exactly: the analysis then answers `unknown`. */
export class Unsupported extends Error {}
