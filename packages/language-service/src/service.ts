/**
 * The language service: everything an editor asks about a `.pol` file, in offsets and spans, with
 * no editor protocol in it. The language server (server/) and the browser playground are two
 * hosts of this one class.
 */
import { tokens, type Ast, type Diagnostic, type Span } from '@pol/core';
import { formatPol } from 'prettier-plugin-pol';
import { complete, type Completion } from './completion.ts';
import { hoverText } from './hover.ts';
import { Project, type Analysis, type ServiceHost } from './project.ts';
import type { Occurrence, PolSymbol, SymbolKind } from './symbols.ts';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly diagnostic: Diagnostic;
  readonly edits: readonly TextEdit[];
}

export interface OutlineItem {
  readonly name: string;
  readonly kind: SymbolKind | 'example' | 'require' | 'otherwise' | 'policy' | 'import';
  readonly detail?: string;
  readonly span: Span;
  readonly selection: Span;
  readonly children: readonly OutlineItem[];
}

export interface SemanticToken {
  readonly start: number;
  readonly length: number;
  readonly type: SemanticTokenType;
}

export const SEMANTIC_TOKEN_TYPES = ['type', 'enum', 'enumMember', 'property', 'variable', 'function', 'parameter', 'namespace', 'keyword'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export type RenameResult = { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly reason: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class LanguageService {
  readonly project: Project;

  constructor(
    host: ServiceHost,
    /** the date hover shows group members on (YYYY-MM-DD); today by default */
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {
    this.project = new Project(host);
  }

  setFile(path: string, text: string): void {
    this.project.setFile(path, text);
  }

  closeFile(path: string): void {
    this.project.closeFile(path);
  }

  analysis(path: string): Analysis {
    return this.project.analysisFor(path);
  }

  /** The diagnostics that fall in `path`, from the check of the policy it belongs to. */
  diagnostics(path: string): Diagnostic[] {
    const a = this.analysis(path);
    return a.diagnostics.filter((d) => (d.span ? d.span.file === path : path === a.entry));
  }

  private symbolAt(path: string, offset: number): { a: Analysis; o: Occurrence } | undefined {
    const a = this.analysis(path);
    const o = a.index.at(path, offset) ?? (offset > 0 ? a.index.at(path, offset - 1) : undefined);
    return o ? { a, o } : undefined;
  }

  hover(path: string, offset: number): { readonly markdown: string; readonly span: Span } | undefined {
    const hit = this.symbolAt(path, offset);
    if (!hit) return undefined;
    return { markdown: hoverText(hit.a, hit.o.symbol, this.today()), span: hit.o.span };
  }

  definition(path: string, offset: number): Span[] {
    const hit = this.symbolAt(path, offset);
    const span = hit?.o.symbol.nameSpan;
    return span ? [span] : [];
  }

  references(path: string, offset: number, includeDeclaration = true): Span[] {
    const hit = this.symbolAt(path, offset);
    if (!hit) return [];
    return this.occurrencesOf(path, hit.o.symbol)
      .filter((o) => includeDeclaration || !o.isDeclaration)
      .map((o) => o.span);
  }

  /** Every use of a symbol in every policy that contains `path` (a shared module's names are used by each). */
  private occurrencesOf(path: string, s: PolSymbol): Occurrence[] {
    const seen = new Set<string>();
    const out: Occurrence[] = [];
    for (const a of this.project.analysesCovering(path)) {
      for (const o of a.index.referencesTo(s.id)) {
        const key = `${o.span.file}:${o.span.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(o);
      }
    }
    return out.sort((x, y) => (x.span.file === y.span.file ? x.span.start - y.span.start : x.span.file < y.span.file ? -1 : 1));
  }

  prepareRename(path: string, offset: number): { span: Span; placeholder: string } | { reason: string } {
    const hit = this.symbolAt(path, offset);
    if (!hit) return { reason: 'there is no name here to rename' };
    const s = hit.o.symbol;
    if (!s.nameSpan) return { reason: `\`${s.name}\` is built into Pol and cannot be renamed` };
    return { span: hit.o.span, placeholder: s.name };
  }

  rename(path: string, offset: number, newName: string): RenameResult {
    const prep = this.prepareRename(path, offset);
    if ('reason' in prep) return { ok: false, reason: prep.reason };
    if (!NAME.test(newName)) return { ok: false, reason: `\`${newName}\` is not a name: use letters, digits and _ and start with a letter` };
    if (tokens.KEYWORDS.has(newName)) return { ok: false, reason: `\`${newName}\` is a keyword of Pol` };
    const hit = this.symbolAt(path, offset)!;
    const clash = [...hit.a.index.symbols.values()].find((s) => s.name === newName && s.nameSpan && clashes(s, hit.o.symbol));
    if (clash) return { ok: false, reason: `\`${newName}\` is already declared` };
    return { ok: true, edits: this.occurrencesOf(path, hit.o.symbol).map((o) => ({ span: o.span, newText: newName })) };
  }

  completions(path: string, offset: number): Completion[] {
    return complete(this.analysis(path), path, offset);
  }

  /** The whole file in canonical layout, or undefined when it has syntax errors (never half-formatted). */
  async format(path: string): Promise<string | undefined> {
    const text = this.project.read(path);
    const parsed = this.project.parse(path);
    if (text === undefined || !parsed || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
    return formatPol(text, { filepath: path });
  }

  /** Quick fixes for the diagnostics that overlap [start, end]. */
  quickFixes(path: string, start: number, end: number): QuickFix[] {
    const fixes: QuickFix[] = [];
    for (const d of this.diagnostics(path)) {
      if (!d.span || d.span.end < start || d.span.start > end) continue;
      for (const f of fixesOf(d)) fixes.push(f);
    }
    return fixes;
  }

  outline(path: string): OutlineItem[] {
    const file = this.project.parse(path)?.file;
    return file ? outlineOf(file) : [];
  }

  /** Ranges that fold: multi-line declarations and blocks, and runs of comment lines. */
  foldingRanges(path: string): { start: number; end: number; kind: 'region' | 'comment' }[] {
    const parsed = this.project.parse(path);
    const text = this.project.read(path) ?? '';
    if (!parsed) return [];
    const out: { start: number; end: number; kind: 'region' | 'comment' }[] = [];
    const multiLine = (s: Span) => text.slice(s.start, s.end).includes('\n');
    const visit = (items: readonly OutlineItem[]) => {
      for (const i of items) {
        if (multiLine(i.span)) out.push({ start: i.span.start, end: i.span.end, kind: 'region' });
        visit(i.children);
      }
    };
    visit(outlineOf(parsed.file));
    let run: Ast.Comment[] = [];
    const flush = () => {
      if (run.length > 1) out.push({ start: run[0]!.span.start, end: run[run.length - 1]!.span.end, kind: 'comment' });
      run = [];
    };
    for (const c of parsed.file.comments) {
      const prev = run[run.length - 1];
      if (prev && !/^\s*\n\s*$/.test(text.slice(prev.span.end, c.span.start))) flush();
      run.push(c);
    }
    flush();
    return out.sort((a, b) => a.start - b.start);
  }

  /** Names classified by what they refer to (the grammar colours keywords and literals). */
  semanticTokens(path: string): SemanticToken[] {
    const a = this.analysis(path);
    return a.index.occurrencesIn(path).map((o) => ({ start: o.span.start, length: o.span.end - o.span.start, type: tokenType(o.symbol) }));
  }
}

function clashes(existing: PolSymbol, renamed: PolSymbol): boolean {
  const scope = (s: PolSymbol) => (s.kind === 'member' || s.kind === 'field' || s.kind === 'param' ? `${s.kind}:${s.id.slice(0, s.id.lastIndexOf('.'))}` : s.kind === 'binder' ? s.id : s.kind === 'rule' || s.kind === 'exception' ? 'rule' : 'global');
  return scope(existing) === scope(renamed);
}

function tokenType(s: PolSymbol): SemanticTokenType {
  switch (s.kind) {
    case 'enum':
      return 'enum';
    case 'member':
    case 'country':
    case 'variant':
      return 'enumMember';
    case 'field':
      return 'property';
    case 'param':
      return 'parameter';
    case 'rule':
    case 'exception':
      return 'function';
    case 'record':
    case 'input':
    case 'decision':
    case 'builtin-type':
    case 'unit':
      return 'type';
    case 'group':
      return 'namespace';
    default:
      return 'variable';
  }
}

/** The edits a diagnostic proposes: a "did you mean" suggestion, or a syntax hint's replacement. */
export function fixesOf(d: Diagnostic): QuickFix[] {
  if (!d.span) return [];
  const out: QuickFix[] = [];
  for (const f of d.fixes ?? []) out.push({ title: f.title, diagnostic: d, edits: f.edits });
  for (const text of [d.help, d.message]) {
    const m = text ? /did you mean [`"]([^`"]+)[`"]\?/.exec(text) : null;
    if (m && !out.some((f) => f.edits.some((e) => e.newText === m[1]))) out.push({ title: `Change to \`${m[1]}\``, diagnostic: d, edits: [{ span: d.span, newText: m[1]! }] });
  }
  return out;
}

function outlineOf(file: Ast.PolFile): OutlineItem[] {
  const item = (name: string, kind: OutlineItem['kind'], span: Span, selection: Span, children: OutlineItem[] = [], detail?: string): OutlineItem => ({ name, kind, span, selection, children, ...(detail ? { detail } : {}) });
  const fields = (fs: readonly Ast.FieldDecl[]): OutlineItem[] =>
    fs.map((f) => {
      const t = f.type.kind === 'optionalType' ? f.type.inner : f.type;
      return item(f.name.name, 'field', f.span, f.name.span, t.kind === 'recordType' ? fields(t.fields) : []);
    });
  const rule = (r: Ast.RuleDecl | Ast.ExceptionDecl): OutlineItem => item(r.name.name, r.kind, r.span, r.name.span, r.exceptions.map(rule), r.title?.value);
  const out: OutlineItem[] = [];
  if (file.header) out.push(item(file.header.name.value, 'policy', file.header.span, file.header.name.span));
  for (const d of file.declarations) {
    switch (d.kind) {
      case 'enum':
        out.push(item(d.name.name, 'enum', d.span, d.name.span, d.members.map((m) => item(m.name, 'member', m.span, m.span))));
        break;
      case 'record':
      case 'input':
        out.push(item(d.name.name, d.kind, d.span, d.name.span, fields(d.fields)));
        break;
      case 'decision':
        out.push(item(d.name.name, 'decision', d.span, d.name.span, d.variants.map((v) => item(v.name.name, 'variant', v.span, v.name.span))));
        break;
      case 'unit':
      case 'group':
      case 'const':
      case 'define':
        out.push(item(d.name.name, d.kind, d.span, d.name.span));
        break;
      case 'ledger':
        out.push(item(d.name.name, 'ledger', d.span, d.name.span, [], d.title?.value));
        break;
      case 'rule':
        out.push(rule(d));
        break;
      case 'require':
        out.push(item(`require: ${d.because.value}`, 'require', d.span, d.because.span));
        break;
      case 'otherwise':
        out.push(item('otherwise', 'otherwise', d.span, d.decide.span));
        break;
      case 'example':
        out.push(item(d.title.value, 'example', d.span, d.title.span));
        break;
    }
  }
  return out;
}
