/**
 * A witness a reviewer can read at a glance: no list item and no optional field that the region
 * does not need, and no quantity far below the scale the policy works at (a holding of 1 TPP
 * beside thresholds of 1,600 and 4,800 TPP reads as a mistake). The solver's model is the first
 * input it found, not the plainest one: a UVEU witness listed two holdings, of 0 and 1 TPP, where
 * one of 1,600 TPP makes the same case.
 *
 * Every step is kept only when `keep` still accepts the witness (diff.ts: the interpreter decides
 * it by the same rules, the same way, on both sides), so the witness stays in its region.
 */
import * as IR from '@pol/core/ir';
import type { Type } from '@pol/core/checker';
import { jsonGet, jsonSet } from './witness-search.ts';
import { numberJson, type JsonValue } from './witness.ts';

type Path = readonly (string | number)[];

/** The numbers each unit's literals take in the programs (`TPP` -> 1600, 4800, ...), ascending. */
export function quantitiesIn(programs: readonly IR.Program[]): Map<string, number[]> {
  const out = new Map<string, Set<number>>();
  const walk = (e: IR.Expr): void => {
    if (e.k === 'num' && e.type.kind === 'number' && e.type.unit !== null) {
      const x = Number(numberJson(e.value));
      if (Number.isFinite(x) && x > 0) out.set(e.type.unit, (out.get(e.type.unit) ?? new Set()).add(x));
    }
    IR.children(e).forEach(walk);
  };
  for (const p of programs) IR.everyExpr(p).forEach(walk);
  return new Map([...out].map(([u, xs]) => [u, [...xs].sort((a, b) => a - b)]));
}

/** The declared type at a path of an input (list indices step into the element type). */
function typeAt(t: Type | undefined, path: Path): Type | undefined {
  for (const k of path) {
    while (t?.kind === 'optional') t = t.inner;
    if (typeof k === 'number') t = t?.kind === 'list' ? t.element : undefined;
    else t = t?.kind === 'record' ? t.fields.get(k) : undefined;
  }
  return t;
}

function unitOf(t: Type | undefined): string | undefined {
  while (t?.kind === 'optional') t = t.inner;
  return t?.kind === 'number' && t.unit !== null ? t.unit : undefined;
}

