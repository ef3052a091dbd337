/**
 * prettier-plugin-pol: the canonical layout of `.pol` files (docs/formatting.md).
 *
 * Prettier loads the plugin object (default export); `formatPol` is for tools that format
 * without a Prettier configuration (`pol fmt`).
 */
import { format, type Parser, type Plugin, type Printer, type SupportLanguage, type SupportOptions } from 'prettier';
import { parsePol, type PolRoot } from './parser.ts';
import { polPrinter } from './printer.ts';

export { PolSyntaxError, type PolRoot } from './parser.ts';

/** The line width counsel's files are laid out for, unless a Prettier configuration says otherwise. */
export const DEFAULT_PRINT_WIDTH = 100;

export const languages: SupportLanguage[] = [
  { name: 'Pol', parsers: ['pol'], extensions: ['.pol'], vscodeLanguageIds: ['pol'] },
];

export const parsers: Record<'pol', Parser<PolRoot>> = {
  pol: {
    parse: (text, options) => parsePol(text, typeof options.filepath === 'string' ? options.filepath : '<input>'),
    astFormat: 'pol-ast',
    locStart: (node) => node.start,
    locEnd: (node) => node.end,
  },
};

export const printers: Record<'pol-ast', Printer<PolRoot>> = { 'pol-ast': polPrinter };

/** The plugin adds no options of its own. */
export const options: SupportOptions = {};

/** Pol's defaults for Prettier's own options (a configuration file or CLI flag still wins). */
export const defaultOptions = { printWidth: DEFAULT_PRINT_WIDTH, tabWidth: 2, useTabs: false };

const plugin: Plugin<PolRoot> = { languages, parsers, printers, options, defaultOptions };
export default plugin;

export interface FormatPolOptions {
  /** default 100 */
  readonly printWidth?: number;
  /** used in error messages only */
  readonly filepath?: string;
}

/**
 * Formats Pol source text. Rejects with a `PolSyntaxError` (message, `loc`, `diagnostics`) when
 * the text has syntax errors.
 */
export function formatPol(text: string, options: FormatPolOptions = {}): Promise<string> {
  return format(text, {
    parser: 'pol',
    plugins: [plugin],
    printWidth: options.printWidth ?? DEFAULT_PRINT_WIDTH,
    ...(options.filepath !== undefined ? { filepath: options.filepath } : {}),
  });
}
