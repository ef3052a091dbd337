/**
 * Stage 4 of the checker: lints over a policy that has been typed. Each lint names the kinds of
 * declaration it looks at (and may finish with what the type checker found, such as the set
 * literals it read); adding one is a new file and a line in LINTS.
 */
import type * as A from '../../ast/nodes.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { SymbolTable } from '../symbols.ts';
import type { Typing } from '../typecheck.ts';
import { asOf } from './as-of.ts';
import { citations } from './citations.ts';
import { dates } from './dates.ts';
import type { LintContext, LintFactory } from './lint.ts';
import { unused } from './unused.ts';
import { numberSize } from './number-size.ts';

export const LINTS: readonly LintFactory[] = [citations, dates, asOf, unused, numberSize];

export function runLints(symbols: SymbolTable, typing: Typing, used: ReadonlySet<string>, out: Diagnostic[]): void {
  const ctx: LintContext = { symbols, typing, used, report: (d) => out.push(d) };
  const lints = LINTS.map((make) => make(ctx));
  for (const d of symbols.declarations) {
    for (const lint of lints) {
      // The handler stored under d.kind takes exactly that kind of declaration.
      const handler = lint.on[d.kind] as ((d: A.Declaration) => void) | undefined;
      handler?.(d);
    }
  }
  for (const lint of lints) lint.finish?.();
}
