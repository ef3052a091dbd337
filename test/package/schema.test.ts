/**
 * The input JSON Schema accepts exactly the JSON whose shape `validate` accepts, checked with a
 * real JSON Schema validator (ajv, draft 2020-12) on the property-test generators' inputs: valid
 * and invalid ones for random policies (test/harness/policy-gen.ts) and for the IFR
 * (test/ifr-oracle/transactions.ts), plus hand-written edge cases of numbers and dates. Inputs go
 * through JSON first (what a schema sees is JSON). The policy's `require`s are outside the schema:
 * a value rejected only by them counts as shape-valid. The result schema accepts every result.
 */
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect, test } from 'vitest';
import * as IR from '@pol/core/ir';
import type { CheckedProgram } from '@pol/core';
import { decisionSchema, inputSchema, loadCompiled, type LoadedModule } from '@pol/compiler';
import { arbBadInputFor, arbInputFor, arbPolicy, checkSource } from '../harness/policy-gen.ts';
import { arbIfrTransaction } from '../ifr-oracle/transactions.ts';
import { arbInvalidIfrTransaction } from '../ifr-oracle/invalid.ts';
import { loadProgram } from '../codegen/util.ts';
import { fcParams } from '../support/fc-config.ts';

const ajv = new Ajv2020({ strict: true, allErrors: false });

interface Checked {
  readonly agree: number;
  readonly accepted: number;
  readonly rejected: number;
}

async function agreement(program: CheckedProgram, inputs: readonly unknown[], mod?: LoadedModule): Promise<Checked> {
  const m = mod ?? (await loadCompiled(program));
  const ir = IR.toIr(program);
  const schema = ajv.compile(inputSchema(ir));
  const result = ajv.compile(decisionSchema(ir));
  let accepted = 0;
  let rejected = 0;
  for (const raw of inputs) {
    const text = JSON.stringify(raw);
    if (text === undefined) continue;
    const json: unknown = JSON.parse(text);
    const v = m.validate(json, { maxErrors: Infinity });
    const shapeOk = v.ok || v.errors.every((e) => (e as { code?: string }).code === 'input/requirement-failed');
    const bySchema = schema(json);
    if (bySchema !== shapeOk) {
      throw new Error(`schema ${bySchema ? 'accepts' : 'rejects'} what validate ${shapeOk ? 'accepts' : 'rejects'}: ${text.slice(0, 400)}\nvalidate: ${JSON.stringify(v.ok ? 'ok' : v.errors.slice(0, 3))}\najv: ${JSON.stringify(schema.errors?.slice(0, 3))}`);
    }
    if (shapeOk) accepted++;
    else rejected++;
    if (v.ok) {
      const r = JSON.parse(JSON.stringify(m.evaluate(v.value, { explain: accepted % 2 === 0 }))) as unknown;
      if (!result(r)) throw new Error(`the result schema rejects ${JSON.stringify(r).slice(0, 400)}: ${JSON.stringify(result.errors?.slice(0, 3))}`);
    }
  }
  return { agree: accepted + rejected, accepted, rejected };
}

test('random policies: the input schema accepts exactly what validate accepts', async () => {
  const policies = fc.sample(arbPolicy(), fcParams(30));
  let total = { agree: 0, accepted: 0, rejected: 0 };
  for (const [k, src] of policies.entries()) {
    const program = checkSource(src);
    const good = fc.sample(arbInputFor(program), { seed: k, numRuns: 30 });
    const bad = fc.sample(arbBadInputFor(program), { seed: k + 1000, numRuns: 30 });
    const c = await agreement(program, [...good, ...bad]);
    total = { agree: total.agree + c.agree, accepted: total.accepted + c.accepted, rejected: total.rejected + c.rejected };
  }
  expect(total.accepted).toBeGreaterThan(300);
  expect(total.rejected).toBeGreaterThan(300);
}, 300_000);

test('the IFR: valid and invalid transactions, and edge cases of numbers and dates', async () => {
  const program = loadProgram(new URL('../../policies/ai-diffusion/ifr.pol', import.meta.url).pathname);
  const mod = await loadCompiled(program);
  const valid = fc.sample(arbIfrTransaction(), fcParams(400));
  const invalid = fc.sample(arbInvalidIfrTransaction(), fcParams(400));
  const base = valid[0] as unknown as Record<string, unknown> & { item: Record<string, unknown> };
  const tpp = (x: unknown): unknown => ({ ...base, item: { ...base.item, tpp: x } });
  const units = (x: unknown): unknown => ({ ...base, item: { ...base.item, units: x } });
  const date = (x: unknown): unknown => ({ ...base, date: x });
  const edges = [
    ...['0', '-0', '-0.000', '-0e5', '1e1000', '1e1001', '1e-1000', '1E+0999', '1e00001000', '00012.50', '.5', '5.', '1.2.3', '+1', '1e', ' 1', '0x10', 'NaN', '-1', '-0.1'].map(tpp),
    ...['1'.repeat(1000), '1'.repeat(1001), '1'.repeat(500) + '.' + '1'.repeat(500), '1'.repeat(500) + '.' + '1'.repeat(501), '-' + '9'.repeat(1000) + 'e-1000'].map(units),
    ...[0, -0, -1, 1.5, 1e300, 5e-324].map(tpp),
    ...['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '0000-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-1-01', '20240101', '2024-01-01T00:00', 12].map(date),
    { ...base, extra: 1 },
    [],
    null,
  ];
  const c = await agreement(program, [...valid, ...invalid, ...edges], mod);
  expect(c.accepted).toBeGreaterThan(400);
  // some invalid transactions break only a `require` (shape-valid, so counted as accepted)
  expect(c.rejected).toBeGreaterThan(250);
}, 300_000);
