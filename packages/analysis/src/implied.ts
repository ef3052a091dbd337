/**
 * The atoms a region's deciding leaf implies by its shape alone: the conjuncts of every condition
 * on its rule path (each applies) and the negated conjuncts of the deciding rule's exceptions
 * (none applies), following definitions, `not`, `and` and `not (a or b)`. A candidate fact that is
 * one of these atoms holds on every input of the region without asking the solver.
 *
 * Why presence comes with it: an atom that reads an optional reads it narrowed (the checker admits
 * no other read of an optional in a comparison or a membership test), and a conjunct of an applied
 * condition is evaluated on every input of the region, so the optional is present there.
 */
import type * as IR from '@pol/core/ir';

/** Each implied atom with its truth value on the region. */
export function impliedAtoms(p: IR.Program, rules: readonly IR.Rule[], dated: boolean): Map<IR.Expr, boolean> {
  const out = new Map<IR.Expr, boolean>();
  const seen = new Set<string>();
  const conj = (e: IR.Expr, pos: boolean): void => {
    if (e.k === 'def') {
      const k = `${e.id}:${pos}`;
      if (seen.has(k)) return;
      seen.add(k);
      conj(p.defs[e.id]!.value, pos);
    } else if (e.k === 'not') conj(e.arg, !pos);
    else if ((e.k === 'and' && pos) || (e.k === 'or' && !pos)) for (const a of e.args) conj(a, pos);
    else if (!out.has(e)) out.set(e, pos);
  };
  for (const r of rules) if (r.when) conj(r.when, true);
  // an exception that did not apply: its condition is false where it is in effect, which without
  // dates (or without a date on the input) is everywhere
  for (const x of rules.at(-1)?.exceptions ?? []) if (x.when && (!dated || (x.from === undefined && x.until === undefined))) conj(x.when, false);
  return out;
}

/** The date bounds the rule path implies: the latest `from` (inclusive) and the earliest `until` (exclusive), as ISO dates. */
export function impliedDates(rules: readonly IR.Rule[]): { from: string | undefined; until: string | undefined } {
  let from: string | undefined;
  let until: string | undefined;
  for (const r of rules) {
    if (r.from !== undefined && (from === undefined || r.from > from)) from = r.from;
    if (r.until !== undefined && (until === undefined || r.until < until)) until = r.until;
  }
  return { from, until };
}
