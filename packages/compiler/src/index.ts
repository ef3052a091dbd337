/** @pol/compiler: a checked program -> one self-contained, readable TypeScript module. */
import { lower, toIr, type CheckedProgram, type Program } from '@pol/core/ir';
import { generate, sourceHash as irSourceHash } from './emit/from-ir.ts';
import { CompileError } from './emit/ts-types.ts';
import { fieldDocs } from './emit/docs.ts';
import { lit, commentText } from './emit/text.ts';

export { CompileError, lit, commentText };

/** The sha256 the module's POLICY.sourceHash carries: over every file (display path, length, text) in load order. */
export function sourceHash(program: CheckedProgram): string {
  return irSourceHash(lower(program));
}

export interface CompileOptions {
  readonly target?: 'ts' | 'js';
  /**
   * Run prettier over the module: `true` always, `false` never (for tests and the in-memory engine),
   * default only when the unformatted module is at most FORMAT_LIMIT characters. The emitter writes
   * indented, readable code itself; prettier costs about 4 ms per kilobyte, i.e. more than a minute
   * for a policy of 10,000 rules, for cosmetic changes (quotes, line breaks).
   */
  readonly format?: boolean;
}

export interface OutputFile {
  readonly path: string;
  readonly text: string;
}

/** Modules larger than this (characters, unformatted; about 80 rules with an exception each) are not formatted by default. */
export const FORMAT_LIMIT = 200_000;

/** The module's base name: the policy file's name without `.pol` (or a literate file's `.pol.md`). */
export function moduleName(program: CheckedProgram): string {
  return irModuleName(lower(program));
}

function irModuleName(ir: Program): string {
  const base = ir.mainFile.split('/').pop() ?? 'policy';
  return base.replace(/\.pol(\.md)?$/i, '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'policy';
}

/** The unformatted TypeScript source of the module (synchronous; for in-memory use). */
export function generateSource(program: CheckedProgram): string {
  return generate(toIr(program), fieldDocs(program));
}

export async function formatTs(text: string): Promise<string> {
  const prettier = await import('prettier');
  return prettier.format(text, { parser: 'typescript', printWidth: 120, singleQuote: true });
}

/** TypeScript -> JavaScript (types erased) with typescript's transpileModule. */
export async function toJs(tsText: string): Promise<string> {
  const ts = (await import('typescript')).default;
  return ts.transpileModule(tsText, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
}

/** Declarations for the JS target, from the TypeScript source. */
export async function toDts(tsText: string, fileName: string): Promise<string> {
  const ts = (await import('typescript')).default;
  const options = { declaration: true, emitDeclarationOnly: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, strict: true, skipLibCheck: true, noLib: false };
  const host = ts.createCompilerHost(options);
  const origRead = host.readFile.bind(host);
  const origExists = host.fileExists.bind(host);
  host.readFile = (f) => (f === fileName ? tsText : origRead(f));
  host.fileExists = (f) => f === fileName || origExists(f);
  const origGet = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (f === fileName ? ts.createSourceFile(f, tsText, lang) : origGet(f, lang, ...rest));
  let dts = '';
  host.writeFile = (name, text) => {
    if (name.endsWith('.d.ts')) dts = text;
  };
  ts.createProgram([fileName], options, host).emit();
  return dts;
}

export async function compileProgram(program: CheckedProgram, options: CompileOptions = {}): Promise<{ files: OutputFile[] }> {
  const ir = toIr(program);
  const name = irModuleName(ir);
  let ts = generate(ir, fieldDocs(program));
  if (options.format === true || (options.format === undefined && ts.length <= FORMAT_LIMIT)) ts = await formatTs(ts);
  if (options.target === 'js') {
    const header = ts.slice(0, ts.indexOf('\n') + 1);
    const js = await toJs(ts);
    const dts = await toDts(ts, `/__pol__/${name}.ts`);
    return {
      files: [
        { path: `${name}.js`, text: js.startsWith('//') ? js : header + js },
        { path: `${name}.d.ts`, text: dts.startsWith('//') ? dts : header + dts },
      ],
    };
  }
  return { files: [{ path: `${name}.ts`, text: ts }] };
}

export { loadCompiled, importJs, transpile, type LoadedModule } from './load.ts';

export { buildPackage, checkPackageName, semverOf, PackageNameError, type PackageFile } from './package/build.ts';
export { inputSchema, decisionSchema, type Schema } from './package/schema.ts';
import { inputSchema, type Schema } from './package/schema.ts';
import { buildPackage as build } from './package/build.ts';

/** The npm package of a policy (pol compile --package): formatted like `compileProgram` formats. */
export async function compilePackage(program: CheckedProgram, name: string, options: Pick<CompileOptions, 'format'> = {}): Promise<OutputFile[]> {
  return build(program, name, async (ts) => (options.format === true || (options.format === undefined && ts.length <= FORMAT_LIMIT) ? formatTs(ts) : ts));
}

/** The input JSON Schema of a checked program. */
export function programInputSchema(program: CheckedProgram): Schema {
  return inputSchema(toIr(program));
}
