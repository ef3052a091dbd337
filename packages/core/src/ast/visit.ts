/**
 * The one generic step over expressions: the sub-expressions of each kind, in the order the
 * checker reads them (an aggregate's list, then its `where`, then its body), so a pass that only
 * looks for something (the globals a definition uses) needs no switch over every kind of its own.
 */
import type * as A from './nodes.ts';

/**
 * Calls `f(child, arg)` on each direct sub-expression of `e`, in checking order. No array or
 * closure is made per node (this runs on every node of large policies): pass a module-level `f`.
 */
export function forEachChild<T>(e: A.Expr, f: (x: A.Expr, arg: T) => void, arg: T): void {
  switch (e.kind) {
    case 'number':
    case 'percent':
    case 'date':
    case 'bool':
    case 'identifier':
    case 'set':
    case 'every':
      return;
    case 'paren':
      f(e.inner, arg);
      return;
    case 'member':
      f(e.object, arg);
      return;
    case 'unary':
      f(e.operand, arg);
      return;
    case 'binary':
    case 'compare':
      f(e.left, arg);
      f(e.right, arg);
      return;
    case 'in':
      f(e.element, arg);
      f(e.set, arg);
      return;
    case 'is':
      f(e.subject, arg);
      return;
    case 'coalesce':
      f(e.value, arg);
      f(e.fallback, arg);
      return;
    case 'daysBetween':
      f(e.from, arg);
      f(e.to, arg);
      return;
    case 'calendarYear':
      f(e.date, arg);
      return;
    case 'aggregate':
      f(e.list, arg);
      if (e.where) f(e.where, arg);
      if (e.body) f(e.body, arg);
      return;
  }
}
