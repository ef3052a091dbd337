/** @pol/analysis/smt: the solver encoding of the IR, and its concrete evaluation for the differential tests. */
export { Encoder, ratVal, type Mode, type Leaf, type SymDecision } from './encode.ts';
export { SymInput, OutsideBound } from './sym-input.ts';
export { Universe } from './universe.ts';
export { ite, fieldEq, type SV, type Scalar } from './values.ts';
export { encodePolicy, evaluateEncoded, type EncodedPolicy, type ConcreteResult } from './concrete.ts';
export { z3, Unsupported, type Z, type ZExpr } from './z3.ts';
