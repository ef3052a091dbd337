/**
 * `pol` as a command people type: help for every command, and paths relative to the folder it is
 * run in, whether started by its bin, by `npx pol` or by `pnpm pol` from a subfolder of the workspace.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../packages/cli/src/help.ts';
import { REPO } from '../support/policy-files.ts';
import { pol, polInProcess } from './run-cli.ts';

const BIN = join(REPO, 'packages/cli/bin/pol.js');
const SAMPLE_DIR = join(REPO, 'policies/sample');

const inProcess = polInProcess;

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('pol help', () => {
  it('lists every command with its synopsis', () => {
    const r = pol(['help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`pol ${c.name} ${c.synopsis}`);
    expect(r.stdout).toContain('relative to the folder you run pol in');
  });

  // In process (the same `main` the bin runs), so every command's page costs no process start.
  it.each(COMMANDS.map((c) => c.name))('pol %s --help prints its usage, options and examples and exits 0', async (name) => {
    const c = COMMANDS.find((x) => x.name === name)!;
    const r = await inProcess([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(`usage: pol ${name} ${c.synopsis}\n`)).toBe(true);
    for (const [flag] of c.options) expect(r.stdout).toContain(flag);
    for (const e of c.examples) expect(r.stdout).toContain(e);
    expect((await inProcess(['help', name])).stdout).toBe(r.stdout);
    expect((await inProcess([name, '-h'])).stdout).toBe(r.stdout);
  });

  it('the real bin prints a command page too', () => {
    const r = pol(['check', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: pol check ');
  });

  it('says which command does not exist', async () => {
    const r = await inProcess(['help', 'chek']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is no command `chek`');
  });

  it('a usage error shows the usage of that command, not the whole overview', () => {
    const r = pol(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[cli/usage]: check needs at least one policy file');
    expect(r.stderr).toContain('usage: pol check <file.pol...>');
    expect(r.stderr).not.toContain('pol replay');
  });
});

describe('pol from any folder', () => {
  it('the bin reads paths relative to the folder it runs in', () => {
    const r = run(process.execPath, [BIN, 'check', 'lab-exports.pol', '--no-analyze'], SAMPLE_DIR);
    expect(r.stderr).toContain('lab-exports.pol: ok');
    expect(r.code).toBe(0);
  });

  it('the bin works outside the repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pol-outside-'));
    copyFileSync(join(SAMPLE_DIR, 'lab-exports.pol'), join(dir, 'mine.pol'));
    const r = run(process.execPath, [BIN, 'check', 'mine.pol', '--no-analyze'], dir);
    expect(r.stderr).toContain('mine.pol: ok');
    expect(r.code).toBe(0);
    const missing = run(process.execPath, [BIN, 'check', 'nope.pol'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.pol: no such file');
    // a folder named where a policy belongs: said so, no stack trace
    const folder = run(process.execPath, [BIN, 'check', '.'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("pol: error[cli/io]: . is a folder: name the policy's .pol (or .pol.md) file in it");
    expect(folder.stderr).not.toContain('    at ');
  });

  it('npx pol finds the workspace bin from a subfolder', () => {
    const r = run('npx', ['--no-install', 'pol', 'check', 'lab-exports.pol', '--no-analyze'], SAMPLE_DIR);
    expect(r.stderr).toContain('lab-exports.pol: ok');
    expect(r.code).toBe(0);
  });

  it('pnpm pol from a subfolder of the workspace reads paths relative to that subfolder', () => {
    const r = run('npx', ['--yes', 'pnpm@10.34.9', '-s', 'pol', 'check', 'lab-exports.pol', '--no-analyze'], SAMPLE_DIR);
    expect(r.stderr).toContain('lab-exports.pol: ok');
    expect(r.code).toBe(0);
  });
});
