/** @pol/analysis: the semantic diff, replay, and the solver-backed checks `pol check` runs. */
export { diffPrograms, semanticFingerprint, type DiffReport, type Region, type DomainChange, type DiffOptions, type Side, type Uncovered, type Named } from './diff.ts';
export type { RegionFact } from './describe.ts';
export { structuralDiff, type StructuralChange } from './structural.ts';
export { renderDiff, type DiffFormat } from './report.ts';
export { replay, Replayer, renderReplay, type ReplaySummary, type ReplayFormat, type Transition, type Rejection, type RegionCount, type ReplayOptions, type LedgerCheck } from './replay.ts';
export { analyzeProgram } from './analyze.ts';
export { exprText, printDecision } from './print.ts';
export { provenanceOf, type Provenance, type VersionInfo } from './provenance.ts';
