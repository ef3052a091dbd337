import { spawnSync } from 'node:child_process';
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
