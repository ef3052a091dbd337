/**
 * `pol eval <policy> --input <file.json | file.jsonl | ->`: one decision per input, in input order,
 * as JSON Lines. A bad input is reported with its line number and the others still get decided.
 */
import { readFileSync } from 'node:fs';
import type { InputError, ResultJson } from '@pol/core';
import { type Engine, type EngineName, makeEngine } from '../engines.ts';
import { loadPolicyFromDisk, printDiagnostics, readText, UsageError, IoError } from '../io.ts';
import { JsonSyntaxError, lineColumn, readJson } from '../json-reader.ts';
import { explainText } from '../explain.ts';

export interface EvalOptions {
  readonly input: string;
  readonly engine: EngineName;
  readonly explain: boolean;
  readonly format: 'json' | 'text';
}

interface InputItem {
  readonly line: number;
  readonly value?: unknown;
  readonly error?: string;
  readonly warnings: readonly string[];
}

export async function evalCommand(file: string, options: EvalOptions): Promise<number> {
  const loaded = loadPolicyFromDisk(file);
  printDiagnostics(loaded.diagnostics.filter((d) => d.severity === 'error'), loaded.sources, 'human');
  if (!loaded.program) return 1;
  const text = options.input === '-' ? readFileSync(0, 'utf8') : readText(options.input);
  if (text === undefined) throw new IoError(`cannot read the input file ${options.input}`);
  const engine = await makeEngine(options.engine, loaded.program);
  let failures = 0;
  for (const item of splitInputs(text, options.input)) {
    for (const w of item.warnings) process.stderr.write(`${options.input}:${item.line}: warning: ${w}\n`);
    const problem = item.error ?? undefined;
    if (problem !== undefined) {
      failures++;
      report(options, item.line, [problem], ['input/unparseable']);
      continue;
    }
    const decided = decideOne(engine, item.value, options.explain);
    if ('errors' in decided) {
      failures++;
      report(options, item.line, decided.errors.map(inputErrorText), decided.errors.map((e) => e.code ?? 'input/invalid'));
      continue;
    }
    if (options.format === 'text' || (options.explain && options.format !== 'json')) {
      process.stdout.write(explainText(`input ${item.line}`, decided.result) + '\n\n');
    } else {
      process.stdout.write(JSON.stringify(flatten(decided.result)) + '\n');
    }
  }
  return failures === 0 ? 0 : 1;
}

/** An input error goes to stderr with its place and code, and keeps its line in the output. */
function report(options: EvalOptions, line: number, errors: readonly string[], codes: readonly string[]): void {
  errors.forEach((e, i) => process.stderr.write(`${options.input}:${line}: error[${codes[i] ?? 'input/invalid'}]: ${e}\n`));
  if (options.format === 'json') process.stdout.write(JSON.stringify({ line, error: 'invalid input', errors }) + '\n');
  else process.stdout.write(`input ${line}: invalid input\n${errors.map((e) => `  ${e}`).join('\n')}\n\n`);
}

export function inputErrorText(e: InputError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

export function decideOne(engine: Engine, json: unknown, explain: boolean): { result: ResultJson } | { errors: readonly InputError[] } {
  const v = engine.validate(json);
  if (!v.ok) return { errors: v.errors };
  return { result: engine.evaluate(v.value, explain) };
}

/** The printed form: the decision's fields first, then what explains it. */
export function flatten(r: ResultJson): Record<string, unknown> {
  const { decision, ...rest } = r;
  return { ...decision, ...rest };
}

/** A .json file holds one input or a list of inputs; anything else is JSON Lines. */
function splitInputs(text: string, name: string): InputItem[] {
  const trimmed = text.replace(/^\uFEFF/, '');
  if (!name.endsWith('.jsonl') && name !== '-') {
    try {
      const { value, warnings } = readJson(trimmed);
      const list = Array.isArray(value) ? value : [value];
      return list.map((v, i) => ({ line: Array.isArray(value) ? i + 1 : 1, value: v, warnings: warnings.map((w) => `${w.path}: ${w.message}`) }));
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      const at = lineColumn(trimmed, e.offset);
      return [{ line: at.line, error: `not valid JSON at column ${at.column}: ${e.message}`, warnings: [] }];
    }
  }
  const items: InputItem[] = [];
  const lines = trimmed.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const { value, warnings } = readJson(line);
      items.push({ line: i + 1, value, warnings: warnings.map((w) => `${w.path}: ${w.message}`) });
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      items.push({ line: i + 1, error: `not valid JSON at column ${e.offset + 1}: ${e.message}`, warnings: [] });
    }
  });
  return items;
}
