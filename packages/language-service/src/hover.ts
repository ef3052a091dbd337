/** What hovering a name shows: its kind, its type or value, its declaration's comment and citations. */
import { COUNTRIES, typeToString, type Ast, type SourceFile } from '@pol/core';
import type { Analysis } from './project.ts';
import type { PolSymbol } from './symbols.ts';

const COUNTRY_CODES = COUNTRIES.map(([code]) => code);

export function hoverText(a: Analysis, s: PolSymbol, today: string): string {
  const text = (n: Ast.Node | undefined) => (n ? (a.sources.get(n.span.file)?.text.slice(n.span.start, n.span.end) ?? '') : '');
  const doc = docComment(a, s);
  const parts: string[] = [];
  switch (s.kind) {
    case 'country':
      parts.push(`**${s.name}**: ${COUNTRIES.find(([c]) => c === s.name)?.[1] ?? s.name} (a \`Country\`)`);
      break;
    case 'builtin-type':
      parts.push(code(s.name), builtinTypeDoc(s.name));
      break;
    case 'field':
      parts.push(code(`${fieldPath(s)}: ${text(s.type)}`), `a field of \`${s.container}\``);
      break;
    case 'param':
      parts.push(code(`${s.name}: ${text(s.type)}`), `a field of the decision \`${s.container}\``);
      break;
    case 'member':
      parts.push(code(`${s.container}.${s.name}`), `a member of the enum \`${s.container}\``);
      break;
    case 'variant':
      parts.push(code(firstLine(text(s.decl))), `a decision of \`${s.container}\``);
      break;
    case 'group': {
      const decl = s.decl as Ast.GroupDecl;
      const members = groupMembers(a, decl, today, new Set());
      parts.push(code(`group ${s.name} of ${decl.of.name}`));
      parts.push(...labelLines(decl));
      if (members) {
        const names = [...members].sort().map((m) => (decl.of.name === 'Country' ? `${m} (${countryName(m)})` : m));
        parts.push(`**${members.size} member${members.size === 1 ? '' : 's'} as of ${today}:** ${names.join(', ')}`);
      }
      break;
    }
    case 'const':
    case 'define': {
      const decl = s.decl as Ast.ConstDecl | Ast.DefineDecl;
      const type = a.program ? typeToString(a.program.typeOf(decl.value)) : undefined;
      parts.push(code(`${s.kind} ${s.name}${type ? `: ${type}` : ''} =\n  ${truncate(text(decl.value))}`));
      parts.push(...labelLines(decl));
      break;
    }
    case 'rule':
    case 'exception': {
      const r = s.decl as Ast.RuleDecl | Ast.ExceptionDecl;
      parts.push(code(`${s.kind} ${s.name}${r.title ? ` "${r.title.value}"` : ''}`));
      if (r.cites.length) parts.push(`cites ${r.cites.map((c) => `“${c.value}”`).join(', ')}`);
      parts.push(code(`decide ${text(r.decide)}`));
      break;
    }
    case 'binder':
      parts.push(code(`each ${s.name}`), 'one item of the list at a time');
      break;
    case 'ledger':
      parts.push(...ledgerLines(a, s.decl as Ast.LedgerDecl, text));
      break;
    case 'unit': {
      const u = s.decl as Ast.UnitDecl;
      parts.push(code(`unit ${s.name}`), u.description ? u.description.value : 'a unit of measure');
      break;
    }
    default:
      parts.push(code(firstLine(text(s.decl))));
  }
  if (doc) parts.push(doc);
  return parts.join('\n\n');
}

/**
 * A ledger: what it counts, per what, and which rules add to it; and what its name means where it
 * is read (the balance before this transaction), since that is the question at a use.
 */
function ledgerLines(a: Analysis, d: Ast.LedgerDecl, text: (n: Ast.Node | undefined) => string): string[] {
  const keys = d.keys.map((k) => (k.period === 'calendar-year' ? `calendar year of ${text(k.value)}` : text(k.value)));
  const unit = d.unit.name === 'Number' ? 'a count (Number)' : `${d.unit.name}`;
  const out = [code(`ledger ${d.name.name}`)];
  if (d.title) out.push(`**${d.title.value}**`);
  out.push(`of ${unit}${keys.length ? `, per ${keys.join(', per ')}` : ''}${d.opening ? `; opening balance \`${text(d.opening)}\`` : ''}`);
  const by = a.index.recordedBy.get(d.name.name) ?? [];
  out.push(by.length ? `recorded by ${by.map((r) => `\`${r.name.name}\`${r.title ? ` (${r.title.value})` : ''}`).join(', ')}` : 'recorded by no rule');
  out.push(`In a condition: the balance for this transaction's ${keys.length ? 'keys' : 'ledger'} before it (docs/ledger.md)`);
  return out;
}

