/**
 * Whitespace noise: the same tokens and comments with different spaces and line breaks between
 * them. What the formatter keeps is left alone: blank lines (where there is one, it stays; none
 * is added) and whether a comment sits at the end of a line or on its own line.
 */
import { parseSource } from '../../packages/core/src/syntax/parse.ts';

const SPACES = [' ', '  ', '\t', ' \t ', '      '] as const;

/** Rewrites every gap between tokens/comments of `text`, picking whitespace from `choices` (used cyclically). */
export function addNoise(text: string, choices: readonly number[], path = 'noise.pol'): string {
  const parsed = parseSource(path, text);
  const pieces = [
    ...parsed.tokens.map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length, comment: false })),
    ...parsed.file.comments.map((c) => ({ start: c.span.start, end: c.span.start + c.text.length, comment: true })),
  ].sort((a, b) => a.start - b.start);
  let k = 0;
  const pick = (n: number): number => {
    const c = choices[k++ % Math.max(1, choices.length)] ?? 0;
    return c % n;
  };
  const spaces = () => SPACES[pick(SPACES.length)]!;
  let out = text.slice(0, pieces[0]?.start ?? text.length);
  pieces.forEach((piece, i) => {
    out += text.slice(piece.start, piece.end);
    const next = pieces[i + 1];
    if (!next) {
      out += text.slice(piece.end);
      return;
    }
    const ws = text.slice(piece.end, next.start);
    const newlines = (ws.match(/\r\n|\r|\n/g) ?? []).length;
    const blank = /\n[^\S\n]*\n/.test(ws.replace(/\r\n?/g, '\n'));
    if (ws.trim() !== '') {
      out += ws; // prose of a literate file between two blocks: the formatter keeps it, so must the noise
    } else if (blank) {
      out += ws; // a blank line is the author's: keep it
    } else if (piece.comment || next.comment) {
      // keep the comment's kind: the same number of line breaks, other spaces
      out += newlines === 0 ? spaces() : spaces().trimStart() + '\n' + spaces();
    } else {
      // between two tokens: on one line or not, any spaces
      out += pick(3) === 0 ? '\n' + spaces() : ws === '' && pick(2) === 0 ? '' : spaces();
    }
  });
  return out;
}
