/** Lowering (and optimisation) against the reference interpreter, on one program and one input. */
import { evaluate, resultToJson, validateInput, validateValue, type CheckedProgram, type RRecord } from '@pol/core';
import * as IR from '@pol/core/ir';
import { evaluateIr } from '../harness/ir-engine.ts';

export function compareIr(program: CheckedProgram, irs: readonly IR.Program[], input: unknown): string | undefined {
  const vi = validateInput(program, input);
  // requires: the same ones fail, reported at the same paths
  const structural = validateValue(program.input.type, input, { has: (e, m) => program.enums.get(e)?.members.includes(m) ?? false, suggest: () => undefined });
  if (structural.errors.length === 0 && structural.value) {
    const record = structural.value as RRecord;
    for (const ir of irs) {
      const engine = { p: ir, record };
      const failed = ir.requires.filter((r) => !new IrConditions(engine).holds(r.condition)).map((r) => r.path);
      const expected = vi.ok ? [] : vi.errors.filter((e) => e.code === 'input/requirement-failed').map((e) => e.path);
      if (JSON.stringify(failed) !== JSON.stringify(expected)) return `requires: IR ${JSON.stringify(failed)}, interpreter ${JSON.stringify(expected)}`;
    }
  }
  if (!vi.ok) return undefined;
  for (const explain of [false, true]) {
    const want = JSON.stringify(resultToJson(program, evaluate(program, vi.value, { explain })));
    for (const [k, ir] of irs.entries()) {
      const got = JSON.stringify(evaluateIr(ir, vi.value, explain));
      if (got !== want) return `IR #${k} (explain ${explain}) on ${JSON.stringify(input)}\n  IR:          ${got}\n  interpreter: ${want}`;
    }
  }
  return undefined;
}

/** A require's condition through the IR engine (a program with that one rule would do the same). */
class IrConditions {
  constructor(private readonly e: { p: IR.Program; record: RRecord }) {}
  holds(condition: IR.Expr): boolean {
    const probe: IR.Program = {
      ...this.e.p,
      rules: [],
      otherwise: { ...this.e.p.otherwise, decide: { variant: '', args: [{ name: 'v', value: condition }], span: condition.span } },
      decision: { ...this.e.p.decision, fields: ['v'] },
    };
    return evaluateIr(probe, this.e.record, false).decision['v'] === true;
  }
}
