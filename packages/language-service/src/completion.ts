/**
 * Completion from the text before the cursor: what can follow here, in the words of the policy
 * (fields of the input by path, enum members by the type of what they are compared with, country
 * codes with their names, names in scope, keywords of the enclosing block).
 */
import { COUNTRIES, type Ast } from '@pol/core';
import type { Analysis } from './project.ts';
import { unwrap, type SymbolIndex } from './symbols.ts';

export type CompletionKind = 'keyword' | 'field' | 'member' | 'country' | 'define' | 'const' | 'group' | 'type' | 'variant' | 'unit' | 'param' | 'ledger';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
}

const TOP_KEYWORDS = ['policy', 'import', 'enum', 'unit', 'group', 'const', 'record', 'input', 'decision', 'define', 'require', 'rule', 'otherwise', 'example', 'ledger'];
const RULE_KEYWORDS = ['cites', 'effective', 'until', 'when', 'decide', 'obligation', 'records', 'exception'];
const EXPR_KEYWORDS = ['and', 'or', 'not', 'in', 'is', 'present', 'absent', 'otherwise', 'true', 'false', 'every', 'sum', 'count', 'all', 'any', 'each', 'where', 'satisfies', 'for'];
const TYPE_WORDS = ['optional', 'list of', 'Boolean', 'Number', 'Share', 'Date', 'Country', 'days', 'months', 'years'];

