import { test } from 'vitest';
import { runShard } from './run-shard.ts';

test('compiled == interpreter on random policies (shard 1)', async () => {
  const s = await runShard(1);
  console.log(`shard 1: ${s.policies} policies, ${s.valid} valid and ${s.invalid} rejected inputs`);
}, 600_000);
