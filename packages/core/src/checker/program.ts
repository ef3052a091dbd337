import type * as A from '../ast/nodes.ts';
import type { SourceFile } from '../source/span.ts';
import type { Type } from '../types/pol-types.ts';

export interface EnumInfo {
  readonly name: string;
  readonly members: readonly string[];
  /** display names (Country has them; user enums do not) */
  readonly labels?: ReadonlyMap<string, string>;
  readonly decl: A.EnumDecl | undefined;
}

export interface VariantInfo {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly type: Type }[];
  readonly decl: A.VariantDecl;
}

export type RecordTypeT = Extract<Type, { kind: 'record' }>;

/** What an identifier in an expression refers to. */
export type Resolution =
  | { readonly kind: 'input'; readonly field: string }
  | { readonly kind: 'define'; readonly name: string }
  | { readonly kind: 'const'; readonly name: string }
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'member'; readonly enumName: string; readonly member: string }
  | { readonly kind: 'binder'; readonly name: string; readonly aggregate: A.AggregateExpr }
  /** a ledger's balance before this transaction (docs/ledger.md) */
  | { readonly kind: 'ledger'; readonly name: string };

/** A key of a ledger: an input path, or the calendar year of an input date. */
export interface LedgerKeyInfo {
  /** as written: `consignee.id`, `calendar year of date` */
  readonly label: string;
  /** the input path it reads: ['consignee', 'id'] */
  readonly path: readonly string[];
  readonly period: 'calendar-year' | undefined;
  /** the optional prefixes of the path (narrowing keys, `in:veu`) that must be present where the ledger is used */
  readonly optional: readonly string[];
}

export interface LedgerInfo {
  readonly name: string;
  readonly title: string | undefined;
  /** null: plain numbers */
  readonly unit: string | null;
  readonly keys: readonly LedgerKeyInfo[];
  /** the balance before the first posting of a key; zero when absent or not written */
  readonly opening: A.Expr | undefined;
  readonly decl: A.LedgerDecl;
}

/**
 * A policy that passed the checker: the only thing the interpreter, the compiler and the analyses
 * accept. Every expression has a type and every identifier a resolution.
 */
export interface CheckedProgram {
  readonly files: readonly A.PolFile[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly rootPath: string;
  readonly header: A.PolicyHeader | undefined;
  readonly enums: ReadonlyMap<string, EnumInfo>;
  readonly units: ReadonlyMap<string, A.UnitDecl>;
  readonly input: { readonly name: string; readonly asOf: string | undefined; readonly type: RecordTypeT; readonly decl: A.InputDecl };
  readonly decision: { readonly name: string; readonly variants: readonly VariantInfo[]; readonly decl: A.DecisionDecl };
  /** in dependency order: each refers only to earlier ones */
  readonly groups: readonly A.GroupDecl[];
  readonly consts: readonly A.ConstDecl[];
  readonly defines: readonly A.DefineDecl[];
  readonly requires: readonly A.RequireDecl[];
  /** top-level rules in precedence order */
  readonly rules: readonly A.RuleDecl[];
  readonly otherwise: A.OtherwiseDecl;
  readonly examples: readonly A.ExampleDecl[];
  /** in declaration order; empty for a policy without ledgers */
  readonly ledgers: readonly LedgerInfo[];
  typeOf(e: A.Expr): Type;
  resolve(id: A.Identifier): Resolution;
}
