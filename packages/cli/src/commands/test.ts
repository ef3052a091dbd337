/**
 * `pol test <file | dir>`: runs every `example` through every engine, shows expected against
 * actual on failure, and lists the rules and exceptions that no example reaches (coverage).
 */
import { isPolicyPath, visible } from '@pol/core';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  decisionToJson,
  evaluateDecisionExpr,
  exampleToJson,
  validateInput,
  type CheckedProgram,
  type DecisionJson,
  type Ast,
  type RRecord,
  displayPath,
  checkProgram,
  loadPolicy,
  type Diagnostic,
} from '@pol/core';
import { makeEngine, type EngineName } from '../engines.ts';
import { loadPolicyFromDisk, printDiagnostics, projectRootOf, readText, UsageError, IoError } from '../io.ts';
import { decisionText } from '../explain.ts';
import { decideOne, inputErrorText } from '../batch/decide.ts';

export interface TestOptions {
  readonly engines: readonly EngineName[];
  readonly requireCoverage: boolean;
}

export interface PolicyTestReport {
  readonly file: string;
  readonly passed: number;
  readonly failed: number;
  readonly unreached: readonly string[];
}

/** Policy files in a folder: those not imported by another file there are the roots to test. */
function policyFiles(target: string): string[] {
  let st;
  try {
    st = statSync(target);
  } catch {
    throw new IoError(`cannot read ${target}: no such file or folder`);
  }
  if (st.isFile()) return [target];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (isPolicyPath(name)) out.push(p);
    }
  };
  walk(target);
  return out;
}

export async function testCommand(target: string, options: TestOptions): Promise<number> {
  const files = policyFiles(target);
  let passed = 0;
  let failed = 0;
  let uncovered = 0;
  let tested = 0;
  const importedElsewhere = new Set<string>();
  const loadedAll = files.map((f) => ({ file: f, loaded: loadPolicyFromDisk(f) }));
  for (const { file, loaded } of loadedAll) for (const p of loaded.sources.keys()) if (p !== file) importedElsewhere.add(p);
  for (const { file, loaded } of loadedAll) {
    if (files.length > 1 && importedElsewhere.has(file)) continue;
    if (!loaded.program) {
      // A part of a policy (no input or decision of its own) is tested through its importer.
      if (files.length > 1 && loaded.diagnostics.every((d) => d.code === 'check/missing-input' || d.code === 'check/missing-decision' || d.code === 'check/missing-otherwise' || d.severity !== 'error')) continue;
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      printDiagnostics(errors, loaded.sources, 'human');
      // Errors only inside examples: those examples fail, and the others still run.
      const rest = withoutBrokenExamples(file, errors);
      if (!rest) {
        failed++;
        continue;
      }
      process.stdout.write(`${file}: ${rest.broken} example${rest.broken === 1 ? '' : 's'} with errors (above) not run; running the others\n`);
      failed += rest.broken;
      tested++;
      const r = await testPolicy(file, rest.program, options);
      passed += r.passed;
      failed += r.failed;
      if (r.unreached.length) uncovered++;
      continue;
    }
    tested++;
    const r = await testPolicy(file, loaded.program, options);
    passed += r.passed;
    failed += r.failed;
    if (r.unreached.length) uncovered++;
  }
  if (tested === 0 && failed === 0) throw new UsageError(`no policy with examples found in ${target}`);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  if (failed > 0) return 1;
  return options.requireCoverage && uncovered > 0 ? 1 : 0;
}

/**
 * The policy checked again without the examples that have errors, when every error lies inside an
 * example (a mistake in one worked case says nothing about the rules); undefined otherwise.
 */
