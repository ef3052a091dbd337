import { test } from 'vitest';
import { runShard } from './run-shard.ts';

// a deeper run (POL_FC_RUNS) takes as long as it takes
test('compiled == interpreter on random policies (shard 1)', async () => {
  const s = await runShard(1);
  console.log(`shard 1: ${s.policies} policies, ${s.valid} valid and ${s.invalid} rejected inputs`);
}, process.env.POL_FC_RUNS ? 24 * 3_600_000 : 600_000);