export function complete(a: Analysis, file: string, offset: number): Completion[] {
  const text = a.sources.get(file)?.text ?? '';
  const before = stripCommentsAndStrings(text.slice(0, offset));
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const ix = a.index;

  // `records <amount> in |`: only a ledger can follow
  if (/\brecords\s+\S.*\s+in\s+\w*$/.test(line)) return ledgers(ix);
  const dotted = /([A-Za-z_][\w.]*)\.(\w*)$/.exec(line);
  if (dotted) {
    const path = dotted[1]!.split('.');
    const rec = ix.fieldsOfPath(path) ?? recordOfBinder(a, path);
    return rec ? rec.fields.map((f) => field(f)) : [];
  }
  // strings are blanked in `before`, so a ledger's title is spaces here
  if (/\bledger\s+\w+\s*\{[^{}]*$/.test(before)) return ledgerBody(ix, line);
  const isTest = /([A-Za-z_][\w.]*)\s+is\s+(?:not\s+)?\w*$/.exec(line);
  if (isTest) {
    const en = ix.enumOfPath(isTest[1]!.split('.'));
    return [...(en ? members(ix, en) : []), kw('present'), kw('absent'), ...(/is\s+\w*$/.test(line) ? [kw('not')] : [])];
  }
  const inSet = /([A-Za-z_][\w.]*)\s+(?:not\s+)?in\s+\{[^}]*$/.exec(before);
  if (inSet) {
    const en = ix.enumOfPath(inSet[1]!.split('.'));
    return en ? members(ix, en) : [...members(ix, 'Country')];
  }
  const groupLit = /group\s+\w+\s+of\s+(\w+)\s*=[^=]*\{[^}]*$/.exec(before);
  if (groupLit) return members(ix, groupLit[1]!);
  const arg = /(\w+)\(([^()]*?)(\w+)\s*:\s*\w*$/.exec(before);
  if (arg && ix.variants.has(arg[1]!)) {
    const param = ix.variants.get(arg[1]!)!.params.find((p) => p.name.name === arg[3]);
    const t = param ? unwrap(param.type) : undefined;
    return t?.kind === 'namedType' ? members(ix, t.name.name) : [];
  }
  if (/\b(decide|expect)\s+\w*$/.test(line)) {
    return [...ix.variants.values()].map((v) => ({ label: v.name.name, kind: 'variant' as const, detail: v.params.length ? `(${v.params.map((p) => p.name.name).join(', ')})` : undefined }));
  }
  const given = givenContext(before);
  if (given) {
    const rec = given.path.length === 0 ? (ix.input ? { fields: ix.input.fields } : undefined) : ix.fieldsOfPath(given.path);
    if (!given.valueOf) return rec ? rec.fields.map((f) => field(f)) : [];
    const en = ix.enumOfPath([...given.path, given.valueOf]);
    return en ? members(ix, en) : [kw('true'), kw('false')];
  }
  const depth = braceDepth(before);
  if (/^\s*\w+\s*:\s*(?:optional\s+|list\s+of\s+)*\w*$/.test(line) && depth > 0) {
    const types = [...ix.symbols.values()].filter((s) => s.id.startsWith('type:') && (s.kind === 'enum' || s.kind === 'record' || s.kind === 'builtin-type'));
    const units = [...ix.symbols.values()].filter((s) => s.kind === 'unit');
    return [...TYPE_WORDS.map((w) => kw(w)), ...types.filter((t) => !TYPE_WORDS.includes(t.name)).map((t) => ({ label: t.name, kind: 'type' as const })), ...units.map((u) => ({ label: u.name, kind: 'unit' as const }))];
  }
  if (depth === 0 && /^\w*$/.test(line)) return TOP_KEYWORDS.map((w) => kw(w));
  // `\b` only before the words: before an operator it would need a word character (`a+ `, not `a + `)
  const inExpression = /(?:\b(?:when|and|or|not|otherwise|require|define\s+\w+\s*=)|=|!=|<|>|<=|>=|\+|-|\*|\/|\()\s+\w*$/.test(before) || /^\s+(and|or)?\s*\w*$/.test(line);
  const names = inExpression ? scopeNames(ix) : [];
  const keywords = depth > 0 ? [...RULE_KEYWORDS, ...EXPR_KEYWORDS] : [...TOP_KEYWORDS, ...EXPR_KEYWORDS];
  return [...names, ...keywords.map((w) => kw(w))];
}

function kw(label: string): Completion {
  return { label, kind: 'keyword' };
}

function field(f: Ast.FieldDecl): Completion {
  return { label: f.name.name, kind: 'field', detail: typeText(f.type) };
}

function typeText(t: Ast.TypeExpr): string {
  switch (t.kind) {
    case 'namedType':
      return t.name.name;
    case 'optionalType':
      return `optional ${typeText(t.inner)}`;
    case 'listType':
      return `list of ${typeText(t.element)}`;
    case 'recordType':
      return `{ ${t.fields.map((f) => f.name.name).join(', ')} }`;
  }
}

function members(ix: SymbolIndex, enumName: string): Completion[] {
  if (enumName === 'Country') return COUNTRIES.map(([code, name]) => ({ label: code, kind: 'country' as const, detail: name }));
  const groups = [...ix.globals.values()].filter((g) => g.kind === 'group' && (g.decl as Ast.GroupDecl).of.name === enumName);
  const en = ix.enums.get(enumName);
  return [...(en ? en.members.map((m) => ({ label: m.name, kind: 'member' as const, detail: enumName })) : []), ...groups.map((g) => ({ label: g.name, kind: 'group' as const, detail: `group of ${enumName}` }))];
}

/** Inside `ledger Name { ... }`: its clauses, the units after `of`, the input's fields after `per`. */
function ledgerBody(ix: SymbolIndex, line: string): Completion[] {
  if (/^\s*of\s+\w*$/.test(line)) return [...[...ix.symbols.values()].filter((u) => u.kind === 'unit').map((u) => ({ label: u.name, kind: 'unit' as const })), { label: 'Number', kind: 'type' }];
  if (/^\s*per\s+calendar\s+year\s+of\s+\w*$/.test(line)) return [...ix.inputFields.values()].filter((f) => typeText(f.type) === 'Date').map((f) => field(f));
  if (/^\s*per\s+\w*$/.test(line)) return [kw('calendar year of'), ...[...ix.inputFields.values()].map((f) => field(f))];
  if (/^\s*opening\s+/.test(line)) return scopeNames(ix).filter((c) => c.kind !== 'ledger');
  return ['of', 'per', 'opening'].map((w) => kw(w));
}

function ledgers(ix: SymbolIndex): Completion[] {
  return [...ix.globals.values()].filter((g) => g.kind === 'ledger').map((g) => ledger(g.decl as Ast.LedgerDecl));
}

function ledger(d: Ast.LedgerDecl): Completion {
  return { label: d.name.name, kind: 'ledger', detail: `ledger of ${d.unit.name}${d.title ? `: ${d.title.value}` : ''}` };
}

function scopeNames(ix: SymbolIndex): Completion[] {
  const out: Completion[] = [];
  // a ledger's name in an expression is its balance, so it is offered with the other names
  for (const g of ix.globals.values()) out.push(g.kind === 'ledger' ? ledger(g.decl as Ast.LedgerDecl) : { label: g.name, kind: g.kind as 'define' | 'const' | 'group', detail: g.kind });
  for (const f of ix.inputFields.values()) out.push(field(f));
  return out;
}

function recordOfBinder(a: Analysis, path: readonly string[]): { fields: readonly Ast.FieldDecl[] } | undefined {
  // `each h in veu.compute_by_country`: `h.` has the fields of the list's element record.
  const text = [...a.sources.values()].map((s) => s.text).join('\n');
  const m = new RegExp(`each\\s+${path[0]}\\s+in\\s+([A-Za-z_][\\w.]*)`).exec(text);
  if (!m) return undefined;
  const listPath = m[1]!.split('.');
  const parent = listPath.length === 1 ? (a.index.input ? { fields: a.index.input.fields } : undefined) : a.index.fieldsOfPath(listPath.slice(0, -1));
  const f = parent?.fields.find((x) => x.name.name === listPath[listPath.length - 1]);
  const t = f ? unwrap(f.type) : undefined;
  const el = t?.kind === 'listType' ? unwrap(t.element) : undefined;
  let fields = el?.kind === 'recordType' ? el.fields : el?.kind === 'namedType' ? a.index.records.get(el.name.name)?.fields : undefined;
  for (const part of path.slice(1)) {
    const next = fields?.find((x) => x.name.name === part);
    const nt = next ? unwrap(next.type) : undefined;
    fields = nt?.kind === 'recordType' ? nt.fields : nt?.kind === 'namedType' ? a.index.records.get(nt.name.name)?.fields : undefined;
  }
  return fields ? { fields } : undefined;
}

/** Inside `given { ... }`: the field path of the enclosing record and, after `name:`, that name. */
function givenContext(before: string): { path: string[]; valueOf: string | undefined } | undefined {
  const start = before.lastIndexOf('given');
  if (start < 0 || /\bexpect\b/.test(before.slice(start))) return undefined;
  const body = before.slice(start + 'given'.length);
  const path: string[] = [];
  let depth = 0;
  const re = /(\w+)\s*:\s*\{|\{|\}|\[|\]/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[0] === '{' || m[0] === '[') depth++;
    else if (m[0] === '}' || m[0] === ']') {
      depth--;
      if (depth < path.length + 1 && path.length > 0) path.pop();
    } else {
      depth++;
      path.push(m[1]!);
    }
    if (depth <= 0) return undefined;
  }
  const value = /(\w+)\s*:\s*\w*$/.exec(body);
  return { path, valueOf: value ? value[1] : undefined };
}

function braceDepth(s: string): number {
  let d = 0;
  for (const c of s) {
    if (c === '{') d++;
    else if (c === '}') d = Math.max(0, d - 1);
  }
  return d;
}

function stripCommentsAndStrings(s: string): string {
  return s.replace(/"(?:[^"\\\n]|\\.)*"?/g, (m) => ' '.repeat(m.length)).replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length));
}
