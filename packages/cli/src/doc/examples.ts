/**
 * The policy's examples run for the digest, as `pol test` runs them (reference interpreter): the
 * expected decision, the actual one, pass or fail, and which rules and exceptions each reached.
 */
import { decisionToJson, evaluateDecisionExpr, exampleToJson, type CheckedProgram, type DecisionJson, type Json, type RRecord } from '@pol/core';
import { interpreterEngine } from '../engines.ts';
import { decideOne, inputErrorText } from '../batch/decide.ts';

export interface ExampleRun {
  readonly title: string;
  readonly given: Json;
  readonly expected: DecisionJson | undefined;
  readonly actual: DecisionJson | undefined;
  /** the rule or exception that decided, or `otherwise` */
  readonly decidedBy: string | undefined;
  readonly passed: boolean;
  /** why it failed before deciding (an input error) */
  readonly error: string | undefined;
  /** names of the rules and exceptions that applied on the way */
  readonly reached: readonly string[];
  readonly line: number;
  readonly file: string;
}

export function runExamples(program: CheckedProgram): ExampleRun[] {
  const engine = interpreterEngine(program);
  return program.examples.map((ex) => {
    const given = exampleToJson(ex.given) as Json;
    const base = { title: ex.title.value, given, file: ex.span.file, line: program.sources.get(ex.span.file)?.position(ex.span.start).line ?? 0 };
    const valid = engine.validate(given);
    if (!valid.ok) return { ...base, expected: undefined, actual: undefined, decidedBy: undefined, passed: false, error: valid.errors.map(inputErrorText).join('; '), reached: [] };
    const expected = decisionToJson(program, evaluateDecisionExpr(program, valid.value as RRecord, ex.expect));
    const got = decideOne(engine, given, false);
    if ('errors' in got) return { ...base, expected, actual: undefined, decidedBy: undefined, passed: false, error: got.errors.map(inputErrorText).join('; '), reached: [] };
    const actual = got.result.decision;
    return {
      ...base,
      expected,
      actual,
      decidedBy: got.result.decided_by,
      passed: JSON.stringify(actual) === JSON.stringify(expected),
      error: undefined,
      reached: got.result.trace.filter((s) => s.kind !== 'otherwise').map((s) => s.id),
    };
  });
}
