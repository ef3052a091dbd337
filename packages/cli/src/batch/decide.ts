/**
 * One input of a batch, from its text to what `pol eval` prints: the same code runs in the main
 * thread and in worker threads (`--jobs`), so output does not depend on how the work was spread.
 */
import { visible, type InputError, type ResultJson } from '@pol/core';
import type { Engine } from '../engines.ts';
import { explainText, type TextWords } from '../explain.ts';
import { JsonSyntaxError, lineColumn, readJsonFast } from '../json-reader.ts';
import type { BrokenItem, RawItem } from './sources.ts';

export interface ItemOptions {
  /** the input's name as the user wrote it, for `name:line:` prefixes */
  readonly name: string;
  readonly explain: boolean;
  readonly format: 'json' | 'text';
  /** for `--format text`: titles and units of the policy (Engine['words']) */
  readonly words?: TextWords;
}

/** What one input produced: text for stdout and stderr, and what the summary counts. */
export interface ItemOutput {
  readonly out: string;
  readonly err: string;
  /** the outcome, or the error code of an input that was not decided */
  readonly outcome: string | undefined;
  readonly invalid: readonly string[] | undefined;
  /** with --ledger: a transaction already in the store, printed as first decided (not decided now) */
  readonly repeated?: boolean;
}

export function decideItem(engine: Engine, item: RawItem | BrokenItem, o: ItemOptions): ItemOutput {
  const p = prepareItem(engine, item, o);
  if ('out' in p) return p;
  const evaluated = engine.evaluate(p.value, o.explain);
  return renderResult(withReasons(engine, p.json, evaluated, o), p.warnings, item.line, { ...o, words: engine.words });
}

/** An input read and validated, with its warnings as printed; or what an invalid input prints. */
export function prepareItem(engine: Engine, item: RawItem | BrokenItem, o: ItemOptions): ItemOutput | { readonly value: unknown; readonly json: unknown; readonly warnings: string } {
  if ('broken' in item) return invalid(o, item.line, [item.broken], ['input/unparseable'], '');
  let parsed;
  try {
    parsed = readJsonFast(item.text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const at = lineColumn(item.text, e.offset);
    const where = at.line > 1 ? `line ${at.line} of this input, column ${at.column}` : `column ${at.column}`;
    return invalid(o, item.line, [`not valid JSON at ${where}: ${e.message}`], ['input/unparseable'], '');
  }
  const v = engine.validate(parsed.value);
  const warnings = [...parsed.warnings, ...(v.ok ? engine.shares(parsed.value) : [])].map((w) => `${o.name}:${item.line}: warning: ${w.path}: ${w.message}\n`).join('');
  if (!v.ok) return invalid(o, item.line, v.errors.map(inputErrorText), v.errors.map((e) => e.code ?? 'input/invalid'), warnings);
  return { value: v.value, json: parsed.value, warnings };
}

/**
 * With --explain, and always in `--format text` (read by people, who need the membership or
 * threshold that decided, not only the rule): the result with the facts that made each step of its
 * trace apply. JSON without --explain stays as lean as the compiled module's result.
 */
export function withReasons(engine: Engine, json: unknown, result: ResultJson, o: ItemOptions): ResultJson {
  return o.explain || o.format === 'text' ? { ...result, because: engine.because(json, result) } : result;
}

/** What a decided input prints. */
export function renderResult(result: ResultJson, warnings: string, line: number, o: ItemOptions): ItemOutput {
  const out = o.format === 'text' ? explainText(`input ${line}`, result, o.words) + '\n\n' : flatJson(result) + '\n';
  return { out: o.format === 'text' ? visible(out) : out, err: visible(warnings), outcome: result.decision.outcome, invalid: undefined };
}

export function invalid(o: ItemOptions, line: number, errors: readonly string[], codes: readonly string[], warnings: string): ItemOutput {
  const err = visible(warnings + errors.map((e, i) => `${o.name}:${line}: error[${codes[i] ?? 'input/invalid'}]: ${e}\n`).join(''));
  const out = o.format === 'json' ? JSON.stringify({ line, error: 'invalid input', errors }) + '\n' : visible(`input ${line}: invalid input\n${errors.map((e) => `  ${e}`).join('\n')}\n\n`);
  return { out, err, outcome: undefined, invalid: [...new Set(codes)] };
}

export function inputErrorText(e: InputError): string {
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

/** The printed form: the decision's fields first, then what explains it. */
export function flatten(r: ResultJson): Record<string, unknown> {
  const { decision, ...rest } = r;
  return { ...decision, ...rest };
}

/**
 * JSON.stringify(flatten(r)), built from the texts of its parts. A part that is deeply frozen is
 * one the compiled module built once and shares between results (the trace of a rule, or a whole
 * result the policy fixes): its text is made once too, which spares most of the printing.
 */
export function flatJson(r: ResultJson): string {
  const whole = constantText(r);
  if (whole !== undefined) return whole;
  return flatJsonOf(r);
}

function flatJsonOf(r: ResultJson): string {
  const decision = partJson(r.decision);
  let out = decision.length > 2 ? decision.slice(0, -1) : '{';
  let first = decision.length <= 2;
  for (const key in r) {
    if (key === 'decision') continue;
    const v: unknown = (r as unknown as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + partJson(v);
    first = false;
  }
  return out + '}';
}

/** The texts of deeply frozen values; `null` for a frozen value that holds something unfrozen. */
const TEXTS = new WeakMap<object, string | null>();

function constantText(r: ResultJson): string | undefined {
  if (!Object.isFrozen(r)) return undefined;
  let t = TEXTS.get(r);
  if (t === undefined) {
    t = deeplyFrozen(r, 0) ? flatJsonOf(r) : null;
    TEXTS.set(r, t);
  }
  return t ?? undefined;
}

function partJson(v: unknown): string {
  if (typeof v !== 'object' || v === null || !Object.isFrozen(v)) return JSON.stringify(v);
  let t = TEXTS.get(v);
  if (t === undefined) {
    t = deeplyFrozen(v, 0) ? JSON.stringify(v) : null;
    TEXTS.set(v, t);
  }
  return t ?? JSON.stringify(v);
}

function deeplyFrozen(v: object, depth: number): boolean {
  if (depth > 64 || !Object.isFrozen(v)) return false;
  for (const x of Object.values(v)) if (typeof x === 'object' && x !== null && !deeplyFrozen(x, depth + 1)) return false;
  return true;
}

/** Validates and decides one parsed value (used by `pol test` on examples). */
export function decideOne(engine: Engine, json: unknown, explain: boolean): { result: ResultJson } | { errors: readonly InputError[] } {
  const v = engine.validate(json);
  if (!v.ok) return { errors: v.errors };
  return { result: engine.evaluate(v.value, explain) };
}
