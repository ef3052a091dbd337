/**
 * An example's `given` means exactly what the same input written as JSON means: it is turned into
 * JSON (numbers as exact decimal text) and goes through the same input validation.
 */
import type * as A from '../ast/nodes.ts';

export function exampleToJson(v: A.Value): unknown {
  switch (v.kind) {
    case 'recordValue': {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const f of v.fields) out[f.name.name] = exampleToJson(f.value);
      return out;
    }
    case 'listValue':
      return v.items.map(exampleToJson);
    case 'number':
      return v.text;
    case 'percent':
      return percentText(v.text);
    case 'negateValue':
      return `-${v.operand.kind === 'number' ? v.operand.text : percentText(v.operand.text)}`;
    case 'date':
    case 'string':
      return v.value;
    case 'bool':
      return v.value;
    case 'identifier':
      return v.name;
  }
}

/** `7.5` (percent) -> `7.5e-2`: exact, and readable by the decimal parser. */
function percentText(text: string): string {
  return `${text}e-2`;
}

/** The value node at a validation path such as `veu.compute_by_country[2].country`. */
export function valueAtPath(root: A.Value, path: string): A.Node | undefined {
  if (!path) return root;
  let node: A.Value | undefined = root;
  let last: A.Node | undefined = root;
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (!node) break;
    if (part.startsWith('[')) {
      node = node.kind === 'listValue' ? node.items[Number(part.slice(1, -1))] : undefined;
    } else if (node.kind === 'recordValue') {
      const field: A.ValueField | undefined = node.fields.find((f) => f.name.name === part);
      if (field) last = field.name;
      node = field?.value;
    } else node = undefined;
    if (node) last = node;
  }
  return last;
}
