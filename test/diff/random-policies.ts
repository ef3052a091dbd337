/**
 * Random policies and up to five mutations of them for the diff's sampling properties, and the
 * interpreter's view of sampled inputs (property.test.ts, facts.property.test.ts).
 */
import fc from 'fast-check';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';

export const MEMBERS = ['US', 'GB', 'JP', 'CN', 'RU'];
export const OPS = ['<', '<=', '>', '>='];
/** the dates a member of G1 may leave it on (`until`); the samples straddle each */
export const UNTIL = ['2025-09-01', '2026-01-01', '2026-06-15'];

/** `x op c`, or with `v: 'z'` a comparison of the optional field z: `(z is present and z op c)` */
export interface Cond { kind: 'cmp'; op: string; c: number; v?: 'z' }
/** a rule's condition on z: `(z is absent or z op c)` (`absent`) or `z is present and z op c` */
export interface ZCond { op: string; c: number; absent: boolean }
export interface Gen {
  g1: { m: string; until?: string }[];
  limit: number;
  /** the input declares `z: optional Number` */
  z?: boolean;
  rules: { cond: Cond; inG: boolean; kindA: boolean; zc?: ZCond; decide: number; obl?: boolean; exceptions: { cond: Cond; decide: number }[] }[];
}

export const DECIDES = ['allowed', 'denied(level: low)', 'denied(level: high)'];

export function text(g: Gen): string {
  const cond = (c: Cond): string => (c.v === 'z' ? `(z is present and z ${c.op} ${c.c})` : `x ${c.op} ${c.c}`);
  const zcond = (c: ZCond): string => (c.absent ? `(z is absent or z ${c.op} ${c.c})` : `z is present and z ${c.op} ${c.c}`);
  const rules = g.rules.map((r, i) => {
    const parts = [cond(r.cond), ...(r.inG ? ['dest in G1'] : []), ...(r.kindA ? ['kind is a'] : []), ...(r.zc ? [zcond(r.zc)] : [])];
    const ex = r.exceptions.map((e, j) => `  exception e${i}_${j} { cites "x" when ${cond(e.cond)} or y > LIMIT decide ${DECIDES[e.decide]} }`).join('\n');
    return `rule r${i} { cites "x"\n  when ${parts.join(' and ')}\n  decide ${DECIDES[r.decide]}\n${r.obl ? '  obligation "notify"\n' : ''}${ex}\n}`;
  });
  return `enum Kind { a, b }
enum Level { low, high }
group G1 of Country = { ${g.g1.map((m) => m.m + (m.until ? ` until ${m.until}` : '')).join(', ') || 'US'} }
const LIMIT = ${g.limit}
input I as of date { date: Date, dest: Country, kind: Kind, x: Number, y: Number${g.z ? ', z: optional Number' : ''} }
decision D { allowed, denied(level: Level), none }
${rules.join('\n')}
otherwise decide none
`;
}

/** The policy without z: the field and every condition on it dropped. */
function withoutZ(g: Gen): Gen {
  const h = clone(g);
  delete h.z;
  for (const r of h.rules) {
    delete r.zc;
    r.exceptions = r.exceptions.filter((e) => e.cond.v !== 'z');
  }
  return h;
}

