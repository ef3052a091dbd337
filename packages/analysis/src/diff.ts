/** The semantic diff: structural changes, confirmed behavioural regions, and a verdict that is proved or says why not. */
import type { CheckedProgram, ResultJson, Type } from '@pol/core/checker';
import * as IR from '@pol/core/ir';
import { Encoder, type Leaf, type SymDecision } from './smt/encode.ts';
import { DateFacts } from './smt/date-facts.ts';
import { SymInput } from './smt/sym-input.ts';
import { Universe } from './smt/universe.ts';
import { fieldEq, type SV } from './smt/values.ts';
import { exprKey } from './ir-key.ts';
import { exprText } from './print.ts';
import { labelsOf, structuralDiff, type StructuralChange } from './structural.ts';
import type { JsonValue } from './witness.ts';
import { provenanceOf, type Provenance } from './provenance.ts';
import { decisionText, runner, sameBehaviour, type Run } from './confirm.ts';
import { constantValues, datesIn, describeRegion, numbersIn, type RegionFact } from './describe.ts';
import { unionType, viewOf, withoutUndeclared } from './smt/input-union.ts';
import { attemptModel, COMMON, findWitness, numConsts, preferences, roundNumbers, type Found } from './witness-search.ts';
import { Unsupported, freshZ3, truthIn, type ZExpr } from './smt/z3.ts';
import { Session } from './solver.ts';
import { ruleKeys, untwinned } from './cone.ts';
import { acceptanceCauses, causesOnWitness } from './causes.ts';
import { quantitiesIn, simplerWitness } from './witness-simplify.ts';
import { decisionsDiffer, numberObligations, obligationTerm, pinDecision, someOf } from './decision-terms.ts';

export interface Side {
  readonly decision: ResultJson['decision'];
  readonly decisionText: string;
  readonly obligations: readonly string[];
  /** the rule and exceptions that decided, outermost first */
  readonly decidedBy: string;
  /** the deciding rule's title and citations (the innermost rule that has them) */
  readonly title: string | undefined;
  readonly cites: readonly string[];
  /** the conditions of the deciding rule and its exceptions, as written */
  readonly conditions: string[];
}

export interface Region {
  /** `where: before -> after` */
  readonly description: string;
  /** the proved facts of the region (or, when none was proved, which rules decide it) */
  readonly where: string;
  /** what differs: the decision (outcome or a field), or only the obligations */
  readonly differs: 'decision' | 'obligations';
  readonly witness: JsonValue;
  readonly before: Side;
  readonly after: Side;
  /** the structural changes (their heads as the report lists them) that bear on this region's deciding rules */
  readonly causes: readonly string[];
  /** every proved fact of `where`, for programs (empty when the region was not described) */
  readonly facts: readonly RegionFact[];
}

export interface DomainChange {
  /** which version accepts the witness */
  readonly acceptedBy: 'before' | 'after';
  readonly witness: JsonValue;
  readonly rejection: string[];
  readonly decision: string;
  /** the rule path that decides the witness in the version that accepts it */
  readonly decidedBy: string;
  /** that rule's citations (the innermost rule on the path that has any) */
  readonly cites: readonly string[];
  /** the structural changes the rejection names (causes.ts acceptanceCauses), as structuralHead writes them */
  readonly causes: readonly string[];
  /**
   * When the other version rejects the input only for fields it does not declare (a field the
   * amendment added or removed): what it decides on the input without them. `differs` says
   * whether that is a change of behaviour (`none`: the field is merely accepted now, or no more).
   */
  readonly without?: { readonly fields: string[]; readonly decision: string; readonly decidedBy: string; readonly obligations: readonly string[]; readonly differs: 'decision' | 'obligations' | 'none' };
}

/** A part of the input space where the solver found a difference that no witness confirmed. */
export interface Uncovered {
  /** the deciding rule paths before and after (or the accepting version, for inputs one version rejects) */
  readonly before: string;
  readonly after: string;
  readonly reason: string;
}

export interface DiffReport {
  /** `partial`: changes were confirmed, but part of the input space was not covered (see `reason`, `uncovered`) */
  readonly verdict: 'equivalent' | 'changed' | 'partial' | 'unknown';
  readonly reason: string | undefined;
  readonly method: string;
  readonly structural: StructuralChange[];
  readonly regions: Region[];
  readonly domain: DomainChange[];
  readonly uncovered: Uncovered[];
  readonly notes: string[];
  /** both versions' names, versions and source hashes, and the tool's version (no time: reports stay reproducible) */
  readonly provenance: Provenance;
  /** the titled, cited groups and constants the region descriptions name, by id */
  readonly named: readonly Named[];
}

