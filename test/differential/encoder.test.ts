/**
 * The SMT encoder joins the differential property: on random well-typed policies (test/harness)
 * and random inputs, the interpreter, the compiled module, the IR evaluator and the encoder's
 * concrete evaluation of its own terms (test/harness/engines.ts, `encoder`) agree. The encoder is
 * compared on what its bounded encoding decides exactly: acceptance by the requirements with
 * their error paths, the decision (outcome and fields) and the deciding rule path, for
 * well-shaped inputs whose lists fit the bound (4 items, as long as the generator makes them). Alternatives,
 * obligations and explanations are not encoded, so they are not compared. The abstract mode of the
 * analyses (each aggregate an unknown) decides no input by itself; it is compared with its unknowns
 * fixed to the aggregates' values on the input ("encoder-abstract"), which checks that the real
 * behaviour is one of its instances, the premise of every "can never apply" it proves.
 *
 * z3 is slow next to the other engines, so this runs fewer policies and inputs than the
 * compiled comparison (random-policies-*.test.ts): POL_ENCODER_RUNS policies (default 150) with
 * INPUTS_PER_POLICY inputs each, from seed POL_FC_SEED (default 20251128).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { arbPolicy, checkSource } from '../harness/policy-gen.ts';
import { compiled, encoder, interpreter, irEvaluator } from '../harness/engines.ts';
import { load } from '../diff/load.ts';
import { comparePolicy, describe, type CompareStats } from './compare.ts';

const INPUTS_PER_POLICY = 12;

test('interpreter == compiled == encoder on random policies', async () => {
  const numRuns = Number(process.env.POL_ENCODER_RUNS ?? 150);
  const seed = Number(process.env.POL_FC_SEED ?? 20251128) + 7;
  const stats: CompareStats & { policies: number } = { valid: 0, invalid: 0, policies: 0 };
  const t0 = Date.now();
  await fc.assert(
    fc.asyncProperty(arbPolicy(), fc.nat(1_000_000), async (src, inputSeed) => {
      const program = checkSource(src);
      stats.policies++;
      const d = await comparePolicy(program, inputSeed, INPUTS_PER_POLICY, stats, [interpreter, compiled, irEvaluator, encoder(), encoder(4, 'abstract')]);
      if (d) throw new Error(describe(d));
    }),
    { numRuns, seed, endOnFailure: false },
  );
  const pairs = stats.compared?.encoder ?? 0;
  const abstract = stats.compared?.['encoder-abstract'] ?? 0;
  console.log(`encoder: ${stats.policies} policies, ${pairs} policy-input pairs compared with the bounded encoder and ${abstract} with the abstract one (${stats.valid} decided, ${stats.invalid} rejected by the interpreter), ${Date.now() - t0} ms`);
  // the encoder must actually decide most inputs, or the comparison proves little
  expect(pairs).toBeGreaterThanOrEqual(Math.min(300, numRuns * 5));
  expect(abstract).toBeGreaterThanOrEqual(Math.min(300, numRuns * 5));
}, 600_000);

// the amendments `pol diff` is tested on (dated group members, changed limits, dropped exceptions)
const CASES = join(import.meta.dirname, '../diff/cases');
test('interpreter == encoder on the diff cases', async () => {
  for (const name of readdirSync(CASES)) {
    for (const side of ['before', 'after']) {
      const stats: CompareStats = { valid: 0, invalid: 0 };
      const d = await comparePolicy(load(join(CASES, name, `${side}.pol`)), 3, 60, stats, [interpreter, encoder(), encoder(4, 'abstract')]);
      expect(d && `${name}/${side}: ${describe(d)}`).toBeUndefined();
      expect(stats.compared?.encoder ?? 0).toBeGreaterThan(30);
    }
  }
}, 120_000);
