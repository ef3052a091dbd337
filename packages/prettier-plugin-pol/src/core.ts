/**
 * The one door into @pol/core. Core has no package index yet, so its modules are reached by
 * relative path here; when core exports an index, only this file changes.
 */
export { parseSource, parsePolText, type ParseResult } from '../../core/src/syntax/parse.ts';
export { SourceFile } from '../../core/src/source/span.ts';
export { sortDiagnostics, type Diagnostic } from '../../core/src/diagnostics/diagnostic.ts';
export type * as Ast from '../../core/src/ast/nodes.ts';
export { blankOutside, polBlocks, isLiteratePath, type PolBlock } from '../../core/src/source/literate.ts';
