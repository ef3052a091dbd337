/** Which versions a report compares, so a signed memo can be traced to the exact texts. */
import { createHash } from 'node:crypto';
import type { CheckedProgram } from '@pol/core/checker';
// imported, not read at run time: a bundle of the CLI then carries the version with it
import pkg from '../package.json' with { type: 'json' };

export interface VersionInfo {
  readonly name: string | undefined;
  readonly version: string | undefined;
  /** sha256 over the policy's source files (each file's sha256, sorted), independent of where they sit */
  readonly sha256: string;
  readonly files: number;
}

export interface Provenance {
  readonly before: VersionInfo;
  readonly after: VersionInfo;
  readonly tool: string;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

export function versionInfo(p: CheckedProgram): VersionInfo {
  const hashes = [...p.sources.values()].map((f) => sha(f.text)).sort();
  return { name: p.header?.name.value, version: p.header?.version?.value, sha256: sha(hashes.join('\n')), files: hashes.length };
}

export function toolVersion(): string {
  return `pol ${pkg.version} (@pol/analysis)`;
}

export function provenanceOf(before: CheckedProgram, after: CheckedProgram): Provenance {
  return { before: versionInfo(before), after: versionInfo(after), tool: toolVersion() };
}
