/**
 * The diagnostics of ledgers (checker/ledgers.ts), one constructor each, worded as errors.ts words
 * the others; docs/diagnostics.md has a section per code.
 */
import type * as A from '../ast/nodes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Span } from '../source/span.ts';
import { typeToString, type Type } from '../types/pol-types.ts';
import { suggest } from './suggest.ts';

type Extra = Omit<Partial<Diagnostic>, 'code' | 'severity' | 'message' | 'span'>;

function error(code: Diagnostic['code'], message: string, span: Span | undefined, extra: Extra = {}): Diagnostic {
  return { code, severity: 'error', message, span, ...extra };
}

const hint = (s: string | undefined): string | undefined => (s ? `did you mean \`${s}\`?` : undefined);

export const missingTransactionId = (ledger: A.LedgerDecl, input: A.InputDecl, found: Type | undefined): Diagnostic =>
  error(
    'ledger/missing-transaction-id',
    found ? `the input's \`id\` is ${typeToString(found)}, but a policy with a ledger needs it to be an \`Id\` (or \`optional Id\`)` : `a policy with a ledger needs a transaction \`id\` in its input`,
    input.name.span,
    {
      labels: [{ span: ledger.name.span, message: `\`${ledger.name.name}\` is kept across transactions` }],
      help: 'add `id: Id` to the input (`optional Id` when it is shared with a policy without ledgers): the ledger posts each transaction once, by its id, so a re-run never counts it twice',
    },
  );

export const ledgerUnknownUnit = (unit: A.Identifier, units: Iterable<string>): Diagnostic =>
  error('check/unknown-type', `there is no unit named \`${unit.name}\``, unit.span, {
    help: hint(suggest(unit.name, [...units, 'Number'])) ?? `declare it with \`unit ${unit.name}\`, or write \`of Number\` for plain counts`,
  });

export const ledgerKeyTwice = (k: A.LedgerKey): Diagnostic => error('check/duplicate-field', 'this ledger is already kept per this key', k.span, { help: 'remove one of the two `per` lines' });

export const keyNotInput = (k: A.LedgerKey, fields: Iterable<string>): Diagnostic =>
  error('ledger/key-not-input', 'a ledger is kept per a field of the input, e.g. `per consignee.id`', k.value.span, {
    help: hint(k.value.kind === 'identifier' ? suggest(k.value.name, fields) : undefined) ?? 'name an input field (or a field of an input record) that holds an Id or an enum member',
  });

export const keyType = (k: A.LedgerKey, found: Type): Diagnostic =>
  error('ledger/key-type', `a ledger key must be an \`Id\` or an enum member, and this is ${typeToString(found)}`, k.value.span, {
    help: found.kind === 'date' ? 'to keep a balance per year, write `per calendar year of <date field>`' : 'declare the field as `Id` (a text identifier) or key the ledger by another field',
  });

export const periodNotDate = (k: A.LedgerKey, found: Type): Diagnostic =>
  error('ledger/period-not-date', `\`calendar year of\` needs a Date, and this is ${typeToString(found)}`, k.value.span, {
    help: 'name a Date field of the input, e.g. `per calendar year of date`',
  });

export const ledgerInConstant = (id: A.Identifier): Diagnostic =>
  error('check/not-constant', `\`${id.name}\` is a ledger balance, which depends on the transaction, so it cannot be used in a constant or group`, id.span, {
    help: 'read it in a `define` or a rule',
  });

export const ledgerInOpening = (id: A.Identifier, ledger: string): Diagnostic =>
  error('ledger/opening-reads-ledger', `the opening balance of \`${ledger}\` cannot read a ledger balance (\`${id.name}\`)`, id.span, {
    help: 'an opening balance comes from the input, e.g. `opening consignee.received_tpp`',
  });

export const notALedger = (c: A.RecordsClause, ledgers: readonly string[]): Diagnostic =>
  error(
    'ledger/not-a-ledger',
    c.ledger ? `\`${c.ledger.name}\` is not a ledger` : 'a `records` clause says what it adds to which ledger: `records <amount> in <Ledger>`',
    c.ledger?.span ?? c.span,
    { help: (c.ledger ? hint(suggest(c.ledger.name, ledgers)) : undefined) ?? (ledgers.length > 0 ? `the ledgers are ${ledgers.map((l) => `\`${l}\``).join(', ')}` : 'declare one with `ledger <Name> { of <Unit> per <key> }`') },
  );

export const recordedTwice = (c: A.RecordsClause, first: A.RecordsClause): Diagnostic =>
  error('ledger/recorded-twice', `\`${c.ledger?.name}\` is already recorded by this rule`, c.span, {
    labels: [{ span: first.span, message: 'recorded here first' }],
    help: 'add the amounts in one clause: `records a + b in <Ledger>`',
  });

export const keyMayBeAbsent = (at: A.Identifier, ledger: string, key: string, path: string): Diagnostic =>
  error('ledger/key-may-be-absent', `\`${ledger}\` is kept per \`${key}\`, but \`${path}\` may be absent here`, at.span, {
    help: `use it where \`${path}\` is known present, e.g. under \`when ${path} is present and ...\``,
  });

export const idNotAValue = (e: A.Expr): Diagnostic =>
  error('ledger/id-not-a-value', 'an `Id` only keys a ledger: it cannot be compared, computed with or decided', e.span, {
    help: 'use it in a ledger declaration, e.g. `per consignee.id`',
  });

export const ledgerInRequire = (id: A.Identifier): Diagnostic =>
  error('ledger/read-in-require', `\`${id.name}\` is a ledger balance; a \`require\` checks the input alone, before any balance is read`, id.span, {
    help: `test the balance in a rule instead, e.g. \`when ${id.name} + amount > LIMIT\``,
  });
