/**
 * How a region's proved facts are said: as text for the memo ("destination in {PL} (moved from
 * Tier 2 to Tier 1) and 4800 <= item.tpp < 26,900,000"), grouping the fields that share a fact,
 * keeping each field's strongest bounds, naming groups and constants by their titles; and as JSON
 * facts for programs. What the facts are and how they are proved is describe.ts.
 */
import * as IR from '@pol/core/ir';
import { Rational, type Type } from '@pol/core/checker';
import { fromDayNumber } from './smt/dates.ts';
import type { ZExpr } from './smt/z3.ts';
import { numberJson } from './witness.ts';
import { setMemberText } from './print.ts';
import { setKey } from './ir-key.ts';

export type Op = '<' | '<=' | '>' | '>=' | '=';

/** A candidate fact: a term true on the region's first model, and how to say it. */
export type Fact =
  | { readonly k: 'pin'; readonly path: string; readonly value: string; readonly enumName: string | undefined; readonly term: ZExpr; readonly x: ZExpr }
  | { readonly k: 'group'; readonly path: string; readonly set: string; readonly setDef: IR.SetDef; readonly inside: boolean; readonly term: ZExpr; readonly x: ZExpr; readonly enumName: string }
  | { readonly k: 'num'; readonly path: string; readonly op: Op; readonly c: Rational; readonly term: ZExpr; readonly x: ZExpr }
  // a computed amount compared with a number (`lpp_received_elsewhere + LppReceived + shipment_tpp <= LPP_ANNUAL_LIMIT`),
  // `path` its text: no input holds it in one field, so only the solver decides it
  /**
   * `of`: the z3 id of the comparison's term (both directions share it), so that one comparison
   * read twice is one candidate; `amount`: the amount's meaning (its IR key), whose bounds are
   * proved strongest first
   */
  | { readonly k: 'sum'; readonly path: string; readonly op: Op; readonly c: Rational; readonly term: ZExpr; readonly unit: string | undefined; readonly of: number; readonly amount: string }
  | { readonly k: 'date'; readonly path: string; readonly op: '>=' | '<'; readonly day: number; readonly term: ZExpr; readonly x: ZExpr }
  // a moved member in one of several fields (Poland as the destination or a headquarters); `path` their names joined
  // `parts`: each path's term, in the order of `paths` (the fact is narrowed to fewer paths once proved)
  | { readonly k: 'some'; readonly path: string; readonly paths: readonly string[]; readonly value: string; readonly enumName: string; readonly term: ZExpr; readonly parts: readonly ZExpr[] };

/** A proved fact of a region, as JSON reports carry it: each holds on every input of the region. */
export type RegionFact =
  | { readonly kind: 'is'; readonly path: string; readonly value: string | boolean }
  | { readonly kind: 'in' | 'not in'; readonly path: string; readonly group: string; readonly version: 'before' | 'after' }
  | { readonly kind: 'number'; readonly path: string; readonly op: Op; readonly value: number | string }
  /** a computed amount (`expression` as the policy writes it) compared with a number */
  | { readonly kind: 'amount'; readonly expression: string; readonly op: Op; readonly value: number | string }
  | { readonly kind: 'date'; readonly path: string; readonly op: '>=' | '<'; readonly value: string }
  /** at least one of the fields holds the member */
  | { readonly kind: 'one of'; readonly paths: readonly string[]; readonly value: string };

/** How the description names things: a group by its title and citations, a number by the constant it is. */
export interface Naming {
  group(id: string): string;
  /** the titled constant among the deciding rules' names with this value, as named */
  constant(c: Rational): string | undefined;
  /** the ids named so far */
  readonly used: Set<string>;
}

/**
 * How a member's groups changed between the versions, in a reader's words: "moved from Tier2 to
 * Tier1", "leaves Country Group D:5 and Tier 3 on 2026-07-01; joins Tier 2 on 2026-07-01". Groups
 * that change the same way on the same day are named together (a country leaving D:5 also leaves
 * every group made from it), joined with "and": their titles hold commas.
 */
