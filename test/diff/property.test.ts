import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffPrograms } from '@pol/analysis';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { loadText } from './load.ts';

const RUNS = Number(process.env.POL_FC_RUNS ?? 100);
const MEMBERS = ['US', 'GB', 'JP', 'CN', 'RU'];
const OPS = ['<', '<=', '>', '>='];

interface Cond { kind: 'cmp'; op: string; c: number }
interface Gen { g1: { m: string; until?: string }[]; limit: number; rules: { cond: Cond; inG: boolean; kindA: boolean; decide: number; exceptions: { cond: Cond; decide: number }[] }[] }

const DECIDES = ['allowed', 'denied(level: low)', 'denied(level: high)'];

function text(g: Gen): string {
  const cond = (c: Cond): string => `x ${c.op} ${c.c}`;
  const rules = g.rules.map((r, i) => {
    const parts = [cond(r.cond), ...(r.inG ? ['dest in G1'] : []), ...(r.kindA ? ['kind is a'] : [])];
    const ex = r.exceptions.map((e, j) => `  exception e${i}_${j} { cites "x" when ${cond(e.cond)} or y > LIMIT decide ${DECIDES[e.decide]} }`).join('\n');
    return `rule r${i} { cites "x"\n  when ${parts.join(' and ')}\n  decide ${DECIDES[r.decide]}\n${ex}\n}`;
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
];

function decideJson(p: CheckedProgram, input: unknown): string | undefined {
  const v = validateInput(p, input);
  return v.ok ? JSON.stringify(resultToJson(p, evaluate(p, v.value)).decision) : undefined;
}

function sampleDiffers(a: CheckedProgram, b: CheckedProgram): boolean {
  for (const date of ['2025-06-01', '2026-01-01']) for (const dest of [...MEMBERS, 'FR']) for (const kind of ['a', 'b'])
    for (let x = -1; x <= 8; x++) for (const y of [0, 3, 7]) {
      const i = { date, dest, kind, x, y };
      if (decideJson(a, i) !== decideJson(b, i)) return true;
    }
  return false;
}

describe('diff against random sampling', () => {
  it('finds a confirmed witness whenever sampling finds a difference, and equivalent only when sampling finds none', async () => {
    await fc.assert(
      fc.asyncProperty(gen, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 10 }), async (g, mi, k) => {
        const a = loadText(text(g));
        const b = loadText(text(MUTATIONS[mi]!(g, k)));
        const report = await diffPrograms(a, b, { describe: false });
        const sampled = sampleDiffers(a, b);
        if (sampled) {
          expect(report.verdict).toBe('changed');
          expect(report.regions.length).toBeGreaterThan(0);
        }
        if (report.verdict === 'equivalent') expect(sampled).toBe(false);
        expect(report.verdict).not.toBe('unknown');
        for (const r of report.regions) expect(decideJson(a, r.witness)).not.toBe(decideJson(b, r.witness));
        expect((await diffPrograms(a, a)).verdict).toBe('equivalent');
      }),
      { numRuns: RUNS, seed: 20260203 },
    );
  }, 600_000);
});
