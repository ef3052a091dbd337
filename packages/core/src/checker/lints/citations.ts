/** Every rule and exception says which section of the regulation it implements. */
import * as E from '../errors.ts';
import { ruleTree, type LintFactory } from './lint.ts';

export const citations: LintFactory = (ctx) => ({
  on: {
    rule(r) {
      for (const x of ruleTree(r)) if (x.cites.length === 0) ctx.report(E.missingCitation(x));
    },
  },
});
