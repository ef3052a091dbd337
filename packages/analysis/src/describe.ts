/**
 * Region descriptions a reviewer can read: the facts that hold on *every* input of a region,
 * each proved by the solver, drawn from the conditions of the deciding rules on both sides (the
 * enum fields they test, the groups, the numeric thresholds, the dates), and the structural
 * changes that cause the region.
 *
 * Why candidates from the deciding rules only: a region's guard also holds the negations of every
 * earlier sibling, which yields true but useless facts ("not a model weight, not Tier 3, ...");
 * the conditions of the rules that decide are what a reviewer compares with the text.
 *
 * Why one question per candidate, and the bounds strongest first: the concrete inputs of the region
 * (describe-probe.ts) refute most candidates without the solver; what is left is mostly true. A
 * question without a model costs about half of one with a model (1.3 ms against 2.9 ms on the IFR
 * diff), and the description says only the strongest bound a field, an amount or the date has on
 * each side, so a bound is asked only until a stronger one is proved. Batched questions (is any
 * candidate broken?) broke one candidate per model where many were false, and used up their
 * rounds with nothing proved.
 */
import * as IR from '@pol/core/ir';
import { Rational } from '@pol/core/checker';
import type { Encoder, Leaf } from './smt/encode.ts';
import type { Universe } from './smt/universe.ts';
import type { SV } from './smt/values.ts';
import { dayNumber, MAX_DAY, MIN_DAY } from './smt/dates.ts';
import { truthIn, type Z, type ZExpr } from './smt/z3.ts';
import type { Session } from './solver.ts';
import { titled, type StructuralChange } from './structural.ts';
import { numberJson, type JsonValue } from './witness.ts';
import { exprText } from './print.ts';
import { exprKey } from './ir-key.ts';
import { impliedAtoms, impliedDates } from './implied.ts';
import { compare, dayOf, jsonAt, memberOn, rational, survivors, valuesAt, type Probe } from './describe-probe.ts';
import { factsText, groupMove, regionFact, type Fact, type Naming, type Op, type RegionFact } from './describe-text.ts';

export type { RegionFact };

export interface Described {
  /** the proved facts as text, joined by "and" (empty when none was proved) */
  readonly where: string;
  /** the structural changes (as listed in the report) that bear on the deciding rules of the region */
  readonly causes: string[];
  /** the titled groups and constants `where` names (their ids) */
  readonly named: string[];
  /** every proved fact, for programs (`where` says the strongest of them) */
  readonly facts: RegionFact[];
}

export interface VersionView {
  readonly ir: IR.Program;
  readonly enc: Encoder<{ readonly value: SV }>;
  readonly leaf: Leaf;
  /** the titles and citations of its groups, constants and definitions (structural.ts labelsOf) */
  readonly labels: Labels;
  /** the values of its numeric constants, by name (the optimised IR has folded them away) */
  readonly constants: ReadonlyMap<string, Rational>;
}

/** The value of each numeric constant, read from the lowered (not optimised) IR. */
export function constantValues(lowered: IR.Program): Map<string, Rational> {
  const out = new Map<string, Rational>();
  for (const d of lowered.defs) {
    const c = d.origin === 'const' ? constOf(lowered, d.value) : undefined;
    if (c) out.set(d.name, c);
  }
  return out;
}

type Labels = ReadonlyMap<string, { readonly title: string | undefined; readonly cites: readonly string[] }>;

const FLIP: Record<Op, Op> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };
const NEG: Record<Exclude<Op, '='>, Op> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

function pathOf(e: IR.Expr): string[] | undefined {
  if (e.k === 'input') return [e.field];
  if (e.k === 'field') {
    const o = pathOf(e.object);
    return o && [...o, e.name];
  }
  return undefined;
}

function constOf(p: IR.Program, e: IR.Expr, seen = new Set<number>()): Rational | undefined {
  if (e.k === 'num') return e.value;
  if (e.k === 'neg') return constOf(p, e.arg, seen)?.neg();
  if (e.k === 'def' && !seen.has(e.id)) return constOf(p, p.defs[e.id]!.value, new Set([...seen, e.id]));
  return undefined;
}

