/**
 * `@pol/core/syntax`: text to syntax tree, and the diagnostics every stage reports through. For
 * tools that only read policies (the formatter, editors).
 */
export type { Span, Position } from '../source/span.ts';
export { SourceFile } from '../source/span.ts';
export { visible } from '../source/visible.ts';
export { isLiteratePath, isPolicyPath, polBlocks, literatePolicyText, type PolBlock } from '../source/literate.ts';
export type { Diagnostic, Severity, Label, Fix } from '../diagnostics/diagnostic.ts';
export { hasErrors, sortDiagnostics, InternalError } from '../diagnostics/diagnostic.ts';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from '../diagnostics/codes.ts';
export { renderDiagnostic, renderDiagnostics, diagnosticToJson, type JsonDiagnostic, type SourceLookup } from '../diagnostics/render.ts';
export type * as Ast from '../ast/nodes.ts';
export { forEachChild } from '../ast/visit.ts';
export { parseSource, parsePolText, MAX_NESTING, MAX_CHAIN, type ParseResult } from '../syntax/parse.ts';
export { polParser, PolParser } from '../syntax/grammar.ts';
export * as tokens from '../syntax/tokens.ts';
export { decodeString, encodeString } from '../syntax/strings.ts';
export { isValidDate } from '../calendar/dates.ts';
