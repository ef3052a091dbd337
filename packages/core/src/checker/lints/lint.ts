/** What a lint is: handlers by declaration kind, and an optional last word once all were seen. */
import type * as A from '../../ast/nodes.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { SymbolTable } from '../symbols.ts';
import type { Typing } from '../typecheck.ts';

export interface LintContext {
  readonly symbols: SymbolTable;
  readonly typing: Typing;
  /** every declared name something refers to */
  readonly used: ReadonlySet<string>;
  report(d: Diagnostic): void;
}

export type DeclarationKind = A.Declaration['kind'];

export type LintHandlers = { readonly [K in DeclarationKind]?: (d: Extract<A.Declaration, { kind: K }>) => void };

export interface Lint {
  readonly on: LintHandlers;
  /** called after every declaration was seen */
  finish?(): void;
}

/** A lint is made fresh for each check, so it may keep what it saw in its closure. */
export type LintFactory = (ctx: LintContext) => Lint;

/** A rule and its exceptions, outermost first. */
export function ruleTree(r: A.RuleDecl | A.ExceptionDecl, out: (A.RuleDecl | A.ExceptionDecl)[] = []): (A.RuleDecl | A.ExceptionDecl)[] {
  out.push(r);
  for (const e of r.exceptions) ruleTree(e, out);
  return out;
}