const cond = fc.record({ kind: fc.constant('cmp' as const), op: fc.constantFrom(...OPS), c: fc.integer({ min: 0, max: 6 }) });
const anyCond = fc.oneof({ arbitrary: cond, weight: 4 }, { arbitrary: cond.map((c): Cond => ({ ...c, v: 'z' })), weight: 1 });
export const gen: fc.Arbitrary<Gen> = fc
  .record({
    g1: fc.uniqueArray(fc.record({ m: fc.constantFrom(...MEMBERS), until: fc.option(fc.constantFrom(...UNTIL), { nil: undefined }) }), { selector: (x) => x.m, maxLength: 4 }),
    limit: fc.integer({ min: 0, max: 6 }),
    // a quarter of the policies already read z (a mutation may then drop it)
    z: fc.constantFrom(false, false, false, true),
    rules: fc.array(fc.record({ cond, inG: fc.boolean(), kindA: fc.boolean(), decide: fc.integer({ min: 0, max: 2 }), exceptions: fc.array(fc.record({ cond: anyCond, decide: fc.integer({ min: 0, max: 2 }) }), { maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
  })
  .map((g) => (g.z ? g : withoutZ(g)));

export type Mutation = (g: Gen, k: number) => Gen;
export const clone = (g: Gen): Gen => JSON.parse(JSON.stringify(g)) as Gen;
export const MUTATIONS: Mutation[] = [
  (g, k) => ({ ...clone(g), limit: g.limit + (k % 2 ? 1 : -1) }),
  (g, k) => {
    const h = clone(g);
    const m = MEMBERS[k % MEMBERS.length]!;
    h.g1 = h.g1.some((x) => x.m === m) ? h.g1.filter((x) => x.m !== m) : [...h.g1, { m }];
    return h;
  },
  (g, k) => {
    const h = clone(g);
    const r = h.rules[k % h.rules.length]!;
    r.cond.op = { '<': '<=', '<=': '<', '>': '>=', '>=': '>' }[r.cond.op]!;
    return h;
  },
  (g, k) => {
    const h = clone(g);
    const r = h.rules[k % h.rules.length]!;
    r.exceptions = r.exceptions.slice(1);
    return h;
  },
  // an obligation added or dropped: the decisions stay, the behaviour changes
  (g, k) => {
    const h = clone(g);
    const r = h.rules[k % h.rules.length]!;
    r.obl = !r.obl;
    return h;
  },
  // an exception added
  (g, k) => {
    const h = clone(g);
    const r = h.rules[k % h.rules.length]!;
    r.exceptions = [{ cond: { kind: 'cmp', op: OPS[k % 4]!, c: k % 7 }, decide: (r.decide + 1) % 3 }, ...r.exceptions];
    return h;
  },
  // a dated member: a member of G1 given an `until` date, its date moved, or its date dropped
  (g, k) => {
    const h = clone(g);
    if (h.g1.length === 0) {
      h.g1 = [{ m: MEMBERS[k % MEMBERS.length]!, until: UNTIL[k % UNTIL.length]! }];
      return h;
    }
    const m = h.g1[k % h.g1.length]!;
    const at = m.until === undefined ? -1 : UNTIL.indexOf(m.until);
    if (at < 0) m.until = UNTIL[k % UNTIL.length]!;
    else if (k % 3 === 0) delete m.until;
    else m.until = UNTIL[(at + (k % 3)) % UNTIL.length]!;
    return h;
  },
  // a field added to the input and used: `z: optional Number`, read by a new exception or by a
  // rule's condition; on a policy that reads z already, another use, or (k = 3, 7) the field dropped
  (g, k) => {
    if (g.z && k % 4 === 3) return withoutZ(g);
    const h = clone(g);
    h.z = true;
    const r = h.rules[k % h.rules.length]!;
    if (k % 3 === 2) r.zc = { op: OPS[(k + 1) % 4]!, c: (k * 3) % 7, absent: k % 2 === 0 };
    else r.exceptions = [{ cond: { kind: 'cmp', op: OPS[k % 4]!, c: k % 7, v: 'z' }, decide: (r.decide + 1 + (k % 2)) % 3 }, ...r.exceptions];
    return h;
  },
];

export function decideJson(p: CheckedProgram, input: unknown): string | undefined {
  const v = validateInput(p, input);
  if (!v.ok) return undefined;
  const r = resultToJson(p, evaluate(p, v.value));
  return JSON.stringify([r.decision, r.obligations]);
}

export function decidedBy(p: CheckedProgram, input: unknown): string {
  const v = validateInput(p, input);
  return v.ok ? resultToJson(p, evaluate(p, v.value)).trace.map((t) => t.id).join(' > ') : '(rejected)';
}

/** The input without its z field (what a version that does not declare z reads of it). */
export function withoutZField(input: unknown): unknown {
  const { z: _z, ...rest } = input as { z?: unknown };
  return rest;
}

export interface Sample { date: string; dest: string; kind: string; x: number; y: number; z?: number }

/** A grid over every field of the generated input but z (fractions included). */
export function grid(): Sample[] {
  const out: Sample[] = [];
  for (const date of ['2025-06-01', '2026-01-01']) for (const dest of [...MEMBERS, 'FR']) for (const kind of ['a', 'b'])
    for (let x2 = -2; x2 <= 16; x2++) for (const y of [0, 3, 7]) out.push({ date, dest, kind, x: x2 / 2, y });
  return out;
}

/** How many inputs each case samples: the grid and seeded pseudo-random inputs. */
export const SAMPLES = 10_000;

const shift = (d: string, days: number): string => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);
/** each `until` date and the grid's dates with the days either side, month and year ends, a leap day, and far dates */
export const SAMPLE_DATES = [...new Set([...[...UNTIL, '2025-06-01'].flatMap((d) => [-1, 0, 1].map((n) => shift(d, n))), '2024-02-29', '2025-12-31', '2026-02-28', '2026-03-01', '2020-01-01', '2030-12-31'])].sort();

/** every day of 2024 to 2027 */
const ANY_DATES = Array.from({ length: 1461 }, (_, i) => shift('2024-01-01', i));

/** FNV-1a of a text: the seed of a case's samples. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small seeded generator of floats in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` distinct inputs for comparing two versions: the grid, then pseudo-random inputs seeded from
 * the two policy texts (the same case, the same samples). Numbers are mostly integers and halves
 * around the constants (0 to 7; LIMIT nudged reaches -5 and 11), some hundredths and a few far
 * values; dates straddle every `until` date; every member of G1 and a non-member; z present on
 * half the inputs when either version declares it.
 */
export function samples(before: Gen, after: Gen, n = SAMPLES): Sample[] {
  const r = random(hash(`${text(before)}\u0000${text(after)}`));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const FAR = [-1000, 1000, 0.001, -0.001, 1e9];
  const num = (): number => {
    const u = r();
    if (u < 0.7) return (Math.floor(r() * 21) - 3) / 2; // -1.5 .. 8.5
    if (u < 0.85) return (Math.floor(r() * 38) - 12) / 2; // -6 .. 12.5
    if (u < 0.95) return Math.round(r() * 1800 - 600) / 100; // hundredths in -6 .. 12
    return pick(FAR);
  };
  const date = (): string => pick(r() < 0.85 ? SAMPLE_DATES : ANY_DATES);
  const withZ = before.z === true || after.z === true;
  const dests = [...MEMBERS, 'FR'];
  const key = (s: Sample): string => `${s.date} ${s.dest} ${s.kind} ${s.x} ${s.y} ${s.z}`;
  const out = grid().slice(0, n);
  const seen = new Set(out.map(key));
  for (let tries = 0; out.length < n && tries < 4 * n; tries++) {
    const s: Sample = { date: date(), dest: pick(dests), kind: r() < 0.5 ? 'a' : 'b', x: num(), y: num() };
    if (withZ && r() < 0.5) s.z = num();
    const k = key(s);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}

/** What a version does with an input: its decision and obligations (`key`) and its deciding rules; undefined when it rejects the input. */
export interface Outcome { readonly key: string; readonly by: string }

/** What a version does with a validated input (undefined when it rejected it). */
export function outcomeOf(p: CheckedProgram, v: ReturnType<typeof validateInput>): Outcome | undefined {
  if (!v.ok) return undefined;
  const r = resultToJson(p, evaluate(p, v.value));
  return { key: JSON.stringify([r.decision, r.obligations]), by: r.trace.map((t) => t.id).join(' > ') };
}
/**
 * `without`: for an input only one version accepts, what the other decides once z is removed,
 * when the other does not declare z and then accepts it (the diff pairs such entries the same way)
 */
export interface Compared { readonly sample: Sample; readonly before: Outcome | undefined; readonly after: Outcome | undefined; readonly without?: Outcome }

/**
 * The samples on which two versions differ: both accept and decide (or oblige) differently, or
 * only one accepts. Each input is validated once per distinct input declaration and evaluated once
 * per version, by the reference interpreter: text() writes the same enums and no `require` for
 * every policy, so two versions that agree on z declare the same input, and validateInput (which
 * reads only the input type, the enums and the requirements) gives both the same value.
 */
export function compare(a: CheckedProgram, b: CheckedProgram, before: Gen, after: Gen, n = SAMPLES): { differ: Compared[]; compared: number } {
  const sameInput = (before.z === true) === (after.z === true);
  const differ: Compared[] = [];
  const all = samples(before, after, n);
  for (const sample of all) {
    const va = validateInput(a, sample);
    const vb = sameInput ? va : validateInput(b, sample);
    const x = outcomeOf(a, va);
    const y = outcomeOf(b, vb);
    if (x?.key === y?.key) continue;
    const [no, gno] = x ? [b, after] : [a, before];
    const withoutZ = (x === undefined) !== (y === undefined) && sample.z !== undefined && !gno.z ? outcomeOf(no, validateInput(no, withoutZField(sample))) : undefined;
    differ.push({ sample, before: x, after: y, ...(withoutZ ? { without: withoutZ } : {}) });
  }
  return { differ, compared: all.length };
}