function code(body: string): string {
  return '```pol\n' + body + '\n```';
}

/** A group's, const's or define's display title and citations, as hovers show a rule's. */
function labelLines(d: Ast.Labelled): string[] {
  const out: string[] = [];
  if (d.title) out.push(`**${d.title.value}**`);
  if (d.cites.length) out.push(`cites ${d.cites.map((c) => `“${c.value}”`).join(', ')}`);
  return out;
}

function fieldPath(s: PolSymbol): string {
  // `field:Transaction.consignee.headquarters` -> `consignee.headquarters`
  return s.id.split('.').slice(1).join('.');
}

function builtinTypeDoc(name: string): string {
  switch (name) {
    case 'Country':
      return `a built-in enum of ${COUNTRY_CODES.length} ISO 3166-1 alpha-2 country codes`;
    case 'Number':
      return 'an exact decimal number';
    case 'Date':
      return 'a calendar date, written YYYY-MM-DD';
    case 'Share':
      return 'an exact number that is a fraction (0.75 for 75%), compared with percentages';
    case 'days':
    case 'months':
    case 'years':
      return `a duration in ${name} (\`date + 3 ${name}\`)`;
    default:
      return '`true` or `false`';
  }
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.endsWith('{') ? line.slice(0, -1).trimEnd() : line;
}

function truncate(s: string): string {
  const lines = s.split('\n');
  return lines.length > 6 ? [...lines.slice(0, 6), '  …'].join('\n') : s;
}

function countryName(code: string): string {
  return COUNTRIES.find(([c]) => c === code)?.[1] ?? code;
}

/** The comment lines right above a declaration: where policies say what a name means and cite it. */
export function docComment(a: Analysis, s: PolSymbol): string | undefined {
  const decl = s.kind === 'member' || s.kind === 'field' || s.kind === 'param' ? undefined : s.decl;
  if (!decl || !s.nameSpan) return undefined;
  const file = a.files.find((f) => f.path === decl.span.file);
  const source: SourceFile | undefined = a.sources.get(decl.span.file);
  if (!file || !source) return undefined;
  let line = source.position(decl.span.start).line - 1;
  const byLine = new Map(file.comments.map((c) => [source.position(c.span.start).line, c] as const));
  const lines: string[] = [];
  for (;;) {
    const c = byLine.get(line);
    if (!c || source.line(line).trim() !== c.text.trim()) break;
    lines.unshift(c.text.replace(/^\/\/\s?/, ''));
    line--;
  }
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * A group's members on a date, from its declaration (set literals with dated members, `+`, `-`,
 * other groups, `every`). Undefined when the expression is not one of those (it then has an error).
 */
export function groupMembers(a: Analysis, g: Ast.GroupDecl, date: string, seen: Set<string>): Set<string> | undefined {
  if (seen.has(g.name.name)) return undefined;
  seen.add(g.name.name);
  const evalSet = (e: Ast.Expr): Set<string> | undefined => {
    switch (e.kind) {
      case 'paren':
        return evalSet(e.inner);
      case 'set':
        return new Set(e.members.filter((m) => (!m.from || m.from.value <= date) && (!m.until || date < m.until.value)).map((m) => m.name.name));
      case 'every': {
        if (e.enumName.name === 'Country') return new Set(COUNTRY_CODES);
        const en = a.index.enums.get(e.enumName.name);
        return en ? new Set(en.members.map((m) => m.name)) : undefined;
      }
      case 'identifier': {
        const other = a.index.globals.get(e.name);
        return other?.kind === 'group' ? groupMembers(a, other.decl as Ast.GroupDecl, date, seen) : undefined;
      }
      case 'binary': {
        const l = evalSet(e.left);
        const r = evalSet(e.right);
        if (!l || !r) return undefined;
        if (e.op === '+') return new Set([...l, ...r]);
        if (e.op === '-') return new Set([...l].filter((m) => !r.has(m)));
        return undefined;
      }
      default:
        return undefined;
    }
  };
  const result = evalSet(g.value);
  seen.delete(g.name.name);
  return result;
}
