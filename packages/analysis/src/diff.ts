/** The semantic diff: structural changes, confirmed behavioural regions, and a verdict that is proved or says why not. */
import type { CheckedProgram, ResultJson, Type } from '@pol/core/checker';
import { Encoder, SymInput, Universe, type Leaf, type SV, type SymDecision } from './encode.ts';
import { canonical, printDecision, printExpr } from './print.ts';
import { structuralDiff, type StructuralChange } from './structural.ts';
import { modelToJson, NotRepresentable, type JsonValue } from './witness.ts';
import { decisionText, run, sameDecisionJson } from './confirm.ts';
import { dayNumber, fromDayNumber, MAX_DAY, MIN_DAY } from './dates.ts';
import { Unsupported, z3, type Z, type ZExpr } from './z3.ts';

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

/** Everything that bears on decisions, with spans, titles, citations and examples left out. */
export function semanticFingerprint(p: CheckedProgram): string {
  const body = (b: CheckedProgram['rules'][number] | CheckedProgram['rules'][number]['exceptions'][number]): unknown => [
    b.effective?.value,
    b.until?.value,
    b.when ? canonical(p, b.when) : null,
    b.decide.variant.name,
    b.decide.args.map((a) => [a.name.name, canonical(p, a.value)]),
    b.exceptions.map(body),
  ];
  return JSON.stringify({
    enums: [...p.enums].map(([k, v]) => [k, v.members]),
    input: typeShape(p.input.type),
    asOf: p.input.asOf,
    variants: p.decision.variants.map((v) => [v.name, v.params.map((q) => q.name)]),
    requires: p.requires.map((r) => canonical(p, r.condition)),
    rules: p.rules.map(body),
    otherwise: [p.otherwise.decide.variant.name, p.otherwise.decide.args.map((a) => [a.name.name, canonical(p, a.value)])],
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

export function fieldEq(Z: Z, a: SV, b: SV): ZExpr {
  if (a.t === 'opt' || b.t === 'opt') {
    const ap = a.t === 'opt' ? a.p : Z.Bool.val(true);
    const bp = b.t === 'opt' ? b.p : Z.Bool.val(true);
    return Z.Or(Z.And(Z.Not(ap), Z.Not(bp)), Z.And(ap, bp, fieldEq(Z, a.t === 'opt' ? a.v : a, b.t === 'opt' ? b.v : b)));
  }
  if (a.t !== b.t) return Z.Bool.val(false);
  if (a.t === 'set' || a.t === 'rec' || a.t === 'list') throw new Unsupported(`decision field of kind ${a.t}`);
  return a.v.eq((b as { v: ZExpr }).v);
}

function conditionsOf(leaf: Leaf, p: CheckedProgram): string[] {
  const out: string[] = [];
  if (leaf.node.kind === 'otherwise') return ['no rule applies'];
  let bodies: readonly (CheckedProgram['rules'][number] | CheckedProgram['rules'][number]['exceptions'][number])[] = p.rules;
  for (const id of leaf.path) {
    const b = bodies.find((x) => x.name.name === id);
    if (!b) break;
    const parts: string[] = [];
    if (b.when) parts.push(printExpr(b.when));
    if (b.effective) parts.push(`date >= ${b.effective.value}`);
    if (b.until) parts.push(`date < ${b.until.value}`);
    out.push(`${id}: ${parts.join(' and ') || 'always'}`);
    bodies = b.exceptions;
  }
  return out;
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

  if (semanticFingerprint(before) === semanticFingerprint(after)) {
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
  const u = new Universe();
  u.add(before);
  u.add(after);
  const regions: Region[] = [];
  const domain: DomainChange[] = [];
  let unconfirmed = 0;
  let incomplete: string | undefined;
  let usesLists = false;
  try {
    const input = new SymInput(Z, u, before.input.type, K);
    const eb = new Encoder(Z, u, before, input, 'bounded');
    const ea = new Encoder(Z, u, after, input, 'bounded');
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
    const policyDates = [...datesIn(before), ...datesIn(after)];
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
      const before_ = { decision: rb.result.decision, decisionText: decisionText(rb.result.decision), decidedBy: rb.result.trace.map((t) => t.id).join(' > '), conditions: conditionsOf(lb, before) };
      const after_ = { decision: ra.result.decision, decisionText: decisionText(ra.result.decision), decidedBy: ra.result.trace.map((t) => t.id).join(' > '), conditions: conditionsOf(la, after) };
      // Only enum, Boolean and date fields are pinned; numbers and lists may be bounded too, so the
      // description says so rather than overstate the region.
      const where = pinned.length > 0 ? `${pinned.join(' and ')} (for some values of the other fields, as in the witness)` : `${before_.decidedBy} applied before and ${after_.decidedBy} applies after`;
      regions.push({ description: `${where}: ${before_.decisionText} -> ${after_.decisionText}`, witness: w, before: before_, after: after_ });
    }

    // 3. nothing found within the bound: prove it for every list length by abstracting aggregates
    if (regions.length === 0 && domain.length === 0 && unconfirmed === 0 && !incomplete && usesLists) {
      const input2 = new SymInput(Z, u, before.input.type, 0);
      const shared = new Map<string, SV>();
      const xb = new Encoder(Z, u, before, input2, 'abstract', shared);
      const xa = new Encoder(Z, u, after, input2, 'abstract', shared);
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

export { printDecision };

/** Every date literal in a program's files (dates of rules, members and conditions), as day numbers. */
function datesIn(p: CheckedProgram): number[] {
  const out: number[] = [];
  const walk = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    const o = x as Record<string, unknown>;
    if (o.kind === 'date' && typeof o.value === 'string') out.push(dayNumber(o.value));
    for (const [k, v] of Object.entries(o)) if (k !== 'span') walk(v);
  };
  for (const f of p.files) walk(f.declarations.filter((d) => d.kind !== 'example'));
  return out;
}
