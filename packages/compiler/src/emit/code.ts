/**
 * A tiny tagged template for generated code: the template is dedented (its first line break and
 * common indentation dropped), and an interpolated value spanning several lines (or an array,
 * joined by line breaks) is indented like the line it is placed on.
 */
export type Part = string | number | bigint | readonly string[];

export function code(strings: TemplateStringsArray, ...values: Part[]): string {
  const raw = [...strings.raw].map((s) => s.replace(/\\`/g, '`').replace(/\\\$/g, '$').replace(/\\\\/g, '\\'));
  if (raw[0]!.startsWith('\n')) raw[0] = raw[0]!.slice(1);
  const indents = raw
    .join('\u0000')
    .split('\n')
    .filter((l) => l.replace(/\u0000/g, '').trim() !== '')
    .map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const parts = raw.map((s, i) => (i === 0 ? s.replace(new RegExp(`^ {0,${cut}}`), '') : s).replace(new RegExp(`\\n {0,${cut}}`, 'g'), '\n'));
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : v.join('\n');
    const line = out.slice(out.lastIndexOf('\n') + 1);
    const indent = /^ */.exec(line)![0];
    out += text.replace(/\n(?=.)/g, `\n${indent}`) + parts[i + 1]!;
  }
  return out.replace(/\s+$/, '');
}
