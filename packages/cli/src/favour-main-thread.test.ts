import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// in a process of its own: a lowered priority cannot be raised again, and this one runs the tests
const script = `
import { getPriority } from 'node:os';
import { readdirSync } from 'node:fs';
import { favourMainThread } from ${JSON.stringify(join(import.meta.dirname, 'favour-main-thread.ts'))};
const before = getPriority(process.pid);
const lowered = favourMainThread();
const tasks = process.platform === 'linux' ? readdirSync('/proc/self/task').map(Number) : [];
console.log(JSON.stringify({ lowered, before, main: getPriority(process.pid), helpers: tasks.filter((t) => t !== process.pid && lowered.includes(t)).map((t) => getPriority(t)) }));
`;

describe('favourMainThread', () => {
  it('lowers the priority of the helper threads to the lowest, and not the main thread', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const r = JSON.parse(out) as { lowered: number[]; before: number; main: number; helpers: number[] };
    if (process.platform !== 'linux') {
      expect(r.lowered).toEqual([]);
      return;
    }
    // V8's platform threads at least (four by default)
    expect(r.lowered.length).toBeGreaterThanOrEqual(4);
    expect(r.lowered).not.toContain(process.pid);
    expect(r.main).toBe(r.before);
    expect(r.helpers.length).toBe(r.lowered.length);
    for (const p of r.helpers) expect(p).toBe(19);
  });
});
