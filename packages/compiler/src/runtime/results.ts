// ---- results ----

export interface TraceStep {
  readonly id: string;
  readonly kind: 'rule' | 'exception' | 'otherwise';
  readonly title: string | null;
  readonly cites: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface ExplainStep {
  readonly id: string;
  readonly kind: 'rule' | 'exception';
  readonly status: 'not-in-effect' | 'condition-false' | 'overridden';
  /** the part of the condition that was false, as written in the policy */
  readonly failed: string | null;
  readonly file: string;
  readonly line: number;
}

export interface EvaluateOptions {
  /** list the rules and exceptions that did not decide, and why (default false) */
  readonly explain?: boolean;
  /**
   * list the decisions of exceptions that also applied but were overridden by an earlier one
   * (default false: finding them evaluates every later exception of the deciding rule)
   */
  readonly alternatives?: boolean;
  /** include the trace (default true); without it the trace is a shared empty array */
  readonly trace?: boolean;
}

export const EMPTY: readonly never[] = Object.freeze([]);

export function step(id: string, kind: 'rule' | 'exception' | 'otherwise', title: string | null, cites: readonly string[], file: string, line: number): TraceStep {
  return Object.freeze({ id, kind, title, cites: Object.freeze(cites), file, line });
}
export function why(
  id: string,
  kind: 'rule' | 'exception',
  status: 'not-in-effect' | 'condition-false' | 'overridden',
  failed: string | null,
  file: string,
  line: number,
): ExplainStep {
  return Object.freeze({ id, kind, status, failed, file, line });
}
/** The "condition-false" entries of a rule, one per part of its condition (`and`), in order. */
export function whyParts(id: string, kind: 'rule' | 'exception', failed: readonly (string | null)[], file: string, line: number): readonly ExplainStep[] {
  return Object.freeze(failed.map((f) => why(id, kind, 'condition-false', f, file, line)));
}
export function path(...steps: TraceStep[]): readonly TraceStep[] {
  return Object.freeze(steps);
}
export function citationsOf(steps: readonly TraceStep[]): readonly string[] {
  const out: string[] = [];
  for (const s of steps) for (const c of s.cites) if (!out.includes(c)) out.push(c);
  return Object.freeze(out);
}

/** What every decision has: its outcome (the other fields are named in the module's FIELDS). */
export interface DecisionLike {
  readonly outcome: string;
}

export function sameDecision(a: DecisionLike, b: DecisionLike, fields: readonly string[]): boolean {
  if (a.outcome !== b.outcome) return false;
  for (const f of fields) if ((a as unknown as Record<string, unknown>)[f] !== (b as unknown as Record<string, unknown>)[f]) return false;
  return true;
}

/** An overridden exception's decision is an alternative when it has the winner's outcome but differs. */
export function withAlternative<D extends DecisionLike>(alts: readonly D[], first: D, d: D, fields: readonly string[]): readonly D[] {
  if (d.outcome !== first.outcome || sameDecision(d, first, fields)) return alts;
  for (const a of alts) if (sameDecision(a, d, fields)) return alts;
  return [...alts, d];
}
