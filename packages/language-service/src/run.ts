/**
 * Running a checked policy from an editor: its examples (pass or fail, with expected and actual)
 * and one input typed as JSON (the decision, its citation and an explanation). The reference
 * interpreter decides, so this works in a browser worker with no compiler or solver.
 */
import { decisionToJson, evaluate, evaluateDecisionExpr, exampleToJson, resultToJson, validateInput, type CheckedProgram, type DecisionJson, type ResultJson, type RRecord, type Span } from '@pol/core';

export interface ExampleOutcome {
  readonly title: string;
  readonly span: Span;
  readonly line: number;
  readonly passed: boolean;
  readonly expected?: string;
  readonly actual?: string;
  /** why the example's input is not valid, when it is not */
  readonly inputErrors?: readonly string[];
}

export function runExamples(program: CheckedProgram): ExampleOutcome[] {
  return program.examples.map((ex) => {
    const line = program.sources.get(ex.span.file)?.position(ex.span.start).line ?? 0;
    const base = { title: ex.title.value, span: ex.span, line };
    const valid = validateInput(program, exampleToJson(ex.given));
    if (!valid.ok) return { ...base, passed: false, inputErrors: valid.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`) };
    const input = valid.value as RRecord;
    const expected = decisionToJson(program, evaluateDecisionExpr(program, input, ex.expect));
    const actual = resultToJson(program, evaluate(program, input)).decision;
    return { ...base, passed: JSON.stringify(expected) === JSON.stringify(actual), expected: decisionText(expected), actual: decisionText(actual) };
  });
}

export type EvaluationOutcome = { readonly ok: true; readonly result: ResultJson; readonly decision: string; readonly explanation: string } | { readonly ok: false; readonly errors: readonly string[] };

/** Decides one input given as JSON text; invalid JSON or input gets every error by path. */
export function evaluateJsonText(program: CheckedProgram, text: string): EvaluationOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  const valid = validateInput(program, json);
  if (!valid.ok) return { ok: false, errors: valid.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`) };
  const result = resultToJson(program, evaluate(program, valid.value as RRecord, { explain: true }));
  return { ok: true, result, decision: decisionText(result.decision), explanation: explainText(result) };
}

export function decisionText(d: DecisionJson): string {
  const fields = Object.entries(d).filter(([k, v]) => k !== 'outcome' && v !== null);
  return fields.length ? `${d.outcome}(${fields.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')})` : d.outcome;
}

/** The decision in words: what decided it, with its citations, and what did not apply and why. */
export function explainText(r: ResultJson): string {
  const out: string[] = [`decision: ${decisionText(r.decision)}`];
  const last = r.trace[r.trace.length - 1];
  if (last && last.kind === 'otherwise') out.push(`decided by the policy's \`otherwise\` (${last.file}:${last.line})`);
  else if (last) out.push(`decided by ${last.kind} \`${last.id}\`${last.title ? ` "${last.title}"` : ''} (${last.file}:${last.line})${last.cites.length ? `, citing ${last.cites.join('; ')}` : ''}`);
  for (const s of r.trace) out.push(`  ${s.kind} \`${s.id}\`${s.cites.length ? ` [${s.cites.join('; ')}]` : ''} applies (${s.file}:${s.line})`);
  if (r.alternatives.length) out.push(`also possible: ${r.alternatives.map(decisionText).join(', ')}`);
  for (const o of r.obligations) out.push(`obligation: ${o}`);
  if (r.explain?.length) {
    out.push('did not decide:');
    for (const n of r.explain) {
      const why = n.status === 'not-in-effect' ? 'not in effect on this date' : n.status === 'overridden' ? 'also applies, but an earlier exception takes precedence' : `condition false: ${n.failed ?? ''}`;
      out.push(`  ${n.kind} \`${n.id}\` (${n.file}:${n.line}): ${why}`);
    }
  }
  return out.join('\n');
}
