/** @pol/core: source text -> tokens -> syntax tree -> checked program -> reference interpreter. */
export type { Span, Position } from './source/span.ts';
export { SourceFile } from './source/span.ts';
export { visible } from './source/visible.ts';
export type { Diagnostic, Severity, Label, Fix } from './diagnostics/diagnostic.ts';
export { hasErrors, sortDiagnostics, InternalError } from './diagnostics/diagnostic.ts';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics/codes.ts';
export { renderDiagnostic, renderDiagnostics, diagnosticToJson, type JsonDiagnostic, type SourceLookup } from './diagnostics/render.ts';
export type * as Ast from './ast/nodes.ts';
export { parseSource, MAX_NESTING, MAX_CHAIN, type ParseResult } from './syntax/parse.ts';
export { polParser, PolParser } from './syntax/grammar.ts';
export * as tokens from './syntax/tokens.ts';
export { decodeString, encodeString } from './syntax/strings.ts';
export { loadPolicy, resolveImportPath, isInside, type LoadedPolicy, type LoadOptions, type ReadFile } from './program/load.ts';
export { checkProgram, pathKey, type CheckResult } from './checker/check.ts';
export type { CheckedProgram, EnumInfo, VariantInfo, Resolution, RecordTypeT } from './checker/program.ts';
export { typeToString, sameType, type Type } from './types/pol-types.ts';
export { COUNTRIES } from './builtins/countries.ts';
export { isValidDate } from './types/dates.ts';
export { Rational } from './values/rational.ts';
export type { RValue, RRecord } from './values/value.ts';
export { validateValue, type InputError } from './values/validate.ts';
export { exampleToJson } from './checker/example-value.ts';
export { evaluate, evaluateCondition, evaluateDecisionExpr, type Result, type Decision, type Step, type NotApplied, type EvaluateOptions } from './interpreter/evaluate.ts';
export { validateInput, requirePath, type ValidationResult } from './interpreter/validate-input.ts';
export {
  resultToJson,
  decisionToJson,
  decisionFieldNames,
  valueToJson,
  displayPath,
  type Json,
  type ResultJson,
  type DecisionJson,
  type TraceStepJson,
  type ExplainStepJson,
} from './interpreter/result-json.ts';
export { compilePolicyFile, type CompiledPolicy } from './program/compile-policy.ts';
