/**
 * The checker's part for ledgers (docs/ledger.md): a ledger's unit, keys and opening balance; a
 * ledger read in a condition; `records <amount> in <Ledger>`. Keys are input paths of an `Id` or an
 * enum, or the calendar year of an input date; where a ledger is read or recorded, every optional
 * part of its keys must be known present (as for any optional value), so a balance always has a key.
 */
import type * as A from '../ast/nodes.ts';
import { forEachChild } from '../ast/visit.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { ERROR, numberOf, sameType, type Type } from '../types/pol-types.ts';
import * as E from './ledger-errors.ts';
import type { Facts } from './narrowing.ts';
import type { LedgerInfo, LedgerKeyInfo, Resolution } from './program.ts';
import type { SymbolTable } from './symbols.ts';
import type { Scope } from './typecheck.ts';

const INPUT_SCOPE: Scope = { binders: new Map(), constant: false };

/** What the ledger checks need from the type checker. */
export interface LedgerHost {
  expr(e: A.Expr, expected: Type | undefined, facts: Facts, scope: Scope): Type;
  mismatch(e: A.Node, expected: Type, found: Type): void;
  readonly types: WeakMap<A.Expr, Type>;
  readonly resolutions: WeakMap<A.Identifier, Resolution>;
}

export class LedgerChecker {
  readonly infos = new Map<string, LedgerInfo>();
  /** the ledger whose opening balance is being typed: it may not read ledgers */
  private inOpening: string | undefined;
  /** set while a `require` is typed: input validation runs before any balance is read */
  inRequire = false;

  constructor(
    private readonly symbols: SymbolTable,
    private readonly host: LedgerHost,
    private readonly out: Diagnostic[],
    private readonly used: Set<string>,
  ) {}

  /** Checks every ledger's unit and keys, before the globals and rules that read them. */
  declarations(): void {
    const { ledgers, input } = this.symbols;
    if (ledgers.size === 0) return;
    const first = [...ledgers.values()][0]!;
    // `optional Id` too: a policy whose contract is shared with one that keeps no ledger (or that is
    // also decided without a store) need not demand it; `pol eval --ledger` refuses a line without it
    const id = input?.type.fields.get('id');
    const inner = id?.kind === 'optional' ? id.inner : id;
    if (input && (!inner || inner.kind !== 'id')) this.out.push(E.missingTransactionId(first, input.decl, id));
    for (const decl of ledgers.values()) this.infos.set(decl.name.name, this.declaration(decl));
  }

  /** Types the opening balances, after the globals (an opening may name a define). */
  openings(): void {
    for (const info of this.infos.values()) {
      if (!info.opening) continue;
      this.inOpening = info.name;
      const expected = numberOf(info.unit);
      const t = this.host.expr(info.opening, expected, new Set(info.keys.flatMap((k) => k.optional)), INPUT_SCOPE);
      const inner = t.kind === 'optional' ? t.inner : t;
      if (!sameType(inner, expected)) this.host.mismatch(info.opening, expected, inner);
      this.inOpening = undefined;
      // through a define too: an opening that needs a balance would need itself
      const via = this.readsLedger(info.opening, new Set());
      if (via) this.out.push(E.ledgerInOpening(via, info.name));
    }
  }

  private declaration(d: A.LedgerDecl): LedgerInfo {
    let unit: string | null = null;
    const u = d.unit.name;
    if (u && u !== 'Number') {
      this.used.add(u);
      if (this.symbols.units.has(u)) unit = u;
      else this.out.push(E.ledgerUnknownUnit(d.unit, this.symbols.units.keys()));
    }
    const keys: LedgerKeyInfo[] = [];
    const seen = new Set<string>();
    for (const k of d.keys) {
      const info = this.key(k);
      if (!info) continue;
      if (seen.has(info.label)) this.out.push(E.ledgerKeyTwice(k));
      seen.add(info.label);
      keys.push(info);
    }
    return { name: d.name.name, title: d.title?.value, unit, keys, opening: d.opening, decl: d };
  }

