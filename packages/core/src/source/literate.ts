/**
 * Literate policies: a `.pol.md` file is Markdown whose fenced `pol` code blocks are the policy.
 *
 * The policy text handed to the parser is the Markdown with every character outside the blocks'
 * contents (prose, fence lines, other code blocks) replaced by a space, line breaks kept. It has
 * the same length and the same line structure, so every offset, line and column the parser, the
 * checker or an editor reports is the Markdown file's own, with no mapping to get wrong.
 *
 * Fences follow CommonMark: three or more backticks or tildes, indented at most three spaces; a
 * block is closed by a fence of the same character at least as long with nothing after it but
 * spaces, or by the end of the file. Every fence is tracked, so a ```pol line inside a ```text
 * block is text. A block belongs to the policy when the first word of its info string is `pol`.
 */

/** Whether a path names a literate policy. */
export function isLiteratePath(path: string): boolean {
  return path.toLowerCase().endsWith('.pol.md');
}

/** Whether a path names a policy file, plain (`.pol`) or literate (`.pol.md`). */
export function isPolicyPath(path: string): boolean {
  return path.endsWith('.pol') || isLiteratePath(path);
}

/** One fenced `pol` block: its content runs from `start` to `end` (offsets into the Markdown). */
export interface PolBlock {
  /** offset of the opening fence line */
  readonly fenceStart: number;
  /** first offset of the content (the line after the opening fence) */
  readonly start: number;
  /** offset just past the content (the start of the closing fence line, or the end of the file) */
  readonly end: number;
  /** spaces before the opening fence: the content is shown indented by as much */
  readonly indent: number;
  /** whether a closing fence ends the block (false: it runs to the end of the file) */
  readonly closed: boolean;
}

interface Line {
  readonly start: number;
  /** offset past the line's text, before its terminator */
  readonly textEnd: number;
  /** offset past the terminator */
  readonly end: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      out.push({ start, textEnd: i, end });
      start = end;
      i = end - 1;
    }
  }
  if (start < text.length || text.length === 0) out.push({ start, textEnd: text.length, end: text.length });
  return out;
}

const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export function polBlocks(text: string): PolBlock[] {
  const blocks: PolBlock[] = [];
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    // a byte order mark is not part of the first line's text (CommonMark ignores it too)
    const m = OPEN.exec(text.slice(i === 0 && text.charCodeAt(0) === 0xfeff ? 1 : line.start, line.textEnd));
    if (!m) continue;
    const indent = m[1]!.length;
    const fence = m[2]!;
    const info = m[3]!.trim();
    // CommonMark: a backtick fence's info string may not contain a backtick (it is inline code then)
    if (fence[0] === '`' && info.includes('`')) continue;
    const lang = info.split(/\s+/)[0] ?? '';
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    let j = i + 1;
    while (j < all.length && !close.test(text.slice(all[j]!.start, all[j]!.textEnd))) j++;
    const closed = j < all.length;
    const start = line.end;
    const end = closed ? all[j]!.start : text.length;
    if (lang === 'pol') blocks.push({ fenceStart: line.start, start, end: Math.max(start, end), indent, closed });
    i = j;
  }
  return blocks;
}

/** The Markdown with everything but the given blocks' contents blanked (see the file comment). */
export function blankOutside(text: string, blocks: readonly PolBlock[]): string {
  const out: string[] = [];
  let at = 0;
  const blank = (from: number, to: number): void => {
    if (to > from) out.push(text.slice(from, to).replace(/[^\r\n]/g, ' '));
  };
  for (const b of blocks) {
    blank(at, b.start);
    out.push(text.slice(b.start, b.end));
    at = b.end;
  }
  blank(at, text.length);
  return out.join('');
}

/** The policy text of a literate file: same length and line breaks, only the `pol` blocks kept. */
export function literatePolicyText(text: string): string {
  return blankOutside(text, polBlocks(text));
}
