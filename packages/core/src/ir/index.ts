/** @pol/core/ir: the intermediate representation the back ends read (see nodes.ts). */
export type * from './nodes.ts';
export { spanText, allRules, children } from './nodes.ts';
export { lower } from './lower.ts';
export { optimize, everyExpr, type OptimizeOptions } from './optimize.ts';
export { checkInvariants } from './invariants.ts';
export { printProgram, printExpr } from './print.ts';

import type { CheckedProgram } from '../checker/program.ts';
import type { Program } from './nodes.ts';
import { lower } from './lower.ts';
import { optimize, type OptimizeOptions } from './optimize.ts';

/** Lowering then optimisation: what every back end starts from. */
export function toIr(program: CheckedProgram, options: OptimizeOptions & { readonly optimize?: boolean } = {}): Program {
  const lowered = lower(program);
  return options.optimize === false ? lowered : optimize(lowered, options);
}
