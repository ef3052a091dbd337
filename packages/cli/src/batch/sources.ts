/**
 * Inputs for batch commands, read incrementally: JSON Lines line by line, a JSON array element by
 * element, so memory does not grow with the file. Each item keeps its place (line, or element
 * number for an array) for error messages.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { IoError } from '../io.ts';

export interface RawItem {
  /** line number (JSON Lines, a single JSON value) or element number (a JSON array), from 1 */
  readonly line: number;
  readonly text: string;
}

/** A malformed array: reported once, where the structure broke. */
export interface BrokenItem {
  readonly line: number;
  readonly broken: string;
}

const CHUNK = 1 << 16;

async function* chunks(path: string): AsyncGenerator<string> {
  if (path !== '-') {
    let s;
    try {
      s = await stat(path);
    } catch {
      throw new IoError(`cannot read the input file ${path}: no such file`);
    }
    if (!s.isFile()) throw new IoError(`cannot read the input file ${path}: it is not a file`);
  }
  const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: CHUNK });
  const decoder = new StringDecoder('utf8');
  let first = true;
  try {
    for await (const c of stream) {
      let text = typeof c === 'string' ? c : decoder.write(c as Buffer);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text) yield text;
    }
  } catch (e) {
    throw new IoError(`cannot read the input file ${path}: ${(e as Error).message}`);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * JSON Lines: every non-blank line, without its line terminator (`\n` or `\r\n`), in batches (the
 * lines each read chunk completes): a batch command then decides a whole batch without waiting,
 * where one await per line cost more than deciding it.
 */
export async function* jsonLineBatches(path: string): AsyncGenerator<RawItem[]> {
  let carry = '';
  let line = 0;
  for await (const chunk of chunks(path)) {
    const text = carry + chunk;
    const batch: RawItem[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (!isBlank(text, start, end)) batch.push({ line, text: text.slice(start, end) });
      start = nl + 1;
    }
    carry = text.slice(start);
    if (batch.length) yield batch;
  }
  line++;
  const last = carry.endsWith('\r') ? carry.slice(0, -1) : carry;
  if (last.trim() !== '') yield [{ line, text: last }];
}

/** The same lines one at a time, for commands whose work per line is not the cost. */
export async function* jsonLines(path: string): AsyncGenerator<RawItem> {
  for await (const batch of jsonLineBatches(path)) yield* batch;
}

/** Whether text[start, end) is only white space (what String.prototype.trim removes), without a copy. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || text[i]!.trim() !== '') return false;
  }
  return true;
}

/**
 * A `.json` file: one value, or an array whose elements are the inputs. Elements are cut out by
 * tracking strings and nesting, then parsed one at a time.
 */
export async function* jsonFileBatches(path: string): AsyncGenerator<(RawItem | BrokenItem)[]> {
  const it = chunks(path)[Symbol.asyncIterator]();
  let buf = '';
  let done = false;
  const more = async (): Promise<boolean> => {
    if (done) return false;
    const r = await it.next();
    if (r.done) {
      done = true;
      return false;
    }
    buf += r.value;
    return true;
  };
  // find the first non-blank character
  let i = 0;
  for (;;) {
    while (i < buf.length && /\s/.test(buf[i]!)) i++;
    if (i < buf.length || !(await more())) break;
  }
  if (buf[i] !== '[') {
    // a single value: read it whole (one input is bounded by its own size)
    while (await more());
    if (buf.trim() !== '') yield [{ line: 1, text: buf }];
    return;
  }
  i++;
  let element = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = i;
  let sawValue = false;
  let out: (RawItem | BrokenItem)[] = [];
  for (;;) {
    if (i >= buf.length) {
      if (out.length) {
        yield out;
        out = [];
      }
      // keep only the element being read
      buf = buf.slice(start);
      i -= start;
      start = 0;
      if (!(await more())) {
        // a cut-off file: what follows the last comma is still read (it fails if it is cut too)
        if (buf.trim() !== '') out.push({ line: ++element, text: buf });
        out.push({ line: element + 1, broken: 'the JSON array is not closed with `]`' });
        yield out;
        return;
      }
      continue;
    }
    const c = buf.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
      i++;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      if (depth === 0 && c === 93) {
        const text = buf.slice(start, i);
        if (text.trim() !== '') out.push({ line: ++element, text });
        else if (sawValue) out.push({ line: element + 1, broken: 'a `,` is followed by `]` with no value between them' });
        let tail = buf.slice(i + 1);
        buf = '';
        while (tail.trim() === '' && (await more())) {
          tail = buf;
          buf = '';
        }
        if (tail.trim() !== '') out.push({ line: element + 1, broken: 'text after the closing `]` of the array' });
        if (out.length) yield out;
        return;
      }
      depth--;
    } else if (c === 44 && depth === 0) {
      sawValue = true;
      out.push({ line: ++element, text: buf.slice(start, i) });
      start = i + 1;
    }
    i++;
  }
}

/** The same elements one at a time. */
export async function* jsonFile(path: string): AsyncGenerator<RawItem | BrokenItem> {
  for await (const batch of jsonFileBatches(path)) yield* batch;
}

/** The batches of a `.jsonl` file (or `-`, standard input) or a `.json` file, by the name. */
export function inputBatches(path: string): AsyncGenerator<(RawItem | BrokenItem)[]> {
  return path.endsWith('.jsonl') || path === '-' ? jsonLineBatches(path) : jsonFileBatches(path);
}
