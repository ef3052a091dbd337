/**
 * The checker: name resolution and type checking of a whole policy (all its files), before
 * anything runs. Four stages, each in its own file: symbols (what is declared, in what order) ->
 * typecheck (every expression typed, every name resolved) -> examples -> lints. Errors are
 * gathered, never thrown; the program is handed on only when there are none.
 */
import type * as A from '../ast/nodes.ts';
import { InternalError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceFile } from '../source/span.ts';
import { ERROR } from '../types/pol-types.ts';
import { checkExamples } from './examples.ts';
import { runLints } from './lints/index.ts';
import type { CheckedProgram } from './program.ts';
import { collectSymbols, type Global, type SymbolTable } from './symbols.ts';
import { TypeChecker, type Typing } from './typecheck.ts';

export { pathKey } from './narrowing.ts';

export interface CheckResult {
  /** present when there are no errors (warnings allowed) */
  readonly program: CheckedProgram | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export function checkProgram(files: readonly A.PolFile[], sources: ReadonlyMap<string, SourceFile>, rootPath: string): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const symbols = collectSymbols(files, sources, rootPath, diagnostics);
  const used = new Set(symbols.usedTypes);
  const typer = new TypeChecker(symbols, diagnostics, used);
  typer.run();
  const examples = checkExamples(symbols, typer, diagnostics, used);
  runLints(symbols, typer, used, diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { program: undefined, diagnostics };
  return { program: checkedProgram(symbols, typer, examples), diagnostics };
}

function checkedProgram(symbols: SymbolTable, typing: TypeChecker, examples: readonly A.ExampleDecl[]): CheckedProgram | undefined {
  const { input, decision, otherwise } = symbols;
  if (!input || !decision || !otherwise) return undefined;
  const { types, resolutions } = typing;
  const byKind = <K extends Global['kind']>(kind: K) => symbols.globalOrder.filter((g): g is Extract<Global, { kind: K }> => g.kind === kind);
  const ofKind = <K extends A.Declaration['kind']>(kind: K) => symbols.declarations.filter((d): d is Extract<A.Declaration, { kind: K }> => d.kind === kind);
  return {
    files: symbols.files,
    sources: symbols.sources,
    rootPath: symbols.rootPath,
    header: symbols.header,
    enums: symbols.enums,
    units: symbols.units,
    input: { name: input.decl.name.name, asOf: input.decl.asOf?.name, type: input.type, decl: input.decl },
    decision: { name: decision.decl.name.name, variants: [...decision.variants.values()], decl: decision.decl },
    groups: byKind('group'),
    consts: byKind('const'),
    defines: byKind('define'),
    requires: ofKind('require'),
    rules: ofKind('rule'),
    otherwise,
    examples,
    ledgers: [...typing.ledgers.infos.values()],
    typeOf(e) {
      return types.get(e) ?? ERROR;
    },
    resolve(id) {
      const r = resolutions.get(id);
      if (!r) throw new InternalError(`unresolved name \`${id.name}\``);
      return r;
    },
  };
}
