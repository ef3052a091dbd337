/** Re-decides a log of past inputs under two versions and counts what changes. */
import type { CheckedProgram } from '@pol/core/checker';
import { run, sameDecisionJson, decisionText } from './confirm.ts';

export interface ReplaySummary {
  total: number;
  unchanged: number;
  changed: number;
  /** "before -> after" outcome pairs with their counts and line numbers */
  transitions: { before: string; after: string; count: number; lines: number[] }[];
  invalidBefore: { line: number; errors: string[] }[];
  invalidAfter: { line: number; errors: string[] }[];
  unparseable: { line: number; message: string }[];
}

export function replay(before: CheckedProgram, after: CheckedProgram, jsonl: string): ReplaySummary {
  const s: ReplaySummary = { total: 0, unchanged: 0, changed: 0, transitions: [], invalidBefore: [], invalidAfter: [], unparseable: [] };
  jsonl.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    s.total++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      s.unparseable.push({ line, message: (e as Error).message });
      return;
    }
    // a log line may carry the input under `input` beside other data
    if (json && typeof json === 'object' && !Array.isArray(json) && 'input' in json && Object.keys(json).every((k) => ['input', 'id', 'decision', 'result'].includes(k))) {
      json = (json as { input: unknown }).input;
    }
    const rb = run(before, json);
    const ra = run(after, json);
    if (!rb.ok) s.invalidBefore.push({ line, errors: rb.errors });
    if (!ra.ok) s.invalidAfter.push({ line, errors: ra.errors });
    if (!rb.ok || !ra.ok) return;
    if (sameDecisionJson(rb.result.decision, ra.result.decision)) {
      s.unchanged++;
      return;
    }
    s.changed++;
    const b = decisionText(rb.result.decision);
    const a = decisionText(ra.result.decision);
    let t = s.transitions.find((x) => x.before === b && x.after === a);
    if (!t) s.transitions.push((t = { before: b, after: a, count: 0, lines: [] }));
    t.count++;
    t.lines.push(line);
  });
  s.transitions.sort((x, y) => y.count - x.count);
  return s;
}
