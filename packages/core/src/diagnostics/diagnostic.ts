import type { Span } from '../source/span.ts';
import type { DiagnosticCode } from './codes.ts';

export type Severity = 'error' | 'warning' | 'info';

/** A replacement that fixes the problem, for editors to offer (the `help` says the same in words). */
export interface Fix {
  readonly title: string;
  readonly edits: readonly { readonly span: Span; readonly newText: string }[];
}

export interface Label {
  readonly span: Span;
  readonly message: string;
}

/**
 * The one diagnostic shape of the whole toolchain: parser, checker, input validation, analysis
 * and CLI all report through it, and one renderer prints it.
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** lowercase, no final period; identifiers in backticks */
  readonly message: string;
  readonly span?: Span;
  /** what the primary span's underline says */
  readonly label?: string;
  readonly labels?: readonly Label[];
  /** how to fix it */
  readonly help?: string;
  readonly notes?: readonly string[];
  /** machine-applicable fixes, best first */
  readonly fixes?: readonly Fix[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.span?.file ?? '';
    const fb = b.span?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.span?.start ?? 0) - (b.span?.start ?? 0);
  });
}

/** Thrown only for broken invariants: a user mistake is always a Diagnostic. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`internal error: ${message} (this is a bug in Pol, please report it)`);
    this.name = 'InternalError';
  }
}
