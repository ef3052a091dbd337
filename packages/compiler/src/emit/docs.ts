/**
 * TSDoc for the module's input types from the policy text: the `//` comment lines written just
 * above a field (`// An IC's own TPP; ...`), and the description of its unit (`unit TPP "Total
 * Processing Performance"`). Keys: `input.item.tpp`, `Holding.country` (a declared record).
 */
import type { CheckedProgram } from '@pol/core/ir';

export interface FieldDocs {
  /** the comment above the field, lines joined */
  readonly fields: ReadonlyMap<string, string>;
  /** unit name -> its description */
  readonly units: ReadonlyMap<string, string>;
}

export const NO_DOCS: FieldDocs = { fields: new Map(), units: new Map() };

interface FieldNode {
  readonly span: { readonly file: string; readonly start: number };
  readonly name: { readonly name: string };
  readonly type: { readonly kind: string; readonly fields?: readonly FieldNode[]; readonly inner?: unknown; readonly element?: unknown };
}

/** The `//` lines directly above `offset` (no blank line between), without the slashes. */
function commentAbove(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (text.slice(lineStart, offset).trim() !== '') return undefined;
  const lines: string[] = [];
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (!line.startsWith('//')) break;
    lines.unshift(line.replace(/^\/\/+\s?/, ''));
    end = start - 1;
  }
  return lines.length ? lines.join(' ') : undefined;
}

export function fieldDocs(program: CheckedProgram): FieldDocs {
  const fields = new Map<string, string>();
  const walk = (owner: string, fs: readonly FieldNode[]): void => {
    for (const f of fs) {
      const key = `${owner}.${f.name.name}`;
      const text = program.sources.get(f.span.file)?.text;
      const doc = text === undefined ? undefined : commentAbove(text, f.span.start);
      if (doc !== undefined) fields.set(key, doc);
      let t: FieldNode['type'] | undefined = f.type;
      while (t !== undefined && (t.kind === 'optionalType' || t.kind === 'listType')) t = (t.kind === 'optionalType' ? t.inner : t.element) as FieldNode['type'];
      if (t?.kind === 'recordType' && t.fields) walk(key, t.fields);
    }
  };
  walk('input', program.input.decl.fields as unknown as readonly FieldNode[]);
  for (const file of program.files) {
    for (const d of file.declarations) if (d.kind === 'record') walk(d.name.name, d.fields as unknown as readonly FieldNode[]);
  }
  const units = new Map<string, string>();
  for (const [name, u] of program.units) if (u.description !== undefined) units.set(name, u.description.value);
  return { fields, units };
}
