/**
 * Input validation for the reference interpreter: the structure (types, enum members, exact
 * numbers) and then every `require` of the policy. Every error is listed with its path.
 */
import type { CheckedProgram } from '../checker/program.ts';
import { suggest } from '../checker/suggest.ts';
import { validateValue, type InputError } from '../values/validate.ts';
import type { RRecord } from '../values/value.ts';
import { requirePath } from '../result/require-path.ts';
import { evaluateCondition } from './evaluate.ts';

export type ValidationResult =
  | { readonly ok: true; readonly value: RRecord }
  | { readonly ok: false; readonly errors: readonly InputError[] };

export function validateInput(program: CheckedProgram, json: unknown): ValidationResult {
  const { value, errors } = validateValue(program.input.type, json, {
    has: (e, m) => program.enums.get(e)?.members.includes(m) ?? false,
    suggest: (e, m) => suggest(m, program.enums.get(e)?.members ?? [], true),
  });
  if (errors.length > 0 || !value) return { ok: false, errors };
  const record = value as RRecord;
  const failed = program.requires.filter((r) => !evaluateCondition(program, record, r.condition));
  if (failed.length > 0) {
    return { ok: false, errors: failed.map((r) => ({ path: requirePath(program, r), message: r.because.value, code: 'input/requirement-failed' as const })) };
  }
  return { ok: true, value: record };
}
