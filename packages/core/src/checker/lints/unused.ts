/** A declaration nothing uses is usually a leftover or a typo elsewhere. */
import type * as A from '../../ast/nodes.ts';
import * as E from '../errors.ts';
import type { LintFactory } from './lint.ts';

export const unused: LintFactory = (ctx) => {
  const { declared, files, rootPath } = ctx.symbols;
  const check = (d: A.ConstDecl | A.DefineDecl | A.GroupDecl | A.EnumDecl | A.UnitDecl | A.RecordDecl): void => {
    if (ctx.used.has(d.name.name) || !d.name.name) return;
    // A second declaration of a name was already reported as a duplicate; it is not also unused.
    if (declared.get(d.name.name) !== d.name.span) return;
    // Declarations in an imported file may serve other policies that import it too.
    if (d.span.file !== rootPath && files.length > 1) return;
    ctx.report(E.unused(d.name));
  };
  return { on: { const: check, define: check, group: check, enum: check, unit: check, record: check } };
};
