/**
 * The syntax tree of a `.pol` file. Every node carries its span; comments are kept beside the tree
 * (in `PolFile.comments`) so the formatter can put them back. Spans never take part in meaning:
 * `stripSpans` gives the form that "same meaning" compares.
 */
import type { Span } from '../source/span.ts';

export interface Node {
  readonly span: Span;
}

export interface Identifier extends Node {
  readonly kind: 'identifier';
  readonly name: string;
}

export interface StringLit extends Node {
  readonly kind: 'string';
  /** the decoded value (escapes resolved) */
  readonly value: string;
}

export interface DateLit extends Node {
  readonly kind: 'date';
  /** ISO `YYYY-MM-DD` */
  readonly value: string;
}

export interface Comment extends Node {
  readonly kind: 'comment';
  /** the text including the leading `//` */
  readonly text: string;
}

export interface PolFile {
  readonly kind: 'file';
  readonly path: string;
  readonly header: PolicyHeader | undefined;
  readonly imports: readonly ImportDecl[];
  readonly declarations: readonly Declaration[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}

export interface PolicyHeader extends Node {
  readonly kind: 'policy';
  readonly name: StringLit;
  readonly version: StringLit | undefined;
  readonly cites: readonly StringLit[];
  readonly effective: DateLit | undefined;
}

export interface ImportDecl extends Node {
  readonly kind: 'import';
  readonly path: StringLit;
}

export type Declaration =
  | EnumDecl
  | UnitDecl
  | GroupDecl
  | ConstDecl
  | RecordDecl
  | InputDecl
  | DecisionDecl
  | DefineDecl
  | RequireDecl
  | RuleDecl
  | OtherwiseDecl
  | ExampleDecl
  | LedgerDecl;

export interface EnumDecl extends Node {
  readonly kind: 'enum';
  readonly name: Identifier;
  readonly members: readonly Identifier[];
}

export interface UnitDecl extends Node {
  readonly kind: 'unit';
  readonly name: Identifier;
  readonly description: StringLit | undefined;
  /** a derived unit's definition (`= TPP / mm2`): the first unit, then each `*` or `/` and unit */
  readonly formula: readonly UnitFactor[] | undefined;
}

export interface UnitFactor {
  readonly op: '*' | '/';
  readonly unit: Identifier;
}

/** What a group, const or define may carry for people: a display title and its citations. */
export interface Labelled {
  readonly title: StringLit | undefined;
  readonly cites: readonly StringLit[];
}

export interface GroupDecl extends Node, Labelled {
  readonly kind: 'group';
  readonly name: Identifier;
  readonly of: Identifier;
  readonly value: Expr;
}

export interface ConstDecl extends Node, Labelled {
  readonly kind: 'const';
  readonly name: Identifier;
  readonly value: Expr;
}

export interface RecordDecl extends Node {
  readonly kind: 'record';
  readonly name: Identifier;
  readonly fields: readonly FieldDecl[];
}

export interface InputDecl extends Node {
  readonly kind: 'input';
  readonly name: Identifier;
  /** the Date field that fixes "as of" when the policy is evaluated */
  readonly asOf: Identifier | undefined;
  readonly fields: readonly FieldDecl[];
}

export interface DecisionDecl extends Node {
  readonly kind: 'decision';
  readonly name: Identifier;
  readonly variants: readonly VariantDecl[];
}

export interface VariantDecl extends Node {
  readonly kind: 'variant';
  readonly name: Identifier;
  readonly params: readonly FieldDecl[];
}

export interface DefineDecl extends Node, Labelled {
  readonly kind: 'define';
  readonly name: Identifier;
  readonly value: Expr;
}

export interface RequireDecl extends Node {
  readonly kind: 'require';
  readonly condition: Expr;
  readonly because: StringLit;
}

export interface RuleBody {
  readonly cites: readonly StringLit[];
  readonly effective: DateLit | undefined;
  readonly until: DateLit | undefined;
  readonly when: Expr | undefined;
  readonly decide: DecisionExpr;
  readonly obligations: readonly StringLit[];
  /** postings made when this body decides (docs/ledger.md) */
  readonly records: readonly RecordsClause[];
  readonly exceptions: readonly ExceptionDecl[];
}

export interface RuleDecl extends Node, RuleBody {
  readonly kind: 'rule';
  readonly name: Identifier;
  readonly title: StringLit | undefined;
}

export interface ExceptionDecl extends Node, RuleBody {
  readonly kind: 'exception';
  readonly name: Identifier;
  readonly title: StringLit | undefined;
}

/**
 * `ledger Name "title" { of Unit per key... per calendar year of date opening expr }`: an account
 * kept across decisions, one balance per value of its keys (docs/ledger.md).
 */
export interface LedgerDecl extends Node {
  readonly kind: 'ledger';
  readonly name: Identifier;
  readonly title: StringLit | undefined;
  /** the unit of its amounts (`Number` for plain counts) */
  readonly unit: Identifier;
  readonly keys: readonly LedgerKey[];
  /** the balance before the first posting for a key (absent or no clause: zero) */
  readonly opening: Expr | undefined;
}

/** `per consignee.id` (a value of the input), or `per calendar year of date` (a period). */
export interface LedgerKey extends Node {
  readonly kind: 'ledgerKey';
  readonly period: 'calendar-year' | undefined;
  readonly value: Expr;
}

/** `records amount in Ledger`; `ledger` is undefined when the clause is not of that shape. */
export interface RecordsClause extends Node {
  readonly kind: 'records';
  readonly amount: Expr;
  readonly ledger: Identifier | undefined;
}

export interface OtherwiseDecl extends Node {
  readonly kind: 'otherwise';
  readonly decide: DecisionExpr;
  readonly cites: readonly StringLit[];
}

export interface ExampleDecl extends Node {
  readonly kind: 'example';
  readonly title: StringLit;
  readonly given: RecordValue;
  readonly expect: DecisionExpr;
}

export interface DecisionExpr extends Node {
  readonly kind: 'decisionExpr';
  readonly variant: Identifier;
  readonly args: readonly Argument[];
}

export interface Argument extends Node {
  readonly kind: 'argument';
  readonly name: Identifier;
  readonly value: Expr;
}

export interface FieldDecl extends Node {
  readonly kind: 'field';
  readonly name: Identifier;
  readonly type: TypeExpr;
}

export type TypeExpr = NamedType | OptionalType | ListType | RecordType;

export interface NamedType extends Node {
  readonly kind: 'namedType';
  readonly name: Identifier;
}

export interface OptionalType extends Node {
  readonly kind: 'optionalType';
  readonly inner: TypeExpr;
}

export interface ListType extends Node {
  readonly kind: 'listType';
  readonly element: TypeExpr;
}

export interface RecordType extends Node {
  readonly kind: 'recordType';
  readonly fields: readonly FieldDecl[];
}

// ---- values (the `given` of an example) ----

export type Value = RecordValue | ListValue | ScalarValue;

export interface RecordValue extends Node {
  readonly kind: 'recordValue';
  readonly fields: readonly ValueField[];
}

export interface ValueField extends Node {
  readonly kind: 'valueField';
  readonly name: Identifier;
  readonly value: Value;
}

export interface ListValue extends Node {
  readonly kind: 'listValue';
  readonly items: readonly Value[];
}

/** A scalar written in an example: number, percent, date, boolean, string or enum member. */
export type ScalarValue = NumberLit | PercentLit | DateLit | BoolLit | StringLit | Identifier | NegateValue;

export interface NegateValue extends Node {
  readonly kind: 'negateValue';
  readonly operand: NumberLit | PercentLit;
}

// ---- expressions ----

export type Expr =
  | NumberLit
  | PercentLit
  | DateLit
  | BoolLit
  | Identifier
  | MemberExpr
  | UnaryExpr
  | BinaryExpr
  | CompareExpr
  | InExpr
  | IsExpr
  | CoalesceExpr
  | SetLiteral
  | EveryExpr
  | AggregateExpr
  | DaysBetween
  | CalendarYear
  | ParenExpr;

export interface NumberLit extends Node {
  readonly kind: 'number';
  /** the digits as written, underscores removed (exact: parsed to a rational by the checker) */
  readonly text: string;
  readonly unit: Identifier | undefined;
}

export interface PercentLit extends Node {
  readonly kind: 'percent';
  /** the number before `%`, underscores removed */
  readonly text: string;
}

export interface BoolLit extends Node {
  readonly kind: 'bool';
  readonly value: boolean;
}

export interface MemberExpr extends Node {
  readonly kind: 'member';
  readonly object: Expr;
  readonly property: Identifier;
}

export interface UnaryExpr extends Node {
  readonly kind: 'unary';
  readonly op: 'not' | '-';
  readonly operand: Expr;
}

export type ArithOp = '+' | '-' | '*' | '/';
export type LogicOp = 'and' | 'or';

export interface BinaryExpr extends Node {
  readonly kind: 'binary';
  readonly op: ArithOp | LogicOp;
  readonly left: Expr;
  readonly right: Expr;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface CompareExpr extends Node {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface InExpr extends Node {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly element: Expr;
  readonly set: Expr;
}

/** `x is member`, `x is not member`, `x is present`, `x is absent` */
export interface IsExpr extends Node {
  readonly kind: 'is';
  readonly negated: boolean;
  readonly subject: Expr;
  readonly test: Identifier | PresenceTest;
}

export type PresenceTest = { readonly kind: 'present'; readonly span: Span } | { readonly kind: 'absent'; readonly span: Span };

/** `x otherwise y`: x when present, else y */
export interface CoalesceExpr extends Node {
  readonly kind: 'coalesce';
  readonly value: Expr;
  readonly fallback: Expr;
}

export interface SetLiteral extends Node {
  readonly kind: 'set';
  readonly members: readonly SetMember[];
}

/** a member of a set literal, optionally dated: `KH until 2026-02-03` */
export interface SetMember extends Node {
  readonly kind: 'setMember';
  readonly name: Identifier;
  readonly from: DateLit | undefined;
  readonly until: DateLit | undefined;
}

/** `every Country`: the set of all members of an enum */
export interface EveryExpr extends Node {
  readonly kind: 'every';
  readonly enumName: Identifier;
}

export type AggregateKind = 'sum' | 'count' | 'all' | 'any';

/**
 * `sum(x.tpp for each x in list where cond)`, `count(each x in list where cond)`,
 * `all(each x in list satisfies cond)`, `any(each x in list satisfies cond)`.
 */
export interface AggregateExpr extends Node {
  readonly kind: 'aggregate';
  readonly op: AggregateKind;
  readonly binder: Identifier;
  readonly list: Expr;
  /** sum: the summed expression; all/any: the condition; count: undefined */
  readonly body: Expr | undefined;
  /** `where` filter (sum, count) */
  readonly where: Expr | undefined;
}

export interface ParenExpr extends Node {
  readonly kind: 'paren';
  readonly inner: Expr;
}

/** `days between a and b`: the days from a to b (`part` is the word before `between`, `days`). */
export interface DaysBetween extends Node {
  readonly kind: 'daysBetween';
  readonly part: Identifier;
  readonly from: Expr;
  readonly to: Expr;
}

/** `calendar year of d` (`part` is the word after `calendar`, `year`). */
export interface CalendarYear extends Node {
  readonly kind: 'calendarYear';
  readonly part: Identifier;
  readonly date: Expr;
}
