import { describe, expect, it } from 'vitest';
import { isInside, loadPolicy } from './load.ts';

describe('imports stay inside the project', () => {
  it('compares paths after resolving them', () => {
    expect(isInside('weights.pol', '/repo', '/repo/policies/ai')).toBe(true);
    expect(isInside('../../x.pol', '/repo', '/repo/policies/ai')).toBe(true);
    expect(isInside('../../../x.pol', '/repo', '/repo/policies/ai')).toBe(false);
    expect(isInside('/repo2/x.pol', '/repo')).toBe(false);
    expect(isInside('/etc/passwd', '/')).toBe(true);
  });
  it('refuses an import outside before reading it', () => {
    const read: string[] = [];
    const files: Record<string, string> = { '/p/a.pol': 'import "../../etc/passwd"\n' };
    const r = loadPolicy('/p/a.pol', (p) => (read.push(p), files[p]), { projectRoot: '/p' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['import/outside-project']);
    expect(read).not.toContain('/etc/passwd');
  });
});
