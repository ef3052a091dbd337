/** Confirms witnesses with the reference interpreter: nothing is reported that evaluation does not show. */
// The one deliberate use of the interpreter outside the CLI: a witness is reported only when the
// reference semantics confirms it (test/architecture allows this file, and only this one).
import { evaluate, resultToJson, validateInput } from '@pol/core/interpreter';
import type { CheckedProgram, ResultJson } from '@pol/core/checker';

export type Run = { ok: true; result: ResultJson } | { ok: false; errors: string[] };

export function run(program: CheckedProgram, json: unknown): Run {
  const v = validateInput(program, json);
  if (!v.ok) return { ok: false, errors: v.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)) };
  return { ok: true, result: resultToJson(program, evaluate(program, v.value)) };
}

export function sameDecisionJson(a: ResultJson['decision'], b: ResultJson['decision']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)) return false;
  return true;
}

export function decisionText(d: ResultJson['decision']): string {
  const fields = Object.entries(d).filter(([k, v]) => k !== 'outcome' && v !== null);
  return fields.length === 0 ? d.outcome : `${d.outcome}(${fields.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')})`;
}

/** Same decision and same obligations: what a reviewer counts as the same behaviour. */
export function sameBehaviour(a: ResultJson, b: ResultJson): boolean {
  return sameDecisionJson(a.decision, b.decision) && JSON.stringify(a.obligations) === JSON.stringify(b.obligations);
}