export function groupMove(irB: IR.Program, irA: IR.Program, enumName: string, m: string, name: (id: string) => string = (id) => id): string | undefined {
  type Ranges = readonly IR.DateRange[];
  const groups = (p: IR.Program): Map<string, { ranges: Ranges; undated: boolean; set: IR.SetDef }> =>
    new Map(p.sets.filter((s) => s.of === enumName && s.name !== undefined && (s.members.has(m) || s.undated.includes(m))).map((s) => [s.name!, { ranges: s.members.get(m) ?? [], undated: s.undated.includes(m), set: s }]));
  const gb = groups(irB);
  const ga = groups(irA);
  const always = (r: Ranges): boolean => r.length === 1 && r[0]!.from === undefined && r[0]!.until === undefined;
  // a single range until (or from) one day, the other end open
  const until = (r: Ranges): string | undefined => (r.length === 1 && r[0]!.from === undefined ? r[0]!.until : undefined);
  const from = (r: Ranges): string | undefined => (r.length === 1 && r[0]!.until === undefined ? r[0]!.from : undefined);
  // the groups of each phrase, by verb and day, in the order first met
  const phrases = new Map<string, { verb: string; day: string | undefined; groups: string[] }>();
  const say = (verb: string, g: string, day?: string): void => {
    const k = `${verb}\n${day ?? ''}`;
    if (!phrases.has(k)) phrases.set(k, { verb, day, groups: [] });
    phrases.get(k)!.groups.push(name(g));
  };
  const other: string[] = [];
  for (const g of new Set([...gb.keys(), ...ga.keys()])) {
    const [b, a] = [gb.get(g), ga.get(g)];
    if (b && !a) say(always(b.ranges) ? 'removed from' : 'no longer in', g);
    else if (!b && a) say(always(a.ranges) ? 'added to' : from(a.ranges) !== undefined ? 'joins' : 'now in', g, from(a.ranges));
    else if (b && a && (JSON.stringify(b.ranges) !== JSON.stringify(a.ranges) || b.undated !== a.undated)) {
      if (always(b.ranges) && until(a.ranges) !== undefined) say('leaves', g, until(a.ranges));
      else if (b.ranges.length === 0 && from(a.ranges) !== undefined) say('joins', g, from(a.ranges));
      else other.push(`in ${name(g)}: ${setMemberText(b.set, m)} -> ${setMemberText(a.set, m)}`);
    }
  }
  const list = (verb: string): string | undefined => phrases.get(`${verb}\n`)?.groups.join(' and ');
  const [removed, added] = [list('removed from'), list('added to')];
  const parts: string[] = [];
  if (removed && added) parts.push(`moved from ${removed} to ${added}`);
  else if (removed) parts.push(`removed from ${removed}`);
  else if (added) parts.push(`added to ${added}`);
  for (const p of phrases.values()) {
    if (p.verb === 'removed from' || p.verb === 'added to') continue;
    parts.push(`${p.verb} ${p.groups.join(' and ')}${p.day !== undefined ? ` on ${p.day}` : ''}`);
  }
  parts.push(...other);
  return parts.length ? parts.join('; ') : undefined;
}

/** A field as a reader names it: an item's field of a list is "the country of an item of veu.compute_by_country". */
export function fieldText(path: string): string {
  const parts = path.split('[*].');
  let out = parts[0]!;
  for (const f of parts.slice(1)) out = `the ${f} of an item of ${out}`;
  return out;
}

export function numText(c: Rational): string {
  return String(numberJson(c));
}

/**
 * A number as a reader writes it: thousands grouped from 10,000 on (26,900,000; 4800 stays as
 * policies write it); a whole number of 13 digits or more with at most three significant ones in
 * powers of ten, as the policy writes it (1e26, not 100,000,000,000,000,000,000,000,000).
 */