/** Every path in `v` whose value passes `test`, deepest first (a field inside a list item before the list). */
function pathsWhere(v: JsonValue, test: (x: JsonValue, path: Path) => boolean, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((x, i) => pathsWhere(x, test, [...path, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsWhere(x, test, [...path, k], out);
  if (test(v, path)) out.push(path);
  return out;
}

function without(v: JsonValue, path: Path): JsonValue {
  const parent = jsonGet(v, path.slice(0, -1));
  const k = path.at(-1)!;
  const next = Array.isArray(parent) ? parent.filter((_, i) => i !== k) : Object.fromEntries(Object.entries(parent as Record<string, JsonValue>).filter(([key]) => key !== k));
  return path.length === 1 ? next : jsonSet(v, path.slice(0, -1), next);
}

/**
 * `w` with, where `keep` allows, each step in turn on what the steps before left: list items and
 * optional fields left out, quantities made ones a person writes (`quantityMoves`), each date moved
 * to the first of its month or of one of the next two, well-known members made better-known ones.
 */
export function simplerWitness(w: JsonValue, input: Type, quantities: ReadonlyMap<string, readonly number[]>, keep: (w: JsonValue) => boolean, familiar: Familiar = { members: [], classOf: () => undefined }): JsonValue {
  const at: Simplifying = {
    cur: w,
    input,
    attempt(next) {
      if (!keep(next)) return false;
      at.cur = next;
      return true;
    },
  };
  leaveOut(at);
  quantityMoves(at, (path) => quantities.get(unitOf(typeAt(input, path)) ?? '') ?? []);
  // a date off the policy's own dates: the solver's model sits on a boundary (the day a rule takes
  // effect, or the day before); the first of a nearby month reads as an ordinary transaction
  for (const path of pathsWhere(at.cur, (x, p) => typeof x === 'string' && isDate(typeAt(input, p)))) {
    for (const d of nearbyFirsts(jsonGet(at.cur, path) as string)) if (at.attempt(jsonSet(at.cur, path, d))) break;
  }
  familiarMembers(at, familiar);
  return at.cur;
}

/** The witness so far, its input type, and a try: `attempt(next)` keeps `next` when the region does. */
interface Simplifying {
  cur: JsonValue;
  readonly input: Type;
  attempt(next: JsonValue): boolean;
}

/** List items left out (the last first), then optional fields, found again on what is left. */
function leaveOut(at: Simplifying): void {
  for (const list of pathsWhere(at.cur, Array.isArray)) {
    for (let i = (jsonGet(at.cur, list) as JsonValue[]).length - 1; i >= 0; i--) at.attempt(without(at.cur, [...list, i]));
  }
  for (const field of pathsWhere(at.cur, (_, p) => p.length > 0 && typeof p.at(-1) === 'string' && typeAt(at.input, p)?.kind === 'optional')) {
    if (jsonGet(at.cur, field) !== undefined) at.attempt(without(at.cur, field));
  }
}

/**
 * Quantities (numbers of a unit the policy uses; a share or a count is none and is left) made
 * ones a person writes, `scaleAt` giving the policy's own numbers in a path's unit, ascending.
 */
function quantityMoves(at: Simplifying, scaleAt: (path: Path) => readonly number[]): void {
  const quantity = (path: Path): boolean => unitOf(typeAt(at.input, path)) !== undefined;
  // the quantities of a list's items where only their shares matter (UVEU's Tier 1 share, a
  // country's cap): 9 and 1 TPP become 14,400 and 1,600, all scaled together so that the smallest
  // is one of the policy's numbers (before each is raised alone, which would keep 9 -> 1,600 and
  // leave 1); whole numbers: the interpreter judges the result, so a share nudged by the rounding
  // only costs the try
  for (const list of pathsWhere(at.cur, Array.isArray)) {
    const qs = pathsWhere(jsonGet(at.cur, list)!, (x, p) => typeof x === 'number' && x > 0 && quantity([...list, ...p])).map((p) => [...list, ...p]);
    if (qs.length < 2) continue;
    const least = Math.min(...qs.map((p) => jsonGet(at.cur, p) as number));
    if (least >= 10) continue;
    for (const q of scaleAt(qs[0]!).filter((x) => x >= 10).slice(0, 3)) if (at.attempt(qs.reduce((w, p) => jsonSet(w, p, Math.round(((jsonGet(w, p) as number) * q) / least)), at.cur))) break;
  }
  // a quantity below 10 raised to the smallest of the policy's numbers in its unit that keeps the
  // region (a UVEU holding of 1 TPP becomes 1,600); a list item's 0 (a holding of 0 TPP reads as a
  // slip) to a small round number first
  const inItem = (path: Path): boolean => path.some((k) => typeof k === 'number');
  for (const path of pathsWhere(at.cur, (x, p) => typeof x === 'number' && x < 10 && (x > 0 || (x === 0 && inItem(p))))) {
    const scale = scaleAt(path);
    if (scale.length === 0) continue;
    const tries = (jsonGet(at.cur, path) === 0 ? [100, 1000] : []).concat(scale.filter((x) => x >= 10));
    for (const q of tries) if (at.attempt(jsonSet(at.cur, path, q))) break;
  }
  // a quantity far above the policy's own (an IC of 30,000,000 TPP where 5,000 decides the same):
  // the round number just above each of the policy's numbers in its unit, smallest first (not the
  // policy's numbers themselves: a witness on another rule's threshold is felt by that rule, and
  // the region is then blamed on its change too)
  for (const path of pathsWhere(at.cur, (x, p) => typeof x === 'number' && scaleAt(p).length > 0 && x >= 100 * scaleAt(p)[0]!)) {
    const x = jsonGet(at.cur, path) as number;
    const tries = [...new Set(scaleAt(path).map(roundUp))].filter((q) => q < x).slice(0, 4);
    for (const q of tries) if (at.attempt(jsonSet(at.cur, path, q))) break;
  }
}

/**
 * A member of a long enum the solver picked among the familiar ones (Cambodia for a Tier 2
 * destination) made a more familiar one where the region allows it (Brazil): one member of each
 * class the policy tells apart (smt/universe.ts), the most familiar first. A member several fields
 * hold (a national VEU's country, also the destination) moves in all of them together first, then
 * field by field.
 */
function familiarMembers(at: Simplifying, familiar: Familiar): void {
  const byValue = new Map<string, Path[]>();
  for (const p of pathsWhere(at.cur, (x, q) => typeof x === 'string' && familiar.members.includes(x) && typeAt(at.input, q)?.kind === 'enum')) {
    const v = jsonGet(at.cur, p) as string;
    byValue.set(v, [...(byValue.get(v) ?? []), p]);
  }
  for (const [value, paths] of byValue) {
    const enumName = (typeAt(at.input, paths[0]!) as Extract<Type, { kind: 'enum' }>).name;
    const seen = new Set<string>();
    const tries = familiar.members
      .slice(0, familiar.members.indexOf(value))
      .filter((m) => {
        const c = familiar.classOf(enumName, m);
        if (c === undefined || seen.has(c)) return false;
        seen.add(c);
        return true;
      })
      .slice(0, FAMILIAR_TRIES);
    const move = (ps: readonly Path[]): boolean => tries.some((m) => at.attempt(ps.reduce((x, p) => jsonSet(x, p, m), at.cur)));
    if (!move(paths) && paths.length > 1) for (const p of paths) move([p]);
  }
}

/** Well-known members of long enums, most familiar first, and the class each member is in. */
export interface Familiar {
  readonly members: readonly string[];
  classOf(enumName: string, member: string): string | undefined;
}

/** How many classes a witness's member is tried against (each try is an evaluation, two where the first version agrees). */
const FAMILIAR_TRIES = 12;

/** The next number above `q` with one significant digit (4800 -> 5000, 1600 -> 2000). */
function roundUp(q: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(q)));
  return Math.ceil(q / p) * p === q ? q + p : Math.ceil(q / p) * p;
}

function isDate(t: Type | undefined): boolean {
  while (t?.kind === 'optional') t = t.inner;
  return t?.kind === 'date';
}

/** The first days of the date's month and the next two, nearest first (the date itself left out). */
function nearbyFirsts(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const first = (k: number): string => {
    const n = y * 12 + (mo - 1) + k;
    return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}-01`;
  };
  const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
  return [first(0), first(1), first(2)].filter((d) => d !== iso).sort((a, b) => Math.abs(day(a) - day(iso)) - Math.abs(day(b) - day(iso)));
}
