/**
 * prettier-plugin-pol: the canonical layout of `.pol` files (docs/formatting.md).
 *
 * Prettier loads the plugin object (default export); `formatPol` is for tools that format
 * without a Prettier configuration (`pol fmt`).
 */
import { format, type Parser, type Plugin, type Printer, type SupportLanguage, type SupportOptions } from 'prettier';
import { parsePol, type PolRoot } from './parser.ts';
import { polPrinter } from './printer.ts';
import { parsePolMarkdown, polMarkdownPrinter, type PolMarkdownRoot } from './literate.ts';
import { isLiteratePath } from './core.ts';

export { PolSyntaxError, type PolRoot } from './parser.ts';

/** The line width counsel's files are laid out for, unless a Prettier configuration says otherwise. */
export const DEFAULT_PRINT_WIDTH = 100;

export const languages: SupportLanguage[] = [
  { name: 'Pol', parsers: ['pol'], extensions: ['.pol'], vscodeLanguageIds: ['pol'] },
  // before Prettier's own Markdown (user plugins are asked first), so `x.pol.md` is a literate policy
  { name: 'Pol Markdown', parsers: ['pol-markdown'], extensions: ['.pol.md'] },
];

export const parsers: { pol: Parser<PolRoot>; 'pol-markdown': Parser<PolMarkdownRoot> } = {
  pol: {
    // a `.pol.md` forced through this parser is read as plain Pol (its prose fails to parse, so Prettier leaves it untouched), never cut down to its blocks
    parse: (text, options) => parsePol(text, typeof options.filepath === 'string' ? options.filepath : '<input>', true),
    astFormat: 'pol-ast',
    locStart: (node) => node.start,
    locEnd: (node) => node.end,
  },
  'pol-markdown': {
    parse: (text, options) => parsePolMarkdown(text, typeof options.filepath === 'string' ? options.filepath : '<input>.pol.md'),
    astFormat: 'pol-markdown-ast',
    locStart: (node) => node.start,
    locEnd: (node) => node.end,
  },
};

export const printers: { 'pol-ast': Printer<PolRoot>; 'pol-markdown-ast': Printer<PolMarkdownRoot> } = { 'pol-ast': polPrinter, 'pol-markdown-ast': polMarkdownPrinter };

/** The plugin adds no options of its own. */
export const options: SupportOptions = {};

/** Pol's defaults for Prettier's own options (a configuration file or CLI flag still wins). */
export const defaultOptions = { printWidth: DEFAULT_PRINT_WIDTH, tabWidth: 2, useTabs: false };

// Prettier's Plugin type takes one tree type; the two parsers hand their printers different trees.
const plugin: Plugin = { languages, parsers, printers, options, defaultOptions };
export default plugin;

export interface FormatPolOptions {
  /** default 100 */
  readonly printWidth?: number;
  /** used in error messages, and a `.pol.md` path formats the text as a literate policy (Markdown) */
  readonly filepath?: string;
}

/**
 * Formats Pol source text, or a literate policy's Markdown when `filepath` ends in `.pol.md`
 * (only its `pol` blocks change). Rejects with a `PolSyntaxError` (message, `loc`, `diagnostics`) when
 * the text has syntax errors.
 */
export function formatPol(text: string, options: FormatPolOptions = {}): Promise<string> {
  return format(text, {
    parser: options.filepath !== undefined && isLiteratePath(options.filepath) ? 'pol-markdown' : 'pol',
    plugins: [plugin],
    printWidth: options.printWidth ?? DEFAULT_PRINT_WIDTH,
    ...(options.filepath !== undefined ? { filepath: options.filepath } : {}),
  });
}
