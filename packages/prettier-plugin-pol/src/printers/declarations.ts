/**
 * The file, its policy header, imports and declarations (grammar: `file` to `requireDecl`),
 * rules and exceptions (`ruleDecl`, `ruleBody`), `otherwise` and examples.
 *
 * Layout:
 * - one declaration after another, at most one blank line between them (where the source has
 *   one); always one after the policy header and after the imports;
 * - `define`/`const`/`group` keep `name =` on the first line and break after `=` when the value
 *   does not fit, indenting it; a set literal value opens on the `=` line instead;
 * - rule and exception bodies: one clause per line, indented two spaces, citations right under the
 *   rule line, exceptions after a blank line, indented under their rule;
 * - `require` breaks before `because`, indented, when it does not fit on one line.
 */
import { doc, type Doc } from 'prettier';
import type { Ast } from '../core.ts';
import type { Blank, TokenStream } from '../tokens.ts';
import { isLogic, logicParts, printExpr } from './expressions.ts';
import { printBlock, printField, printGiven, printParenList, printRecordTypeBlock } from './types-values.ts';

const { group, indent, line } = doc.builders;

export function printFile(s: TokenStream, file: Ast.PolFile): Doc {
  type Item = { readonly kind: 'header' | 'import' | 'declaration'; readonly print: () => Doc };
  const items: Item[] = [];
  const header = file.header;
  if (header) items.push({ kind: 'header', print: () => printHeader(s) });
  for (const _ of file.imports) items.push({ kind: 'import', print: () => [s.tok('import'), s.space(), s.tok()] });
  for (const d of file.declarations) items.push({ kind: 'declaration', print: () => printDeclaration(s, d) });

  const parts: Doc[] = [s.fileStart()];
  items.forEach((item, i) => {
    if (i > 0) {
      const prev = items[i - 1]!.kind;
      const blank: Blank = prev === 'header' || (prev === 'import' && item.kind === 'declaration') ? 'force' : 'keep';
      parts.push(s.stmt({ blank }));
    }
    parts.push(item.print());
  });
  parts.push(s.fileEnd());
  s.finish();
  return parts;
}

/**
 * `policy "name"` then its clauses, one per line. The clauses are printed from the tokens, as
 * written (the tree keeps only the last `version`; the printer must not drop any). A clause
 * keyword after the header's name can only be the header's: no import or declaration starts so.
 */
function printHeader(s: TokenStream): Doc {
  const head: Doc[] = [s.tok('policy'), s.space(), s.tok()];
  const clauses: Doc[] = [];
  for (let next = s.peek(); next && HEADER_CLAUSES.has(next.image); next = s.peek()) {
    clauses.push(s.stmt({ open: clauses.length === 0 }), s.tok(next.image), s.space(), s.tok());
  }
  return [head, indent(clauses)];
}

const HEADER_CLAUSES: ReadonlySet<string> = new Set(['version', 'cites', 'effective']);

function printDeclaration(s: TokenStream, d: Ast.Declaration): Doc {
  switch (d.kind) {
    case 'enum': {
      const head: Doc[] = [s.tok('enum'), s.space(), s.tok(d.name.name), s.space()];
      if (d.members.length === 0) return [head, s.tok('{'), s.tok('}')];
      const open = s.tok('{');
      const body: Doc[] = [s.soft(line)];
      d.members.forEach((m, i) => {
        if (i > 0) body.push(',', s.soft(line));
        body.push(s.tok(m.name));
      });
      const close = s.soft(line, true);
      // no trailing comma: the parser takes none after the last member
      return group([head, open, indent(body), close, s.tok('}')]);
    }
    case 'unit': {
      const parts: Doc[] = [s.tok('unit'), s.space(), s.tok(d.name.name)];
      if (d.description) parts.push(s.space(), s.tok());
      if (d.formula) {
        parts.push(s.space(), s.tok('='));
        d.formula.forEach((f, i) => parts.push(...(i > 0 ? [s.space(), s.tok(f.op)] : []), s.space(), s.tok(f.unit.name)));
      }
      return parts;
    }
    case 'group': {
      const head: Doc[] = [s.tok('group'), s.space(), s.tok(d.name.name)];
      if (!d.title && d.cites.length === 0) head.push(s.space(), s.tok('of'), s.space(), s.tok(d.of.name));
      // a labelled group breaks before each `cites` and before `of` when its head does not fit
      else head.push(group(indent([...printLabel(s, d), s.soft(line), s.tok('of'), s.space(), s.tok(d.of.name)])));
      return [...head, s.space(), s.tok('='), printAssigned(s, d.value)];
    }
    case 'const':
    case 'define': {
      const head: Doc[] = [s.tok(d.kind), s.space(), s.tok(d.name.name)];
      if (d.title || d.cites.length) head.push(group(indent(printLabel(s, d))));
      return [...head, s.space(), s.tok('='), printAssigned(s, d.value)];
    }
    case 'record':
      return [s.tok('record'), s.space(), s.tok(d.name.name), s.space(), printRecordTypeBlock(s, d.fields)];
    case 'input': {
      const parts: Doc[] = [s.tok('input'), s.space(), s.tok(d.name.name), s.space()];
      if (d.asOf) parts.push(s.tok('as'), s.space(), s.tok('of'), s.space(), s.tok(d.asOf.name), s.space());
      parts.push(printRecordTypeBlock(s, d.fields));
      return parts;
    }
    case 'decision':
      return [
        s.tok('decision'),
        s.space(),
        s.tok(d.name.name),
        s.space(),
        printBlock(s, d.variants, (v) => [s.tok(v.name.name), printParenList(s, v.params, (p) => printField(s, p))]),
      ];
    case 'require':
      return group([
        s.tok('require'),
        s.space(),
        indent([printExpr(s, d.condition), s.soft(line), s.tok('because'), s.space(), s.tok()]),
      ]);
    case 'rule':
      return printRuleLike(s, d);
    case 'otherwise':
      return printOtherwise(s, d);
    case 'ledger':
      return printLedger(s, d);
    case 'example':
      return [
        s.tok('example'),
        s.space(),
        s.tok(),
        s.space(),
        s.tok('{'),
        indent([s.stmt({ open: true }), s.tok('given'), s.space(), printGiven(s, d.given), s.stmt(), s.tok('expect'), s.space(), printDecision(s, d.expect)]),
        s.stmt({ close: true }),
        s.tok('}'),
      ];
  }
}

