/** The solver, loaded once (WASM). The solver is used only by analyses, never by compiled evaluators. */
import { init } from 'z3-solver';
import { Rational } from '@pol/core/checker';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Z = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ZExpr = any;

let api: ReturnType<typeof init> | undefined;
let ctx: Promise<Z> | undefined;

/** The parts of z3's C API (through z3-solver's low-level wrapper) that are called directly (here and by solver.ts). */
export interface LowLevel {
  get_error_code(c: number): number;
  get_error_msg(c: number, code: number): string;
  to_app(c: number, a: number): number;
  get_app_decl(c: number, a: number): number;
  add_const_interp(c: number, m: number, d: number, a: number): void;
  model_eval(c: number, m: number, t: number, completion: boolean): number | null;
  get_bool_value(c: number, a: number): number;
  get_ast_kind(c: number, a: number): number;
  get_numeral_string(c: number, a: number): string;
}
let low: LowLevel | undefined;

function loaded(): ReturnType<typeof init> {
  if (!api)
    api = init().then((a) => {
      // fixed seeds: the same question gets the same model, so reports are byte-identical run to run
      a.setParam({ 'smt.random_seed': 0, 'sat.random_seed': 0, 'nlsat.seed': 0 });
      low = a.Z3 as unknown as LowLevel;
      return a;
    });
  return api;
}

/**
 * z3's C API, for the few calls made thousands of times a diff (fixing a model's constants to an
 * input, asking whether a term is true in it): through the high-level API each built JavaScript
 * objects and asked z3 about sorts and arities first, and V8 compiles those wrappers anew for
 * each diff's context. Only after a context was made, so the module is loaded.
 */
export function lowLevel(): LowLevel {
  if (!low) throw new Error('z3 is used before it was loaded');
  return low;
}

/** `m` with the constant `c` fixed to `value` (as `m.updateValue`). */
export function fix(Z: Z, m: ZExpr, c: ZExpr, value: ZExpr): void {
  const L = lowLevel();
  L.add_const_interp(Z.ptr, m.ptr, L.get_app_decl(Z.ptr, L.to_app(Z.ptr, c.ast)), value.ast);
}

/**
 * The value of a numeric term in a model; undefined when it is no numeral (an irrational root).
 * The term z3 returns is not reference-counted: it lives until the next call that makes a term, so
 * it is read at once.
 */
export function numeralIn(Z: Z, m: ZExpr, t: ZExpr): Rational | undefined {
  const L = lowLevel();
  const r = L.model_eval(Z.ptr, m.ptr, t.ast, true);
  // 0: Z3_NUMERAL_AST; z3 writes a rational as `-3` or `7/2`
  if (r === null || L.get_ast_kind(Z.ptr, r) !== 0) return undefined;
  const [n, d = '1'] = L.get_numeral_string(Z.ptr, r).split('/');
  return Rational.of(BigInt(n!), BigInt(d));
}

/** Whether a Boolean term is true in a model, with the constants it leaves open given any value (undefined: z3 cannot tell). */
export function truthIn(Z: Z, m: ZExpr, t: ZExpr): boolean | undefined {
  const L = lowLevel();
  const r = L.model_eval(Z.ptr, m.ptr, t.ast, true);
  if (r === null) return undefined;
  const b = L.get_bool_value(Z.ptr, r);
  return b === 1 ? true : b === -1 ? false : undefined;
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