export interface Named {
  readonly id: string;
  readonly title: string | undefined;
  readonly cites: readonly string[];
}

export interface DiffOptions {
  /** lists are bounded to this many items when looking for witnesses */
  readonly listBound?: number;
  /** a deadline for the whole search, checked between queries (the report says `partial` or `unknown` when it passes) */
  readonly timeoutMs?: number;
  /** z3's deterministic resource limit per query (`rlimit`): the same budget on a busy machine as on an idle one */
  readonly rlimit?: number;
  /** stop after this many confirmed regions (the report is then `partial`, saying so) */
  readonly maxRegions?: number;
  /** ask the solver which enum fields and date range a region pins (a few queries per region) */
  readonly describe?: boolean;
  /** describe at most this many regions (a count, not a time, so reports do not vary run to run; default 200) */
  readonly describeRegions?: number;
}

function sameType(a: Type, b: Type): boolean {
  return JSON.stringify(typeShape(a)) === JSON.stringify(typeShape(b));
}
function typeShape(t: Type): unknown {
  switch (t.kind) {
    case 'record':
      return ['rec', [...t.fields].map(([k, v]) => [k, typeShape(v)])];
    case 'list':
      return ['list', typeShape(t.element)];
    case 'optional':
      return ['opt', typeShape(t.inner)];
    case 'number':
      return ['num', t.unit];
    case 'enum':
      return ['enum', t.name];
    default:
      return [t.kind];
  }
}
function enumsOf(t: Type, out: Set<string>): Set<string> {
  if (t.kind === 'enum') out.add(t.name);
  if (t.kind === 'record') for (const f of t.fields.values()) enumsOf(f, out);
  if (t.kind === 'list') enumsOf(t.element, out);
  if (t.kind === 'optional') enumsOf(t.inner, out);
  return out;
}

/**
 * Everything that bears on decisions, read from the IR with every definition, constant and set
 * inlined (ir-key.ts), and the obligations (behaviour a reviewer must see); spans, titles,
 * citations and examples left out.
 */
export function semanticFingerprint(program: CheckedProgram | IR.Program): string {
  const p = 'typeOf' in program ? IR.toIr(program) : program;
  return JSON.stringify({
    enums: p.enums.map((e) => [e.name, e.members]),
    input: typeShape(p.input.type),
    asOf: p.input.asOf,
    variants: p.decision.variants.map((v) => [v.name, v.params.map((q) => q.name)]),
    requires: p.requires.map((r) => exprKey(p, r.condition, true)),
    // each top-level rule's meaning, the fallback last (cone.ts, which matches them up)
    rules: ruleKeys(p),
  });
}

export { fieldEq, decisionsDiffer };

/** The conditions of the deciding rule and its exceptions, as the policy writes them. */
function conditionsOf(leaf: Leaf, p: IR.Program): string[] {
  if (leaf.rules.length === 0) return ['no rule applies'];
  return leaf.rules.map((b) => {
    const parts: string[] = [];
    if (b.when) parts.push(exprText(p, b.when));
    if (b.from) parts.push(`date >= ${b.from}`);
    if (b.until) parts.push(`date < ${b.until}`);
    return `${b.name}: ${parts.join(' and ') || 'always'}`;
  });
}


/** One version's side of the comparison: its encoder on its view of the shared input. */
interface Version {
  readonly program: CheckedProgram;
  readonly ir: IR.Program;
  readonly enc: Encoder<{ readonly value: SV }>;
  readonly leaves: Leaf[];
  readonly decision: SymDecision;
  /** domain of its view, its validator's shape checks, and its requirements */
  readonly accepts: ZExpr;
  /** `accepts` with fields it does not declare allowed: its view leaves them out, so it then decides the input without them */
  readonly lenient: ZExpr;
  /**
   * an Int naming the deciding leaf's obligation list (equal lists, equal numbers); built when asked
   * (only the list proof needs it), and only in abstract mode: the bounded encoding's decision is
   * a shape, with no leaf term to read (Encoder.decisionStructure with named guards)
   */
  readonly obligations: () => ZExpr;
}

/** The rules that decided a run, outermost first, as regions and entries name them. */
const decidedByOf = (r: Extract<Run, { ok: true }>): string => r.result.trace.map((t) => t.id).join(' > ');

