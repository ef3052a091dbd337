import { describe, expect, test } from 'vitest';
import { checkProgram, hasErrors, loadPolicy, type CheckedProgram } from '@pol/core/checker';
import { compileProgram, loadCompiled, sourceHash } from './index.ts';
import { checkSource } from './check-source.test-support.ts';

const check = checkSource;

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

  test('plain data: a validated value serialises, toJson gives JSON that validates back to an equal value', async () => {
    const mod = (await loadCompiled(check(POLICY))) as unknown as Module;
    const v = mod.validate({ chips: 19.4, total: '123456789012345678901234567890.25', x: -3 });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const text = JSON.stringify(v.value);
    expect(text).toBe('{"chips":19.4,"total":"123456789012345678901234567890.25","x":-3}');
    const back = mod.validate(JSON.parse(text));
    expect(back).toEqual(v);
    expect(mod.toJson(v.value)).toEqual({ chips: 19.4, total: '123456789012345678901234567890.25', x: -3 });
    expect(mod.validate(mod.toJson(v.value))).toEqual(v);
  });

  test('results carry the policy; decide validates and evaluates; evaluate refuses what validate did not return', async () => {
    const program = check(POLICY);
    const mod = (await loadCompiled(program)) as unknown as Module;
    const d = mod.decide({ chips: 8, total: 100, x: 0 });
    expect(d.ok && d.result.decision).toEqual({ outcome: 'over', excess: 0.01 });
    expect(d.ok && d.result.policy).toBe(mod.POLICY);
    expect(mod.decide({ chips: 'many', total: 100, x: 0 })).toEqual({ ok: false, errors: [{ path: 'chips', message: 'expected a number, found the text "many"' }] });
    expect(() => mod.evaluate({ chips: 8, total: 100, x: 0 })).toThrow(new TypeError('evaluate takes the value validate returned (call validate, or decide, first)'));
    expect(() => mod.evaluate(null)).toThrow(TypeError);
  });
});

interface Module {
  readonly POLICY: unknown;
  validate(json: unknown): { ok: true; value: unknown } | { ok: false; errors: unknown[] };
  evaluate(input: unknown): unknown;
  decide(json: unknown): { ok: true; result: { decision: unknown; policy: unknown } } | { ok: false; errors: unknown[] };
  toJson(value: unknown): unknown;
}

test('TSDoc of input fields: the comment above the field and the unit description', async () => {
  const { generateSource } = await import('./index.ts');
  const text = generateSource(
    check(`policy "Docs" version "1"
unit TPP "Total Processing Performance"
record Holding {
  // where the compute is installed
  country: Country
  tpp: TPP
}
input In {
  // the chips, all of them
  // (two lines)
  holdings: list of Holding
  n: Number
}
decision D { ok }
otherwise decide ok
`),
  );
  expect(text).toContain('/** where the compute is installed \u2014 Country */ readonly country: Country;');
  expect(text).toContain('/** TPP (TPP: Total Processing Performance) */ tpp: number | string;');
  expect(text).toContain('/** the chips, all of them (two lines) \u2014 list of Holding */ readonly holdings: readonly Holding[];');
  expect(text).toContain('/** Number */ readonly n: PolNumber;');
});
