/**
 * Generated modules type-check under tsc --strict and the stricter flags an engineer may use
 * (noUncheckedIndexedAccess, exactOptionalPropertyTypes, noUnusedLocals, noUnusedParameters,
 * erasableSyntaxOnly, isolatedDeclarations, verbatimModuleSyntax), `switch (d.outcome)` over the
 * decision union is exhaustive-checked, and `evaluate` refuses an unvalidated input at compile time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { compileProgram } from '@pol/compiler';
import type { CheckedProgram } from '@pol/core';
import { arbPolicy, checkSource } from '../harness/policy-gen.ts';
import { loadProgram } from './util.ts';

const ROOT = join(import.meta.dirname, '../../policies');

function consumer(program: CheckedProgram, mod: string): string {
  const cases = program.decision.variants.map((v) => `    case ${JSON.stringify(v.name)}: return 1;`).join('\n');
  return `import { decide, evaluate, toJson, validate, POLICY, type Decision, type Input } from './${mod}.ts';
export function count(d: Decision): number {
  switch (d.outcome) {
${cases}
    default: {
      const never: never = d;
      return never;
    }
  }
}
export function run(json: unknown): string {
  const v = validate(json, { maxErrors: 10 });
  if (!v.ok) return v.errors.map((e) => e.path + ': ' + e.message).join('\\n');
  const r = evaluate(v.value, { explain: true, trace: false });
  const again = decide(JSON.parse(JSON.stringify(toJson(v.value))));
  return POLICY.sourceHash + r.decided_by + String(count(r.decision)) + String(r.explain?.length ?? 0) + r.policy.sourceHash + String(again.ok);
}
export function unvalidated(input: Input): void {
  // @ts-expect-error evaluate takes only what validate returned
  evaluate(input);
}
`;
}

test('generated modules type-check under strict and every stricter flag (issue 12)', async () => {
  const programs: [string, CheckedProgram][] = [
    ['sample', loadProgram(join(ROOT, 'sample/lab-exports.pol'))],
    ['ifr', loadProgram(join(ROOT, 'ai-diffusion/ifr.pol'))],
    ...fc.sample(arbPolicy(), { numRuns: 8, seed: 42 }).map((src, i) => [`gen${i}`, checkSource(src)] as [string, CheckedProgram]),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'pol-tsc-'));
  try {
    const roots: string[] = [];
    for (const [name, program] of programs) {
      const { files } = await compileProgram(program, { format: name === 'sample' });
      writeFileSync(join(dir, `${name}.ts`), files[0]!.text);
      writeFileSync(join(dir, `${name}.use.ts`), consumer(program, name));
      roots.push(join(dir, `${name}.ts`), join(dir, `${name}.use.ts`));
    }
    const program = ts.createProgram(roots, {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      erasableSyntaxOnly: true,
      isolatedDeclarations: true,
      declaration: true,
      verbatimModuleSyntax: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      lib: ['lib.es2022.d.ts'],
      types: [],
    });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diags).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--target js emits .js and .d.ts', async () => {
  const { files } = await compileProgram(loadProgram(join(ROOT, 'sample/lab-exports.pol')), { target: 'js' });
  expect(files.map((f) => f.path)).toEqual(['lab-exports.js', 'lab-exports.d.ts']);
  expect(files[0]!.text).toContain('export function evaluate');
  expect(files[1]!.text).toContain('export declare function evaluate');
  expect(files[1]!.text).toContain('export type Decision');
});
