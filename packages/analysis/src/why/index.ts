/** `pol why`: the smallest changes to a transaction's facts that lead to another decision (search.ts). */
export { why, inputPaths, type WhyOptions, type WhyReport, type Suggestion, type RuleRef } from './search.ts';
export { WhyError, parseWant, type Want } from './goal.ts';
export { changesBetween, flatten, type Change } from './changes.ts';
export { readPaths, isKept } from './leaves.ts';
export { renderWhy, type WhyFormat } from './words.ts';
export { Unsupported } from '../smt/z3.ts';
