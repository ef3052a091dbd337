/**
 * What changed between two validated inputs, leaf by leaf: the measure `pol why` minimises, written
 * on plain values (no solver), so the tests can brute-force it and the report can list it. A leaf
 * is a scalar value at a path, or a record, list item or optional that is there with nothing inside
 * (so adding `veu: {}` is one change, and adding `veu: { kind: universal }` is one change too).
 */
import { Rational, type RRecord, type RValue, type Type } from '@pol/core/checker';
import { showValue } from './leaves.ts';

export interface Change {
  readonly path: string;
  /** as people read it: `CN`, `4800`, `2025-05-15`, `true`, `absent` */
  readonly before: string;
  readonly after: string;
  /** set only because a record that appears needs it: the policy never reads it */
  readonly unread?: true;
}

/** Every leaf of a validated value: path -> its value as text. */
export function flatten(t: Type, v: RValue, path = '', out = new Map<string, string>()): Map<string, string> {
  if (v === null) return out;
  switch (t.kind) {
    case 'optional':
      // an optional list that is there and empty is a leaf (a required one always is there)
      if (t.inner.kind === 'list' && (v as readonly RValue[]).length === 0) return out.set(path, '[]');
      return flatten(t.inner, v, path, out);
    case 'record': {
      const rec = v as RRecord;
      const before = out.size;
      for (const [k, ft] of t.fields) flatten(ft, rec.get(k) ?? null, path ? `${path}.${k}` : k, out);
      if (out.size === before && path !== '') out.set(path, '{}');
      return out;
    }
    case 'list': {
      const items = v as readonly RValue[];
      items.forEach((x, i) => flatten(t.element, x, `${path}[${i}]`, out));
      return out;
    }
    default:
      out.set(path, v instanceof Rational ? v.toString() : showValue(v));
      return out;
  }
}

/** The leaves that differ, in the order of the input's declaration (then added leaves). */
export function changesBetween(t: Type, before: RValue, after: RValue): Change[] {
  const a = flatten(t, before);
  const b = flatten(t, after);
  const out: Change[] = [];
  // an empty record or list that gains (or loses) values is counted by those values
  const filled = (m: Map<string, string>, p: string): boolean => [...m.keys()].some((k) => k.startsWith(`${p}.`) || k.startsWith(`${p}[`));
  const atom = (x: string): boolean => x === '{}' || x === '[]';
  for (const [p, x] of a) {
    const y = b.get(p);
    if (y === x || (y === undefined && atom(x) && filled(b, p))) continue;
    out.push({ path: p, before: x, after: y ?? 'absent' });
  }
  for (const [p, y] of b) if (!a.has(p) && !(atom(y) && filled(a, p))) out.push({ path: p, before: 'absent', after: y });
  return out;
}
