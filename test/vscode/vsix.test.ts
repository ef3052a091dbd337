/**
 * The VS Code extension packages into a .vsix (with @vscode/vsce, as CI does) holding the
 * manifest, the grammar, the language configuration, the extension and the bundled server; and
 * that bundled server, run on its own, answers an editor over stdio.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/policy-files.ts';
import { IFR_DIR, startLsp, uriOf } from '../lsp/lsp-client.ts';

const PKG = join(REPO, 'packages/vscode');

describe('the VS Code extension', () => {
  it('builds a .vsix with everything the extension needs', () => {
    const r = spawnSync('npx', ['--yes', 'pnpm@10.34.9', 'run', 'package'], { cwd: PKG, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const vsix = readFileSync(join(PKG, 'dist/pol.vsix'));
    // A .vsix is a zip; its central directory names every file in plain text.
    const names = vsix.toString('latin1');
    for (const f of ['extension/package.json', 'extension/dist/extension.cjs', 'extension/dist/server.js', 'extension/syntaxes/pol.tmLanguage.json', 'extension/language-configuration.json', 'extension.vsixmanifest']) expect(names).toContain(f);
    expect(names).not.toContain('extension/src/');
    const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[]; languages: { extensions: string[] }[] } };
    expect(manifest.contributes.languages[0]!.extensions).toEqual(['.pol']);
    expect(manifest.contributes.commands.map((c) => c.command)).toEqual(['pol.runExamples', 'pol.explain']);
  }, 200_000);

  it('its bundled server checks an IFR file over stdio', async () => {
    const lsp = await startLsp([join(PKG, 'dist/server.js'), '--stdio']);
    const file = join(IFR_DIR, 'weights.pol');
    const text = readFileSync(file, 'utf8').replace('Tier1', 'Tier_1');
    const got = lsp.diagnostics(uriOf(file), (d) => d.length > 0);
    await lsp.open(file, text);
    const diagnostics = await got;
    expect(diagnostics[0]).toMatchObject({ code: 'check/unknown-name', message: expect.stringContaining('did you mean `Tier1`?') });
    expect(diagnostics[0]!.range.start.line).toBe(text.slice(0, text.indexOf('Tier_1')).split('\n').length - 1);
    expect(await lsp.close()).toBe(0);
  }, 60_000);
});
