/**
 * Which overridden exceptions can contribute an alternative, known before any input is seen. When
 * exception i of a rule decides and a later sibling j also applies, j's decision is an alternative
 * only if it has the winner's outcome and differs from it (interpreter/evaluate.ts, `resolve`).
 * Outcomes and literal fields are fixed by the policy text, so many pairs can never qualify, and a
 * back end need not even evaluate j's condition for them unless it is explaining.
 */
import type * as I from './nodes.ts';

/** The decisions a rule can reach: its own and, recursively, those of its exceptions. */
function reachable(r: I.Rule): I.Decision[] {
  return [r.decide, ...r.exceptions.flatMap(reachable)];
}

/** A field value written as a literal: its identity, or undefined when it depends on the input. */
function literalKey(e: I.Expr): string | undefined {
  switch (e.k) {
    case 'num':
      return `n:${e.value.num}/${e.value.den}`;
    case 'date':
      return `d:${e.value}`;
    case 'bool':
      return `b:${e.value}`;
    case 'enum':
      return `e:${e.member}`;
    default:
      return undefined;
  }
}

/** Whether two decisions are equal on every input (both all-literal and the same). */
function alwaysEqual(a: I.Decision, b: I.Decision): boolean {
  if (a.variant !== b.variant || a.args.length !== b.args.length) return false;
  for (const x of a.args) {
    const y = b.args.find((z) => z.name === x.name);
    if (!y) return false;
    const kx = literalKey(x.value);
    if (kx === undefined || kx !== literalKey(y.value)) return false;
  }
  return true;
}

export function alternativePairs(exceptions: readonly I.Rule[]): (readonly number[])[] {
  const reach = exceptions.map(reachable);
  return exceptions.map((_, i) => {
    const out: number[] = [];
    for (let j = i + 1; j < exceptions.length; j++) {
      const possible = reach[i]!.some((di) => reach[j]!.some((dj) => di.variant === dj.variant && !alwaysEqual(di, dj)));
      if (possible) out.push(j);
    }
    return out;
  });
}
