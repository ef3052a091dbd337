/**
 * bin/pol.js runs the bundle only when no source it was built from changed since; a stale bundle
 * would run yesterday's code after an edit.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript beside the bin, without declarations
import { bundleIsFresh as fresh } from '../../packages/cli/bin/bundle-is-fresh.js';

const bundleIsFresh = fresh as (bundle: URL, inputs: URL) => boolean;
const dir = mkdtempSync(join(tmpdir(), 'pol-fresh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(name: string, sources: Record<string, number>, listed = Object.keys(sources)): { bundle: URL; inputs: URL } {
  const root = join(dir, name);
  mkdirSync(join(root, 'dist'), { recursive: true });
  mkdirSync(join(root, 'src'), { recursive: true });
  for (const [f, age] of Object.entries(sources)) {
    writeFileSync(join(root, 'src', f), 'x');
    utimesSync(join(root, 'src', f), age, age);
  }
  writeFileSync(join(root, 'dist/pol.js'), 'x');
  utimesSync(join(root, 'dist/pol.js'), 1000, 1000);
  writeFileSync(join(root, 'dist/inputs.json'), JSON.stringify(listed.map((f) => `../src/${f}`)));
  return { bundle: pathToFileURL(join(root, 'dist/pol.js')), inputs: pathToFileURL(join(root, 'dist/inputs.json')) };
}

describe('bundleIsFresh', () => {
  it('is true when every source is older than the bundle', () => {
    const { bundle, inputs } = setup('fresh', { 'a.ts': 900, 'b.ts': 1000 });
    expect(bundleIsFresh(bundle, inputs)).toBe(true);
  });
  it('is false when one source changed after the build', () => {
    const { bundle, inputs } = setup('edited', { 'a.ts': 900, 'b.ts': 1001 });
    expect(bundleIsFresh(bundle, inputs)).toBe(false);
  });
  it('is false when a listed source is gone, the list is empty, or nothing was built', () => {
    const gone = setup('gone', { 'a.ts': 900 }, ['a.ts', 'removed.ts']);
    expect(bundleIsFresh(gone.bundle, gone.inputs)).toBe(false);
    const empty = setup('empty', {}, []);
    expect(bundleIsFresh(empty.bundle, empty.inputs)).toBe(false);
    expect(bundleIsFresh(pathToFileURL(join(dir, 'none/dist/pol.js')), pathToFileURL(join(dir, 'none/dist/inputs.json')))).toBe(false);
  });
  it("lists the real build's sources: the CLI's own and its workspace packages', nothing from node_modules", () => {
    // (whether the real build is fresh depends on what else ran: a test that rebuilds the prettier
    // plugin's dist makes it stale, and then the bin rightly runs the sources)
    const cli = new URL('../../packages/cli/', import.meta.url);
    const listed = JSON.parse(readFileSync(new URL('dist/inputs.json', cli), 'utf8')) as string[];
    expect(listed).toContain('../src/bin.ts');
    expect(listed).toContain('../src/batch/decide.ts');
    expect(listed.some((f) => f.startsWith('../../core/src/'))).toBe(true);
    expect(listed.filter((f) => f.includes('node_modules'))).toEqual([]);
  });
});
