/**
 * `pol compile --package` (issue 12): the IFR package used as an engineer would, from outside the
 * workspace: a fresh ESM TypeScript project and a fresh CommonJS project in a temp folder, each with
 * its own package.json and the package installed into its node_modules from the generated folder,
 * type-checked under the strict flags by the workspace's TypeScript and run by node; and bundled for
 * the browser by esbuild. The JSON Schema is checked against `validate` in schema.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { compilePackage } from '@pol/compiler';
import { evaluate as interpret, resultToJson, validateInput } from '@pol/core';
import { run as pol } from '../../packages/cli/src/main.ts';
import { loadProgram } from '../codegen/util.ts';

const IFR = join(import.meta.dirname, '../../policies/ai-diffusion/ifr.pol');
const NAME = '@acme/ifr-policy';
let dir = '';
let pkg = '';

/** A transaction: an IC above the 3A090 thresholds for a Tier 1 destination. */
const TX = {
  date: '2025-06-01',
  activity: 'export',
  item: { kind: 'ic', tpp: 5000, performance_density: '7.5' },
  destination: 'GB',
  consignee: { headquarters: 'GB', parent_headquarters: 'GB' },
};

const STRICT = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  isolatedDeclarations: true,
  declaration: true,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
  target: 'es2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  lib: ['es2022'],
  types: [] as string[],
  outDir: 'dist',
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pol-package-'));
  pkg = join(dir, 'ifr-policy');
  // through the CLI, as an engineer runs it
  const code = await pol(['compile', IFR, '--out', pkg, '--package', NAME]);
  expect(code).toBe(0);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh project: its package.json, tsconfig.json and sources, the package installed into node_modules. */
function project(name: string, type: 'module' | 'commonjs', files: Record<string, string>, options: Record<string, unknown>): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name, private: true, type, dependencies: { [NAME]: `file:${pkg}` } }, null, 2));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, include: Object.keys(files) }, null, 2));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(root, f), text);
  // what `npm install` does with a file: dependency of a folder, without the network
  cpSync(pkg, join(root, 'node_modules', ...NAME.split('/')), { recursive: true });
  return root;
}

