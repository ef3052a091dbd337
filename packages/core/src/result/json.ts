/**
 * The JSON form of a decision, shared by `pol eval`, the compiled modules and every test that
 * compares engines: the outcome, every field any outcome can carry (null when this one has none),
 * alternatives, obligations, citations, and the trace with source lines. Only the shapes and the
 * naming helpers live here, below the engines, so a back end can produce the same JSON without
 * importing the interpreter it is tested against (interpreter/result-json.ts converts its results).
 */
import type { CheckedProgram } from '../checker/program.ts';
import { Rational } from '../values/rational.ts';
import type { RValue } from '../values/value.ts';
import type { PostingJson } from './ledger.ts';

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
  /** policies with ledgers only: what this decision records (docs/ledger.md) */
  postings?: PostingJson[];
  /** with `--explain`: the facts that made each step of the trace apply (interpreter/reasons.ts) */
  because?: { step: string; text: string; cites: readonly string[] }[];
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

/** A policy file's name as traces show it: relative to the main file's folder. */
export function displayPath(program: CheckedProgram, file: string): string {
  const root = program.rootPath.includes('/') ? program.rootPath.slice(0, program.rootPath.lastIndexOf('/') + 1) : '';
  return root && file.startsWith(root) ? file.slice(root.length) : file;
}
