/**
 * A tiny tagged template for generated code: the template is dedented (its first line break and
 * common indentation dropped), and an interpolated value spanning several lines (or an array,
 * joined by line breaks) is indented like the line it is placed on. The template's own layout is
 * worked out once per call site (TemplateStringsArray objects are unique per site), so a call only
 * joins strings: the emitter calls it for every rule of a policy of 10,000 rules.
 */
export type Part = string | number | bigint | readonly string[];

interface Layout {
  readonly parts: readonly string[];
  /** the indentation of the line each value is placed on */
  readonly indents: readonly string[];
}

const layouts = new WeakMap<TemplateStringsArray, Layout>();

function layout(strings: TemplateStringsArray): Layout {
  const raw = [...strings.raw].map((s) => s.replace(/\\`/g, '`').replace(/\\\$/g, '$').replace(/\\\\/g, '\\'));
  if (raw[0]!.startsWith('\n')) raw[0] = raw[0]!.slice(1);
  const lines = raw
    .join('\u0000')
    .split('\n')
    .filter((l) => l.replace(/\u0000/g, '').trim() !== '');
  const cut = lines.length ? Math.min(...lines.map((l) => /^ */.exec(l)![0].length)) : 0;
  const parts = raw.map((s, i) => (i === 0 ? s.replace(new RegExp(`^ {0,${cut}}`), '') : s).replace(new RegExp(`\\n {0,${cut}}`, 'g'), '\n'));
  const indents: string[] = [];
  let current = /^ */.exec(parts[0]!)![0];
  for (let i = 1; i < parts.length; i++) {
    const before = parts[i - 1]!;
    const nl = before.lastIndexOf('\n');
    if (nl >= 0) current = /^ */.exec(before.slice(nl + 1))![0];
    indents.push(current);
  }
  return { parts, indents };
}

export function code(strings: TemplateStringsArray, ...values: Part[]): string {
  let l = layouts.get(strings);
  if (!l) {
    l = layout(strings);
    layouts.set(strings, l);
  }
  let out = l.parts[0]!;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : v.join('\n');
    out += (text.includes('\n') ? text.replace(/\n(?=.)/g, `\n${l.indents[i]!}`) : text) + l.parts[i + 1]!;
  }
  return out.trimEnd();
}
