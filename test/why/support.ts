/**
 * Helpers for the `pol why` tests, written apart from packages/analysis/src/why so the tests do not
 * check the code with itself: which leaves two validated inputs differ in, whether a path lies
 * under a kept one, and whether a decision is the one asked for.
 */
import { Rational, type DecisionJson, type Json, type RRecord, type RValue, type Type } from '@pol/core';

/** path -> value text for every scalar; a record, or an optional list, with nothing inside is a leaf of its own. */
function leaves(t: Type, v: RValue, path: string, out: Map<string, string>): void {
  if (v === null) return;
  if (t.kind === 'optional') {
    if (t.inner.kind === 'list' && (v as RValue[]).length === 0) out.set(path, '[]');
    else leaves(t.inner, v, path, out);
  } else if (t.kind === 'record') {
    const n = out.size;
    for (const [k, ft] of t.fields) leaves(ft, (v as RRecord).get(k) ?? null, path ? `${path}.${k}` : k, out);
    if (n === out.size && path) out.set(path, '{}');
  } else if (t.kind === 'list') (v as RValue[]).forEach((x, i) => leaves(t.element, x, `${path}[${i}]`, out));
  else out.set(path, v instanceof Rational ? `n:${v.toString()}` : JSON.stringify(v));
}

/** The leaf paths whose presence or value differ (an empty record that gains values counts by its values). */
export function leafDiff(t: Type, a: RValue, b: RValue): string[] {
  const x = new Map<string, string>();
  const y = new Map<string, string>();
  leaves(t, a, '', x);
  leaves(t, b, '', y);
  const inside = (m: Map<string, string>, p: string): boolean => [...m.keys()].some((k) => k.startsWith(`${p}.`) || k.startsWith(`${p}[`));
  const out: string[] = [];
  for (const p of new Set([...x.keys(), ...y.keys()])) {
    const u = x.get(p);
    const w = y.get(p);
    if (u === w) continue;
    const atom = (u === '{}' || u === '[]') && w === undefined ? inside(y, p) : (w === '{}' || w === '[]') && u === undefined ? inside(x, p) : false;
    if (!atom) out.push(p);
  }
  return out;
}

export function underAny(path: string, keep: readonly string[]): boolean {
  return keep.some((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`));
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) {
    const x = Rational.parse(String(a));
    const y = Rational.parse(String(b));
    if (x && y) return x.eq(y);
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** `want` as `outcome` or `outcome(field: value, ...)`; without it, any other decision. */
export function decided(after: DecisionJson, before: DecisionJson, want: string | undefined): boolean {
  if (want === undefined) return [...new Set([...Object.keys(after), ...Object.keys(before)])].some((k) => !same(after[k], before[k]));
  const m = /^(\w+)(?:\((.*)\))?$/.exec(want)!;
  if (after.outcome !== m[1]) return false;
  return (m[2] ?? '')
    .split(',')
    .filter((x) => x.trim())
    .every((kv) => {
      const [k, v] = kv.split(':').map((s) => s.trim());
      return same(after[k!], v!);
    });
}
