import { test } from 'vitest';
import { runShard } from './run-shard.ts';

test('compiled == interpreter on random policies (shard 0)', async () => {
  const s = await runShard(0);
  console.log(`shard 0: ${s.policies} policies, ${s.valid} valid and ${s.invalid} rejected inputs`);
}, 600_000);
