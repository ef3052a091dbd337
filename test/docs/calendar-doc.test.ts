/**
 * The calendar examples of docs/semantics.md ("Durations and date arithmetic") and the tutorial's
 * deadline example are run, through both engines: each `date ± duration = date`, each `days
 * between a and b` is `n days` and each `calendar year of d = y` written in the docs is computed
 * and compared with what the docs say.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile, type CheckedProgram } from '@pol/core';
import { makeEngine, type EngineName } from '../../packages/cli/src/engines.ts';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const read = (name: string): string => readFileSync(docs + name, 'utf8');
const DATE = String.raw`\d{4}-\d\d-\d\d`;

function program(text: string): CheckedProgram {
  const r = compilePolicyFile('/doc/p.pol', (p) => (p === '/doc/p.pol' ? text : undefined));
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  if (!r.program || errors.length) throw new Error(`${errors.join('; ')}\n${text}`);
  return r.program;
}

/** The values of expressions over no input, as the engine decides them (one rule per expression). */
async function values(engine: EngineName, type: 'Date' | 'days' | 'Number', exprs: readonly string[]): Promise<unknown[]> {
  const rules = exprs.map((e, i) => `rule r${i} { cites "doc" when n = ${i} decide v(x: ${e}) }`).join('\n');
  const p = program(`input I { n: Number }\ndecision O { v(x: ${type})  none }\n${rules}\notherwise decide none\n`);
  const eng = await makeEngine(engine, p);
  return exprs.map((_, i) => {
    const v = eng.validate({ n: i });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return (eng.evaluate(v.value, false).decision as { x?: unknown }).x;
  });
}

describe('docs/semantics.md: the calendar examples compute what the docs say', () => {
  const text = read('semantics.md');
  const section = text.slice(text.indexOf('## Durations and date arithmetic'), text.indexOf('\n## ', text.indexOf('## Durations and date arithmetic') + 3));
  const moves = [...section.matchAll(new RegExp(String.raw`\`(\(?${DATE} [+-] [^\`]*?) = (${DATE})\``, 'g'))].map((m) => ({ expr: m[1]!, want: m[2]! }));
  const between = [...section.matchAll(new RegExp(String.raw`\`days between (${DATE}) and (${DATE})\`\s+is \`(-?\d+) days\``, 'g'))].map((m) => ({ expr: `days between ${m[1]} and ${m[2]}`, want: Number(m[3]) }));
  const years = [...section.matchAll(new RegExp(String.raw`\`calendar year of (${DATE}) = (\d+)\``, 'g'))].map((m) => ({ expr: `calendar year of ${m[1]}`, want: Number(m[2]) }));

  it('finds the examples (a test that found none would pass on nothing)', () => {
    expect(moves.length).toBeGreaterThanOrEqual(11);
    expect(between.length).toBeGreaterThanOrEqual(1);
    expect(years.length).toBeGreaterThanOrEqual(1);
    expect(moves.map((m) => m.expr)).toContain('(2025-01-31 + 1 month) + 1 month');
  });

  for (const engine of ['interpreter', 'compiled'] as const) {
    it(`${engine}: every date moved by a duration`, async () => {
      const got = await values(engine, 'Date', moves.map((m) => m.expr));
      expect(moves.map((m, i) => `${m.expr} = ${String(got[i])}`)).toEqual(moves.map((m) => `${m.expr} = ${m.want}`));
    });
    it(`${engine}: days between and calendar year`, async () => {
      const d = await values(engine, 'days', between.map((m) => m.expr));
      expect(d).toEqual(between.map((m) => m.want));
      const y = await values(engine, 'Number', years.map((m) => m.expr));
      expect(y).toEqual(years.map((m) => m.want));
    });
  }

  it('the whole-units examples: d + 2.9 days is d + 2 days, d - 2.9 days is d - 2 days', async () => {
    expect(section).toContain('`d + 2.9 days` is `d + 2 days`, `d - 2.9 days` is `d - 2 days`');
    const got = await values('interpreter', 'Date', ['2025-03-01 + 2.9 days', '2025-03-01 + 2 days', '2025-03-01 - 2.9 days', '2025-03-01 - 2 days']);
    expect(got[0]).toBe(got[1]);
    expect(got[2]).toBe(got[3]);
  });
});

describe('docs/tutorial.md: the deadline example', () => {
  const text = read('tutorial.md');
  const block = /```pol policy\n(policy "Tutorial notice rule"[\s\S]*?)```/.exec(text)![1]!;
  const said = /Shipping on (\d{4}-\d\d-\d\d) after notice on (\d{4}-\d\d-\d\d) gives `wait_until` (\d{4}-\d\d-\d\d)/.exec(text)!;

  for (const engine of ['interpreter', 'compiled'] as const) {
    it(`${engine}: gives the wait_until the tutorial says`, async () => {
      const eng = await makeEngine(engine, program(block));
      const v = eng.validate({ shipped: said[1], notified: said[2] });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      expect(eng.evaluate(v.value, false).decision).toEqual({ outcome: 'wait_until', date: said[3] });
    });
  }
});
