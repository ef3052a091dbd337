/**
 * `@pol/core/checker`: the front end up to the checked program, and the helpers a back end needs to
 * speak the same JSON (decision fields, display paths, require paths). It does not include the
 * interpreter, so a back end that imports only this cannot borrow the semantics it is tested
 * against (test/architecture checks the compiler and the analysis).
 */
export * from './syntax.ts';
export { loadPolicy, resolveImportPath, isInside, type LoadedPolicy, type LoadOptions, type ReadFile } from '../program/load.ts';
export { compilePolicyFile, type CompiledPolicy } from '../program/compile-policy.ts';
export { checkProgram, pathKey, type CheckResult } from '../checker/check.ts';
export type { CheckedProgram, EnumInfo, VariantInfo, Resolution, RecordTypeT, LedgerInfo, LedgerKeyInfo } from '../checker/program.ts';
export { balanceKey, balanceKeyForm, calendarYear, type PostingJson, type BalanceValue } from '../result/ledger.ts';
// the civil calendar of docs/semantics.md, for the solver's tables of month and year moves
export { dayNumberOf, daysInMonth } from '../calendar/dates.ts';
export { exampleToJson } from '../checker/example-value.ts';
export { typeToString, sameType, type Type } from '../types/pol-types.ts';
export { COUNTRIES } from '../builtins/countries.ts';
export { Rational } from '../values/rational.ts';
export type { RValue, RRecord } from '../values/value.ts';
export { validateValue, type InputError } from '../values/validate.ts';
export {
  decisionFieldNames,
  valueToJson,
  displayPath,
  type Json,
  type ResultJson,
  type DecisionJson,
  type TraceStepJson,
  type ExplainStepJson,
} from '../result/json.ts';
export { requirePath } from '../result/require-path.ts';
