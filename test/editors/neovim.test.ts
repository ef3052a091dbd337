/**
 * An editor client nobody here wrote talks to the server: Neovim's built-in LSP client (Debian's
 * `neovim`, headless) opens an IFR file with a mistake, gets the diagnostic on the right line and a
 * hover. `pnpm test` installs Neovim when it is missing (scripts/ensure-test-tools.sh); without it
 * this test fails, it is never skipped.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/policy-files.ts';

describe('Neovim as the LSP client', () => {
  it('receives the diagnostic on the line of the mistake, and a hover', () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    expect(version.status, 'nvim is missing: run scripts/ensure-test-tools.sh (pnpm test does)').toBe(0);

    const dir = mkdtempSync(join(tmpdir(), 'pol-nvim-'));
    // The whole policies folder: the IFR imports the shared EAR groups from ../ear.
    cpSync(join(REPO, 'policies'), dir, { recursive: true });
    const chips = join(dir, 'ai-diffusion/chips.pol');
    const text = readFileSync(chips, 'utf8');
    const at = text.indexOf('and veu.kind is universal');
    const broken = text.slice(0, at) + 'and veu.kind is universel' + text.slice(at + 'and veu.kind is universal'.length);
    writeFileSync(chips, broken);
    const line = broken.slice(0, at).split('\n').length - 1;
    const tier1 = broken.indexOf('in Tier1') + 4;
    const hoverLine = broken.slice(0, tier1).split('\n').length - 1;
    const hoverChar = tier1 - broken.lastIndexOf('\n', tier1 - 1) - 1;

    const out = join(dir, 'nvim-result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(REPO, 'test/editors/neovim-client.lua')}`], {
      env: { ...process.env, POL_FILE: chips, POL_OUT: out, POL_NODE: process.execPath, POL_BIN: join(REPO, 'packages/cli/bin/pol.js'), POL_HOVER_LINE: String(hoverLine), POL_HOVER_CHAR: String(hoverChar) },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.error).toBeUndefined();
    const result = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: { lnum: number; col: number; message: string; severity: number; code: string }[]; hover: string | null; error: string | null };
    expect(result.error).toBeNull();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ lnum: line, col: 'and veu.kind is '.length + (at - broken.lastIndexOf('\n', at) - 1), severity: 1, code: 'check/unknown-member' });
    expect(result.diagnostics[0]!.message).toContain('universel');
    expect(result.hover).toContain('group Tier1 of Country');
    expect(result.hover).toContain('JP (Japan)');
  }, 120_000);
});
