/**
 * Where an input that fails a `require` is reported. Both engines report it at the same path, so
 * the helper sits below them (the compiler must not import the interpreter it is tested against).
 */
import type * as A from '../ast/nodes.ts';
import type { CheckedProgram } from '../checker/program.ts';

/**
 * The input path a `require` is about (`item.units`), when its condition names exactly one: the
 * path its input error is reported at (the compiler reports at the same path).
 */
export function requirePath(program: CheckedProgram, r: A.RequireDecl): string {
  const paths = new Set<string>();
  const pathOf = (e: A.Expr): string | undefined => {
    if (e.kind === 'paren') return pathOf(e.inner);
    if (e.kind === 'identifier') {
      const res = program.resolve(e);
      return res.kind === 'input' ? res.field : undefined;
    }
    if (e.kind === 'member') {
      const base = pathOf(e.object);
      return base === undefined ? undefined : `${base}.${e.property.name}`;
    }
    return undefined;
  };
  const walk = (e: A.Expr): void => {
    const p = pathOf(e);
    if (p !== undefined) {
      paths.add(p);
      return;
    }
    // A number's unit and an `is` test's member are names, not values: only resolved identifiers
    // (inputs, binders, defines) can be paths, and asking for an unresolved one is an error (D1).
    for (const [k, v] of Object.entries(e)) {
      if (k === 'unit' || k === 'test' || k === 'property' || k === 'binder' || k === 'enumName') continue;
      if (v && typeof v === 'object' && 'kind' in v && 'span' in v && v !== e) walk(v as A.Expr);
    }
  };
  walk(r.condition);
  return paths.size === 1 ? [...paths][0]! : '';
}
