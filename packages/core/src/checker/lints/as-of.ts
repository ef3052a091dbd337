/**
 * A policy with dates (a rule's `effective`/`until`, a group member's `from`/`until`) is applied
 * as of a date, which the input must name (`input T as of date { ... }`). The error points at the
 * first such date in the text.
 */
import type { Span } from '../../source/span.ts';
import * as E from '../errors.ts';
import { ruleTree, type LintFactory } from './lint.ts';

export const asOf: LintFactory = (ctx) => {
  const fileOrder = new Map(ctx.symbols.files.map((f, i) => [f.path, i] as const));
  let first: Span | undefined;
  const consider = (span: Span): void => {
    if (!first) first = span;
    else {
      const a = fileOrder.get(span.file) ?? 0;
      const b = fileOrder.get(first.file) ?? 0;
      if (a < b || (a === b && span.start < first.start)) first = span;
    }
  };
  return {
    on: {
      rule(r) {
        for (const x of ruleTree(r)) if (x.effective || x.until) consider((x.effective ?? x.until)!.span);
      },
    },
    finish() {
      for (const set of ctx.typing.sets) for (const m of set.members) if (m.from || m.until) consider(m.span);
      const input = ctx.symbols.input?.decl;
      if (first && input && !input.asOf) ctx.report(E.missingAsOf(first, input));
    },
  };
};