/** The symbolic value at `path` of the union input, and the presence flags of the optionals on the way. */
function at(v: SV, path: readonly string[]): { sv: SV; present: ZExpr[] } | undefined {
  const present: ZExpr[] = [];
  let cur: SV = v;
  for (const k of path) {
    while (cur.t === 'opt') {
      present.push(cur.p);
      cur = cur.v;
    }
    if (cur.t !== 'rec') return undefined;
    const next = cur.f.get(k);
    if (!next) return undefined;
    cur = next;
  }
  while (cur.t === 'opt') {
    present.push(cur.p);
    cur = cur.v;
  }
  return { sv: cur, present };
}

/** What the deciding rules' conditions test, with every definition followed (into an aggregate only for its items' enum fields). */
interface Tested {
  readonly enums: Map<string, string[]>;
  /** the comparisons of each enum field with a member, and the reads of each Boolean field */
  readonly enumCmps: Map<string, IR.Cmp[]>;
  readonly boolReads: Map<string, IR.Expr[]>;
  /** enum fields compared with a member (not only tested through groups) */
  readonly compared: Set<string>;
  readonly bools: Map<string, string[]>;
  readonly cmps: { node: IR.Cmp; path: string[]; side: 'l' | 'r'; c: Rational }[];
  /** comparisons of a computed amount (not one field) with a number */
  readonly sums: { node: IR.Cmp; expr: IR.Expr; side: 'l' | 'r'; c: Rational }[];
  readonly members: { node: IR.Member; path: string[] }[];
  /** enum fields of a list's items that an aggregate tests (`h.country in Tier1` for each h in veu.compute_by_country) */
  readonly items: Map<string, { list: string[]; field: string[]; enumName: string }>;
}

/** The fields from an aggregate's element to `e` (`h.country` is ['country']), else undefined. */
function elementPath(e: IR.Expr, binder: number): string[] | undefined {
  if (e.k === 'binder') return e.id === binder ? [] : undefined;
  if (e.k === 'field') {
    const o = elementPath(e.object, binder);
    return o && [...o, e.name];
  }
  return undefined;
}

/** The enum fields of the items of an input list that an aggregate over it compares or tests for membership. */
function itemReads(agg: IR.Agg, into: Tested['items']): void {
  const list = pathOf(agg.list);
  if (!list) return;
  const note = (x: IR.Expr): void => {
    const field = elementPath(x, agg.binder);
    if (field && field.length > 0 && x.type.kind === 'enum') into.set(`${list.join('.')}[*].${field.join('.')}`, { list, field, enumName: x.type.name });
  };
  const walk = (e: IR.Expr): void => {
    if (e.k === 'member') note(e.elem);
    if (e.k === 'cmp' && e.domain === 'enum') [e.l, e.r].forEach(note);
    IR.children(e).forEach(walk);
  };
  for (const x of [agg.where, agg.body]) if (x) walk(x);
}

