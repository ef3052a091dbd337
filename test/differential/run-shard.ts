/**
 * The differential property: for random well-typed policies (test/harness) and random inputs, the
 * compiled module and the reference interpreter agree on validation and on every ResultJson
 * (explain on and off). POL_FC_RUNS scales the policy count (default 2,000, split over shards);
 * POL_FC_SEED fixes the seed (default 20251128). A failure shrinks to a minimal policy + input.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { arbPolicy, checkSource } from '../harness/policy-gen.ts';
import { comparePolicy, describe, type CompareStats } from './compare.ts';

export const SHARDS = 2;
export const INPUTS_PER_POLICY = 50;

export async function runShard(shard: number): Promise<CompareStats & { policies: number }> {
  const total = Number(process.env.POL_FC_RUNS ?? 2000);
  const numRuns = Math.ceil(total / SHARDS);
  const seed = Number(process.env.POL_FC_SEED ?? 20251128) + shard;
  const stats = { valid: 0, invalid: 0, policies: 0 };
  await fc.assert(
    fc.asyncProperty(arbPolicy(), fc.nat(1_000_000), async (src, inputSeed) => {
      const program = checkSource(src);
      stats.policies++;
      const d = await comparePolicy(program, inputSeed, INPUTS_PER_POLICY, stats);
      if (d) throw new Error(describe(d));
    }),
    { numRuns, seed, endOnFailure: false },
  );
  expect(stats.valid).toBeGreaterThan(0);
  return stats;
}
