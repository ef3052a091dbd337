/**
 * How the tests start `pol` in a child process: the bundle of the CLI (packages/cli/bundle.ts),
 * built fresh for each test run by test/support/global-setup.ts, which starts in a tenth of the
 * CPU time of the sources through tsx (2.3 s for `pol --help` under tsx; the CLI tests start `pol`
 * some two hundred times). Without the set-up (a test file run on its own by another runner), the
 * sources through tsx. test/cli/command.test.ts runs bin/pol.js itself, as users start it.
 */
import { join } from 'node:path';
import { REPO } from './policy-files.ts';

export function polArgv(): string[] {
  const bundle = process.env['POL_TEST_CLI_BUNDLE'];
  return bundle ? [bundle] : ['--import', 'tsx', join(REPO, 'packages/cli/src/bin.ts')];
}
