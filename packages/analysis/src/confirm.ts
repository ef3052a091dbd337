/** Confirms witnesses with the reference interpreter: nothing is reported that evaluation does not show. */
// The one deliberate use of the interpreter outside the CLI: a witness is reported only when the
// reference semantics confirms it (test/architecture allows this file, and only this one).
import { evaluate, resultToJson, validateInput } from '@pol/core/interpreter';
import { balanceKey, valueToJson, type CheckedProgram, type Rational, type ResultJson, type RRecord } from '@pol/core/checker';

/** `input`: the input as the version validated it (diff.ts evaluates the encoder's terms on it) */
export type Run = { ok: true; result: ResultJson; input: RRecord } | { ok: false; errors: string[] };

/** `balances`: a ledger policy's balances before this input, updated with its postings. */
export function run(program: CheckedProgram, json: unknown, balances?: Map<string, Rational>): Run {
  const v = validateInput(program, json);
  if (!v.ok) return { ok: false, errors: v.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)) };
  const r = evaluate(program, v.value, balances ? { balances } : {});
  if (balances) for (const p of r.postings) balances.set(balanceKey(p.ledger, p.key), p.after);
  return { ok: true, result: resultToJson(program, r), input: v.value };
}

/**
 * What became of each rule on an input, by rule name: `applied` (in the trace), or the status the
 * explanation gives (`condition-false`, `not-in-effect`, `overridden`); a rule never reached is
 * absent. With the input as validated (JSON text). Undefined when the version rejects the input.
 */
export function fates(program: CheckedProgram, json: unknown): { readonly rules: ReadonlyMap<string, string>; readonly input: string } | undefined {
  const v = validateInput(program, json);
  if (!v.ok) return undefined;
  const r = resultToJson(program, evaluate(program, v.value, { explain: true }));
  const rules = new Map<string, string>();
  for (const step of r.explain ?? []) rules.set(step.id, step.status);
  for (const step of r.trace) rules.set(step.id, 'applied');
  return { rules, input: JSON.stringify(valueToJson(v.value)) };
}

/**
 * `run` of one program, remembered by the input's JSON text: a diff asks about the same witness
 * several times (confirming it, rounding it, describing it, reporting both sides).
 */
export function runner(program: CheckedProgram): (json: unknown) => Run {
  const seen = new Map<string, Run>();
  return (json) => {
    const k = JSON.stringify(json);
    let r = seen.get(k);
    if (!r) seen.set(k, (r = run(program, json)));
    return r;
  };
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