/** A declaration's title (on the name's line) and its `cites`, each breakable onto its own line. */
function printLabel(s: TokenStream, d: Ast.Labelled): Doc[] {
  const parts: Doc[] = [];
  if (d.title) parts.push(s.space(), s.tok());
  for (const _ of d.cites) parts.push(s.soft(line), s.tok('cites'), s.space(), s.tok());
  return parts;
}

/** The value after `=`: a set opens on the `=` line; anything else moves to the next line, indented, when it does not fit. */
function printAssigned(s: TokenStream, value: Ast.Expr): Doc {
  if (value.kind === 'set') return [s.space(), printExpr(s, value)];
  // An `and`/`or` chain shares the group of the break after `=`: when one breaks, both do.
  if (isLogic(value)) return group(indent([s.soft(line), ...logicParts(s, value)]));
  return group(indent([s.soft(line), printExpr(s, value)]));
}

function printRuleLike(s: TokenStream, d: Ast.RuleDecl | Ast.ExceptionDecl): Doc {
  const head: Doc[] = [s.tok(d.kind), s.space(), s.tok(d.name.name), s.space()];
  if (d.title) head.push(s.tok(), s.space());
  head.push(s.tok('{'));
  const body: Doc[] = [];
  let first = true;
  const clause = (print: () => Doc, blank: Blank = 'keep'): void => {
    body.push(s.stmt({ open: first, blank: first ? 'keep' : blank }));
    first = false;
    body.push(print());
  };
  for (const _ of d.cites) clause(() => [s.tok('cites'), s.space(), s.tok()]);
  if (d.effective) clause(() => [s.tok('effective'), s.space(), s.tok()]);
  if (d.until) clause(() => [s.tok('until'), s.space(), s.tok()]);
  const when = d.when;
  if (when) clause(() => [s.tok('when'), s.space(), indent(printExpr(s, when))]);
  clause(() => [s.tok('decide'), s.space(), printDecision(s, d.decide)]);
  for (const _ of d.obligations) clause(() => [s.tok('obligation'), s.space(), s.tok()]);
  for (const r of d.records) clause(() => printRecords(s, r));
  for (const exception of d.exceptions) clause(() => printRuleLike(s, exception), 'force');
  return [head, indent(body), s.stmt({ close: true }), s.tok('}')];
}

/** `records <amount> in <Ledger>`: the amount breaks like any expression, the ledger stays with `in`. */
function printRecords(s: TokenStream, r: Ast.RecordsClause): Doc {
  const ledger = r.ledger;
  if (!ledger) return [s.tok('records'), s.space(), indent(printExpr(s, r.amount))];
  return [s.tok('records'), s.space(), indent([printExpr(s, r.amount), s.space(), s.tok('in'), s.space(), s.tok(ledger.name)])];
}

/** A ledger: its title on the first line, then one clause per line (`of`, each `per`, `opening`). */
function printLedger(s: TokenStream, d: Ast.LedgerDecl): Doc {
  const head: Doc[] = [s.tok('ledger'), s.space(), s.tok(d.name.name), s.space()];
  if (d.title) head.push(s.tok(), s.space());
  head.push(s.tok('{'));
  const body: Doc[] = [s.stmt({ open: true }), s.tok('of'), s.space(), s.tok(d.unit.name)];
  for (const k of d.keys) {
    body.push(s.stmt(), s.tok('per'), s.space());
    if (k.period) body.push(s.tok('calendar'), s.space(), s.tok('year'), s.space(), s.tok('of'), s.space());
    body.push(indent(printExpr(s, k.value)));
  }
  const opening = d.opening;
  if (opening) body.push(s.stmt(), s.tok('opening'), s.space(), indent(printExpr(s, opening)));
  return [head, indent(body), s.stmt({ close: true }), s.tok('}')];
}

function printOtherwise(s: TokenStream, d: Ast.OtherwiseDecl): Doc {
  const keyword = s.tok('otherwise');
  if (d.cites.length === 0) return [keyword, s.space(), s.tok('decide'), s.space(), printDecision(s, d.decide)];
  const body: Doc[] = [];
  d.cites.forEach((_, i) => body.push(s.stmt({ open: i === 0 }), s.tok('cites'), s.space(), s.tok()));
  body.push(s.stmt(), s.tok('decide'), s.space(), printDecision(s, d.decide));
  return [keyword, indent(body)];
}

/** `variant` or `variant(name: value, ...)`. */
function printDecision(s: TokenStream, d: Ast.DecisionExpr): Doc {
  return [
    s.tok(d.variant.name),
    printParenList(s, d.args, (a) => [s.tok(a.name.name), s.tok(':'), s.space(), printExpr(s, a.value)]),
  ];
}
