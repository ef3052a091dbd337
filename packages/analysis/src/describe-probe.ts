/**
 * Refuting a region's candidate facts with the interpreter instead of the solver.
 *
 * Why: the solver refutes candidates one model at a time, and a model usually breaks just one
 * (z3 satisfies "some candidate fails" by its first disjunct), so a region with a dozen
 * candidates cost four to six queries and as many models, most of the memo's time. A concrete
 * input changed in one place (the date a day before a candidate bound, a threshold's field just
 * past it, another member of a group) that the interpreter decides by the same rules on both
 * sides, still differently, is an input of the region, and every candidate it breaks is false:
 * no query needed. What the probes leave is then proved (or refuted further) by the solver as
 * before, so nothing is claimed that the solver did not prove.
 */
import type * as IR from '@pol/core/ir';
import { Rational } from '@pol/core/checker';
import type { Universe } from './smt/universe.ts';
import { dayNumber, fromDayNumber, MAX_DAY, MIN_DAY } from './smt/dates.ts';
import { numberJson, type JsonValue } from './witness.ts';
import { COMMON, jsonSet } from './witness-search.ts';

type Op = '<' | '<=' | '>' | '>=' | '=';

/** What a candidate fact says, independent of its solver term. */
export type FactShape =
  | { readonly k: 'pin'; readonly path: string; readonly value: string; readonly enumName: string | undefined }
  | { readonly k: 'group'; readonly path: string; readonly setDef: IR.SetDef; readonly inside: boolean; readonly enumName: string }
  | { readonly k: 'num'; readonly path: string; readonly op: Op; readonly c: Rational }
  | { readonly k: 'date'; readonly path: string; readonly op: '>=' | '<'; readonly day: number }
  // a computed amount: no field of an input holds it, so a probe refutes it only by evaluating it (Probe.holdsAmount)
  | { readonly k: 'sum'; readonly path: string }
  | { readonly k: 'some'; readonly path: string; readonly paths: readonly string[]; readonly value: string };

export interface Probe {
  /** a confirmed input of the region */
  readonly witness: JsonValue;
  /** whether the interpreter decides `w` by the region's rules on both sides, and differently */
  inRegion(w: JsonValue): boolean;
  /** the input's date field, if it has one */
  readonly asOf: string | undefined;
  /** other inputs seen in this diff (witnesses, models), whose records a probe may borrow */
  readonly pool: readonly JsonValue[];
  /** whether a computed amount's fact holds on an input (undefined: cannot tell), which no field of the input shows */
  readonly holdsAmount?: (f: FactShape, w: JsonValue) => boolean | undefined;
}

/** The value at a path of a JSON input (undefined when a record on the way, or the value, is absent). */
export function jsonAt(w: JsonValue, path: readonly string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = w;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[k];
  }
  return cur ?? undefined;
}

/**
 * The values at a path that may cross a list (`veu.compute_by_country[*].country`: each item's
 * country), as a region's `one of` fact names a field of any item.
 */
export function valuesAt(w: JsonValue, path: string): JsonValue[] {
  const [head, ...rest] = path.split('[*].');
  const v = jsonAt(w, head!.split('.'));
  if (rest.length === 0) return v === undefined ? [] : [v];
  return Array.isArray(v) ? v.flatMap((item) => valuesAt(item, rest.join('[*].'))) : [];
}

export function rational(v: JsonValue | undefined): Rational | undefined {
  if (typeof v === 'number') return Rational.fromNumber(v);
  if (typeof v === 'string') return Rational.parse(v);
  return undefined;
}

export function compare(x: Rational | number, op: Op, c: Rational | number): boolean {
  const d = typeof x === 'number' ? Math.sign(x - (c as number)) : x.cmp(c as Rational);
  return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : op === '>=' ? d >= 0 : d === 0;
}

/** Membership on the input's date (as the encoder reads a set: dated members, or the undated ones without a date). */
export function memberOn(s: IR.SetDef, m: string, day: number | undefined): boolean {
  if (day === undefined) return s.undated.includes(m);
  return (s.members.get(m) ?? []).some((r) => (r.from === undefined || day >= dayNumber(r.from)) && (r.until === undefined || day < dayNumber(r.until)));
}

export function dayOf(w: JsonValue, asOf: string | undefined): number | undefined {
  const d = asOf === undefined ? undefined : jsonAt(w, [asOf]);
  return typeof d === 'string' ? dayNumber(d) : undefined;
}