export function readable(c: Rational): string {
  const t = numText(c);
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(t);
  if (!m || m[2]!.length < 5) return t;
  const sig = m[2]!.replace(/0+$/, '');
  if (m[3] === undefined && m[2]!.length >= 13 && sig.length <= 3) return `${m[1]}${sig[0]}${sig.length > 1 ? `.${sig.slice(1)}` : ''}e${m[2]!.length - 1}`;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+$)/g, ',')}${m[3] ?? ''}`;
}

/** The unit of the input field at a dotted path, when it is a quantity. */
export function unitAt(p: IR.Program, path: string): string | undefined {
  let t: Type | undefined = p.input.type;
  for (const k of path.split('.')) {
    while (t?.kind === 'optional' || t?.kind === 'list') t = t.kind === 'optional' ? t.inner : t.element;
    t = t?.kind === 'record' ? t.fields.get(k) : undefined;
  }
  while (t?.kind === 'optional') t = t.inner;
  return t?.kind === 'number' && t.unit !== null ? t.unit : undefined;
}

export function regionFact(f: Fact, irB: IR.Program): RegionFact {
  switch (f.k) {
    case 'pin':
      return { kind: 'is', path: f.path, value: f.enumName === undefined ? f.value === 'true' : f.value };
    case 'group':
      return { kind: f.inside ? 'in' : 'not in', path: f.path, group: f.set, version: irB.sets.includes(f.setDef) ? 'before' : 'after' };
    case 'num':
      return { kind: 'number', path: f.path, op: f.op, value: numText(f.c) };
    case 'sum':
      return { kind: 'amount', expression: f.path, op: f.op, value: numText(f.c) };
    case 'date':
      return { kind: 'date', path: f.path, op: f.op, value: fromDayNumber(f.day) };
    case 'some':
      return { kind: 'one of', paths: f.paths, value: f.value };
  }
}

export function factsText(facts: readonly Fact[], irB: IR.Program, irA: IR.Program, name: Naming): string {
  const out: string[] = [];
  const pins = facts.filter((f): f is Extract<Fact, { k: 'pin' }> => f.k === 'pin');
  for (const f of pins) {
    if (f.enumName === undefined) out.push(`${f.path} is ${f.value}`);
    else {
      const move = groupMove(irB, irA, f.enumName, f.value, name.group);
      out.push(`${f.path} in {${f.value}}${move ? ` (${move})` : ''}`);
    }
  }
  const pinnedPaths = new Set(pins.map((f) => f.path));
  const said = new Set<string>();
  for (const f of facts) {
    if (f.k !== 'some' || pins.some((p) => p.value === f.value && f.paths.includes(p.path))) continue;
    // "a headquarters is PL" says more than "a headquarters or a holding is PL"
    if (facts.some((g) => g.k === 'some' && g.value === f.value && g.paths.length < f.paths.length && g.paths.every((x) => f.paths.includes(x)))) continue;
    // two candidates narrowed to the same fields are one fact
    const text = `${f.paths.map(fieldText).join(' or ')} in {${f.value}}`;
    if (said.has(text)) continue;
    said.add(text);
    const move = groupMove(irB, irA, f.enumName, f.value, name.group);
    out.push(`${text}${move ? ` (${move})` : ''}`);
  }
  const groups = facts.filter((f): f is Extract<Fact, { k: 'group' }> => f.k === 'group' && !pinnedPaths.has(f.path));
  // "in Tier1" says more than "not in Tier3": a field's negative facts are shown only when it has no positive one;
  // fields with the same fact are named together ("destination, consignee.headquarters not in Tier3")
  const positive = new Set(groups.filter((g) => g.inside).map((g) => g.path));
  // a group the amendment changed is said with the version whose members the fact means
  // ("destination in Tier 2 before the change" of Poland, which is in Tier 1 after it)
  const changed = (set: string): boolean => {
    const [b, a] = [irB.sets.find((x) => x.name === set), irA.sets.find((x) => x.name === set)];
    return b === undefined || a === undefined || setKey(b) !== setKey(a);
  };
  const groupText = (g: Extract<Fact, { k: 'group' }>): string => `${name.group(g.set)}${changed(g.set) ? (irB.sets.includes(g.setDef) ? ' before the change' : ' after the change') : ''}`;
  const sets = new Map<string, { path: string; inside: boolean; sets: string[] }>();
  for (const g of groups) {
    if (!g.inside && positive.has(g.path)) continue;
    const k = `${g.path}\n${g.inside}`;
    const e = sets.get(k) ?? { path: g.path, inside: g.inside, sets: [] };
    if (!e.sets.includes(groupText(g))) e.sets.push(groupText(g));
    sets.set(k, e);
  }
  const bySet = new Map<string, string[]>();
  for (const e of sets.values()) {
    // titles hold commas and parentheses of their own: "nor" keeps one group from reading as part of another's title
    const fact = e.inside ? e.sets.map((x) => `in ${x}`).join(' and ') : `not in ${e.sets.join(' nor in ')}`;
    bySet.set(fact, [...(bySet.get(fact) ?? []), e.path]);
  }
  for (const [fact, paths] of bySet) out.push(`${paths.join(', ')} ${fact}`);
  // numeric windows: the strongest proved bound on each side, of a field or of a computed amount
  const nums = facts.filter((f): f is Extract<Fact, { k: 'num' | 'sum' }> => f.k === 'num' || f.k === 'sum');
  for (const path of [...new Set(nums.map((f) => f.path))]) {
    const mine = nums.filter((f) => f.path === path);
    const eq = mine.find((f) => f.op === '=');
    // a quantity's bound says its unit, as the policy wrote the field: "item.tpp >= 4800 TPP"
    const amount = mine.find((f): f is Extract<Fact, { k: 'sum' }> => f.k === 'sum');
    const unit = amount ? amount.unit : (unitAt(irB, path) ?? unitAt(irA, path));
    const num = (c: Rational): string => (unit ? `${readable(c)} ${unit}` : readable(c));
    // a bound that is a titled constant says which: "item.tpp >= 4800 (the 3A090.a TPP threshold (ECCN 3A090.a))"
    const which = (cs: Rational[]): string => {
      const named = cs.flatMap((c) => {
        const n = name.constant(c);
        return n === undefined ? [] : [{ c, n }];
      });
      if (named.length === 0) return '';
      return ` (${cs.length === 1 ? named[0]!.n : named.map((x) => `${num(x.c)}: ${x.n}`).join('; ')})`;
    };
    if (eq) {
      out.push(`${path} = ${num(eq.c)}${which([eq.c])}`);
      continue;
    }
    const lower = mine.filter((f) => f.op === '>' || f.op === '>=').sort((x, y) => y.c.cmp(x.c) || (x.op === '>' ? -1 : 1))[0];
    const upper = mine.filter((f) => f.op === '<' || f.op === '<=').sort((x, y) => x.c.cmp(y.c) || (x.op === '<' ? -1 : 1))[0];
    if (lower && upper) out.push(`${num(lower.c)} ${lower.op === '>' ? '<' : '<='} ${path} ${upper.op} ${num(upper.c)}${which([lower.c, upper.c])}`);
    else if (lower) out.push(`${path} ${lower.op} ${num(lower.c)}${which([lower.c])}`);
    else if (upper) out.push(`${path} ${upper.op} ${num(upper.c)}${which([upper.c])}`);
  }
  const ds = facts.filter((f): f is Extract<Fact, { k: 'date' }> => f.k === 'date');
  const lo = ds.filter((f) => f.op === '>=').sort((x, y) => y.day - x.day)[0];
  const hi = ds.filter((f) => f.op === '<').sort((x, y) => x.day - y.day)[0];
  const dn = ds[0]?.path;
  if (lo && hi) out.push(`${fromDayNumber(lo.day)} <= ${dn} < ${fromDayNumber(hi.day)}`);
  else if (lo) out.push(`${dn} >= ${fromDayNumber(lo.day)}`);
  else if (hi) out.push(`${dn} < ${fromDayNumber(hi.day)}`);
  return out.join(' and ');
}