function tested(p: IR.Program, rules: readonly IR.Rule[], changed: (path: readonly IR.Rule[]) => boolean, otherPath: readonly string[]): Tested {
  const t: Tested = { enums: new Map(), enumCmps: new Map(), boolReads: new Map(), compared: new Set(), bools: new Map(), cmps: [], sums: [], members: [], items: new Map() };
  const seen = new Set<number>();
  const walk = (e: IR.Expr): void => {
    // an aggregate's element has no path of the input: only its enum fields are facts (some
    // holding's country is Poland), and only for the member an amendment moved
    if (e.k === 'agg') return itemReads(e, t.items);
    if (e.k === 'def') {
      if (!seen.has(e.id)) {
        seen.add(e.id);
        walk(p.defs[e.id]!.value);
      }
      return;
    }
    const path = pathOf(e);
    if (path) {
      if (e.type.kind === 'bool') {
        t.bools.set(path.join('.'), path);
        t.boolReads.set(path.join('.'), [...(t.boolReads.get(path.join('.')) ?? []), e]);
      }
      return;
    }
    if (e.k === 'cmp') {
      const lp = pathOf(e.l);
      const rp = pathOf(e.r);
      if (e.domain === 'enum' && (lp ?? rp)) {
        t.enums.set((lp ?? rp)!.join('.'), (lp ?? rp)!);
        t.enumCmps.set((lp ?? rp)!.join('.'), [...(t.enumCmps.get((lp ?? rp)!.join('.')) ?? []), e]);
        t.compared.add((lp ?? rp)!.join('.'));
      }
      else if (e.domain === 'number' && e.op !== '!=') {
        const lc = constOf(p, e.l);
        const rc = constOf(p, e.r);
        if (lp && rc) t.cmps.push({ node: e, path: lp, side: 'l', c: rc });
        else if (rp && lc) t.cmps.push({ node: e, path: rp, side: 'r', c: lc });
        else if (!lp && !rp && rc && !lc && amounts) t.sums.push({ node: e, expr: e.l, side: 'l', c: rc });
        else if (!lp && !rp && lc && !rc && amounts) t.sums.push({ node: e, expr: e.r, side: 'r', c: lc });
      }
    }
    if (e.k === 'member') {
      const sname = p.sets[e.set]!.name;
      const ep = pathOf(e.elem);
      if (ep) {
        t.enums.set(ep.join('.'), ep);
        if (sname) t.members.push({ node: e, path: ep });
      }
    }
    IR.children(e).forEach(walk);
  };
  // the deciding rule's own exceptions did not apply: their conditions bound the region too (x <=
  // 1200); so do the other exceptions along the path that the amendment changed (LPP's new limit
  // where ACA decides), but not the unchanged ones, which would only add true facts beside the point
  const siblings = rules.slice(0, -1).flatMap((q, i) => q.exceptions.filter((e) => e !== rules[i + 1] && changed([...rules.slice(0, i + 1), e])));
  // a sibling's computed amounts bound the region only where the other version decides by that
  // sibling (LPP's new limit, where ACA decides before and LPP after); elsewhere the sibling did not
  // decide for any of its reasons, and its amounts were questions the solver refuted one by one
  // (most of the IFR memo's). Those walked first, so that a definition both read keeps its amounts
  let amounts = true;
  const quiet = siblings.filter((x) => !otherPath.includes(x.name));
  for (const r of [...rules, ...(rules.at(-1)?.exceptions ?? []), ...siblings.filter((x) => !quiet.includes(x))]) if (r.when) walk(r.when);
  amounts = false;
  for (const r of quiet) if (r.when) walk(r.when);
  return t;
}

/** A field that may hold a member: the term that it holds the member of index `i`, the witness's values of it. */
interface Holder {
  holds(i: number): ZExpr;
  readonly values: readonly string[];
  /** an item of a list (any of them), not one field */
  readonly item: boolean;
}

/** Some item of the list holds the member in `field` (within the encoding's bound on the list's length). */
function itemHolder(Z: Z, input: SV, w: JsonValue, r: { readonly list: readonly string[]; readonly field: readonly string[] }): Holder | undefined {
  const x = at(input, r.list);
  if (!x || x.sv.t !== 'list') return undefined;
  const list = x.sv;
  const cells = list.items.flatMap((item, n) => {
    const y = at(item, r.field);
    return y?.sv.t === 'enum' ? [{ n, v: y.sv.v, present: y.present }] : [];
  });
  if (cells.length === 0) return undefined;
  const raw = jsonAt(w, r.list);
  const values = Array.isArray(raw) ? raw.map((it) => jsonAt(it, r.field)).filter((v): v is string => typeof v === 'string') : [];
  return { holds: (i) => Z.And(...x.present, Z.Or(...cells.map((c) => Z.And(list.len.gt(c.n), ...c.present, c.v.eq(i))))), values, item: true };
}

/**
 * A comparison of a field or amount with a constant, as the bound it puts on the field or amount:
 * `x * sl op c * sr` (or the mirror), both scales positive, in the field's own terms.
 */
