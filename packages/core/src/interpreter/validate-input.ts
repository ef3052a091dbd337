/**
 * Input validation for the reference interpreter: the structure (types, enum members, exact
 * numbers) and then every `require` of the policy. Every error is listed with its path.
 */
import type { CheckedProgram } from '../checker/program.ts';
import { suggest } from '../checker/suggest.ts';
import { validateValue, type InputError } from '../values/validate.ts';
import type { RRecord } from '../values/value.ts';
import { Rational } from '../values/rational.ts';
import type * as A from '../ast/nodes.ts';
import { evaluateCondition } from './evaluate.ts';

export type ValidationResult =
  | { readonly ok: true; readonly value: RRecord }
  | { readonly ok: false; readonly errors: readonly InputError[] };

export function validateInput(program: CheckedProgram, json: unknown): ValidationResult {
  const { value, errors } = validateValue(program.input.type, json, {
    has: (e, m) => program.enums.get(e)?.members.includes(m) ?? false,
    suggest: (e, m) => suggest(m, program.enums.get(e)?.members ?? []),
  });
  if (errors.length > 0 || !value) return { ok: false, errors };
  const record = value as RRecord;
  const failed = program.requires.filter((r) => !evaluateCondition(program, record, r.condition));
  if (failed.length > 0) {
    return { ok: false, errors: failed.map((r) => ({ path: requirePath(program, r), message: r.because.value, code: 'input/requirement-failed' as const })) };
  }
  return { ok: true, value: record };
}

/**
 * The input path a `require` is about (`item.units`), when its condition names exactly one: the
 * path its input error is reported at (the compiler reports at the same path).
 */
export function requirePath(program: CheckedProgram, r: A.RequireDecl): string {
  const paths = new Set<string>();
  const pathOf = (e: A.Expr): string | undefined => {
    if (e.kind === 'paren') return pathOf(e.inner);
    if (e.kind === 'identifier') {
      const res = program.resolve(e);
      return res.kind === 'input' ? res.field : undefined;
    }
    if (e.kind === 'member') {
      const base = pathOf(e.object);
      return base === undefined ? undefined : `${base}.${e.property.name}`;
    }
    return undefined;
  };
  const walk = (e: A.Expr): void => {
    const p = pathOf(e);
    if (p !== undefined) {
      paths.add(p);
      return;
    }
    // A number's unit and an `is` test's member are names, not values: only resolved identifiers
    // (inputs, binders, defines) can be paths, and asking for an unresolved one is an error (D1).
    for (const [k, v] of Object.entries(e)) {
      if (k === 'unit' || k === 'test' || k === 'property' || k === 'binder' || k === 'enumName') continue;
      if (v && typeof v === 'object' && 'kind' in v && 'span' in v && v !== e) walk(v as A.Expr);
    }
  };
  walk(r.condition);
  return paths.size === 1 ? [...paths][0]! : '';
}

export { Rational };
