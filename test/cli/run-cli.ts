import { spawnSync } from 'node:child_process';
import { vi } from 'vitest';
import { run as runCli } from '../../packages/cli/src/main.ts';
import { REPO } from '../support/policy-files.ts';
import { polArgv } from '../support/cli-argv.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `pol` command in a child process, as a user would. */
export function pol(args: string[], input?: string): CliRun {
  const r = spawnSync(process.execPath, [...polArgv(), ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI's `run` in this process, capturing what it writes: for tests that check only what
 * a command prints and returns (a child process costs a Node start and the bundle's load each).
 * Keep a child-process test wherever the exit of a real process is the point.
 */
export async function polInProcess(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const color = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    if (color === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = color;
  }
}