function bound(c: { readonly node: IR.Cmp; readonly side: 'l' | 'r'; readonly c: Rational }): { k: Rational; op: Op } {
  const sl = Rational.of(c.node.scale?.l ?? 1n);
  const sr = Rational.of(c.node.scale?.r ?? 1n);
  return { k: c.side === 'l' ? c.c.mul(sr).div(sl) : c.c.mul(sl).div(sr), op: c.side === 'l' ? (c.node.op as Op) : FLIP[c.node.op as Op] };
}

/** Whether the last rule of `path` (rules by name from the top) has another condition, or none, in the other version. */
function conditionChanged(p: IR.Program, q: IR.Program, path: readonly IR.Rule[]): boolean {
  let list: readonly IR.Rule[] = q.rules;
  let twin: IR.Rule | undefined;
  for (const r of path) {
    twin = list.find((x) => x.name === r.name);
    if (!twin) return true;
    list = twin.exceptions;
  }
  const mine = path.at(-1)!.when;
  const theirs = twin!.when;
  return mine === undefined || theirs === undefined ? mine !== theirs : exprKey(p, mine, true) !== exprKey(q, theirs, true);
}

/**
 * The proved facts of the region `guard` (asked inside the solver's current scope, which holds the
 * difference) and its structural causes. `m` is the model that found the region.
 */
