/**
 * A `Share` is a fraction from 0 to 1 (docs/language.md, "Percentages and shares"): 0.75 is 75%.
 * An input holding 75 for 75% would be compared with `75%` as 75 > 0.75 and decide wrongly, so
 * `pol eval` warns about every Share outside 0..1, naming its path. It warns rather than refuses:
 * the engines and the solver behind `pol why` and `pol diff` do not yet restrict a Share's range,
 * and a refusal in one place only would make them disagree.
 */
import { Rational, type CheckedProgram, type Type } from '@pol/core';

export interface ShareWarning {
  readonly path: string;
  readonly message: string;
}

export function shareChecker(program: CheckedProgram): (json: unknown) => ShareWarning[] {
  const hasShare = (t: Type): boolean =>
    t.kind === 'number' ? t.share === true : t.kind === 'optional' ? hasShare(t.inner) : t.kind === 'list' ? hasShare(t.element) : t.kind === 'record' ? [...t.fields.values()].some(hasShare) : false;
  const root = program.input.type;
  if (!hasShare(root)) return () => [];
  return (json) => {
    const out: ShareWarning[] = [];
    walk(root, json, '', out);
    return out;
  };
}

const ONE = Rational.of(1n);
const HUNDRED = Rational.of(100n);

function walk(t: Type, v: unknown, path: string, out: ShareWarning[]): void {
  if (v === null || v === undefined) return;
  if (t.kind === 'optional') return walk(t.inner, v, path, out);
  if (t.kind === 'list' && Array.isArray(v)) return v.forEach((x, i) => walk(t.element, x, `${path}[${i}]`, out));
  if (t.kind === 'record' && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, ft] of t.fields) walk(ft, (v as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (t.kind !== 'number' || !t.share) return;
  const r = typeof v === 'number' ? Rational.fromNumber(v) : typeof v === 'string' ? Rational.parse(v) : undefined;
  if (!r || (!r.isNegative() && r.cmp(ONE) <= 0)) return;
  const shown = typeof v === 'string' ? v : String(v);
  const message =
    !r.isNegative() && r.cmp(HUNDRED) <= 0
      ? `${shown} is not a share; write ${String(r.div(HUNDRED).toJSON())} for ${shown}% (a Share is a fraction from 0 to 1, compared with percentages)`
      : `${shown} is not a share: a Share is a fraction from 0 to 1 (0.75 for 75%)`;
  out.push({ path, message });
}
