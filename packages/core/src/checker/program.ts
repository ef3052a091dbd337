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
  | { readonly kind: 'binder'; readonly name: string; readonly aggregate: A.AggregateExpr };

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
  typeOf(e: A.Expr): Type;
  resolve(id: A.Identifier): Resolution;
}