/** tsc -p on the project with the workspace's TypeScript: its diagnostics, and the emitted files. */
function tsc(root: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('no tsconfig');
  const program = ts.createProgram(config.fileNames, config.options);
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** What the interpreter (the reference semantics) decides on TX, as the consumer prints it. */
function expected(): unknown {
  const program = loadProgram(IFR);
  const v = validateInput(program, TX);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const d = resultToJson(program, interpret(program, v.value)).decision as { outcome: string; authorization: string | null; review_policy: string | null };
  const outcome = d.outcome === 'authorized' ? 'authorized under ' + d.authorization : d.outcome === 'license_required' ? 'license required, ' + d.review_policy : 'not controlled';
  return { decision: d, outcome, hash: true, again: true, bad: 'destination', countries: 249 };
}

function run(root: string, file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const USE = (imports: string) => `${imports}

declare const console: { log(text: string): void };

function outcomeOf(d: Decision): string {
  switch (d.outcome) {
    case 'not_controlled':
      return 'not controlled';
    case 'authorized':
      return 'authorized under ' + d.authorization;
    case 'license_required':
      return 'license required, ' + d.review_policy;
    default: {
      const never: never = d;
      return never;
    }
  }
}

const tx: TransactionJson = ${JSON.stringify(TX)};
const v = validate(tx);
if (!v.ok) throw new Error(JSON.stringify(v.errors));
const r = evaluate(v.value);
const again = decide(JSON.parse(JSON.stringify(toJson(v.value))));
const bad = decide({ ...tx, destination: 'ZZ' });
const countries: readonly Country[] = Country;
console.log(JSON.stringify({
  decision: r.decision,
  outcome: outcomeOf(r.decision),
  hash: r.policy.sourceHash === POLICY.sourceHash,
  again: again.ok && again.result.decision.outcome === r.decision.outcome,
  bad: bad.ok ? null : bad.errors[0]?.path,
  countries: countries.length,
}));
`;

test('a fresh ESM TypeScript project imports the package, type-checks under every strict flag, and runs', () => {
  const root = project('esm-app', 'module', { 'main.ts': USE(`import { decide, evaluate, toJson, validate, POLICY, Country, type Decision, type TransactionJson } from '${NAME}';`) }, { ...STRICT, erasableSyntaxOnly: true });
  expect(tsc(root)).toEqual([]);
  const r = run(root, 'dist/main.js');
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual(expected());
}, 120_000);

test('a fresh CommonJS project requires the package (its own .d.cts), type-checks and runs', () => {
  // In a CommonJS file under verbatimModuleSyntax an import is written `import x = require(...)`,
  // which erasableSyntaxOnly forbids by definition: the one flag this project leaves out.
  const root = project(
    'cjs-app',
    'commonjs',
    {
      'main.ts': USE(`import ifr = require('${NAME}');
const { decide, evaluate, toJson, validate, POLICY, Country } = ifr;
type Decision = ifr.Decision;
type TransactionJson = ifr.TransactionJson;
type Country = ifr.Country;`),
    },
    STRICT,
  );
  expect(tsc(root)).toEqual([]);
  expect(readFileSync(join(root, 'dist/main.js'), 'utf8')).toContain(`require("${NAME}")`);
  const r = run(root, 'dist/main.js');
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual(expected());
}, 120_000);

test('the package bundles for the browser with esbuild (no Node built-ins) and the bundle decides', async () => {
  const esbuild = await import('esbuild');
  const root = join(dir, 'browser-app');
  mkdirSync(root, { recursive: true });
  cpSync(pkg, join(root, 'node_modules', ...NAME.split('/')), { recursive: true });
  writeFileSync(join(root, 'entry.js'), `import { decide } from '${NAME}';\nexport const answer = decide(${JSON.stringify(TX)});\n`);
  const out = await esbuild.build({ entryPoints: [join(root, 'entry.js')], absWorkingDir: root, bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, logLevel: 'silent' });
  expect(out.errors).toEqual([]);
  const text = out.outputFiles[0]!.text;
  expect(text).not.toMatch(/\brequire\(|node:/);
  const mod = (await import('data:text/javascript;base64,' + Buffer.from(text).toString('base64'))) as { answer: { ok: boolean; result: { decision: { outcome: string } } } };
  expect(mod.answer.ok && mod.answer.result.decision).toEqual((expected() as { decision: unknown }).decision);
}, 120_000);

test('package.json, README and schemas name the policy, its version and source hash', async () => {
  const meta = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { name: string; version: string; pol: { sourceHash: string; version: string }; exports: Record<string, unknown> };
  const files = await compilePackage(loadProgram(IFR), NAME, { format: false });
  const hash = meta.pol.sourceHash;
  expect(meta.name).toBe(NAME);
  expect(meta.version).toBe('0.0.0-2026-12-01');
  expect(meta.pol.version).toBe('2026-12-01');
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(files.map((f) => f.path).sort()).toEqual(['README.md', 'decision.schema.json', 'index.cjs', 'index.d.cts', 'index.d.ts', 'index.js', 'index.ts', 'input.schema.json', 'package.json']);
  const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
  expect(readme).toContain(hash);
  expect(readme).toContain('89 FR 23876');
  expect(readme).toContain('`license_required` (`review_policy`: ReviewPolicy)');
  // the IFR keeps ledgers: the README says how balances are named and passed, and what is refused
  expect(readme).toContain('## Balances');
  expect(readme).toContain('`LppReceived["consignee.id","YYYY"]`');
  expect(readme).toContain('decide(json, { balances })');
  expect(readme).toMatch(/negative balance, is refused with a `RangeError`/);
  expect(JSON.parse(readFileSync(join(pkg, 'input.schema.json'), 'utf8'))).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false });
  expect(await pol(['compile', IFR, '--out', join(dir, 'x'), '--package', 'Not A Name'])).toBe(2);
});

test('every code example in docs/compiled-module.md compiles in a fresh project and prints the output shown', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/compiled-module.md'), 'utf8');
  const examples = [...doc.matchAll(/```ts\n([\s\S]*?)```\n\n```text\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, output: m[2]! }));
  // every ts block has its output block
  expect(examples.length).toBe([...doc.matchAll(/```ts\n/g)].length);
  expect(examples.length).toBeGreaterThanOrEqual(3);
  const outputs: [{ code: string; output: string }, string][] = [];
  const globals = 'declare const console: { log(...values: unknown[]): void };\n';
  for (const [k, e] of examples.entries()) {
    const root = project(`doc-${k}`, 'module', { 'main.ts': e.code, 'globals.d.ts': globals }, { ...STRICT, erasableSyntaxOnly: true });
    expect(tsc(root), `example ${k + 1}`).toEqual([]);
    const r = run(root, 'dist/main.js');
    expect(r.stderr, `example ${k + 1}`).toBe('');
    if (process.env['POL_UPDATE_DOCS'] === '1') outputs.push([e, r.stdout]);
    else expect(r.stdout, `example ${k + 1}`).toBe(e.output);
  }
  // POL_UPDATE_DOCS=1 writes what the examples print into the page's output blocks
  if (outputs.length > 0) {
    let text = doc;
    for (const [e, out] of outputs) text = text.replace('```ts\n' + e.code + '```\n\n```text\n' + e.output + '```', '```ts\n' + e.code + '```\n\n```text\n' + out + '```');
    writeFileSync(join(import.meta.dirname, '../../docs/compiled-module.md'), text);
  }
}, 300_000);
