/**
 * The Pol language server: the language service over the Language Server Protocol on stdio
 * (`pol lsp --stdio`). Protocol plumbing only: positions to offsets and back, file URIs to paths.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRangeKind,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Location,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isPolicyPath, type Diagnostic, type Span } from '@pol/core';
import { LanguageService, SEMANTIC_TOKEN_TYPES, type OutlineItem, type TextEdit } from '../service.ts';
import type { CompletionKind } from '../completion.ts';
import { evaluateJsonText, runExamples } from '../run.ts';

function readDisk(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function listPolFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => isPolicyPath(f))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

const toPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);
const toUri = (path: string) => (path.startsWith('/') || /^[A-Za-z]:/.test(path) ? pathToFileURL(path).href : path);

export function startServer(connection: Connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout))): Connection {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService({ readFile: readDisk, listPolFiles });
  const published = new Set<string>();

  const docFor = (path: string): TextDocument | undefined => {
    const open = documents.get(toUri(path));
    if (open) return open;
    const text = service.project.read(path);
    return text === undefined ? undefined : TextDocument.create(toUri(path), 'pol', 0, text);
  };
  const rangeOf = (span: Span): Range => {
    const doc = docFor(span.file);
    if (!doc) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
  };
  const location = (span: Span): Location => ({ uri: toUri(span.file), range: rangeOf(span) });
  const edits = (list: readonly TextEdit[]): WorkspaceEdit => {
    const changes: Record<string, LspTextEdit[]> = {};
    for (const e of list) (changes[toUri(e.span.file)] ??= []).push({ range: rangeOf(e.span), newText: e.newText });
    return { changes };
  };
  const lspDiagnostic = (d: Diagnostic): LspDiagnostic => ({
    range: d.span ? rangeOf(d.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : d.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    code: d.code,
    source: 'pol',
    message: [d.message, d.help ? `help: ${d.help}` : undefined, ...(d.notes ?? [])].filter(Boolean).join('\n'),
    relatedInformation: d.labels?.map((l) => ({ location: location(l.span), message: l.message })),
  });

  // The solver's findings (exceptions that can never apply, constant conditions) for each entry
  // policy without errors, computed after typing pauses and kept while the policy is unchanged.
  const solverFindings = new WeakMap<object, readonly Diagnostic[]>();
  const solverRunning = new WeakSet<object>();
  let solverTimer: ReturnType<typeof setTimeout> | undefined;
  const runSolver = async () => {
    solverTimer = undefined;
    let analyze: ((p: NonNullable<ReturnType<typeof service.analysis>['program']>, o: { conflicts: boolean }) => Promise<Diagnostic[]>) | undefined;
    try {
      analyze = (await import('@pol/analysis')).analyzeProgram;
    } catch {
      return; // a server bundled without the solver (the VS Code extension's) reports the checker's findings only
    }
    let found = false;
    for (const doc of documents.all()) {
      const a = service.analysis(toPath(doc.uri));
      if (a.moduleMode || !a.program || solverFindings.has(a) || solverRunning.has(a)) continue;
      solverRunning.add(a);
      try {
        solverFindings.set(a, await analyze(a.program, { conflicts: false }));
        found = true;
      } catch {
        solverFindings.set(a, []);
      }
    }
    if (found) publishAll();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const publishAll = () => {
    timer = undefined;
    const now = new Set<string>();
    for (const doc of documents.all()) {
      const path = toPath(doc.uri);
      now.add(doc.uri);
      const a = service.analysis(path);
      const extra = (solverFindings.get(a) ?? []).filter((d) => d.span?.file === path);
      connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [...service.diagnostics(path), ...extra].map(lspDiagnostic) });
    }
    if (solverTimer) clearTimeout(solverTimer);
    solverTimer = setTimeout(() => void runSolver(), 600);
    for (const uri of published) if (!now.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const uri of now) published.add(uri);
  };
  // Typing sends a change per keystroke; checking once after a short pause keeps up with it.
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(publishAll, 25);
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      completionProvider: { triggerCharacters: ['.', ' ', '{', ':', '('] },
      documentFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      semanticTokensProvider: { legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [] }, full: true },
    },
    serverInfo: { name: 'pol', version: '0.1.0' },
  }));

  documents.onDidChangeContent((e) => {
    service.setFile(toPath(e.document.uri), e.document.getText());
    schedule();
  });
  documents.onDidClose((e) => {
    service.closeFile(toPath(e.document.uri));
    schedule();
  });
  connection.onDidChangeWatchedFiles(() => {
    service.project.invalidate();
    schedule();
  });

  const at = (p: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? { path: toPath(doc.uri), offset: doc.offsetAt(p.position) } : undefined;
  };

  connection.onHover((p) => {
    const q = at(p);
    const h = q && service.hover(q.path, q.offset);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: rangeOf(h.span) } : null;
  });
  connection.onDefinition((p) => {
    const q = at(p);
    return q ? service.definition(q.path, q.offset).map(location) : [];
  });
  connection.onReferences((p) => {
    const q = at(p);
    return q ? service.references(q.path, q.offset, p.context.includeDeclaration).map(location) : [];
  });
  connection.onPrepareRename((p) => {
    const q = at(p);
    if (!q) return null;
    const r = service.prepareRename(q.path, q.offset);
    if ('reason' in r) throw new ResponseError(0, r.reason);
    return { range: rangeOf(r.span), placeholder: r.placeholder };
  });
  connection.onRenameRequest((p) => {
    const q = at(p);
    if (!q) return null;
    const r = service.rename(q.path, q.offset, p.newName);
    if (!r.ok) throw new ResponseError(0, r.reason);
    return edits(r.edits);
  });
  connection.onCompletion((p) => {
    const q = at(p);
    return q ? service.completions(q.path, q.offset).map((c) => ({ label: c.label, kind: completionKind(c.kind), detail: c.detail })) : [];
  });
  connection.onDocumentFormatting(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const formatted = await service.format(toPath(doc.uri));
    if (formatted === undefined || formatted === doc.getText()) return [];
    return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: formatted }];
  });
  connection.onCodeAction((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    const path = toPath(doc.uri);
    return service.quickFixes(path, doc.offsetAt(p.range.start), doc.offsetAt(p.range.end)).map(
      (f): CodeAction => ({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [lspDiagnostic(f.diagnostic)], edit: edits(f.edits), isPreferred: true }),
    );
  });
  connection.onDocumentSymbol((p) => {
    const path = toPath(p.textDocument.uri);
    const convert = (i: OutlineItem): DocumentSymbol => DocumentSymbol.create(i.name, i.detail, symbolKind(i.kind), rangeOf(i.span), rangeOf(i.selection), i.children.map(convert));
    return service.outline(path).map(convert);
  });
  connection.onFoldingRanges((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    return service.foldingRanges(toPath(doc.uri)).map((r) => ({ startLine: doc.positionAt(r.start).line, endLine: doc.positionAt(r.end).line, kind: r.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region }));
  });
  connection.languages.semanticTokens.on((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return { data: [] };
    const data: number[] = [];
    let line = 0;
    let char = 0;
    for (const t of service.semanticTokens(toPath(doc.uri))) {
      const pos = doc.positionAt(t.start);
      data.push(pos.line - line, pos.line === line ? pos.character - char : pos.character, t.length, SEMANTIC_TOKEN_TYPES.indexOf(t.type), 0);
      line = pos.line;
      char = pos.character;
    }
    return { data };
  });

  // Pol's own requests, for the editor commands "run the examples" and "explain a decision".
  const programOf = (uri: string) => service.analysis(toPath(uri)).program;
  connection.onRequest('pol/runExamples', (p: { uri: string }) => {
    const program = programOf(p.uri);
    if (!program) return { error: 'the policy has errors: fix them to run its examples' };
    return { entry: service.analysis(toPath(p.uri)).entry, outcomes: runExamples(program).map((o) => ({ ...o, span: undefined, location: location(o.span) })) };
  });
  connection.onRequest('pol/evaluate', (p: { uri: string; json: string }) => {
    const program = programOf(p.uri);
    return program ? evaluateJsonText(program, p.json) : { ok: false, errors: ['the policy has errors: fix them to decide a transaction'] };
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

function completionKind(k: CompletionKind): CompletionItemKind {
  switch (k) {
    case 'keyword':
      return CompletionItemKind.Keyword;
    case 'field':
      return CompletionItemKind.Field;
    case 'member':
    case 'country':
    case 'variant':
      return CompletionItemKind.EnumMember;
    case 'type':
      return CompletionItemKind.Class;
    case 'unit':
      return CompletionItemKind.Unit;
    case 'const':
      return CompletionItemKind.Constant;
    case 'group':
      return CompletionItemKind.Module;
    default:
      return CompletionItemKind.Variable;
  }
}

function symbolKind(k: OutlineItem['kind']): SymbolKind {
  switch (k) {
    case 'enum':
      return SymbolKind.Enum;
    case 'member':
    case 'variant':
      return SymbolKind.EnumMember;
    case 'record':
    case 'input':
    case 'decision':
      return SymbolKind.Struct;
    case 'field':
      return SymbolKind.Field;
    case 'const':
      return SymbolKind.Constant;
    case 'group':
      return SymbolKind.Module;
    case 'rule':
    case 'exception':
      return SymbolKind.Function;
    case 'example':
      return SymbolKind.Event;
    default:
      return SymbolKind.Variable;
  }
}