export function describeRegion(Z: Z, s: Session, guard: ZExpr, u: Universe, input: SV, before: VersionView, after: VersionView, dates: readonly number[], structural: readonly StructuralChange[], region: Probe & { readonly pool: JsonValue[]; readonly model?: ZExpr; readonly amountOn?: (term: ZExpr, w: JsonValue) => boolean | undefined }): Described {
  const truth = (t: ZExpr, model: ZExpr): boolean => truthIn(Z, model, t) === true;
  // every candidate is true on the region's confirmed witness, read from its JSON (evaluating the
  // candidates' terms in a model cost more than the solver's queries)
  const w = region.witness;
  const facts: Fact[] = [];
  // the facts the deciding leaves imply by their shape (implied.ts): proved without a query
  const free = new Set<Fact>();
  const dated = before.enc.asOf !== undefined;
  // the enum fields the rules test, by enum (for `some` below): the term that the field holds a
  // member (by index), and the witness's values of it
  const enumFields = new Map<string, Map<string, Holder>>();
  const hold = (enumName: string, key: string, h: Holder): void => {
    enumFields.set(enumName, (enumFields.get(enumName) ?? new Map<string, Holder>()).set(key, h));
  };
  for (const side of [before, after]) {
    const other = side === before ? after : before;
    const t = tested(side.ir, side.leaf.rules, (path) => conditionChanged(side.ir, other.ir, path), other.leaf.path);
    const implied = impliedAtoms(side.ir, side.leaf.rules, dated);
    const push = (f: Fact, isFree: boolean): void => {
      facts.push(f);
      if (isFree) free.add(f);
    };
    const literal = (c: IR.Cmp): string | undefined => (c.r.k === 'enum' ? c.r.member : c.l.k === 'enum' ? c.l.member : undefined);
    for (const [key, path] of t.enums) {
      const x = at(input, path);
      const value = jsonAt(w, path);
      if (x?.sv.t === 'enum') {
        const v = x.sv.v;
        hold(x.sv.name, key, { holds: (i) => Z.And(...x.present, v.eq(i)), values: typeof value === 'string' ? [value] : [], item: false });
      }
      if (facts.some((f) => f.k === 'pin' && f.path === key)) continue;
      if (!x || x.sv.t !== 'enum' || typeof value !== 'string' || !u.enums.get(x.sv.name)?.includes(value)) continue;
      // a field is pinned to its member only when the deciding rules compare it with that member,
      // or that member's groups changed (Poland moved to Tier 1); any other pin would be a guess
      // the solver must refute (`consignee.headquarters != US` says nothing of a witness's SE)
      if (!(t.enumCmps.get(key) ?? []).some((c) => literal(c) === value) && groupMove(before.ir, after.ir, x.sv.name, value) === undefined) continue;
      const pinned = (t.enumCmps.get(key) ?? []).some((c) => literal(c) === value && implied.get(c) === (c.op === '='));
      push({ k: 'pin', path: key, value, enumName: x.sv.name, term: Z.And(...x.present, x.sv.v.eq(u.index(x.sv.name, value))), x: x.sv.v }, pinned);
    }
    for (const [key, path] of t.bools) {
      if (facts.some((f) => f.k === 'pin' && f.path === key)) continue;
      const x = at(input, path);
      const value = jsonAt(w, path);
      if (!x || x.sv.t !== 'bool' || typeof value !== 'boolean') continue;
      push({ k: 'pin', path: key, value: String(value), enumName: undefined, term: Z.And(...x.present, value ? x.sv.v : Z.Not(x.sv.v)), x: x.sv.v }, (t.boolReads.get(key) ?? []).some((e) => implied.has(e)));
    }
    for (const g of t.members) {
      const x = at(input, g.path);
      const value = jsonAt(w, g.path);
      if (!x || x.sv.t !== 'enum' || typeof value !== 'string') continue;
      const setDef = side.ir.sets[g.node.set]!;
      const set = setDef.name!;
      if (facts.some((f) => f.k === 'group' && f.path === g.path.join('.') && f.set === set)) continue;
      const term = side.enc.bool(g.node);
      const inside = memberOn(setDef, value, dayOf(w, region.asOf));
      push({ k: 'group', path: g.path.join('.'), set, setDef, inside, term: Z.And(...x.present, inside ? term : Z.Not(term)), x: x.sv.v, enumName: x.sv.name }, implied.has(g.node));
    }
    for (const c of t.cmps) {
      const x = at(input, c.path);
      const value = rational(jsonAt(w, c.path));
      if (!x || x.sv.t !== 'num' || value === undefined) continue;
      const term = side.enc.bool(c.node);
      const { k, op } = bound(c);
      const holds = compare(value, op, k);
      if (!holds && op === '=') continue;
      push({ k: 'num', path: c.path.join('.'), op: holds ? op : NEG[op as Exclude<Op, '='>], c: k, term: Z.And(...x.present, holds ? term : Z.Not(term)), x: x.sv.v }, implied.has(c.node));
    }
    // an amount is not read off the witness: the comparison or its negation, whichever holds in the
    // model that found the region (both when there is none), and the solver says whether it holds
    // on the whole region
    for (const c of t.sums) {
      const term = side.enc.bool(c.node);
      const { k, op } = bound(c);
      const path = exprText(side.ir, c.expr);
      const unit = c.expr.type.kind === 'number' && c.expr.type.unit !== null ? c.expr.type.unit : undefined;
      // a comparison on the deciding rules' path (or a deciding exception's that did not apply)
      // holds, or fails, on all of the region by the leaf's shape: no question to ask
      const shape = implied.get(c.node);
      const holds = shape !== undefined && (shape || op !== '=') ? shape : region.model === undefined ? undefined : truth(term, region.model);
      const isFree = shape !== undefined && holds === shape;
      // the same comparison is often read by several rules, and by both versions where the amount
      // did not change: one candidate each (the IFR memo asked about 10-14 per region, half of them twice)
      const twin = facts.find((f) => f.k === 'sum' && f.of === term.id() && (holds === undefined || f.op === (holds ? op : NEG[op as Exclude<Op, '='>])));
      if (twin) {
        if (isFree) free.add(twin);
        continue;
      }
      const amount = exprKey(side.ir, c.expr, true);
      if (holds !== false) push({ k: 'sum', path, op, c: k, term, unit, of: term.id(), amount }, isFree);
      if (holds !== true && op !== '=') push({ k: 'sum', path, op: NEG[op], c: k, term: Z.Not(term), unit, of: term.id(), amount }, isFree);
    }
    for (const [key, r] of t.items) {
      const h = itemHolder(Z, input, w, r);
      if (h) hold(r.enumName, key, h);
    }
  }
  // a member whose groups changed, held by one of several fields the rules test (Poland as the
  // destination or a headquarters, where the region has it in either), by some item of a list (a
  // holding in Poland, where the Tier 1 share counts it), or by either: no one field is pinned, but
  // one holds it. Each is asked, and the text says the narrowest that holds (describe-text.ts)
  for (const [enumName, fields] of enumFields) {
    const plain = [...fields].filter(([, h]) => !h.item);
    const items = [...fields].filter(([, h]) => h.item);
    const combos = [...(plain.length >= 2 ? [plain] : []), ...(items.length ? [items] : []), ...(items.length && plain.length ? [[...plain, ...items]] : [])];
    for (const combo of combos) {
      const values = new Set(combo.flatMap(([, h]) => h.values));
      for (const value of [...values].sort()) {
        if (groupMove(before.ir, after.ir, enumName, value) === undefined || !u.enums.get(enumName)?.includes(value)) continue;
        const paths = combo.map(([k]) => k);
        const i = u.index(enumName, value);
        const parts = combo.map(([, h]) => h.holds(i));
        facts.push({ k: 'some', path: paths.join(' or '), paths, value, enumName, term: Z.Or(...parts), parts });
      }
    }
  }
  const enc = before.enc;
  const d0 = dayOf(w, region.asOf);
  if (enc.asOf !== undefined && d0 !== undefined) {
    const name = before.ir.input.asOf!;
    const cands = [...new Set(dates)].filter((d) => d > MIN_DAY && d <= MAX_DAY).sort((x, y) => x - y);
    // the rules' own dates bound the region on both sides
    const bounds = [before, after].map((v) => impliedDates(v.leaf.rules));
    const lo = Math.max(...bounds.map((b) => (b.from === undefined ? -Infinity : dayNumber(b.from))));
    const hi = Math.min(...bounds.map((b) => (b.until === undefined ? Infinity : dayNumber(b.until))));
    for (const d of cands) {
      const f: Fact = d <= d0 ? { k: 'date', path: name, op: '>=', day: d, term: enc.asOf.ge(d), x: enc.asOf } : { k: 'date', path: name, op: '<', day: d, term: enc.asOf.lt(d), x: enc.asOf };
      facts.push(f);
      if (f.op === '>=' ? d <= lo : d >= hi) free.add(f);
    }
  }

  // a bound weaker than a free one on the same field is implied by it
  for (const f of facts) if (f.k === 'num' && !free.has(f) && facts.some((g) => g.k === 'num' && free.has(g) && g.path === f.path && weaker(f, g))) free.add(f);
  // concrete inputs of the region refute most other candidates without a query (describe-probe.ts)
  const amountOn = region.amountOn;
  const alive = survivors(facts.filter((f) => !free.has(f)), amountOn ? { ...region, holdsAmount: (f, x) => amountOn((f as Fact).term, x) } : region, u);
  const proved = proveEach(Z, s, guard, alive, w);
  const name = naming(before, after);
  const holding = facts.filter((f) => free.has(f) || proved.has(f)).map((f) => proved.get(f) ?? f);
  const where = factsText(holding, before.ir, after.ir, name);
  return { where, causes: causesOf(before, after, structural), named: [...name.used], facts: holding.map((f) => regionFact(f, before.ir)) };
}

