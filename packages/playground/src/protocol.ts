/** Messages between the page and the language service's worker. Offsets are into the file's text. */
import type { Completion, EvaluationOutcome, ExampleOutcome } from '@pol/language-service';

export interface PlainDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly help?: string;
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly fixes: readonly { readonly title: string; readonly edits: readonly { readonly start: number; readonly end: number; readonly newText: string }[] }[];
}

export type Request =
  | { readonly kind: 'files' }
  | { readonly kind: 'update'; readonly path: string; readonly text: string }
  | { readonly kind: 'diagnostics'; readonly path: string }
  | { readonly kind: 'completions'; readonly path: string; readonly offset: number }
  | { readonly kind: 'hover'; readonly path: string; readonly offset: number }
  | { readonly kind: 'examples' }
  | { readonly kind: 'evaluate'; readonly json: string }
  | { readonly kind: 'compile' }
  | { readonly kind: 'format'; readonly path: string };

export interface Responses {
  files: { readonly files: Record<string, string>; readonly entry: string };
  update: null;
  diagnostics: { readonly diagnostics: readonly PlainDiagnostic[]; readonly policyErrors: number };
  completions: { readonly items: readonly Completion[] };
  hover: { readonly markdown: string; readonly start: number; readonly end: number } | null;
  examples: { readonly outcomes: readonly ExampleOutcome[] } | { readonly error: string };
  evaluate: EvaluationOutcome | { readonly ok: false; readonly errors: readonly string[] };
  compile: { readonly typescript: string } | { readonly error: string };
  format: { readonly text: string | null };
}
