import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffPrograms, type DiffReport } from '@pol/analysis';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { loadText } from './load.ts';

const RUNS = Number(process.env.POL_FC_RUNS ?? 100);
const MEMBERS = ['US', 'GB', 'JP', 'CN', 'RU'];
const OPS = ['<', '<=', '>', '>='];

interface Cond { kind: 'cmp'; op: string; c: number }
interface Gen { g1: { m: string; until?: string }[]; limit: number; rules: { cond: Cond; inG: boolean; kindA: boolean; decide: number; obl?: boolean; exceptions: { cond: Cond; decide: number }[] }[] }

const DECIDES = ['allowed', 'denied(level: low)', 'denied(level: high)'];

function text(g: Gen): string {
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
const gen: fc.Arbitrary<Gen> = fc.record({
  g1: fc.uniqueArray(fc.record({ m: fc.constantFrom(...MEMBERS), until: fc.option(fc.constantFrom('2026-01-01'), { nil: undefined }) }), { selector: (x) => x.m, maxLength: 4 }),
  limit: fc.integer({ min: 0, max: 6 }),
  rules: fc.array(fc.record({ cond, inG: fc.boolean(), kindA: fc.boolean(), decide: fc.integer({ min: 0, max: 2 }), exceptions: fc.array(fc.record({ cond, decide: fc.integer({ min: 0, max: 2 }) }), { maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
});

type Mutation = (g: Gen, k: number) => Gen;
const clone = (g: Gen): Gen => JSON.parse(JSON.stringify(g)) as Gen;
const MUTATIONS: Mutation[] = [
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

function decideJson(p: CheckedProgram, input: unknown): string | undefined {
  const v = validateInput(p, input);
  if (!v.ok) return undefined;
  const r = resultToJson(p, evaluate(p, v.value));
  return JSON.stringify([r.decision, r.obligations]);
}

function decidedBy(p: CheckedProgram, input: unknown): string {
  const v = validateInput(p, input);
  return v.ok ? resultToJson(p, evaluate(p, v.value)).trace.map((t) => t.id).join(' > ') : '(rejected)';
}

/** The sampled inputs (a grid over every field, fractions included) decided differently. */
function sampleDiffs(a: CheckedProgram, b: CheckedProgram): unknown[] {
  const out: unknown[] = [];
  for (const date of ['2025-06-01', '2026-01-01']) for (const dest of [...MEMBERS, 'FR']) for (const kind of ['a', 'b'])
    for (let x2 = -2; x2 <= 16; x2++) for (const y of [0, 3, 7]) {
      const i = { date, dest, kind, x: x2 / 2, y };
      if (decideJson(a, i) !== decideJson(b, i)) out.push(i);
    }
  return out;
}

type Diff = (a: CheckedProgram, b: CheckedProgram) => Promise<DiffReport>;

/** The property, for any diff: the real one must pass it, a deliberately broken one must not. */
function property(diff: Diff) {
  return fc.asyncProperty(gen, fc.array(fc.tuple(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 5 }), async (g, ms) => {
    const a = loadText(text(g));
    const b = loadText(text(ms.reduce((h, [mi, k]) => MUTATIONS[mi]!(h, k), g)));
    const report = await diff(a, b);
    const diffs = sampleDiffs(a, b);
    if (diffs.length > 0) {
      expect(report.verdict).toBe('changed');
      // completeness: every sampled difference lies in a reported region (regions are the pairs of deciding rules)
      const pairs = new Set(report.regions.map((r) => `${r.before.decidedBy} | ${r.after.decidedBy}`));
      for (const i of diffs) expect(pairs, JSON.stringify(i)).toContain(`${decidedBy(a, i)} | ${decidedBy(b, i)}`);
    }
    if (report.verdict === 'equivalent') expect(diffs).toEqual([]);
    expect(report.verdict).not.toBe('unknown');
    expect(report.uncovered).toEqual([]);
    for (const r of report.regions) expect(decideJson(a, r.witness)).not.toBe(decideJson(b, r.witness));
    expect((await diff(a, a)).verdict).toBe('equivalent');
  });
}

const real: Diff = (a, b) => diffPrograms(a, b, { describe: false });

describe('diff against random sampling', () => {
  it('up to five mutations: every sampled difference (decision or obligations) lies in a reported region; equivalent only when sampling finds none', async () => {
    // deeper runs go in shards, one process each (POL_FC_SHARD=1, 2, ...: other seeds): every diff
    // makes a z3 context that only the garbage collector frees, and z3's WASM heap stops at 2 GB
    await fc.assert(property(real), { numRuns: RUNS, seed: 20260203 + Number(process.env.POL_FC_SHARD ?? 0) });
  }, 600_000);

  // the property has teeth: each broken diff below loses one kind of region, and sampling must catch it
  const broken: [string, (r: DiffReport) => DiffReport][] = [
    ['obligation-only regions dropped', (r) => ({ ...r, regions: r.regions.filter((x) => x.differs !== 'obligations') })],
    ['regions decided by an exception after the change dropped', (r) => ({ ...r, regions: r.regions.filter((x) => !x.after.decidedBy.includes('>')) })],
  ];
  for (const [name, breakIt] of broken) {
    it(`fails for a broken diff: ${name}`, async () => {
      const out = await fc.check(
        property(async (a, b) => breakIt(await real(a, b))),
        { numRuns: 200, seed: 20260203 },
      );
      expect(out.failed).toBe(true);
    }, 600_000);
  }
});
