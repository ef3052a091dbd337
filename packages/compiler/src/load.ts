/** Loading a generated module in this process: transpile to JS and import it from a data: URL. */
import type { CheckedProgram } from '@pol/core/ir';
import { generateSource } from './index.ts';

/** The shape every generated module exports (with `any` for the policy-specific types). */
export interface LoadedModule {
  readonly POLICY: { readonly name: string; readonly version: string | null; readonly sourceHash: string };
  validate(value: unknown, options?: { maxErrors?: number; maxStringLength?: number; maxDigits?: number; maxSuggestLength?: number }): { ok: true; value: unknown } | { ok: false; errors: { path: string; message: string }[] };
  evaluate(input: unknown, options?: { explain?: boolean; trace?: boolean; alternatives?: boolean; balances?: Readonly<Record<string, number | string>> }): unknown;
  decide(json: unknown, options?: { explain?: boolean; trace?: boolean; alternatives?: boolean; balances?: Readonly<Record<string, number | string>> }): { ok: true; result: unknown } | { ok: false; errors: { path: string; message: string }[] };
  /** only in the module of a policy with ledgers: the balance keys an input may read */
  readonly balanceKeys?: (input: unknown) => string[];
}

/** TypeScript -> JavaScript for loading in this process (esbuild: types erased, nothing else). */
export async function transpile(tsText: string): Promise<string> {
  const esbuild = await import('esbuild');
  return (await esbuild.transform(tsText, { loader: 'ts', format: 'esm', target: 'es2022' })).code;
}

export async function importJs(js: string): Promise<LoadedModule> {
  const url = 'data:text/javascript;base64,' + Buffer.from(js, 'utf8').toString('base64');
  return (await import(url)) as LoadedModule;
}

/** Compiles a checked program in memory and loads it (no formatting, no files). */
export async function loadCompiled(program: CheckedProgram): Promise<LoadedModule> {
  return importJs(await transpile(generateSource(program)));
}
