/**
 * Random policies and up to five mutations of them for the diff's sampling properties, and the
 * interpreter's view of a grid of sampled inputs (property.test.ts, facts.property.test.ts).
 */
import fc from 'fast-check';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';

export const MEMBERS = ['US', 'GB', 'JP', 'CN', 'RU'];
export const OPS = ['<', '<=', '>', '>='];

export interface Cond { kind: 'cmp'; op: string; c: number }
export interface Gen { g1: { m: string; until?: string }[]; limit: number; rules: { cond: Cond; inG: boolean; kindA: boolean; decide: number; obl?: boolean; exceptions: { cond: Cond; decide: number }[] }[] }

export const DECIDES = ['allowed', 'denied(level: low)', 'denied(level: high)'];

export function text(g: Gen): string {
  const cond = (c: Cond): string => `x ${c.op} ${c.c}`;
  const rules = g.rules.map((r, i) => {
    const parts = [cond(r.cond), ...(r.inG ? ['dest in G1'] : []), ...(r.kindA ? ['kind is a'] : [])];
    const ex = r.exceptions.map((e, j) => `  exception e${i}_${j} { cites "x" when ${cond(e.cond)} or y > LIMIT decide ${DECIDES[e.decide]} }`).join('\n');
    return `rule r${i} { cites "x"\n  when ${parts.join(' and ')}\n  decide ${DECIDES[r.decide]}\n${r.obl ? '  obligation "notify"\n' : ''}${ex}\n}`;
  });
  return `enum Kind { a, b }
enum Level { low, high }
group G1 of Country = { ${g.g1.map((m) => m.m + (m.until ? ` until ${m.until}` : '')).join(', ') || 'US'} }
const LIMIT = ${g.limit}
input I as of date { date: Date, dest: Country, kind: Kind, x: Number, y: Number }
decision D { allowed, denied(level: Level), none }
${rules.join('\n')}
otherwise decide none
`;
}

const cond = fc.record({ kind: fc.constant('cmp' as const), op: fc.constantFrom(...OPS), c: fc.integer({ min: 0, max: 6 }) });
export const gen: fc.Arbitrary<Gen> = fc.record({
  g1: fc.uniqueArray(fc.record({ m: fc.constantFrom(...MEMBERS), until: fc.option(fc.constantFrom('2026-01-01'), { nil: undefined }) }), { selector: (x) => x.m, maxLength: 4 }),
  limit: fc.integer({ min: 0, max: 6 }),
  rules: fc.array(fc.record({ cond, inG: fc.boolean(), kindA: fc.boolean(), decide: fc.integer({ min: 0, max: 2 }), exceptions: fc.array(fc.record({ cond, decide: fc.integer({ min: 0, max: 2 }) }), { maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
});

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

/** A grid over every field of the generated input (fractions included). */
export function grid(): { date: string; dest: string; kind: string; x: number; y: number }[] {
  const out: { date: string; dest: string; kind: string; x: number; y: number }[] = [];
  for (const date of ['2025-06-01', '2026-01-01']) for (const dest of [...MEMBERS, 'FR']) for (const kind of ['a', 'b'])
    for (let x2 = -2; x2 <= 16; x2++) for (const y of [0, 3, 7]) out.push({ date, dest, kind, x: x2 / 2, y });
  return out;
}

/** The sampled inputs decided differently. */
export function sampleDiffs(a: CheckedProgram, b: CheckedProgram): unknown[] {
  return grid().filter((i) => decideJson(a, i) !== decideJson(b, i));
}