  /** A key: a path of input fields, each step typed here (the key is no expression of a condition). */
  private key(k: A.LedgerKey): LedgerKeyInfo | undefined {
    const path: string[] = [];
    const optional: string[] = [];
    let prefixKey = '';
    const walk = (e: A.Expr): Type | undefined => {
      if (e.kind === 'paren') return walk(e.inner);
      if (e.kind === 'identifier') {
        const field = this.symbols.input?.type.fields.get(e.name);
        if (!field) return undefined;
        this.host.resolutions.set(e, { kind: 'input', field: e.name });
        path.push(e.name);
        prefixKey = `in:${e.name}`;
        return this.note(e, field);
      }
      if (e.kind === 'member') {
        let obj = walk(e.object);
        if (!obj) return undefined;
        if (obj.kind === 'optional') {
          optional.push(prefixKey);
          obj = obj.inner;
        }
        const ft = obj.kind === 'record' ? obj.fields.get(e.property.name) : undefined;
        if (!ft) return undefined;
        path.push(e.property.name);
        prefixKey = `${prefixKey}.${e.property.name}`;
        return this.note(e, ft);
      }
      return undefined;
    };
    let t = walk(k.value);
    if (!t) {
      this.out.push(E.keyNotInput(k, this.symbols.input?.type.fields.keys() ?? []));
      return undefined;
    }
    if (t.kind === 'optional') {
      optional.push(prefixKey);
      t = t.inner;
    }
    const text = this.symbols.sources.get(k.value.span.file)?.text.slice(k.value.span.start, k.value.span.end) ?? path.join('.');
    if (k.period === 'calendar-year') {
      if (t.kind !== 'date') {
        this.out.push(E.periodNotDate(k, t));
        return undefined;
      }
      return { label: `calendar year of ${text}`, path, period: 'calendar-year', optional };
    }
    if (t.kind !== 'id' && t.kind !== 'enum') {
      this.out.push(E.keyType(k, t));
      return undefined;
    }
    if (t.kind === 'enum') this.used.add(t.name);
    return { label: text, path, period: undefined, optional };
  }

  /** A define named in `e` (at any depth of defines) that reads a ledger balance, if any. */
  private readsLedger(e: A.Expr, seen: Set<string>): A.Identifier | undefined {
    let found: A.Identifier | undefined;
    const walk = (x: A.Expr): void => {
      if (found) return;
      if (x.kind === 'identifier') {
        const r = this.host.resolutions.get(x);
        if (r?.kind === 'ledger') found = x;
        else if (r?.kind === 'define' && !seen.has(r.name)) {
          seen.add(r.name);
          const g = this.symbols.globals.get(r.name);
          if (g && this.readsLedger(g.value, seen)) found = x;
        }
        return;
      }
      forEachChild(x, walk, undefined);
    };
    walk(e);
    return found;
  }

  private note(e: A.Expr, t: Type): Type {
    this.host.types.set(e, t);
    return t;
  }

  /** `LppReceived` in a condition: the balance before this transaction, in the ledger's unit. */
  read(e: A.Identifier, decl: A.LedgerDecl, facts: Facts, scope: Scope): Type {
    this.used.add(decl.name.name);
    if (scope.constant) {
      this.out.push(E.ledgerInConstant(e));
      return ERROR;
    }
    if (this.inRequire) {
      this.out.push(E.ledgerInRequire(e));
      return ERROR;
    }
    if (this.inOpening !== undefined) {
      this.out.push(E.ledgerInOpening(e, this.inOpening));
      return ERROR;
    }
    const info = this.infos.get(decl.name.name);
    this.host.resolutions.set(e, { kind: 'ledger', name: decl.name.name });
    if (!info) return ERROR;
    if (!this.keysPresent(e, info, facts)) return ERROR;
    return numberOf(info.unit);
  }

  /** The `records` clauses of one body, with the facts of its conditions. */
  records(clauses: readonly A.RecordsClause[], facts: Facts): void {
    const seen = new Map<string, A.RecordsClause>();
    for (const c of clauses) {
      const name = c.ledger;
      const info = name ? this.infos.get(name.name) : undefined;
      if (!name || !info) {
        this.out.push(E.notALedger(c, [...this.infos.keys()]));
        this.host.expr(c.amount, undefined, facts, INPUT_SCOPE);
        continue;
      }
      this.used.add(info.name);
      this.host.resolutions.set(name, { kind: 'ledger', name: info.name });
      const prev = seen.get(info.name);
      if (prev) this.out.push(E.recordedTwice(c, prev));
      seen.set(info.name, c);
      this.keysPresent(name, info, facts);
      const expected = numberOf(info.unit);
      const t = this.host.expr(c.amount, expected, facts, INPUT_SCOPE);
      if (!sameType(t, expected)) this.host.mismatch(c.amount, expected, t);
    }
  }

  private keysPresent(at: A.Identifier, info: LedgerInfo, facts: Facts): boolean {
    for (const k of info.keys) {
      const missing = k.optional.find((o) => !facts.has(o));
      if (missing !== undefined) {
        this.out.push(E.keyMayBeAbsent(at, info.name, k.label, missing.slice(3)));
        return false;
      }
    }
    return true;
  }
}
