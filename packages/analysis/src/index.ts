/** @pol/analysis: the semantic diff, replay, and the solver-backed checks `pol check` runs. */
export { diffPrograms, semanticFingerprint, type DiffReport, type Region, type DomainChange, type DiffOptions, type Side } from './diff.ts';
export { structuralDiff, type StructuralChange } from './structural.ts';
export { renderDiff, type DiffFormat } from './report.ts';
export { replay, type ReplaySummary } from './replay.ts';
export { analyzeProgram } from './analyze.ts';
export { exprText, printDecision } from './print.ts';
