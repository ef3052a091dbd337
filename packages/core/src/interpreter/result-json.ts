/**
 * The JSON form of a decision, shared by `pol eval`, the compiled modules and every test that
 * compares engines: the outcome, every field any outcome can carry (null when this one has none),
 * alternatives, obligations, citations, and the trace with source lines.
 */
import type { CheckedProgram } from '../checker/program.ts';
import type { Span } from '../source/span.ts';
import { Rational } from '../values/rational.ts';
import type { RValue } from '../values/value.ts';
import type { Decision, NotApplied, Result } from './evaluate.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface DecisionJson {
  outcome: string;
  [field: string]: Json;
}

export interface TraceStepJson {
  id: string;
  kind: 'rule' | 'exception' | 'otherwise';
  title: string | null;
  cites: string[];
  file: string;
  line: number;
}

export interface ExplainStepJson {
  id: string;
  kind: 'rule' | 'exception';
  status: 'not-in-effect' | 'condition-false' | 'overridden';
  /** the part of the condition that was false, as written in the policy */
  failed: string | null;
  file: string;
  line: number;
}

export interface ResultJson {
  decision: DecisionJson;
  alternatives: DecisionJson[];
  obligations: string[];
  citations: string[];
  decided_by: string;
  trace: TraceStepJson[];
  explain?: ExplainStepJson[];
}

export function valueToJson(v: RValue): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Rational) return v.toJSON();
  if (Array.isArray(v)) return v.map(valueToJson);
  if (v instanceof Set) return [...v].sort();
  const out: { [k: string]: Json } = {};
  for (const [k, x] of v as ReadonlyMap<string, RValue>) out[k] = valueToJson(x);
  return out;
}

/** Every field any outcome declares, in declaration order: the flat decision record's keys. */
export function decisionFieldNames(program: CheckedProgram): string[] {
  const names: string[] = [];
  for (const v of program.decision.variants) for (const p of v.params) if (!names.includes(p.name)) names.push(p.name);
  return names;
}

export function decisionToJson(program: CheckedProgram, d: Decision): DecisionJson {
  const out: DecisionJson = { outcome: d.variant };
  for (const name of decisionFieldNames(program)) out[name] = d.fields.has(name) ? valueToJson(d.fields.get(name)!) : null;
  return out;
}

/** A policy file's name as traces show it: relative to the main file's folder. */
export function displayPath(program: CheckedProgram, file: string): string {
  const root = program.rootPath.includes('/') ? program.rootPath.slice(0, program.rootPath.lastIndexOf('/') + 1) : '';
  return root && file.startsWith(root) ? file.slice(root.length) : file;
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
  return json;
}

function explainStep(program: CheckedProgram, n: NotApplied): ExplainStepJson {
  const text = n.failed ? program.sources.get(n.failed.file)?.text.slice(n.failed.start, n.failed.end) : undefined;
  return { id: n.id, kind: n.kind, status: n.status, failed: text === undefined ? null : text.replace(/\s+/g, ' '), ...where(program, n.span) };
}
