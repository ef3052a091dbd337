/**
 * @pol/core: source text -> tokens -> syntax tree -> checked program -> reference interpreter.
 * Everything, for the CLI and the tests. A back end imports a subpath instead (`@pol/core/syntax`,
 * `@pol/core/checker`), which leaves the interpreter out (see docs/architecture.md).
 */
export * from './api/checker.ts';
export * from './api/interpreter.ts';
