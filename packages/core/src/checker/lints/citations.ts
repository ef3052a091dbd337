/**
 * Every rule and exception says which section of the regulation it implements, and no title or
 * citation is empty: `cites ""` would satisfy the first check while citing nothing, and an empty
 * title shows as a blank heading in hovers, traces and `pol doc`.
 */
import type * as A from '../../ast/nodes.ts';
import * as E from '../errors.ts';
import { ruleTree, type LintFactory } from './lint.ts';

export const citations: LintFactory = (ctx) => {
  const blank = (s: A.StringLit): boolean => s.value.trim() === '';
  const labelled = (what: string, name: string, d: { readonly title: A.StringLit | undefined; readonly cites: readonly A.StringLit[] }): void => {
    if (d.title && blank(d.title)) ctx.report(E.emptyTitle(what, name, d.title));
    for (const c of d.cites) if (blank(c)) ctx.report(E.emptyCitation(what, name, c));
  };
  return {
    on: {
      rule(r) {
        for (const x of ruleTree(r)) {
          labelled(x.kind, x.name.name, x);
          if (x.cites.length === 0) ctx.report(E.missingCitation(x));
        }
      },
      group: (d) => labelled('group', d.name.name, d),
      const: (d) => labelled('constant', d.name.name, d),
      define: (d) => labelled('definition', d.name.name, d),
    },
  };
};
