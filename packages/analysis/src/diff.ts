/** The semantic diff: structural changes, confirmed behavioural regions, and a verdict that is proved or says why not. */
import type { CheckedProgram, ResultJson, Type } from '@pol/core';
import * as IR from '@pol/core/ir';
import { Encoder, type Leaf, type SymDecision } from './smt/encode.ts';
import { SymInput } from './smt/sym-input.ts';
import { Universe } from './smt/universe.ts';
import { fieldEq, type SV } from './smt/values.ts';
import { decisionKey, exprKey } from './ir-key.ts';
import { exprText } from './print.ts';
import { structuralDiff, type StructuralChange } from './structural.ts';
import { modelToJson, NotRepresentable, type JsonValue } from './witness.ts';
import { decisionText, run, sameDecisionJson } from './confirm.ts';
import { dayNumber, fromDayNumber, MAX_DAY, MIN_DAY } from './smt/dates.ts';
import { Unsupported, z3, type Z, type ZExpr } from './smt/z3.ts';

export interface Side {
  readonly decision: ResultJson['decision'];
  readonly decisionText: string;
  /** the rule and exceptions that decided, outermost first */
  readonly decidedBy: string;
  /** the conditions of the deciding rule and its exceptions, as written */
  readonly conditions: string[];
}

export interface Region {
  readonly description: string;
  readonly witness: JsonValue;
  readonly before: Side;
  readonly after: Side;
}

export interface DomainChange {
  /** which version accepts the witness */
  readonly acceptedBy: 'before' | 'after';
  readonly witness: JsonValue;
  readonly rejection: string[];
  readonly decision: string;
}

export interface DiffReport {
  readonly verdict: 'equivalent' | 'changed' | 'unknown';
  readonly reason: string | undefined;
  readonly method: string;
  readonly structural: StructuralChange[];
  readonly regions: Region[];
  readonly domain: DomainChange[];
  readonly notes: string[];
}

