/**
 * The files the service knows (open editors first, then the host's disk or bundle) and the
 * checked policy each file belongs to. A file that another file of its folder imports is checked
 * inside the policy that imports it (Pol's imports share one scope, so a module's names come from
 * its siblings). A file nothing imports is an entry policy when it (or what it imports) has a
 * policy header, an `input`, a `decision` or an `otherwise`; otherwise it is a module, checked
 * alone without the entry-only requirements.
 */
import { checkProgram, parseSource, resolveImportPath, type Ast, type CheckedProgram, type Diagnostic, type ParseResult, type SourceFile } from '@pol/core';
import { loadThrough, type Loaded } from './loader.ts';
import { SymbolIndex } from './symbols.ts';

export interface ServiceHost {
  /** the text of a file that is not open, or undefined when there is none */
  readFile(path: string): string | undefined;
  /** the `.pol` files of a folder (paths as the service names files), to find a module's entry */
  listPolFiles(dir: string): readonly string[];
}

/** Diagnostics an entry policy must satisfy and a module need not. */
export const ENTRY_ONLY_CODES: ReadonlySet<string> = new Set(['check/missing-input', 'check/missing-decision', 'check/missing-otherwise']);

export interface Analysis {
  readonly entry: string;
  /** true when the entry is a module checked on its own */
  readonly moduleMode: boolean;
  readonly files: readonly Ast.PolFile[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
  readonly program: CheckedProgram | undefined;
  readonly index: SymbolIndex;
}

export class Project {
  private readonly open = new Map<string, string>();
  private readonly parsed = new Map<string, { text: string; result: ParseResult }>();
  private readonly analyses = new Map<string, Analysis>();

  constructor(private readonly host: ServiceHost) {}

  setFile(path: string, text: string): void {
    if (this.open.get(path) === text) return;
    this.open.set(path, text);
    this.analyses.clear();
  }

  closeFile(path: string): void {
    if (this.open.delete(path)) this.analyses.clear();
  }

  /** The host's files may have changed on disk. */
  invalidate(): void {
    this.analyses.clear();
  }

  read(path: string): string | undefined {
    return this.open.get(path) ?? this.host.readFile(path);
  }

  parse(path: string): ParseResult | undefined {
    const text = this.read(path);
    if (text === undefined) return undefined;
    const cached = this.parsed.get(path);
    if (cached && cached.text === text) return cached.result;
    const result = parseSource(path, text);
    this.parsed.set(path, { text, result });
    return result;
  }

  /**
   * The entry policy whose check covers `path`: a file of the same folder that imports it (directly
   * or not) and that no file of the folder imports; the file itself when nothing imports it.
   */
  entryFor(path: string): { entry: string; moduleMode: boolean } {
    const own = this.parse(path);
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    const siblings = this.host.listPolFiles(dir).filter((c) => c !== path);
    const importers = siblings.filter((c) => this.imports(c, path));
    if (importers.length > 0) {
      const roots = importers.filter((c) => !siblings.some((o) => o !== c && this.imports(o, c))).sort();
      // An open entry is what the user is working on, so it is preferred to one on disk.
      roots.sort((a, b) => Number(this.open.has(b)) - Number(this.open.has(a)));
      const entry = roots[0] ?? importers.sort()[0]!;
      return { entry, moduleMode: false };
    }
    // Nothing imports it: an entry policy when it or a file it imports declares the input.
    return {
      entry: path,
      moduleMode:
        !own ||
        !this.reachable(path).some((p) => {
          const f = this.parse(p)?.file;
          return f !== undefined && isEntry(f);
        }),
    };
  }

  /** Every analysis whose policy contains `path`: a module shared by two entries is in both. */
  analysesCovering(path: string): Analysis[] {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    const siblings = this.host.listPolFiles(dir).filter((c) => c !== path);
    const roots = siblings.filter((c) => this.imports(c, path) && !siblings.some((o) => o !== c && this.imports(o, c)));
    const out = [this.analysisFor(path)];
    for (const r of roots) {
      const a = this.analysisFor(r);
      if (!out.includes(a)) out.push(a);
    }
    return out;
  }

  /** `from` and every file it imports, directly or not. */
  private reachable(from: string): string[] {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const imp of this.parse(f)?.file.imports ?? []) stack.push(resolveImportPath(f, imp.path.value));
    }
    return [...seen];
  }

  private imports(from: string, target: string): boolean {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const imp of this.parse(f)?.file.imports ?? []) {
        const next = resolveImportPath(f, imp.path.value);
        if (next === target) return true;
        stack.push(next);
      }
    }
    return false;
  }

  analysisFor(path: string): Analysis {
    const { entry, moduleMode } = this.entryFor(path);
    const cached = this.analyses.get(entry);
    if (cached) return cached;
    const analysis = new EntryAnalysis(
      entry,
      moduleMode,
      loadThrough(
        entry,
        (p) => this.read(p),
        (p) => this.parse(p),
      ),
    );
    this.analyses.set(entry, analysis);
    return analysis;
  }
}

/** The names are indexed at once; the check runs when diagnostics or the program are first asked for (completion needs neither). */
class EntryAnalysis implements Analysis {
  readonly files: readonly Ast.PolFile[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly index: SymbolIndex;
  private checked:
    | {
        diagnostics: readonly Diagnostic[];
        program: CheckedProgram | undefined;
      }
    | undefined;

  constructor(
    readonly entry: string,
    readonly moduleMode: boolean,
    private readonly loaded: Loaded,
  ) {
    this.files = loaded.files;
    this.sources = loaded.sources;
    this.index = new SymbolIndex(loaded.files);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.check().diagnostics;
  }

  get program(): CheckedProgram | undefined {
    return this.check().program;
  }

  private check(): {
    diagnostics: readonly Diagnostic[];
    program: CheckedProgram | undefined;
  } {
    if (this.checked) return this.checked;
    let diagnostics: Diagnostic[] = [...this.loaded.diagnostics];
    let program: CheckedProgram | undefined;
    // As in `pol check`: checking a tree with syntax holes would mostly repeat the syntax errors.
    if (!diagnostics.some((d) => d.severity === 'error')) {
      const checked = checkProgram(this.files, this.sources, this.entry);
      program = checked.program;
      diagnostics.push(...checked.diagnostics);
    }
    if (this.moduleMode) diagnostics = diagnostics.filter((d) => !ENTRY_ONLY_CODES.has(d.code) && d.code !== 'check/unused-declaration');
    this.checked = { diagnostics, program };
    return this.checked;
  }
}

/** A file that says what is decided on, what can be decided, or what happens otherwise means to be a policy, not a part of one. */
function isEntry(file: Ast.PolFile): boolean {
  return file.header !== undefined || file.declarations.some((d) => d.kind === 'input' || d.kind === 'decision' || d.kind === 'otherwise');
}