/**
 * The candidates that hold on all of the region `guard`, each asked alone: every fact that is not
 * a bound; of each field's, amount's or date's bounds on one side (lower, upper or equal), the
 * strongest that holds, asked strongest first. `unknown` stops a group with nothing claimed. Each
 * proved fact maps to the fact as stated: a "one of" narrowed to the fields it needs (`w` the
 * region's witness).
 */
function proveEach(Z: Z, s: Session, guard: ZExpr, candidates: readonly Fact[], w: JsonValue): Map<Fact, Fact> {
  const groups = new Map<string, Fact[]>();
  candidates.forEach((f, i) => {
    const side = f.k === 'num' || f.k === 'sum' || f.k === 'date' ? (f.op === '=' ? '=' : f.op === '>' || f.op === '>=' ? '>' : '<') : undefined;
    const key = side === undefined ? `#${i}` : `${side} ${f.k === 'sum' ? f.amount : f.path}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  });
  const at = (f: Fact): Rational => (f.k === 'date' ? Rational.of(BigInt(f.day)) : f.k === 'num' || f.k === 'sum' ? f.c : Rational.of(0n));
  const strict = (f: Fact): number => ('op' in f && (f.op === '>' || f.op === '<') ? 0 : 1);
  const out = new Map<Fact, Fact>();
  // the guard is asserted once and each question is an assumption: asserted with each question,
  // the region's guard was taken in again (and dropped at the pop) for every candidate
  s.push();
  s.add(guard);
  for (const [key, fs] of groups) {
    const lower = key.startsWith('>');
    fs.sort((x, y) => (lower ? at(y).cmp(at(x)) : at(x).cmp(at(y))) || strict(x) - strict(y));
    for (const f of fs) {
      const r = s.check(Z.Not(f.term));
      if (r === 'unsat') out.set(f, f.k === 'some' ? narrowed(Z, s, f, w) : f);
      if (r !== 'sat') break;
    }
  }
  s.pop();
  return out;
}

/**
 * A proved "one of these fields holds the member" with the fields it does not need left out, each
 * dropped only when the rest still hold it on the witness and, asked under the region's guard
 * (proveEach's scope), on all of the region: the
 * candidates are every field the deciding rules test, so "destination or veu.country or ..." held
 * where AIA reads neither (and the destination was in Tier 1 before the change, so not Poland).
 */
function narrowed(Z: Z, s: Session, f: Extract<Fact, { k: 'some' }>, w: JsonValue): Fact {
  let keep = f.paths.map((_, i) => i);
  for (const i of f.paths.map((_, j) => j)) {
    const rest = keep.filter((j) => j !== i);
    if (rest.length === 0 || !rest.some((j) => valuesAt(w, f.paths[j]!).includes(f.value))) continue;
    if (s.check(Z.Not(Z.Or(...rest.map((j) => f.parts[j]!)))) === 'unsat') keep = rest;
  }
  if (keep.length === f.paths.length) return f;
  const paths = keep.map((j) => f.paths[j]!);
  const parts = keep.map((j) => f.parts[j]!);
  return { ...f, path: paths.join(' or '), paths, parts, term: Z.Or(...parts) };
}

/** `f` follows from `g` (both bounds on one field): `x >= 1600` from `x >= 4800`, `x >= 5` from `x > 5`. */
function weaker(f: Extract<Fact, { k: 'num' }>, g: Extract<Fact, { k: 'num' }>): boolean {
  const d = f.c.cmp(g.c);
  const lower = (o: Op): boolean => o === '>' || o === '>=';
  const upper = (o: Op): boolean => o === '<' || o === '<=';
  if (g.op === '=') return f.op === '=' ? d === 0 : lower(f.op) ? d < 0 || (d === 0 && f.op === '>=') : d > 0 || (d === 0 && f.op === '<=');
  if (lower(f.op) && lower(g.op)) return d < 0 || (d === 0 && (f.op === '>=' || g.op === '>'));
  if (upper(f.op) && upper(g.op)) return d > 0 || (d === 0 && (f.op === '<=' || g.op === '<'));
  return false;
}

/** Groups named by title (the newer version's first) and constants that the deciding rules name, by value. */
function naming(before: VersionView, after: VersionView): Naming {
  const label = (id: string) => after.labels.get(id) ?? before.labels.get(id);
  const consts = new Map<string, { id: string; version: string | undefined }>();
  for (const side of [after, before]) {
    const names = namesUsed(side);
    for (const [n, c] of side.constants) {
      if (!side.labels.has(n) || !names.has(n) || consts.has(c.toString())) continue;
      // a constant the amendment changed says which version's value it is (LPP's limit of
      // 26,900,000 TPP before and 30,000,000 after were both just "the LPP limit")
      const [b, a] = [before.constants.get(n), after.constants.get(n)];
      consts.set(c.toString(), { id: n, version: b !== undefined && a !== undefined && b.cmp(a) !== 0 ? (side === before ? 'before the change' : 'after the change') : undefined });
    }
  }
  const used = new Set<string>();
  const named = (id: string): string => {
    const l = label(id);
    if (l) used.add(id);
    return titled(id, l?.title, l?.cites);
  };
  return {
    group: named,
    constant: (c) => {
      const k = consts.get(c.toString());
      return k === undefined ? undefined : `${named(k.id)}${k.version ? `, ${k.version}` : ''}`;
    },
    used,
  };
}

/** namesUsed by leaf: asked for each side of a region twice (naming, causes), and a leaf decides several regions */
const namesOfLeaf = new WeakMap<Leaf, Set<string>>();

/** The groups, definitions and constants a side's deciding rules (and the deciding rule's exceptions) name. */
function namesUsed(side: VersionView): Set<string> {
  const known = namesOfLeaf.get(side.leaf);
  if (known) return known;
  const names = new Set<string>();
  namesOfLeaf.set(side.leaf, names);
  // the definitions and named groups the conditions reach, inside aggregates too (UVEU's
  // single-country cap multiplies UVEU_SINGLE_COUNTRY_SHARE by a sum over the holdings); constants
  // are folded into the IR, so a constant is found by the name the conditions and those
  // definitions are written with
  const texts: string[] = [];
  const seen = new Set<number>();
  const walk = (e: IR.Expr): void => {
    if (e.k === 'def' && !seen.has(e.id)) {
      seen.add(e.id);
      names.add(side.ir.defs[e.id]!.name);
      texts.push(exprText(side.ir, side.ir.defs[e.id]!.value));
      walk(side.ir.defs[e.id]!.value);
    }
    if (e.k === 'member' && side.ir.sets[e.set]!.name) names.add(side.ir.sets[e.set]!.name!);
    IR.children(e).forEach(walk);
  };
  for (const r of [...side.leaf.rules, ...(side.leaf.rules.at(-1)?.exceptions ?? [])]) {
    if (!r.when) continue;
    texts.push(exprText(side.ir, r.when));
    walk(r.when);
  }
  for (const t of texts) for (const w of t.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) names.add(w);
  return names;
}

/** The structural changes that bear on a region: its deciding rules (and their parents), and the groups and definitions their conditions use. */
function causesOf(before: VersionView, after: VersionView, structural: readonly StructuralChange[]): string[] {
  const ruleIds = new Set<string>();
  const names = new Set<string>();
  for (const side of [before, after]) {
    const path = side.leaf.path;
    if (path[0] === 'otherwise') ruleIds.add('otherwise');
    else for (let i = 1; i <= path.length; i++) ruleIds.add(path.slice(0, i).join('.'));
    for (const n of namesUsed(side)) names.add(n);
  }
  return structural
    .filter((c) => ((c.what === 'rule' || c.what === 'exception' || c.what === 'otherwise') && (ruleIds.has(c.id) || c.id === '(precedence)')) || ((c.what === 'group' || c.what === 'const' || c.what === 'define') && names.has(c.id)) || c.what === 'input' || c.what === 'enum')
    .map(structuralHead);
}

/** How a structural change is named in a report (the head of its line, which links a region to it). */
export function structuralHead(c: StructuralChange): string {
  // the policy's own header and the fallback have no name of their own ("changed policy", not "changed policy policy")
  return c.id === c.what ? `${c.change} ${c.what}` : `${c.change} ${c.what} ${c.id}`;
}

/** Every date a program decides by (rule dates, set membership changes, date literals), as day numbers. */
export function datesIn(p: IR.Program): number[] {
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

/** Every number literal a program uses (thresholds, limits), as the witness JSON writes them. */
export function numbersIn(p: IR.Program): string[] {
  const out = new Set<string>();
  const walk = (e: IR.Expr): void => {
    if (e.k === 'num') out.add(String(numberJson(e.value)));
    IR.children(e).forEach(walk);
  };
  IR.everyExpr(p).forEach(walk);
  return [...out];
}
