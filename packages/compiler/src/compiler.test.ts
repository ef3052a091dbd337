import { describe, expect, test } from 'vitest';
import { checkProgram, hasErrors, loadPolicy, type CheckedProgram } from '@pol/core/checker';
import { compileProgram, loadCompiled, sourceHash } from './index.ts';

function check(src: string): CheckedProgram {
  const path = '/t/p.pol';
  const loaded = loadPolicy(path, (p) => (p === path ? src : undefined));
  const r = checkProgram(loaded.files, loaded.sources, path);
  if (!r.program || hasErrors([...loaded.diagnostics, ...r.diagnostics])) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.program;
}

const POLICY = `policy "Numbers" version "2"
unit Chips
input In { chips: Chips, total: Chips, x: Number }
decision D { within, over(excess: Number) }
rule share {
  cites "s"
  when chips > 7% * total
  decide over(excess: chips / total - 7%)
}
otherwise decide within
`;

describe('compiled module', () => {
  test('thresholds are exact: 7% of 1,000,000 is 70,000', async () => {
    const mod = await loadCompiled(check(POLICY));
    const run = (chips: unknown, total: unknown) => {
      const v = mod.validate({ chips, total, x: 0 });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return mod.evaluate(v.value) as { decision: { outcome: string; excess: unknown } };
    };
    expect(run(70000, 1000000).decision.outcome).toBe('within');
    expect(run(70001, 1000000).decision).toEqual({ outcome: 'over', excess: 0.000001 });
    expect(run('70000.000000000000000000001', '1000000').decision.outcome).toBe('over');
    expect(run('7000000000000000000000000', '100000000000000000000000000').decision.outcome).toBe('within');
    expect(run(1, 3).decision).toEqual({ outcome: 'over', excess: '79/300' });
  });

  test('validation lists every error', async () => {
    const mod = await loadCompiled(check(POLICY));
    const v = mod.validate({ chips: -1, total: Number.NaN, extra: 1 });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.path)).toEqual(['chips', 'total', 'x', 'extra']);
  });

  test('trace: false returns a shared frozen empty array', async () => {
    const mod = await loadCompiled(check(POLICY));
    const v = mod.validate({ chips: 1, total: 1, x: 1 });
    if (!v.ok) throw new Error();
    const a = mod.evaluate(v.value, { trace: false }) as { trace: unknown[] };
    const b = mod.evaluate(v.value, { trace: false }) as { trace: unknown[] };
    expect(a.trace).toBe(b.trace);
    expect(Object.isFrozen(a.trace)).toBe(true);
    expect(a.trace).toEqual([]);
  });

  test('POLICY carries name, version and the source hash', async () => {
    const program = check(POLICY);
    const mod = await loadCompiled(program);
    expect(mod.POLICY).toEqual({ name: 'Numbers', version: '2', sourceHash: sourceHash(program) });
    expect(mod.POLICY.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    const { files } = await compileProgram(program);
    expect(files[0]!.text).toContain(mod.POLICY.sourceHash);
  });
});
