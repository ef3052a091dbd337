/**
 * The form "same meaning" compares: the syntax tree without spans, and without the file's path
 * and comment list. (Spans never take part in meaning; comments are checked on their own.)
 */
import type { PolFile } from '../../packages/core/src/ast/nodes.ts';

export function stripSpans(file: PolFile): unknown {
  const { path: _path, comments: _comments, ...rest } = file;
  return strip(rest);
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'span') out[key] = strip(v);
  }
  return out;
}
