/** Date ranges run forwards: a rule ends after it takes effect, a group member leaves after it joins. */
import * as E from '../errors.ts';
import { ruleTree, type LintFactory } from './lint.ts';

export const dates: LintFactory = (ctx) => ({
  on: {
    rule(r) {
      for (const x of ruleTree(r)) if (x.effective && x.until && x.until.value <= x.effective.value) ctx.report(E.ruleEndsBeforeStart(x, x.effective, x.until));
    },
  },
  finish() {
    for (const set of ctx.typing.sets) {
      for (const m of set.members) if (m.from && m.until && m.until.value <= m.from.value) ctx.report(E.memberLeavesBeforeJoining(m, m.from, m.until));
    }
  },
});
