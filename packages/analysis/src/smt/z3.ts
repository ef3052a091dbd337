/** The solver, loaded once (WASM). The solver is used only by analyses, never by compiled evaluators. */
import { init } from 'z3-solver';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Z = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ZExpr = any;

let ctx: Promise<Z> | undefined;

export function z3(): Promise<Z> {
  if (!ctx) ctx = init().then(({ Context }) => Context('main'));
  return ctx;
}

/** Thrown when a construct cannot be encoded exactly: the analysis then answers `unknown`. */
export class Unsupported extends Error {}
