/**
 * Solver-backed checks for `pol check`: siblings that can both apply with different decisions,
 * rules and exceptions that can never apply, and conditions that are always true. A warning about
 * a conflict carries a witness accepted by validateInput; "never" and "always" are proved (with
 * aggregates abstracted to unknown values, an over-approximation, so a proof holds for lists of any length).
 */
import type { CheckedProgram, Diagnostic } from '@pol/core/checker';
import * as IR from '@pol/core/ir';
import { Encoder } from './smt/encode.ts';
import { SymInput } from './smt/sym-input.ts';
import { Universe } from './smt/universe.ts';
import { fieldEq, type SV } from './smt/values.ts';
import { decisionsDiffer } from './diff.ts';
import { printDecision } from './print.ts';
import { modelToJson, NotRepresentable } from './witness.ts';
import { run } from './confirm.ts';
import { Unsupported, z3, type ZExpr } from './smt/z3.ts';
import { Session } from './solver.ts';

export interface AnalyzeOptions {
  readonly timeoutMs?: number;
  readonly listBound?: number;
  /** sibling lists longer than this are not checked pairwise for conflicts */
  readonly maxPairwise?: number;
  /** false: only unreachable rules and constant conditions (what `pol check` reports by default) */
  readonly conflicts?: boolean;
}

export async function analyzeProgram(program: CheckedProgram, options: AnalyzeOptions = {}): Promise<Diagnostic[]> {
  const timeout = options.timeoutMs ?? 5000;
  const Z = await z3();
  const ir = IR.toIr(program);
  const u = Universe.of(ir);
  const out: Diagnostic[] = [];
  try {
    const inB = new SymInput(Z, u, ir.input.type, options.listBound ?? 2);
    const eB = new Encoder(Z, u, ir, inB, 'bounded');
    const inA = new SymInput(Z, u, ir.input.type, 0);
    const eA = new Encoder(Z, u, ir, inA, 'abstract');
    const baseB = Z.And(...inB.domain, eB.valid());
    const baseA = Z.And(...inA.domain, eA.valid());
    // One synchronous session for every question (solver.ts): z3-solver's async check starts a
    // WASM thread per question, which cost more CPU than the questions of `pol check` themselves.
    // A model is read before the question is popped.
    const s = await Session.open(Z, { rlimit: 0, timeoutMs: Math.max(timeout * 20, 60_000), queryTimeoutMs: timeout });
    const ask = (...cs: ZExpr[]): { r: string; model: ZExpr | undefined } => {
      s.push();
      try {
        s.add(...cs);
        const r = s.check();
        return { r, model: r === 'sat' ? s.model() : undefined };
      } finally {
        s.pop();
      }
    };

    const visit = async (siblings: readonly IR.Rule[], reachB: ZExpr, reachA: ZExpr, kind: string): Promise<void> => {
      const appsB = siblings.map((b) => eB.applies(b));
      const appsA = siblings.map((b) => eA.applies(b));
      for (let i = 0; i < siblings.length; i++) {
        const b = siblings[i]!;
        const never = ask(baseA, reachA, appsA[i]);
        if (never.r === 'unsat') {
          out.push({
            code: 'analysis/unreachable',
            severity: 'warning',
            message: `${b.kind} \`${b.name}\` can never apply`,
            span: b.nameSpan,
            label: 'no valid input reaches this',
            help: b.kind === 'exception' ? `no valid input satisfies both its condition and the conditions of ${kind}` : 'no valid input satisfies its condition on any date it is in effect',
          });
          continue;
        }
        if (b.when) {
          const always = ask(baseA, reachA, eA.inEffect(b), Z.Not(eA.bool(b.when)));
          if (always.r === 'unsat') {
            out.push({
              code: 'analysis/constant-condition',
              severity: 'warning',
              message: `the condition of \`${b.name}\` is always true where it is checked`,
              span: b.when.span,
              label: 'always true',
              help: 'drop the condition or check that it says what was meant',
            });
          }
        }
      }
      if (options.conflicts !== false && siblings.length <= (options.maxPairwise ?? 40)) {
        for (let i = 0; i < siblings.length; i++) {
          for (let j = i + 1; j < siblings.length; j++) {
            const a = siblings[i]!;
            const c = siblings[j]!;
            const da = eB.decide(a.decide, 0);
            const dc = eB.decide(c.decide, 0);
            const q = ask(baseB, reachB, appsB[i], appsB[j], decisionsDiffer(Z, (x: SV, y: SV) => fieldEq(Z, x, y), da, dc));
            if (q.r !== 'sat' || !q.model) continue;
            let witness: unknown;
            try {
              witness = modelToJson(q.model, u, inB.value);
            } catch (e) {
              if (e instanceof NotRepresentable) continue;
              throw e;
            }
            const r = run(program, witness);
            if (!r.ok) continue;
            out.push({
              code: 'analysis/conflict',
              severity: 'warning',
              message: `${a.kind}s \`${a.name}\` and \`${c.name}\` can both apply with different decisions`,
              span: c.nameSpan,
              label: `overridden by \`${a.name}\` where both apply`,
              labels: [{ span: a.nameSpan, message: 'written first, so this one decides' }],
              help: `precedence resolves it: \`${a.name}\` (${printDecision(ir, a.decide)}) comes first and wins over \`${c.name}\` (${printDecision(ir, c.decide)}); add a condition if that is not intended`,
              notes: [`for example: ${JSON.stringify(witness)} is decided ${r.result.decision.outcome} by ${r.result.decided_by}`],
            });
          }
        }
      }
      for (let i = 0; i < siblings.length; i++) {
        const b = siblings[i]!;
        if (b.exceptions.length > 0) await visit(b.exceptions, Z.And(reachB, appsB[i]), Z.And(reachA, appsA[i]), `\`${b.name}\``);
      }
    };
    await visit(ir.rules, Z.Bool.val(true), Z.Bool.val(true), 'its rule');
    s.release();
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    // a construct the engine cannot encode: no analysis claims anything
  }
  return out;
}