/** Whether the fact holds on a concrete input (a field that is absent breaks it: each fact includes presence). */
export function holdsOn(f: FactShape, w: JsonValue, asOf: string | undefined): boolean {
  const v = jsonAt(w, f.path.split('.'));
  switch (f.k) {
    case 'pin':
      return f.enumName === undefined ? v === (f.value === 'true') : v === f.value;
    case 'group':
      return typeof v === 'string' && memberOn(f.setDef, v, dayOf(w, asOf)) === f.inside;
    case 'num': {
      const r = rational(v);
      return r !== undefined && compare(r, f.op, f.c);
    }
    case 'date':
      return typeof v === 'string' && compare(dayNumber(v), f.op, f.day);
    case 'sum':
      return true;
    case 'some':
      return f.paths.some((p) => valuesAt(w, p).includes(f.value));
  }
}

/** Inputs that differ from `w` in the fact's field only and break the fact, the likeliest first. */
function breakers(f: FactShape, w: JsonValue, u: Universe, asOf: string | undefined, seen: readonly JsonValue[]): JsonValue[] {
  const path = f.path.split('.');
  const put = (x: JsonValue): JsonValue => jsonSet(w, path, x);
  switch (f.k) {
    case 'pin': {
      if (f.enumName === undefined) return [put(f.value !== 'true')];
      // a member often comes with fields of its own (a computer has an ic_tpp): the enclosing
      // record of another input with another member first, then (for a short enum) the member
      // alone; another country alone rarely stays in the region (the IFR diff: none of 66)
      const members = u.enums.get(f.enumName) ?? [];
      const pool = members.length <= 12 ? members : [];
      const borrowed: JsonValue[] = [];
      const values = new Set([f.value]);
      if (path.length > 1)
        for (const q of seen) {
          const v = jsonAt(q, path);
          const rec = jsonAt(q, path.slice(0, -1));
          if (typeof v !== 'string' || values.has(v) || rec === undefined || jsonAt(w, path.slice(0, -1)) === undefined) continue;
          values.add(v);
          borrowed.push(jsonSet(w, path.slice(0, -1), rec));
          if (borrowed.length >= 2) break;
        }
      return [...borrowed, ...pool.filter((m) => m !== f.value).slice(0, 3).map(put)];
    }
    case 'group': {
      const members = u.enums.get(f.enumName) ?? [];
      const day = dayOf(w, asOf);
      const pool = members.length <= 12 ? members : [...COMMON.filter((c) => members.includes(c)), ...members];
      return [...new Set(pool)].filter((m) => memberOn(f.setDef, m, day) !== f.inside).slice(0, 1).map(put);
    }
    case 'num': {
      const one = Rational.of(1n);
      const cent = Rational.of(1n, 100n);
      const xs = f.op === '>=' ? [f.c.sub(one), f.c.sub(cent)] : f.op === '>' ? [f.c] : f.op === '<=' ? [f.c.add(one), f.c.add(cent)] : f.op === '<' ? [f.c] : [f.c.add(one), f.c.sub(one)];
      return xs.map((x) => put(numberJson(x)));
    }
    case 'date': {
      const d = f.op === '>=' ? f.day - 1 : f.day;
      return d < MIN_DAY || d > MAX_DAY ? [] : [put(fromDayNumber(d))];
    }
    case 'sum':
    case 'some':
      return [];
  }
}

/**
 * The candidates no probe breaks. Date bounds are tried weakest first (a probe that breaks
 * `date >= d` breaks every stronger lower bound too); at most `budget` probes.
 */
export function survivors<F extends FactShape>(facts: readonly F[], probe: Probe, u: Universe, budget = 12): F[] {
  // an amount is judged by the probe's evaluation of it, where there is one
  const holds = (f: F, w: JsonValue): boolean => (f.k === 'sum' ? probe.holdsAmount?.(f, w) !== false : holdsOn(f, w, probe.asOf));
  let alive = facts.filter((f) => holds(f, probe.witness));
  const weakestFirst = (f: F): number => (f.k !== 'date' ? 0 : f.op === '>=' ? f.day : -f.day);
  // dates first: a day earlier or later is the probe that most often stays in the region
  const order = [...alive].sort((x, y) => (x.k === 'date' ? 0 : 1) - (y.k === 'date' ? 0 : 1) || weakestFirst(x) - weakestFirst(y));
  let left = budget;
  for (const f of order) {
    if (!alive.includes(f)) continue;
    for (const w of breakers(f, probe.witness, u, probe.asOf, probe.pool)) {
      if (left-- <= 0) return alive;
      if (!probe.inRegion(w)) continue;
      alive = alive.filter((g) => holds(g, w));
      if (!alive.includes(f)) break;
    }
  }
  return alive;
}
