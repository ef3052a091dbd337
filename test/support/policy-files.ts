import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

/** Every .pol and .pol.md file under policies/ (and any extra folders), with its text. */
export function policyFiles(...dirs: string[]): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.pol') || name.endsWith('.pol.md')) out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of dirs.length ? dirs : ['policies']) if (existsSync(join(REPO, d))) walk(join(REPO, d));
  return out;
}
