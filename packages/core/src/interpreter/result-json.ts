/** The interpreter's results in the shared JSON form (result/json.ts). */
import type { CheckedProgram } from '../checker/program.ts';
import { decisionFieldNames, displayPath, valueToJson, type DecisionJson, type ExplainStepJson, type ResultJson } from '../result/json.ts';
import type { Span } from '../source/span.ts';
import type { Decision, NotApplied, Result } from './evaluate.ts';

export function decisionToJson(program: CheckedProgram, d: Decision): DecisionJson {
  const out: DecisionJson = { outcome: d.variant };
  for (const name of decisionFieldNames(program)) out[name] = d.fields.has(name) ? valueToJson(d.fields.get(name)!) : null;
  return out;
}

function where(program: CheckedProgram, span: Span): { file: string; line: number } {
  const line = program.sources.get(span.file)?.position(span.start).line ?? 0;
  return { file: displayPath(program, span.file), line };
}

export function resultToJson(program: CheckedProgram, r: Result): ResultJson {
  const citations: string[] = [];
  for (const s of r.trace) for (const c of s.cites) if (!citations.includes(c)) citations.push(c);
  const json: ResultJson = {
    decision: decisionToJson(program, r.decision),
    alternatives: r.alternatives.map((a) => decisionToJson(program, a)),
    obligations: [...r.obligations],
    citations,
    decided_by: r.trace[r.trace.length - 1]?.id ?? 'otherwise',
    trace: r.trace.map((s) => ({ id: s.id, kind: s.kind, title: s.title ?? null, cites: [...s.cites], ...where(program, s.span) })),
  };
  if (r.notApplied) json.explain = r.notApplied.map((n) => explainStep(program, n));
  // only a policy with ledgers has the key, so every other policy's output stays as it was
  if (program.ledgers.length > 0) {
    json.postings = r.postings.map((p) => ({ ledger: p.ledger, key: [...p.key], before: p.before.toJSON(), amount: p.amount.toJSON(), after: p.after.toJSON() }));
  }
  return json;
}

function explainStep(program: CheckedProgram, n: NotApplied): ExplainStepJson {
  const text = n.failed ? program.sources.get(n.failed.file)?.text.slice(n.failed.start, n.failed.end) : undefined;
  return { id: n.id, kind: n.kind, status: n.status, failed: text === undefined ? null : text.replace(/\s+/g, ' '), ...where(program, n.span) };
}
