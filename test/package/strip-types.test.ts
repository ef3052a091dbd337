/**
 * A generated module runs under Node's type stripping (`node --experimental-strip-types`, Node >=
 * 22.6): it uses only erasable TypeScript syntax. On an older node the tests run on, the Node 22
 * that scripts/ensure-strip-types-node.sh fetched (or POL_NODE22) runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { compileProgram } from '@pol/compiler';
import { loadProgram } from '../codegen/util.ts';

function node22(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 6)) return process.execPath;
  const fetched = join(import.meta.dirname, '../../node_modules/.cache/pol-node22/package/bin/node');
  const path = process.env['POL_NODE22'] ?? fetched;
  if (!existsSync(path)) throw new Error(`no Node >= 22.6 for --experimental-strip-types: run sh scripts/ensure-strip-types-node.sh (pnpm test does) or set POL_NODE22`);
  return path;
}

test('the IFR module runs under node --experimental-strip-types', async () => {
  const node = node22();
  const dir = mkdtempSync(join(tmpdir(), 'pol-strip-'));
  try {
    const { files } = await compileProgram(loadProgram(join(import.meta.dirname, '../../policies/ai-diffusion/ifr.pol')), { format: false });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'ifr.ts'), files[0]!.text);
    writeFileSync(
      join(dir, 'main.ts'),
      `import { decide, type Decision } from './ifr.ts';
const r = decide({ date: '2025-06-01', activity: 'export', item: { kind: 'other' }, destination: 'GB', consignee: { headquarters: 'GB', parent_headquarters: 'GB' } });
const d: Decision | undefined = r.ok ? r.result.decision : undefined;
console.log(JSON.stringify(d));
`,
    );
    const r = spawnSync(node, ['--experimental-strip-types', '--no-warnings', 'main.ts'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ outcome: 'not_controlled', authorization: null, review_policy: null });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