/** The innermost rule on a leaf's path with a title or citations. */
const titledRule = (leaf: Leaf): IR.Rule | undefined => [...leaf.rules].reverse().find((b) => b.title !== undefined || b.cites.length > 0);

function side(ir: IR.Program, leaf: Leaf, r: Extract<Run, { ok: true }>): Side {
  const titled = titledRule(leaf);
  return {
    decision: r.result.decision,
    decisionText: decisionText(r.result.decision),
    obligations: r.result.obligations,
    decidedBy: decidedByOf(r),
    title: titled?.title,
    cites: titled?.cites ?? [],
    conditions: conditionsOf(leaf, ir),
  };
}

export async function diffPrograms(before: CheckedProgram, after: CheckedProgram, options: DiffOptions = {}): Promise<DiffReport> {
  const K = options.listBound ?? 2;
  const timeout = options.timeoutMs ?? 60_000;
  const maxRegions = options.maxRegions ?? 500;
  // lowered once: the structural diff, the constants' values and the optimised IR all read it
  const lowB = IR.lower(before);
  const lowA = IR.lower(after);
  const structural = structuralDiff(before, after, [lowB, lowA]);
  const notes: string[] = [];
  const provenance = provenanceOf(before, after);
  const base = { structural, notes, regions: [] as Region[], domain: [] as DomainChange[], uncovered: [] as Uncovered[], provenance, named: [] as Named[] };

  const irB = IR.optimize(lowB);
  const irA = IR.optimize(lowA);
  if (semanticFingerprint(irB) === semanticFingerprint(irA)) {
    return { ...base, verdict: 'equivalent', reason: undefined, method: 'the two versions are identical in every part that bears on a decision (rules, conditions, decisions, obligations, requirements, with definitions, constants and groups inlined)' };
  }
  if (before.input.asOf !== after.input.asOf) {
    return { ...base, verdict: 'unknown', reason: `the inputs are dated by different fields (${before.input.asOf ?? 'none'} -> ${after.input.asOf ?? 'none'})`, method: 'none' };
  }
  const inputChanged = !sameType(before.input.type, after.input.type) || [...enumsOf(before.input.type, enumsOf(after.input.type, new Set()))].some((e) => JSON.stringify(before.enums.get(e)?.members) !== JSON.stringify(after.enums.get(e)?.members));
  if (inputChanged) notes.push('the input declarations differ: versions are compared on the inputs both accept, and inputs only one accepts are listed separately');

  const Z = await freshZ3();
  const runB = runner(before);
  const runA = runner(after);
  const runOf = (p: CheckedProgram) => (p === before ? runB : runA);
  // members the policies treat alike next to each other, so that sets are a few index intervals
  const u = Universe.of(irB, irA).cluster([irB, irA], COMMON);
  const regions: Region[] = [];
  const domain: DomainChange[] = [];
  const uncovered: Uncovered[] = [];
  const named: Named[] = [];
  let incomplete: string | undefined;
  const membersOf = (p: IR.Program): Map<string, readonly string[]> => new Map(p.enums.map((e) => [e.name, e.members]));
  const oblTable = new Map<string, number>();
  // the definitions of the named reach conditions of the leaves' guards (encode.ts)
  const guardDefs: ZExpr[] = [];
  const versions = (inputType: Type, bound: number, mode: 'bounded' | 'abstract', shared?: Map<string, SV>) => {
    const input = new SymInput(Z, u, inputType, bound);
    // one set for both versions: `date + 3 months` before is related to `date + 4 months` after
    const facts = new DateFacts(Z);
    const make = (program: CheckedProgram, ir: IR.Program, label: string): Version => {
      const acc: ZExpr[] = [];
      const undeclared: ZExpr[] = [];
      const value = viewOf(Z, u, membersOf(ir), input.value, program.input.type, acc, Z.Bool.val(true), undeclared);
      const enc = new Encoder(Z, u, ir, { value }, mode, shared, 'free', facts);
      const { leaves, decision } = enc.decisionStructure(mode === 'bounded' ? { prefix: `${label}.reach`, defs: guardDefs, oneWay: true } : undefined);
      // numbered now: the decisions pinned leaf by leaf read the numbers (pinDown)
      const keyOf = numberObligations(leaves, oblTable);
      const valid = enc.valid();
      return { program, ir, enc, leaves, decision, accepts: Z.And(...acc, ...undeclared, valid), lenient: Z.And(...acc, valid), obligations: () => {
          if (mode === 'bounded') throw new Error('the bounded encoding has no obligation term: its decision is a shape');
          return obligationTerm(Z, leaves, decision.leaf, keyOf);
        },
      };
    };
    return { input, dom: Z.And(...input.domain), b: make(before, irB, 'before'), a: make(after, irA, 'after'), facts };
  };
  // one solver for the whole diff; each phase in its own scope
  const s = await Session.open(Z, { rlimit: options.rlimit ?? 50_000_000, timeoutMs: timeout });
  const check = (...assumptions: ZExpr[]) => s.check(...assumptions);
  let usesLists = false;
  try {
    // one input for both versions (smt/input-union.ts; throws Unsupported where a field's type
    // changed): the solver's, and the witness simplifier's
    const inputType = unionType(before.input.type, after.input.type);
    const { input, dom, b, a, facts } = versions(inputType, K, 'bounded');
    usesLists = b.enc.usesLists || a.enc.usesLists;
    const nums = numConsts(input.value);
    const prefer = options.describe === false ? [] : preferences(Z, u, input.value);
    // a witness is confirmed without stored balances, so it is looked for with each ledger's
    // balance as such an evaluation reads it (the region itself is found with any balance)
    const asEvaluated = [...b.enc.balancesAsEvaluated(), ...a.enc.balancesAsEvaluated()];
    const pinned = (g: ZExpr): ZExpr => (asEvaluated.length === 0 ? g : Z.And(g, ...asEvaluated));
    // a computed amount's comparison on a concrete input: the encoder's own term evaluated in a
    // model that fixes the input (and each ledger's balance as an evaluation without a store
    // reads it, as the interpreter that put the input in its region did); probes refute the
    // region's amount facts with it (describe-probe.ts), which the solver otherwise did one
    // question each (124 of the IFR memo's questions)
    const inputModels = new Map<string, ZExpr | null>();
    const amountOn = (term: ZExpr, w: JsonValue): boolean | undefined => {
      const key = JSON.stringify(w);
      let m = inputModels.get(key);
      if (m === undefined) {
        // the runs are the ones that put the input in its region (remembered): no second validation
        const [rb, ra] = [runB(w), runA(w)];
        m = rb.ok && ra.ok ? input.modelOf(rb.input) : null;
        for (const { free, evaluated } of m ? [...b.enc.balanceTerms(), ...a.enc.balanceTerms()] : []) m!.updateValue(free, m!.eval(evaluated, true));
        inputModels.set(key, m);
      }
      return m ? truthIn(Z, m, term) : undefined;
    };
    const namedNumbers = new Set([...numbersIn(irB), ...numbersIn(irA)]);
    const quantities = quantitiesIn([irB, irA]);
    const familiar = { members: COMMON, classOf: (e: string, m: string) => u.classOf(e, m) };
    // the deciding leaf of each version as a variable: a region is then two small equalities, so
    // blocking it or asking about it does not hand the solver the leaves' guards again
    // one Boolean per leaf, not an integer leaf number: 2,000 equalities `leaf = i` on one
    // integer are as many disequalities for the arithmetic solver to split (84 s for 1,000 rules)
    const selB = b.leaves.map((l) => Z.Bool.const(`before.leaf#${l.id}`));
    const selA = a.leaves.map((l) => Z.Bool.const(`after.leaf#${l.id}`));
    // a leaf's selector implies its guard, and some selector holds: the guards are exclusive and
    // cover every input, so exactly the deciding leaf's selector is true in any model. One way
    // only, so that the guards of the leaves that do not decide are not relevant to z3 (it needs
    // not settle every rule's condition to answer, 18% of the IFR diff's query time); the nested
    // if-then-else of the whole forest is never asserted, which keeps assertion linear
    //
    // The leaves of the rules both versions open with (cone.ts, `prefix`) never decide a region:
    // their selectors and decisions are given to the solver only where the inputs one version
    // accepts are looked for (step 1); the regions' search holds them false
    const cone = untwinned(irB, irA);
    const topIndex = (v: Version): Map<IR.Rule, number> => new Map(v.ir.rules.map((r, i) => [r, i]));
    const tops = new Map([b, a].map((v) => [v, topIndex(v)]));
    const top = (v: Version, l: Leaf): number => (l.rules.length === 0 ? v.ir.rules.length : tops.get(v)!.get(l.rules[0]!)!);
    const early = (v: Version, l: Leaf): boolean => top(v, l) < cone.prefix;
    const selOf = (v: Version, l: Leaf): ZExpr => (v === b ? selB : selA)[l.id]!;
    const implied = (v: Version, keep: (l: Leaf) => boolean): ZExpr[] => v.leaves.filter(keep).map((l) => Z.Implies(selOf(v, l), l.guard));
    const someLeaf = (label: string, keep: (v: Version, l: Leaf) => boolean, defs: ZExpr[]): ZExpr[] => [b, a].map((v) => someOf(Z, v.leaves.filter((l) => keep(v, l)).map((l) => selOf(v, l)), `${v === b ? 'before' : 'after'}.${label}`, defs));
    s.add(dom, ...facts.take(), ...guardDefs, ...implied(b, (l) => !early(b, l)), ...implied(a, (l) => !early(a, l)));
    // the deciding leaf read off the selectors (exactly one is true in a model): evaluating the
    // decision's own leaf term would evaluate every rule's condition again
    const indexTerm = (sel: readonly ZExpr[]): ZExpr => sel.reduceRight((t: ZExpr, x, i) => Z.If(x, Z.Int.val(i), t), Z.Int.val(-1));
    const leafIndex = new Map<Version, ZExpr>([[b, indexTerm(selB)], [a, indexTerm(selA)]]);
    const leafAt = (v: Version, m: ZExpr): Leaf => v.leaves[Number(m.eval(leafIndex.get(v)!, true).value())]!;
    // a rule written `when A or B` has a leaf per alternative; a region is a pair of deciding
    // rule paths, so that one change is one region (not one per alternative that reaches it)
    const byPath = (v: Version, sel: readonly ZExpr[]): Map<string, ZExpr> => {
      const groups = new Map<string, ZExpr[]>();
      for (const l of v.leaves) groups.set(l.path.join(' > '), [...(groups.get(l.path.join(' > ')) ?? []), sel[l.id]]);
      return new Map([...groups].map(([k, xs]) => [k, xs.length === 1 ? xs[0] : Z.Or(...xs)]));
    };
    const pathsB = byPath(b, selB);
    const pathsA = byPath(a, selA);
    const leafIs = (v: Version, l: Leaf): ZExpr => (v === b ? pathsB : pathsA).get(l.path.join(' > '));

    // 1. inputs accepted by one version only, one region per deciding rule of the accepting version
    //    and, where the other version objects only to fields it does not declare, per deciding rule
    //    of the other version on the input without them (so a new field's effect is its own entry)
    // (none when both versions accept the same inputs: the same term)
    const sameInputs = b.accepts.eqIdentity(a.accepts);
    if (!sameInputs) {
      const defs1: ZExpr[] = [];
      const some1 = someLeaf('some', () => true, defs1);
      s.push();
      s.add(...implied(b, (l) => early(b, l)), ...implied(a, (l) => early(a, l)), ...defs1, ...some1);
    }
    for (const [acceptedBy, yes, no] of sameInputs ? [] : ([['before', b, a], ['after', a, b]] as const)) {
      s.push();
      s.add(yes.accepts, Z.Not(no.accepts));
      for (let n = 0; ; n++) {
        const r = check();
        if (r === 'unsat') break;
        if (r === 'unknown' || n >= maxRegions) {
          incomplete = r === 'unknown' ? `the solver gave up (${s.reasonUnknown()}) on the inputs only ${acceptedBy} accepts` : `more than ${maxRegions} kinds of input are accepted only ${acceptedBy}; the rest were not searched`;
          break;
        }
        const m = s.model();
        const leaf = leafAt(yes, m);
        const other = truthIn(Z, m, no.lenient) === true ? leafAt(no, m) : undefined;
        const guard = other ? Z.And(leafIs(yes, leaf), no.lenient, leafIs(no, other)) : Z.And(leafIs(yes, leaf), Z.Not(no.lenient));
        const f = await findWitness(Z, s, pinned(guard), m, u, input.value, nums, (w) => {
          const ry = runOf(yes.program)(w);
          if (!ry.ok) return `it is rejected: ${ry.errors.join('; ')}`;
          if (runOf(no.program)(w).ok) return 'the other version accepts it too';
          const by = decidedByOf(ry);
          if (by !== leaf.path.join(' > ')) return `decided by ${by || 'otherwise'}, not by this region's rules`;
          const rw = runOf(no.program)(withoutUndeclared(w, no.program.input.type).value);
          if (!other) return rw.ok ? 'the other version accepts it without the fields it does not declare' : undefined;
          const byW = rw.ok ? decidedByOf(rw) : undefined;
          return byW === other.path.join(' > ') ? undefined : `without the fields it does not declare, the other version decides it by ${byW ?? '(rejected)'}, not by ${other.path.join(' > ')}`;
        }, prefer);
        s.add(Z.Not(guard));
        if ('reason' in f) {
          uncovered.push({ before: acceptedBy === 'before' ? leaf.path.join(' > ') : other ? other.path.join(' > ') : '(rejected)', after: acceptedBy === 'after' ? leaf.path.join(' > ') : other ? other.path.join(' > ') : '(rejected)', reason: f.reason });
          continue;
        }
        const ry = runOf(yes.program)(f.witness) as Extract<Run, { ok: true }>;
        const rn = runOf(no.program)(f.witness) as Extract<Run, { ok: false }>;
        const stripped = withoutUndeclared(f.witness, no.program.input.type);
        const rw = other ? (runOf(no.program)(stripped.value) as Extract<Run, { ok: true }>) : undefined;
        const without = rw && {
          fields: stripped.removed,
          decision: decisionText(rw.result.decision),
          decidedBy: decidedByOf(rw),
          obligations: rw.result.obligations,
          differs: sameBehaviour(rw.result, ry.result) ? ('none' as const) : decisionText(rw.result.decision) === decisionText(ry.result.decision) ? ('obligations' as const) : ('decision' as const),
        };
        domain.push({ acceptedBy, witness: f.witness, rejection: rn.errors, decision: decisionText(ry.result.decision), decidedBy: decidedByOf(ry), cites: titledRule(leaf)?.cites ?? [], causes: acceptanceCauses(structural, rn.errors), ...(without ? { without } : {}) });
      }
      s.pop();
    }
    if (!sameInputs) s.pop();

    // 2. inputs both accept, decided differently (outcome, a field, or the obligations): one region
    //    per pair of deciding rules (before, after), so a new cause is never folded into an old one
    let described = 0;
    const labelsB = labelsOf(before);
    const labelsA = labelsOf(after);
    const constsB = options.describe === false ? new Map() : constantValues(lowB);
    const constsA = options.describe === false ? new Map() : constantValues(lowA);
    const policyDates = [...datesIn(irB), ...datesIn(irA)];
    // the decision and obligation list of each version as constants, fixed leaf by leaf (those of
    // the shared opening rules never decide a region, so they are left out)
    const obligationKey = (l: Leaf): number => oblTable.get(JSON.stringify(l.rules.at(-1)?.obligations ?? [])) ?? -1;
    const [nb, na] = [b, a].map((v) => pinDecision(Z, v.leaves.filter((l) => !early(v, l)), v.decision, (l) => selOf(v, l), v === b ? 'before' : 'after', obligationKey));
    const differ = Z.Or(decisionsDiffer(Z, (x, y) => fieldEq(Z, x, y), nb!.d, na!.d), Z.Not(nb!.obl.eq(na!.obl)));
    s.add(...nb!.defs, ...na!.defs, ...facts.take());
    s.push();
    // only inputs decided by a rule the change touched, on some side, can differ (cone.ts)
    const inCone = (v: Version, l: Leaf, flags: readonly boolean[]): boolean => flags[top(v, l)]!;
    const touched = [...b.leaves.filter((l) => inCone(b, l, cone.before)).map((l) => selB[l.id]), ...a.leaves.filter((l) => inCone(a, l, cone.after)).map((l) => selA[l.id])];
    const defs2: ZExpr[] = [];
    const some2 = someLeaf('some-late', (v, l) => !early(v, l), defs2);
    const none = [b, a].flatMap((v) => v.leaves.filter((l) => early(v, l)).map((l) => Z.Not(selOf(v, l))));
    s.add(b.accepts, a.accepts, differ, touched.length ? Z.Or(...touched) : Z.Bool.val(false), ...defs2, ...some2, ...none);
    // the preferences of a realistic witness (witness-search.ts) ride on the region query itself, as
    // tracked assumptions: a model found with all of them is the region's witness at once, which
    // saves a query and a model per region. Once no remaining region meets them all (blocking only
    // removes inputs, so that stays true), regions are asked for plainly and each witness apart.
    const prefLits = prefer.map((p, i) => {
      const l = Z.Bool.const(`region.prefer#${i}`);
      s.add(Z.Implies(l, p));
      return l;
    });
    // a small cone is searched one cone leaf at a time, that leaf's selector assumed: z3 then
    // starts from it and the rest follows by propagation (the rules before it fail, so do their
    // twins; the rules after it are unreachable on the other side), where one disjunction over the
    // cone let its case splits wander over the other version's leaves first (5 s for 3,000 rules)
    const small = touched.length <= 16 && touched.length * 4 <= b.leaves.length + a.leaves.length;
    const passes: ZExpr[][] = small ? touched.map((t) => [t]) : [[]];
    let pass = 0;
    let preferring = prefLits.length > 0;
    // the inputs seen so far, for the probes of later regions (describe-probe.ts)
    const seen: JsonValue[] = [];
    // no pass at all when the change touched no rule (only the input declaration changed)
    while (pass < passes.length) {
      const assumed = passes[pass]!;
      let r = preferring ? check(...assumed, ...prefLits) : check(...assumed);
      if (r === 'unsat' && preferring) {
        preferring = false;
        r = check(...assumed);
      }
      const realistic = preferring;
      if (r === 'unsat') {
        if (++pass >= passes.length) break;
        preferring = prefLits.length > 0;
        continue;
      }
      if (r === 'unknown') {
        incomplete = `the solver gave up (${s.reasonUnknown()}); inputs outside the listed regions were not all examined`;
        break;
      }
      if (regions.length >= maxRegions) {
        incomplete = `the search stopped after ${maxRegions} regions; further regions may differ`;
        break;
      }
      const m = s.model();
      await region(leafAt(b, m), leafAt(a, m), m, realistic);
    }
    /** One region, decided by `lb` before and `la` after: `m` the model that found it (`realistic`: found with the preferences). */
    async function region(lb: Leaf, la: Leaf, m: ZExpr, realistic: boolean): Promise<void> {
      const regionGuard = Z.And(leafIs(b, lb), leafIs(a, la));
      const pathB = lb.path.join(' > ');
      const pathA = la.path.join(' > ');
      // a witness must lie in this region, not merely differ: a model read with a ledger balance
      // the interpreter does not see, or rounded, can land in another pair of rules, and recording
      // it there left this pair unreported (the LPP limit's lost notice obligation)
      const judge = (w: JsonValue): string | undefined => {
        const rb = runB(w);
        const ra = runA(w);
        if (!rb.ok || !ra.ok) return `rejected by ${!rb.ok ? 'the old' : 'the new'} version: ${(!rb.ok ? rb : (ra as Extract<Run, { ok: false }>)).errors.join('; ')}`;
        if (decidedByOf(rb) !== pathB || decidedByOf(ra) !== pathA) return `decided by ${decidedByOf(rb) || 'otherwise'} and ${decidedByOf(ra) || 'otherwise'}, not by this region's rules`;
        return sameBehaviour(rb.result, ra.result) ? 'both versions decide it the same' : undefined;
      };
      const ready = realistic ? attemptModel(m, u, input.value, judge) : undefined;
      const f: Found = ready !== undefined ? { witness: ready } : await findWitness(Z, s, pinned(regionGuard), m, u, input.value, nums, judge, prefer);
      if ('reason' in f) {
        s.add(Z.Not(regionGuard));
        uncovered.push({ before: lb.path.join(' > '), after: la.path.join(' > '), reason: f.reason });
        return;
      }
      // round numbers, when the interpreter agrees the witness stays in the region with the same change
      const first = { b: runB(f.witness) as Extract<Run, { ok: true }>, a: runA(f.witness) as Extract<Run, { ok: true }> };
      const sig = (r: Extract<Run, { ok: true }>): string => JSON.stringify([r.result.decision, r.result.obligations, r.result.trace.map((t) => t.id)]);
      // the version before first: most tries that fail, fail there, and the other is not run
      const same = (x: JsonValue): boolean => {
        const rb = runB(x);
        if (!rb.ok || sig(rb) !== sig(first.b)) return false;
        const ra = runA(x);
        return ra.ok && sig(ra) === sig(first.a);
      };
      const w =
        options.describe === false
          ? f.witness
          : roundNumbers(simplerWitness(f.witness, inputType, quantities, same, familiar), namedNumbers, same);
      const describeNow = options.describe !== false && described < (options.describeRegions ?? 200);
      const inRegion = (x: JsonValue): boolean => {
        const rb = runB(x);
        if (!rb.ok || decidedByOf(rb) !== pathB) return false;
        const ra = runA(x);
        return ra.ok && decidedByOf(ra) === pathA && !sameBehaviour(rb.result, ra.result);
      };
      const told = describeNow ? describeRegion(Z, s, regionGuard, u, input.value, { ir: irB, enc: b.enc, leaf: lb, labels: labelsB, constants: constsB }, { ir: irA, enc: a.enc, leaf: la, labels: labelsA, constants: constsA }, policyDates, structural, { witness: w, inRegion, asOf: before.input.asOf, pool: seen, model: m, amountOn }) : undefined;
      seen.push(w);
      if (describeNow) described++;
      s.add(Z.Not(regionGuard));
      const before_ = side(irB, lb, runB(w) as Extract<Run, { ok: true }>);
      const after_ = side(irA, la, runA(w) as Extract<Run, { ok: true }>);
      const differs = before_.decisionText === after_.decisionText ? 'obligations' : 'decision';
      const change = differs === 'decision' ? `${before_.decisionText} -> ${after_.decisionText}` : `${before_.decisionText}, obligations ${JSON.stringify(before_.obligations)} -> ${JSON.stringify(after_.obligations)}`;
      // every fact in `where` holds on all of the region; the region can be narrower (the deciding
      // rules' other conditions and the earlier rules that do not apply), which `before`/`after` show
      const where = told?.where || `where ${before_.decidedBy} applied before and ${after_.decidedBy} applies after`;
      regions.push({ description: `${where}: ${change}`, where, differs, witness: w, before: before_, after: after_, causes: told ? causesOnWitness(told.causes, structural, before, after, [lowB, lowA], w) : [], facts: told?.facts ?? [] });
      for (const id of told?.named ?? []) {
        const l = labelsA.get(id) ?? labelsB.get(id);
        if (l && !named.some((x) => x.id === id)) named.push({ id, title: l.title, cites: l.cites });
      }
    }
    s.pop();

    // 3. nothing found within the bound: prove it for every list length by abstracting aggregates
    if (regions.length === 0 && domain.length === 0 && uncovered.length === 0 && !incomplete && usesLists) {
      const x = versions(inputType, 0, 'abstract', new Map<string, SV>());
      const differ2 = Z.Or(decisionsDiffer(Z, (p, q) => fieldEq(Z, p, q), x.b.decision, x.a.decision), Z.Not(x.b.obligations().eq(x.a.obligations())));
      s.pop();
      s.push();
      s.add(x.dom, ...x.facts.take(), Z.Or(Z.Not(x.b.accepts.eq(x.a.accepts)), Z.And(x.b.accepts, x.a.accepts, differ2)));
      const r = check();
      if (r === 'unsat') usesLists = false;
      else incomplete = `lists were searched only up to ${K} items, and the proof that treats each sum, count, all and any as an unknown shared value ${r === 'unknown' ? 'timed out' : 'did not go through'}`;
    }
  } catch (e) {
    if (e instanceof Unsupported) {
      incomplete = `a construct the engine cannot encode exactly: ${e.message}`;
    } else throw e;
  } finally {
    // the solver's memory at once (z3 frees it only when JavaScript collects the solver): the next
    // diff of the same process ran a third slower with it still held
    s.release();
  }

  // a stable order, whatever order the solver found them in
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  regions.sort((x, y) => cmp(x.before.decidedBy, y.before.decidedBy) || cmp(x.after.decidedBy, y.after.decidedBy) || cmp(x.description, y.description));
  domain.sort((x, y) => cmp(x.acceptedBy, y.acceptedBy) || cmp(x.decidedBy, y.decidedBy) || cmp(x.without?.decidedBy ?? '', y.without?.decidedBy ?? ''));
  uncovered.sort((x, y) => cmp(x.before, y.before) || cmp(x.after, y.after));
  const method = `SMT (z3, fixed seeds): exact rationals, dates as day numbers, lists of up to ${K} items; every region confirmed by the reference interpreter`;
  named.sort((x, y) => cmp(x.id, y.id));
  const out = { structural, notes, regions, domain, uncovered, method, provenance, named };
  const gaps = [incomplete, uncovered.length ? `${uncovered.length} region(s) where the solver found a difference that no exact input confirmed` : undefined].filter((x): x is string => x !== undefined);
  if (regions.length > 0 || domain.length > 0) return { ...out, verdict: gaps.length ? 'partial' : 'changed', reason: gaps.length ? gaps.join('; ') : undefined };
  if (gaps.length) return { ...out, verdict: 'unknown', reason: gaps.join('; ') };
  return { ...out, verdict: 'equivalent', reason: undefined, method: `${method}; proved: no valid input is decided differently` };
}
