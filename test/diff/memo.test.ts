import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffPrograms, renderDiff } from '@pol/analysis';
import { load } from './load.ts';

const dir = join(import.meta.dirname, 'cases', 'lpp-obligation');
const names = { before: 'before.pol', after: 'after.pol' };

describe('the change memo', () => {
  it('leads with a summary (verdict, counts, changes by decision with rules and citations), then regions, then the structural list', async () => {
    const r = await diffPrograms(load(join(dir, 'before.pol')), load(join(dir, 'after.pol')));
    const t = renderDiff(r, 'text', names);
    const at = (s: string): number => {
      const i = t.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('summary:')).toBeLessThan(at('behavioural changes:'));
    expect(at('behavioural changes:')).toBeLessThan(at('structural changes:'));
    expect(t).toContain('3 region(s) decided differently (1 in obligations only); 0 kind(s) of input accepted by one version only; 0 not covered; 1 structural change(s)');
    expect(t).toContain('1 x authorized(authorization: LPP): obligations changed; by advanced > lpp_at_limit -> advanced > lpp; cites 740.29(c); 740.29');
    const m = renderDiff(r, 'markdown', names);
    expect(m.indexOf('## Summary')).toBeLessThan(m.indexOf('## Behavioural changes'));
    expect(m.indexOf('## Behavioural changes')).toBeLessThan(m.indexOf('## Structural changes'));
    expect(m).toContain('| change | regions | deciding rules (before -> after) | citations |');
  });

  it('carries provenance: source hashes and the tool version; a time only when asked', async () => {
    const r = await diffPrograms(load(join(dir, 'before.pol')), load(join(dir, 'after.pol')));
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
    expect(r.provenance.before.sha256).toBe(sha(sha(readFileSync(join(dir, 'before.pol'), 'utf8'))));
    expect(r.provenance.before.sha256).not.toBe(r.provenance.after.sha256);
    expect(r.provenance.tool).toMatch(/^pol \d+\.\d+\.\d+/);
    const t = renderDiff(r, 'text', names);
    expect(t).toContain(`sha256 ${r.provenance.after.sha256.slice(0, 16)}`);
    expect(t).not.toContain('generated:');
    expect(renderDiff(r, 'text', { ...names, generatedAt: '2026-12-01T00:00:00Z' })).toContain('generated: 2026-12-01T00:00:00Z');
  });

  it('the IFR memo names both policies and their versions', async () => {
    const IFR = join(import.meta.dirname, '../../policies/ai-diffusion');
    const r = await diffPrograms(load(join(IFR, 'ifr.pol')), load(join(IFR, 'as-enforced-2025-05-13.pol')), { describe: false });
    expect(r.provenance.before.name).toMatch(/as published/);
    expect(r.provenance.after.name).toMatch(/as enforced/);
    expect(r.provenance.before.files).toBeGreaterThan(1);
  }, 60_000);

  it('HTML: landmarks, captions and header scopes, a print stylesheet, a sign-off block, escaped', async () => {
    const r = await diffPrograms(load(join(dir, 'before.pol')), load(join(dir, 'after.pol')));
    const h = renderDiff(r, 'html', { before: '<a>.pol', after: 'b&.pol' });
    for (const s of ['<main>', '<header>', '<footer>', '<caption>Changes by decision</caption>', 'scope="col"', 'scope="row"', '@media print', 'id="signoff"', '&lt;a&gt;.pol']) expect(h).toContain(s);
    expect(h).not.toContain('<a>.pol');
    expect(h.indexOf('id="summary"')).toBeLessThan(h.indexOf('id="structural"'));
  });
});
