import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from './safe-write.ts';

const root = mkdtempSync(join(tmpdir(), 'pol-write-'));
let n = 0;
const fresh = (): string => {
  const d = join(root, `d${n++}`);
  mkdirSync(d);
  return d;
};
const noTemps = (d: string): void => expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);

describe('safe writes', () => {
  it('keeps the mode of the file it replaces', () => {
    const d = fresh();
    const f = join(d, 'p.ts');
    writeFileSync(f, 'old');
    chmodSync(f, 0o750);
    writeFiles([{ path: f, text: 'new' }]);
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o750);
    noTemps(d);
  });

  it('writes through a symbolic link and leaves the link in place', () => {
    const d = fresh();
    const real = join(d, 'real.pol');
    writeFileSync(real, 'old');
    const link = join(d, 'link.pol');
    symlinkSync(real, link);
    writeFiles([{ path: link, text: 'new' }]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    noTemps(d);
  });

  it('refuses a read-only file and a file of another user it could not write, even as root', () => {
    const d = fresh();
    const ro = join(d, 'ro.ts');
    writeFileSync(ro, 'keep');
    chmodSync(ro, 0o444);
    expect(() => writeFiles([{ path: ro, text: 'x' }])).toThrow(/read-only for you \(mode 444\)/);
    expect(readFileSync(ro, 'utf8')).toBe('keep');
    if (process.getuid?.() === 0) {
      const theirs = join(d, 'theirs.ts');
      writeFileSync(theirs, 'keep');
      chownSync(theirs, 12345, 12345);
      chmodSync(theirs, 0o644);
      expect(() => writeFiles([{ path: theirs, text: 'x' }])).toThrow(/read-only for you/);
      expect(readFileSync(theirs, 'utf8')).toBe('keep');
      expect(statSync(theirs).uid).toBe(12345);
    }
    noTemps(d);
  });

  it('writes a pair all or nothing, and leaves no temporary file after a failure', () => {
    const d = fresh();
    const js = join(d, 'm.js');
    writeFileSync(js, 'old js');
    mkdirSync(join(d, 'm.d.ts'));
    expect(() =>
      writeFiles([
        { path: js, text: 'new js' },
        { path: join(d, 'm.d.ts'), text: 'types' },
      ]),
    ).toThrow(/m\.d\.ts: it is not a regular file/);
    expect(readFileSync(js, 'utf8')).toBe('old js');
    noTemps(d);
    const blocked = join(d, 'file');
    writeFileSync(blocked, '');
    expect(() => writeFiles([{ path: join(blocked, 'x.ts'), text: '' }])).toThrow(/a file stands where a folder is needed/);
    noTemps(d);
  });

  it('creates folders and new files with ordinary permissions', () => {
    const d = fresh();
    const f = join(d, 'a', 'b', 'p.ts');
    writeFiles([{ path: f, text: 'x' }]);
    expect(readFileSync(f, 'utf8')).toBe('x');
    noTemps(join(d, 'a', 'b'));
  });
});
