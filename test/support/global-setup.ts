/** Once per test run: builds the CLI's bundle that the tests start as `pol` (test/support/cli-argv.ts). */
import { bundleCli } from '../../packages/cli/bundle.ts';

export default async function setup(): Promise<void> {
  process.env['POL_TEST_CLI_BUNDLE'] = await bundleCli();
}
