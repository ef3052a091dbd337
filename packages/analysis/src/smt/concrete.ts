/**
 * The encoder's concrete evaluation of its own terms: the policy is encoded once, symbolically;
 * for a concrete validated input every input constant is fixed in a z3 model and z3 evaluates the
 * decision term, the requirements and the domain. The differential tests compare what comes back
 * with the interpreter (test/harness/engines.ts), which is how the encoding, not only the answers
 * the solver finds with it, is tested against the semantics.
 *
 * It covers what the bounded encoding decides exactly: whether the requirements hold, the outcome
 * and fields of the decision, and the deciding rule path. Alternatives, obligations, citations and
 * explanations are not encoded (the analyses never ask for them).
 */
import type { RRecord } from '@pol/core';
import { Rational, type DecisionJson, type Json } from '@pol/core';
import type * as IR from '@pol/core/ir';
import { fromDayNumber } from './dates.ts';
import { Encoder, type Leaf, type SymDecision } from './encode.ts';
import { SymInput } from './sym-input.ts';
import { Universe } from './universe.ts';
import type { SV } from './values.ts';
import { z3, type Z, type ZExpr } from './z3.ts';

export { OutsideBound } from './sym-input.ts';

export interface EncodedPolicy {
  readonly Z: Z;
  readonly program: IR.Program;
  readonly universe: Universe;
  readonly input: SymInput;
  readonly leaves: readonly Leaf[];
  readonly decision: SymDecision;
  readonly requires: readonly ZExpr[];
  readonly domain: ZExpr;
}

export interface ConcreteResult {
  /** the input satisfies the symbolic input's domain (always, for a validated input) */
  readonly inDomain: boolean;
  /** per `require`, in order: whether it holds */
  readonly requires: readonly boolean[];
  readonly decision: DecisionJson;
  /** the deciding rule path, outermost first (['otherwise'] for the fallback) */
  readonly path: readonly string[];
}

/** Encodes a policy with lists bounded to `bound` items (inputs with longer lists are OutsideBound). */
export async function encodePolicy(program: IR.Program, bound: number): Promise<EncodedPolicy> {
  const Z = await z3();
  const universe = Universe.of(program);
  const input = new SymInput(Z, universe, program.input.type, bound);
  const enc = new Encoder(Z, universe, program, input, 'bounded');
  const { leaves, decision } = enc.decisionStructure();
  return { Z, program, universe, input, leaves, decision, requires: enc.requires(), domain: Z.And(...input.domain) };
}

/** Evaluates the encoded policy on one validated input (its structure; requirements are reported, not enforced). */
export function evaluateEncoded(ep: EncodedPolicy, input: RRecord): ConcreteResult {
  const { Z, universe: u } = ep;
  const m = ep.input.modelOf(input);
  const bool = (t: ZExpr): boolean => {
    const v = m.eval(t, true);
    if (Z.isTrue(v)) return true;
    if (Z.isFalse(v)) return false;
    throw new Error(`z3 did not evaluate a Boolean to a constant: ${v.toString()}`);
  };
  const int = (t: ZExpr): number => Number(constant(m.eval(t, true)).num);
  const json = (v: SV): Json => {
    switch (v.t) {
      case 'bool':
        return bool(v.v);
      case 'num':
        return constant(m.eval(v.v, true)).toJSON();
      case 'date':
        return fromDayNumber(int(v.v));
      case 'enum':
        return u.enums.get(v.name)?.[int(v.v)] ?? `#${int(v.v)}`;
      case 'opt':
        return bool(v.p) ? json(v.v) : null;
      default:
        throw new Error(`a decision field holding a ${v.t}`);
    }
  };
  const decision: DecisionJson = { outcome: u.variants[int(ep.decision.variant)] ?? `#${int(ep.decision.variant)}` };
  for (const name of ep.program.decision.fields) {
    const f = ep.decision.fields.get(name);
    decision[name] = f && f.v && bool(f.p) ? json(f.v) : null;
  }
  const leaf = ep.leaves[int(ep.decision.leaf)];
  return { inDomain: bool(ep.domain), requires: ep.requires.map(bool), decision, path: leaf ? leaf.path : [`#${int(ep.decision.leaf)}`] };
}

/** A numeral z3 evaluated to, exactly. */
function constant(x: ZExpr): Rational {
  const val = typeof x.value === 'function' ? x.value() : undefined;
  if (typeof val === 'bigint') return Rational.of(val);
  if (val && typeof val === 'object' && typeof val.numerator === 'bigint') return Rational.of(val.numerator, val.denominator);
  throw new Error(`z3 did not evaluate a number to a constant: ${x.toString()}`);
}
