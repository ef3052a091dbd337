/**
 * Writing files the user owns without surprising them: through a temporary file in the target's
 * own folder (so a failed write never leaves half a file) that is renamed over the target. The
 * target keeps its mode and owner; a symbolic link is written through, not replaced; a file the
 * user could not write is refused (also when running as root, where the permission bits would not
 * stop us); a group of files (a module and its declarations) is written all or nothing; no
 * temporary file stays behind, and its name cannot be guessed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class WriteError extends Error {}

interface Planned {
  /** where the user asked to write */
  readonly asked: string;
  /** the file actually written: the target of a symbolic link, else `asked` */
  readonly real: string;
  readonly text: string;
  readonly existing: { readonly mode: number; readonly uid: number; readonly gid: number; readonly before: Buffer } | undefined;
  temp?: string;
}

/** Whether this process may write the file as its permission bits say (root included). */
function writable(st: { mode: number; uid: number; gid: number }): boolean {
  const uid = process.getuid?.() ?? -1;
  const gids = process.getgroups?.() ?? [];
  if (st.uid === uid) return (st.mode & 0o200) !== 0;
  if (gids.includes(st.gid) || process.getgid?.() === st.gid) return (st.mode & 0o020) !== 0;
  return (st.mode & 0o002) !== 0;
}

function plan(path: string, text: string): Planned {
  let real = path;
  if (existsSync(path) && lstatSync(path).isSymbolicLink()) real = realpathSync(path);
  else if (!existsSync(path)) {
    // a dangling link: refuse rather than guess where it should point
    try {
      if (lstatSync(path).isSymbolicLink()) throw new WriteError(`cannot write ${path}: it is a symbolic link to a file that does not exist`);
    } catch (e) {
      if (e instanceof WriteError) throw e;
    }
  }
  if (!existsSync(real)) {
    const dir = dirname(real);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new WriteError(`cannot write ${path}: a file stands where a folder is needed`);
    return { asked: path, real, text, existing: undefined };
  }
  const st = statSync(real);
  if (!st.isFile()) throw new WriteError(`cannot write ${path}: it is not a regular file`);
  if (!writable(st)) throw new WriteError(`cannot write ${path}: the file is read-only for you (mode ${(st.mode & 0o777).toString(8)}); change its permissions first if it should be replaced`);
  return { asked: path, real, text, existing: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, before: readFileSync(real) } };
}

function writeTemp(p: Planned): void {
  const dir = dirname(p.real);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(p.real)}.${randomBytes(8).toString('hex')}.tmp`);
  // 'wx': never follow or reuse something that already has this name
  const fd = openSync(temp, 'wx', p.existing ? p.existing.mode & 0o777 : 0o666);
  p.temp = temp;
  try {
    writeSync(fd, p.text);
  } finally {
    closeSync(fd);
  }
  if (p.existing) {
    chmodSync(temp, p.existing.mode);
    try {
      chownSync(temp, p.existing.uid, p.existing.gid);
    } catch {
      // only root may give a file away; a user rewriting their own file keeps its owner anyway
    }
  }
}

function cleanup(ps: readonly Planned[]): void {
  for (const p of ps) {
    if (p.temp && existsSync(p.temp)) {
      try {
        unlinkSync(p.temp);
      } catch {
        // nothing more can be done; the error that got us here is reported
      }
    }
  }
}

/** Writes every file or none (as far as the file system allows: see the module comment). */
export function writeFiles(files: readonly { path: string; text: string }[]): void {
  const planned = files.map((f) => plan(f.path, f.text));
  const done: Planned[] = [];
  try {
    for (const p of planned) writeTemp(p);
    for (const p of planned) {
      renameSync(p.temp!, p.real);
      p.temp = undefined;
      done.push(p);
    }
  } catch (e) {
    // put back what was already replaced, so no half of a pair stays
    for (const p of done.reverse()) {
      try {
        if (p.existing) writeFiles([{ path: p.real, text: p.existing.before.toString('utf8') }]);
        else unlinkSync(p.real);
      } catch {
        // reported below with the original cause
      }
    }
    cleanup(planned);
    if (e instanceof WriteError) throw e;
    const err = e as NodeJS.ErrnoException;
    const which = planned.find((p) => p.temp !== undefined)?.asked ?? planned[0]?.asked ?? '';
    const reason = err.code === 'EEXIST' || err.code === 'ENOTDIR' ? 'a file stands where a folder is needed' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.message;
    throw new WriteError(`cannot write ${which}: ${reason}`);
  }
}