function withoutBrokenExamples(file: string, errors: readonly Diagnostic[]): { program: CheckedProgram; broken: number } | undefined {
  if (errors.length === 0 || errors.some((d) => !d.span || d.code.startsWith('syntax/') || d.code.startsWith('import/'))) return undefined;
  const loaded = loadPolicy(file, readText, { projectRoot: projectRootOf(file), cwd: process.cwd() });
  const inside = (d: Diagnostic, ex: Ast.ExampleDecl) => d.span!.file === ex.span.file && d.span!.start >= ex.span.start && d.span!.end <= ex.span.end;
  const broken = new Set<Ast.Declaration>();
  for (const d of errors) {
    const ex = loaded.files.flatMap((f) => f.declarations).find((x): x is Ast.ExampleDecl => x.kind === 'example' && inside(d, x));
    if (!ex) return undefined;
    broken.add(ex);
  }
  const files = loaded.files.map((f) => ({ ...f, declarations: f.declarations.filter((x) => !broken.has(x)) }));
  const checked = checkProgram(files, loaded.sources, file);
  return checked.program ? { program: checked.program, broken: broken.size } : undefined;
}

export async function testPolicy(file: string, program: CheckedProgram, options: TestOptions): Promise<PolicyTestReport> {
  const engines = await Promise.all(options.engines.map((e) => makeEngine(e, program)));
  const reached = new Set<string>();
  let passed = 0;
  let failed = 0;
  const out: string[] = [`${file}`];
  for (const ex of program.examples) {
    const json = exampleToJson(ex.given);
    const where = `${displayPath(program, ex.span.file)}:${program.sources.get(ex.span.file)?.position(ex.span.start).line ?? 0}`;
    const valid = validateInput(program, json);
    if (!valid.ok) {
      failed++;
      out.push(`  ✗ ${ex.title.value} (${where})`, ...valid.errors.map((e) => `      input error: ${e.path ? `${e.path}: ` : ''}${e.message}`));
      continue;
    }
    const expected = decisionToJson(program, evaluateDecisionExpr(program, valid.value as RRecord, ex.expect));
    const problems: string[] = [];
    for (const engine of engines) {
      const got = decideOne(engine, json, false);
      if ('errors' in got) {
        problems.push(`      ${engine.name}: input rejected: ${got.errors.map(inputErrorText).join('; ')}`);
        continue;
      }
      for (const s of got.result.trace) reached.add(s.id);
      if (!sameJson(got.result.decision, expected)) {
        problems.push(
          `      expected: ${decisionText(expected)}`,
          `      actual:   ${decisionText(got.result.decision)}  (${engine.name}; decided by \`${got.result.decided_by}\`)`,
        );
      }
    }
    if (problems.length === 0) {
      passed++;
      out.push(`  ✓ ${ex.title.value}`);
    } else {
      failed++;
      out.push(`  ✗ ${ex.title.value} (${where})`, ...dedupe(problems));
    }
  }
  const unreached = allBodies(program).filter((b) => !reached.has(b.name.name));
  const total = allBodies(program).length;
  out.push(`  coverage: ${total - unreached.length} of ${total} rules and exceptions reached by an example`);
  for (const b of unreached) {
    const line = program.sources.get(b.span.file)?.position(b.span.start).line ?? 0;
    out.push(`    not reached: ${b.kind} \`${b.name.name}\` (${displayPath(program, b.span.file)}:${line})`);
  }
  process.stdout.write(visible(out.join('\n')) + '\n');
  return { file, passed, failed, unreached: unreached.map((b) => b.name.name) };
}

function allBodies(program: CheckedProgram): (Ast.RuleDecl | Ast.ExceptionDecl)[] {
  const out: (Ast.RuleDecl | Ast.ExceptionDecl)[] = [];
  const walk = (b: Ast.RuleDecl | Ast.ExceptionDecl): void => {
    out.push(b);
    b.exceptions.forEach(walk);
  };
  program.rules.forEach(walk);
  return out;
}

function sameJson(a: DecisionJson, b: DecisionJson): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function dedupe(lines: string[]): string[] {
  return lines.filter((l, i) => lines.indexOf(l) === i);
}
