/**
 * Optionals narrowed by the conditions on the way in: after `x is present and ...`, or inside a
 * rule whose `when` proved it, `x` has its inner type. A path is named by a stable key
 * (`in:item.tpp`, `b:h@120.tpp`), and "facts" are the keys known to be present at a point.
 */
import type * as A from '../ast/nodes.ts';
import type { Type } from '../types/pol-types.ts';
import type { Resolution } from './program.ts';

/** Paths (`in:item.tpp`) known to be present here, from `is present` tests on the way in. */
export type Facts = ReadonlySet<string>;
export const NO_FACTS: Facts = new Set();

type Resolutions = { get(id: A.Identifier): Resolution | undefined };

export function narrow(t: Type, key: string, facts: Facts): Type {
  return t.kind === 'optional' && facts.has(key) ? t.inner : t;
}

export function union(a: Facts, b: ReadonlySet<string>): Facts {
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}

/** A stable name for an input path (`in:item.tpp`), or undefined for anything else. */
export function pathKey(e: A.Expr, resolutions: Resolutions): string | undefined {
  switch (e.kind) {
    case 'paren':
      return pathKey(e.inner, resolutions);
    case 'identifier': {
      const r = resolutions.get(e);
      if (!r) return undefined;
      if (r.kind === 'input') return `in:${r.field}`;
      if (r.kind === 'binder') return `b:${r.name}@${r.aggregate.span.start}`;
      return undefined;
    }
    case 'member': {
      const base = pathKey(e.object, resolutions);
      return base ? `${base}.${e.property.name}` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The paths a condition proves present when it is `truth`: `x is present` proves x when true,
 * `x is absent` proves x when false; `and` collects both sides when true, `or` both when false.
 */
export function factsOf(e: A.Expr, truth: boolean, resolutions: Resolutions): Set<string> {
  const out = new Set<string>();
  const walk = (x: A.Expr, t: boolean): void => {
    switch (x.kind) {
      case 'paren':
        walk(x.inner, t);
        return;
      case 'unary':
        if (x.op === 'not') walk(x.operand, !t);
        return;
      case 'binary':
        if ((x.op === 'and' && t) || (x.op === 'or' && !t)) {
          walk(x.left, t);
          walk(x.right, t);
        }
        return;
      case 'is': {
        if (x.test.kind !== 'present' && x.test.kind !== 'absent') return;
        const proves = (x.test.kind === 'present') !== x.negated ? t : !t;
        const key = pathKey(x.subject, resolutions);
        if (proves && key) out.add(key);
        return;
      }
      default:
        return;
    }
  };
  walk(e, truth);
  return out;
}
