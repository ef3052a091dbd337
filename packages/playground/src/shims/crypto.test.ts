import { createHash as nodeHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHash } from './crypto.ts';

describe('the browser sha256 shim', () => {
  it('agrees with node:crypto at every padding boundary and on non-ASCII text', () => {
    for (const s of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'é'.repeat(1000) + 'policy', '中文 ≥ 4,800']) {
      expect(createHash('sha256').update(s).update('tail').digest('hex')).toBe(nodeHash('sha256').update(s).update('tail').digest('hex'));
    }
  });
});
