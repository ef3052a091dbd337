/**
 * `.pol.md` files (literate policies): the fenced `pol` blocks are formatted as Pol, everything
 * else (the regulation's text, counsel's notes, the fence lines, other code blocks) is printed
 * back exactly as it was read.
 *
 * Each block is parsed on its own, from the Markdown with everything but that block blanked
 * (core's source/literate.ts), so a syntax error names the Markdown line and column. A block must
 * therefore hold whole declarations: a rule split over two blocks checks, but is not formatted.
 */
import { doc, type AstPath, type Doc, type ParserOptions, type Printer } from 'prettier';
import { blankOutside, polBlocks, type PolBlock } from './core.ts';
import { parsePol, type PolRoot } from './parser.ts';
import { printRoot } from './printer.ts';

export interface PolMarkdownRoot {
  readonly kind: 'pol-markdown-root';
  readonly text: string;
  readonly blocks: readonly { readonly block: PolBlock; readonly pol: PolRoot }[];
  readonly start: number;
  readonly end: number;
}

export function parsePolMarkdown(text: string, path = '<input>.pol.md'): PolMarkdownRoot {
  const blocks = polBlocks(text).map((block) => ({ block, pol: parsePol(blankOutside(text, [block]), path, true) }));
  return { kind: 'pol-markdown-root', text, blocks, start: 0, end: text.length };
}

/** A block's Pol, laid out alone (so the prose before it cannot shift its columns) and indented like its fence. */
function printBlock(pol: PolRoot, indent: number, options: ParserOptions<PolMarkdownRoot>): string {
  const formatted = doc.printer.printDocToString(printRoot(pol), { ...options, printWidth: options.printWidth - indent } as Parameters<typeof doc.printer.printDocToString>[1]).formatted;
  if (formatted.trim() === '') return '';
  const pad = ' '.repeat(indent);
  const body = formatted.endsWith('\n') ? formatted : `${formatted}\n`;
  return indent === 0 ? body : body.replace(/^(?=.)/gm, pad);
}

export function printPolMarkdown(root: PolMarkdownRoot, options: ParserOptions<PolMarkdownRoot>): string {
  const out: string[] = [];
  let at = 0;
  for (const { block, pol } of root.blocks) {
    out.push(root.text.slice(at, block.start));
    const body = printBlock(pol, block.indent, options);
    // an unclosed block runs to the end of the file: its last line keeps having no line break if it had none
    out.push(!block.closed && !/[\r\n]$/.test(root.text) ? body.replace(/\n$/, '') : body);
    at = block.end;
  }
  out.push(root.text.slice(at));
  return out.join('');
}

export const polMarkdownPrinter: Printer<PolMarkdownRoot> = {
  print(path: AstPath<PolMarkdownRoot>, options: ParserOptions<PolMarkdownRoot>): Doc {
    return printPolMarkdown(path.node, options);
  },
  getVisitorKeys: () => [],
};
