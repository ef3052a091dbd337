/**
 * `@pol/core/interpreter`: the reference semantics (exact rationals, default logic, traces), the
 * oracle the compiled modules and the analysis are compared with.
 */
export { evaluate, evaluateCondition, evaluateDecisionExpr, evaluateExpr, type Result, type Decision, type Step, type NotApplied, type EvaluateOptions, type Posting } from '../interpreter/evaluate.ts';
export { balanceKeysOf, balancesFromJson, parseBalance, keyParts, type Balances } from '../interpreter/ledger.ts';
export { validateInput, type ValidationResult } from '../interpreter/validate-input.ts';
export { resultToJson, decisionToJson } from '../interpreter/result-json.ts';
export { reasonsFor, type Reason } from '../interpreter/reasons.ts';
