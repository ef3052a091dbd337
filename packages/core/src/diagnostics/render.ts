import { visible } from '../source/visible.ts';
import type { SourceFile } from '../source/span.ts';
import type { Diagnostic } from './diagnostic.ts';

export type SourceLookup = (path: string) => SourceFile | undefined;

/** A code frame for people: `error[code]: message`, the location, the line with `^^^`, help. */
export function renderDiagnostic(diagnostic: Diagnostic, sources: SourceLookup): string {
  const out: string[] = [`${diagnostic.severity}[${diagnostic.code}]: ${diagnostic.message}`];
  const span = diagnostic.span;
  const file = span ? sources(span.file) : undefined;
  if (span && file) {
    const start = file.position(span.start);
    const end = file.position(Math.max(span.start, span.end - 1));
    out.push(`  --> ${span.file}:${start.line}:${start.column}`);
    out.push(...frame(file, start.line, start.column, end.line === start.line ? end.column : undefined, diagnostic.label));
    for (const label of diagnostic.labels ?? []) {
      const lf = sources(label.span.file);
      if (!lf) continue;
      const ls = lf.position(label.span.start);
      const le = lf.position(Math.max(label.span.start, label.span.end - 1));
      out.push(`  --> ${label.span.file}:${ls.line}:${ls.column}`);
      out.push(...frame(lf, ls.line, ls.column, le.line === ls.line ? le.column : undefined, label.message, '-'));
    }
  } else if (span) {
    out.push(`  --> ${span.file}`);
  }
  for (const note of diagnostic.notes ?? []) out.push(`  = note: ${note}`);
  if (diagnostic.help) out.push(`  = help: ${diagnostic.help}`);
  // policy text (messages quote it, frames show it) must not steer the terminal
  return visible(out.join('\n'));
}

function frame(
  file: SourceFile,
  line: number,
  column: number,
  endColumn: number | undefined,
  label: string | undefined,
  mark = '^',
): string[] {
  const gutter = String(line).length;
  const pad = ' '.repeat(gutter);
  // Tabs are shown as single spaces so the underline lines up with what the reader sees.
  const text = file.line(line).replace(/\t/g, ' ');
  const visible = text.length > 200 ? text.slice(0, 200) + '…' : text;
  const width = Math.max(1, Math.min((endColumn ?? text.length) - column + 1, Math.max(1, visible.length - column + 1)));
  return [
    `${pad} |`,
    `${line} | ${visible}`,
    `${pad} | ${' '.repeat(Math.max(0, column - 1))}${mark.repeat(width)}${label ? ' ' + label : ''}`,
  ];
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceLookup): string {
  return diagnostics.map((d) => renderDiagnostic(d, sources)).join('\n\n');
}

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  start?: number;
  end?: number;
  label?: string;
  help?: string;
  notes?: readonly string[];
  labels?: { file: string; line: number; column: number; message: string }[];
}

/** The same diagnostic for tools: 1-based line and column plus offsets. */
export function diagnosticToJson(diagnostic: Diagnostic, sources: SourceLookup): JsonDiagnostic {
  const json: JsonDiagnostic = { code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message };
  const span = diagnostic.span;
  if (span) {
    json.file = span.file;
    json.start = span.start;
    json.end = span.end;
    const file = sources(span.file);
    if (file) {
      const s = file.position(span.start);
      const e = file.position(span.end);
      json.line = s.line;
      json.column = s.column;
      json.endLine = e.line;
      json.endColumn = e.column;
    }
  }
  if (diagnostic.label) json.label = diagnostic.label;
  if (diagnostic.help) json.help = diagnostic.help;
  if (diagnostic.notes?.length) json.notes = diagnostic.notes;
  if (diagnostic.labels?.length) {
    json.labels = diagnostic.labels.map((l) => {
      const p = sources(l.span.file)?.position(l.span.start) ?? { line: 0, column: 0 };
      return { file: l.span.file, line: p.line, column: p.column, message: l.message };
    });
  }
  return json;
}
