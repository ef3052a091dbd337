/**
 * The printer (astFormat `pol-ast`). It prints the whole file at the root, walking the syntax
 * tree for the structure and the token stream for the text of every token (numbers and strings
 * exactly as written) and for the comments: see tokens.ts.
 */
import type { AstPath, Doc, Printer } from 'prettier';
import type { PolRoot } from './parser.ts';
import { printFile } from './printers/declarations.ts';
import { TokenStream } from './tokens.ts';

export function printRoot(root: PolRoot): Doc {
  return printFile(new TokenStream(root.text, root.tokens, root.polComments), root.file);
}

export const polPrinter: Printer<PolRoot> = {
  print(path: AstPath<PolRoot>): Doc {
    return printRoot(path.node);
  },
  getVisitorKeys: () => [],
};
