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
 *
 * The abstract encoding (each aggregate an unknown) decides no input by itself; what makes its
 * proofs sound is that the real behaviour is one of its instances. `mode: 'abstract'` checks
 * exactly that: the unknowns are fixed to the aggregates' values on the input (computed by a
 * bounded encoder), and the decision must then be the interpreter's.
 */
import type { RRecord } from '@pol/core/checker';
import { Rational, type DecisionJson, type Json } from '@pol/core/checker';
import type * as IR from '@pol/core/ir';
import { fromDayNumber } from './dates.ts';
import { Encoder, type Leaf, type Mode, type SymDecision } from './encode.ts';
import { SymInput } from './sym-input.ts';
import { Universe } from './universe.ts';
import type { Scalar, SV } from './values.ts';
import { truthIn, z3, type Z, type ZExpr } from './z3.ts';

export { OutsideBound } from './sym-input.ts';

export interface EncodedPolicy {
  readonly Z: Z;
  readonly mode: Mode;
  /** abstract mode: the bounded encoder that gives each abstracted aggregate its value */
  readonly exact: Encoder | undefined;
  readonly abstracted: ReadonlyMap<string, { readonly agg: IR.Agg; readonly unknown: SV }>;
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
export async function encodePolicy(program: IR.Program, bound: number, mode: Mode = 'bounded'): Promise<EncodedPolicy> {
  const Z = await z3();
  const universe = Universe.of(program);
  // as the analyses do: no list element at all in abstract mode
  const input = new SymInput(Z, universe, program.input.type, mode === 'abstract' ? 0 : bound);
  const shared = new Map<string, SV>();
  const enc = new Encoder(Z, universe, program, input, mode, shared);
  const { leaves, decision } = enc.decisionStructure();
  const requires = enc.requires();
  const abstracted = new Map([...enc.abstracted].map(([k, agg]) => [k, { agg, unknown: shared.get(k)! }]));
  const exact = mode === 'abstract' ? new Encoder(Z, universe, program, new SymInput(Z, universe, program.input.type, bound), 'bounded') : undefined;
  return { Z, mode, exact, abstracted, program, universe, input, leaves, decision, requires, domain: Z.And(...input.domain) };
}

/** Evaluates the encoded policy on one validated input (its structure; requirements are reported, not enforced). */
export function evaluateEncoded(ep: EncodedPolicy, input: RRecord): ConcreteResult {
  const { Z, universe: u } = ep;
  const m = ep.input.modelOf(input, { listsOpen: ep.mode === 'abstract' });
  if (ep.exact) {
    const mx = ep.exact.input.modelOf(input);
    for (const { agg, unknown } of ep.abstracted.values()) m.updateValue((unknown as Scalar).v, mx.eval((ep.exact.value(agg) as Scalar).v, true));
  }
  const bool = (t: ZExpr): boolean => {
    const v = truthIn(Z, m, t);
    if (v === undefined) throw new Error(`z3 did not evaluate a Boolean to a constant: ${m.eval(t, true).toString()}`);
    return v;
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
