/** @pol/language-service: what an editor asks about Pol files, for the language server and the playground. */
export { LanguageService, fixesOf, SEMANTIC_TOKEN_TYPES, type TextEdit, type QuickFix, type OutlineItem, type SemanticToken, type SemanticTokenType, type RenameResult } from './service.ts';
export { Project, ENTRY_ONLY_CODES, type ServiceHost, type Analysis } from './project.ts';
export { SymbolIndex, type PolSymbol, type SymbolKind, type Occurrence } from './symbols.ts';
export type { Completion, CompletionKind } from './completion.ts';
export { runExamples, evaluateJsonText, explainText, decisionText, type ExampleOutcome, type EvaluationOutcome } from './run.ts';