export interface DiffOptions {
  /** lists are bounded to this many items when looking for witnesses */
  readonly listBound?: number;
  readonly timeoutMs?: number;
  readonly maxRegions?: number;
  /** ask the solver which enum fields and date range a region pins (a few queries per region) */
  readonly describe?: boolean;
  /** stop describing regions once this much time went into it (witnesses are always given) */
  readonly describeBudgetMs?: number;
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
 * inlined (ir-key.ts); spans, titles, citations and examples left out.
 */
export function semanticFingerprint(program: CheckedProgram | IR.Program): string {
  const p = 'typeOf' in program ? IR.toIr(program) : program;
  const body = (b: IR.Rule): unknown => [b.from, b.until, b.when ? exprKey(p, b.when, true) : null, decisionKey(p, b.decide, true), b.exceptions.map(body)];
  return JSON.stringify({
    enums: p.enums.map((e) => [e.name, e.members]),
    input: typeShape(p.input.type),
    asOf: p.input.asOf,
    variants: p.decision.variants.map((v) => [v.name, v.params.map((q) => q.name)]),
    requires: p.requires.map((r) => exprKey(p, r.condition, true)),
    rules: p.rules.map(body),
    otherwise: decisionKey(p, p.otherwise.decide, true),
  });
}

export function decisionsDiffer(Z: Z, eq: (a: SV, b: SV) => ZExpr, a: SymDecision, b: SymDecision): ZExpr {
  const same: ZExpr[] = [a.variant.eq(b.variant)];
  for (const [k, x] of a.fields) {
    const y = b.fields.get(k)!;
    const vs = x.v && y.v ? eq(x.v, y.v) : Z.Bool.val(x.v === undefined && y.v === undefined);
    same.push(Z.Or(Z.And(Z.Not(x.p), Z.Not(y.p)), Z.And(x.p, y.p, vs)));
  }
  return Z.Not(Z.And(...same));
}

export { fieldEq };

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

async function check(s: ZExpr): Promise<'sat' | 'unsat' | 'unknown'> {
  const t = Date.now();
  const r = (await s.check()) as 'sat' | 'unsat' | 'unknown';
  if (process.env.POL_DEBUG) console.error('query', r, Date.now() - t, 'ms');
  return r;
}

export async function diffPrograms(before: CheckedProgram, after: CheckedProgram, options: DiffOptions = {}): Promise<DiffReport> {
  const K = options.listBound ?? 2;
  const timeout = options.timeoutMs ?? 20_000;
  const maxRegions = options.maxRegions ?? 25;
  const structural = structuralDiff(before, after);
  const notes: string[] = [];
  const base = { structural, notes, regions: [] as Region[], domain: [] as DomainChange[] };

  const irB = IR.toIr(before);
  const irA = IR.toIr(after);
  if (semanticFingerprint(irB) === semanticFingerprint(irA)) {
    return { ...base, verdict: 'equivalent', reason: undefined, method: 'the two versions are identical in every part that bears on a decision (rules, conditions, decisions, requirements, with definitions, constants and groups inlined)' };
  }
  if (!sameType(before.input.type, after.input.type) || before.input.asOf !== after.input.asOf) {
    return { ...base, verdict: 'unknown', reason: 'the input declarations differ, so the versions do not decide the same inputs', method: 'none' };
  }
  for (const e of enumsOf(before.input.type, new Set())) {
    if (JSON.stringify(before.enums.get(e)?.members) !== JSON.stringify(after.enums.get(e)?.members)) {
      return { ...base, verdict: 'unknown', reason: `the members of enum ${e}, used in the input, differ`, method: 'none' };
    }
  }

  const Z = await z3();
  const u = Universe.of(irB, irA);
  const regions: Region[] = [];
  const domain: DomainChange[] = [];
  let unconfirmed = 0;
  let incomplete: string | undefined;
  let usesLists = false;
  try {
    const input = new SymInput(Z, u, before.input.type, K);
    const eb = new Encoder(Z, u, irB, input, 'bounded');
    const ea = new Encoder(Z, u, irA, input, 'bounded');
    const sb = eb.decisionStructure();
    const sa = ea.decisionStructure();
    const vb = eb.valid();
    const va = ea.valid();
    const dom = Z.And(...input.domain);
    usesLists = eb.usesLists || ea.usesLists;

    // 1. inputs valid under one version only
    for (const [acceptedBy, yes, no] of [['before', vb, va], ['after', va, vb]] as const) {
      const s = new Z.Solver();
      s.set('timeout', timeout);
      s.add(dom, yes, Z.Not(no));
      const r = await check(s);
      if (r === 'unknown') incomplete = 'the solver gave up (timeout) on the inputs each version accepts';
      if (r !== 'sat') continue;
      try {
        const w = modelToJson(s.model(), u, input.value);
        const rb = run(before, w);
        const ra = run(after, w);
        const acc = acceptedBy === 'before' ? rb : ra;
        const rej = acceptedBy === 'before' ? ra : rb;
        if (acc.ok && !rej.ok) domain.push({ acceptedBy, witness: w, rejection: rej.errors, decision: decisionText(acc.result.decision) });
        else unconfirmed++;
      } catch (e) {
        if (!(e instanceof NotRepresentable)) throw e;
        unconfirmed++;
      }
    }

    // 2. inputs valid under both with different decisions, one region (pair of deciding leaves) at a time
    let describeMs = 0;
    const policyDates = [...datesIn(irB), ...datesIn(irA)];
    const differ = decisionsDiffer(Z, (x, y) => fieldEq(Z, x, y), sb.decision, sa.decision);
    const s = new Z.Solver();
    s.set('timeout', timeout);
    s.add(dom, vb, va, differ);
    for (;;) {
      const tq = Date.now();
      const r = await check(s);
      if (r === 'unsat') break;
      if (r === 'unknown') {
        incomplete = `the solver gave up (${String(s.reasonUnknown?.() ?? 'timeout')})`;
        break;
      }
      if (regions.length + unconfirmed >= maxRegions) {
        notes.push(`more regions differ; only the first ${maxRegions} are listed`);
        break;
      }
      if (process.env.POL_DEBUG) console.error("check", Date.now() - tq, "ms");
      const m = s.model();
      const lb = sb.leaves[Number(m.eval(sb.decision.leaf, true).value())]!;
      const la = sa.leaves[Number(m.eval(sa.decision.leaf, true).value())]!;
      const regionGuard = Z.And(lb.guard, la.guard);
      const block = (): void => s.add(Z.Not(regionGuard));
      let w: JsonValue;
      try {
        w = modelToJson(m, u, input.value);
      } catch (e) {
        if (!(e instanceof NotRepresentable)) throw e;
        block();
        unconfirmed++;
        notes.push(`a region (${lb.path.join(' > ')} before, ${la.path.join(' > ')} after) has no witness with exact decimals: ${e.message}`);
        continue;
      }
      const rb = run(before, w);
      const ra = run(after, w);
      if (!rb.ok || !ra.ok || sameDecisionJson(rb.result.decision, ra.result.decision)) {
        block();
        unconfirmed++;
        notes.push(`a region (${lb.path.join(' > ')} before, ${la.path.join(' > ')} after) could not be confirmed by evaluation`);
        continue;
      }
      const describeNow = options.describe !== false && describeMs < (options.describeBudgetMs ?? 1500);
      const t0 = Date.now();
      const pinned = !describeNow ? [] : await describeRegion(Z, input, eb, u, s, regionGuard, w, policyDates);
      block();
      describeMs += Date.now() - t0;
      if (process.env.POL_DEBUG) console.error("describe", Date.now() - t0, "ms");
      const before_ = { decision: rb.result.decision, decisionText: decisionText(rb.result.decision), decidedBy: rb.result.trace.map((t) => t.id).join(' > '), conditions: conditionsOf(lb, irB) };
      const after_ = { decision: ra.result.decision, decisionText: decisionText(ra.result.decision), decidedBy: ra.result.trace.map((t) => t.id).join(' > '), conditions: conditionsOf(la, irA) };
      // Only enum, Boolean and date fields are pinned; numbers and lists may be bounded too, so the
      // description says so rather than overstate the region.
      const where = pinned.length > 0 ? `${pinned.join(' and ')} (for some values of the other fields, as in the witness)` : `${before_.decidedBy} applied before and ${after_.decidedBy} applies after`;
      regions.push({ description: `${where}: ${before_.decisionText} -> ${after_.decisionText}`, witness: w, before: before_, after: after_ });
    }

    // 3. nothing found within the bound: prove it for every list length by abstracting aggregates
    if (regions.length === 0 && domain.length === 0 && unconfirmed === 0 && !incomplete && usesLists) {
      const input2 = new SymInput(Z, u, before.input.type, 0);
      const shared = new Map<string, SV>();
      const xb = new Encoder(Z, u, irB, input2, 'abstract', shared);
      const xa = new Encoder(Z, u, irA, input2, 'abstract', shared);
      const tb = xb.decisionStructure();
      const ta = xa.decisionStructure();
      const vb2 = xb.valid();
      const va2 = xa.valid();
      const s2 = new Z.Solver();
      s2.set('timeout', timeout);
      s2.add(Z.And(...input2.domain), Z.Or(Z.Not(vb2.eq(va2)), Z.And(vb2, va2, decisionsDiffer(Z, (x, y) => fieldEq(Z, x, y), tb.decision, ta.decision))));
      const r = await check(s2);
      if (r === 'unsat') usesLists = false;
      else incomplete = `lists were searched only up to ${K} items, and the proof that treats each sum, count, all and any as an unknown shared value ${r === 'unknown' ? 'timed out' : 'did not go through'}`;
    }
  } catch (e) {
    if (e instanceof Unsupported) {
      incomplete = `a construct the engine cannot encode exactly: ${e.message}`;
    } else throw e;
  }

  const method = `SMT (z3): exact rationals, dates as day numbers, lists of up to ${K} items; every region confirmed by the reference interpreter`;
  if (regions.length > 0 || domain.length > 0) return { structural, notes, regions, domain, verdict: 'changed', reason: incomplete ? `listing may be incomplete: ${incomplete}` : undefined, method };
  if (incomplete) return { structural, notes, regions, domain, verdict: 'unknown', reason: incomplete, method };
  if (unconfirmed > 0) return { structural, notes, regions, domain, verdict: 'unknown', reason: 'the solver found differences that no exact input could confirm', method };
  return { structural, notes, regions, domain, verdict: 'equivalent', reason: undefined, method: `${method}; proved: no valid input is decided differently` };
}

/** Which enum input fields the region pins to the witness's value, and its date range. */
async function describeRegion(Z: Z, input: SymInput, enc: Encoder, u: Universe, s: ZExpr, region: ZExpr, w: JsonValue, dates: number[]): Promise<string[]> {
  const out: string[] = [];
  // the solver `s` holds the difference; each question is asked inside push/pop, briefly
  const unsatWith = async (...cs: ZExpr[]): Promise<boolean> => {
    s.push();
    s.add(region, ...cs);
    const r = await s.check();
    s.pop();
    return r === 'unsat';
  };
  const walk = async (v: SV, path: string, j: JsonValue, cond: ZExpr[]): Promise<void> => {
    if (v.t === 'rec' && j && typeof j === 'object' && !Array.isArray(j)) {
      for (const [k, x] of v.f) await walk(x, path ? `${path}.${k}` : k, (j as Record<string, JsonValue>)[k] ?? null, cond);
    } else if (v.t === 'opt' && j !== null) {
      await walk(v.v, path, j, [...cond, v.p]);
    } else if (v.t === 'enum' && typeof j === 'string') {
      if (await unsatWith(Z.Not(Z.And(...cond, v.v.eq(u.index(v.name, j)))))) out.push(`${path} is ${j}`);
    } else if (v.t === 'bool' && typeof j === 'boolean') {
      if (await unsatWith(Z.Not(Z.And(...cond, j ? v.v : Z.Not(v.v))))) out.push(`${path} is ${j}`);
    }
  };
  await walk(input.value, '', w, []);
  if (enc.asOf !== undefined && typeof w === 'object' && w && !Array.isArray(w)) {
    const name = enc.program.input.asOf!;
    const d0 = dayNumber(String((w as Record<string, JsonValue>)[name]));
    // bounds of the region's dates among the dates the policies mention (binary search; each bound proved)
    const cands = [MIN_DAY, ...dates, MAX_DAY + 1].filter((x, k, xs) => xs.indexOf(x) === k).sort((a, b) => a - b);
    const below = cands.filter((c) => c <= d0);
    let lo = 0;
    let hi = below.length - 1; // find the largest c in below with no region date < c
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (await unsatWith(enc.asOf.lt(below[mid]!))) lo = mid;
      else hi = mid - 1;
    }
    if (below[lo]! > MIN_DAY) out.push(`${name} >= ${fromDayNumber(below[lo]!)}`);
    const above = cands.filter((c) => c > d0);
    lo = 0;
    hi = above.length - 1; // the smallest c in above with no region date >= c
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await unsatWith(enc.asOf.ge(above[mid]!))) hi = mid;
      else lo = mid + 1;
    }
    if (above[lo]! <= MAX_DAY) out.push(`${name} < ${fromDayNumber(above[lo]!)}`);
  }
  return out;
}

/** Every date a program decides by (rule dates, set membership changes, date literals), as day numbers. */
function datesIn(p: IR.Program): number[] {
  const out: number[] = [];
  const walk = (e: IR.Expr): void => {
    if (e.k === 'date') out.push(dayNumber(e.value));
    IR.children(e).forEach(walk);
  };
  IR.everyExpr(p).forEach(walk);
  for (const r of IR.allRules(p)) for (const d of [r.from, r.until]) if (d !== undefined) out.push(dayNumber(d));
  for (const s of p.sets) for (const r of s.ranges) if (r.from !== undefined) out.push(dayNumber(r.from));
  return out;
}
