/**
 * The intermediate representation between the checker and the back ends (the compiler and the
 * solver encoding). It is the checked program with every piece of sugar removed once, by one
 * lowering pass (lower.ts): no parentheses, literals already exact (percent already divided by
 * 100), names resolved to indices, narrowing explicit, `and`/`or` flattened, comparisons tagged by
 * domain, sets normalised to dated members, aggregates with numbered binders. The reference
 * interpreter does NOT read it: it walks the checked tree, so the differential tests check
 * lowering + optimisation + emission against the semantics.
 *
 * Every node keeps the span it came from (explain texts, diagnostics) and its type.
 */
import type { SourceFile, Span } from '../source/span.ts';
import type { RecordTypeT } from '../checker/program.ts';
import type { Type } from '../types/pol-types.ts';
import type { Rational } from '../values/rational.ts';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export type AggregateOp = 'sum' | 'count' | 'all' | 'any';
/** What a comparison compares: exact numbers, ISO dates, enum members (by name) or Booleans. */
export type Domain = 'number' | 'date' | 'enum' | 'bool';

interface Base {
  readonly span: Span;
  readonly type: Type;
}

export interface Num extends Base { readonly k: 'num'; readonly value: Rational }
export interface DateLit extends Base { readonly k: 'date'; readonly value: string }
export interface Bool extends Base { readonly k: 'bool'; readonly value: boolean }
export interface EnumLit extends Base { readonly k: 'enum'; readonly enumName: string; readonly member: string }
/**
 * A top-level input field. `narrowed`: the field is declared optional but the checker proved it
 * present here (after `is present`), so the value is never absent.
 */
export interface Input extends Base { readonly k: 'input'; readonly field: string; readonly narrowed: boolean }
/** A field of a record value (an input record, a list element). `narrowed` as for Input. */
export interface Field extends Base { readonly k: 'field'; readonly object: Expr; readonly name: string; readonly narrowed: boolean }
/** The current element of the aggregate with the same binder id. */
export interface Binder extends Base { readonly k: 'binder'; readonly id: number }
/**
 * The value of `program.defs[id]`: pure, computed at most once per evaluation, at its first use.
 * A shared def (origin 'shared') may read narrowed optionals; each of its uses is where the
 * narrowing holds, so a back end must not compute it before its first use.
 */
export interface DefRef extends Base { readonly k: 'def'; readonly id: number }
export interface Not extends Base { readonly k: 'not'; readonly arg: Expr }
export interface Neg extends Base { readonly k: 'neg'; readonly arg: Expr }
/** Flattened: no argument is itself an `and` (resp. `or`), and there are at least two. */
export interface And extends Base { readonly k: 'and'; readonly args: readonly Expr[] }
export interface Or extends Base { readonly k: 'or'; readonly args: readonly Expr[] }
/** Exact arithmetic; division by zero is zero (docs/semantics.md). */
export interface Arith extends Base { readonly k: 'arith'; readonly op: ArithOp; readonly l: Expr; readonly r: Expr }
/**
 * `l op r`. With `scale` (numbers only, from the optimiser): `l * scale.l op r * scale.r`, both
 * scale factors positive integers, which is how `a < 75% * b` becomes `a * 4 < b * 3`.
 */
export interface Cmp extends Base {
  readonly k: 'cmp';
  readonly op: CompareOp;
  readonly domain: Domain;
  readonly l: Expr;
  readonly r: Expr;
  readonly scale?: { readonly l: bigint; readonly r: bigint };
}
/** Whether an optional value is there (`is present`; `is absent` is `not present`). */
export interface Present extends Base { readonly k: 'present'; readonly arg: Expr }
/** `value otherwise fallback`: value when present, else fallback. */
export interface Coalesce extends Base { readonly k: 'coalesce'; readonly value: Expr; readonly fallback: Expr }
/** `elem in set`: membership in `program.sets[set]` on the evaluation date. */
export interface Member extends Base { readonly k: 'member'; readonly elem: Expr; readonly set: number }
/**
 * A bounded loop over a list: `sum` of `body`, `count`, `all`/`any` of `body`, over the elements
 * for which `where` holds. The element is `{ k: 'binder', id: binder }` inside `where` and `body`.
 */
export interface Agg extends Base {
  readonly k: 'agg';
  readonly op: AggregateOp;
  readonly binder: number;
  readonly list: Expr;
  readonly where: Expr | undefined;
  readonly body: Expr | undefined;
}

/**
 * The balance of `program.ledgers[ledger]` before this transaction, for this input's keys (which
 * the checker proved present here): the balance given to the evaluation, else the ledger's
 * opening value, else zero (docs/ledger.md).
 */
export interface Balance extends Base { readonly k: 'balance'; readonly ledger: number }

/**
 * `date + n days` / `date + n months`: the date moved by the whole part of `amount` (the fraction
 * dropped, toward zero), in days or in calendar months (a day past the new month's end becomes its
 * last day), clamped to 0000-01-01 .. 9999-12-31. Lowering turns `- n` into `+ (-n)` and `n years`
 * into `12 * n` months, so these two units are all a back end sees.
 */
export interface DateShift extends Base { readonly k: 'dateShift'; readonly unit: 'days' | 'months'; readonly date: Expr; readonly amount: Expr }
/** `days between from and to`: the days from `from` to `to` (negative when `to` is earlier). */
export interface DaysBetween extends Base { readonly k: 'daysBetween'; readonly from: Expr; readonly to: Expr }
/** `calendar year of date`: the year, a number. */
export interface YearOf extends Base { readonly k: 'yearOf'; readonly date: Expr }

export type Expr = Num | DateLit | Bool | EnumLit | Input | Field | Binder | DefRef | Not | Neg | And | Or | Arith | Cmp | Present | Coalesce | Member | Agg | Balance | DateShift | DaysBetween | YearOf;
export type ExprKind = Expr['k'];

/** A `define`, a `const`, or a value the optimiser found computed in several places. */
export interface Def {
  readonly id: number;
  readonly name: string;
  readonly origin: 'define' | 'const' | 'shared';
  readonly value: Expr;
  readonly type: Type;
  readonly span: Span;
}

/** A member's days of membership: from `from` (inclusive) until `until` (exclusive); open ends unbounded. */
export interface DateRange {
  readonly from: string | undefined;
  readonly until: string | undefined;
}

/** The members on every day of one stretch of the calendar. */
export interface SetRange extends DateRange {
  readonly members: readonly string[];
}

/**
 * A set of enum members, normalised: unions, differences, `every` and named groups are resolved
 * into, for each member, the days it belongs. `ranges` cut the calendar at every date where the
 * membership changes (sorted, covering every day, the first with `from` undefined, the last with
 * `until` undefined); `undated` is the membership when a policy is evaluated without a date (every
 * dated member counts, as docs/semantics.md says).
 */
export interface SetDef {
  readonly id: number;
  /** the group, const or define it was declared as; undefined for a set written in place */
  readonly name: string | undefined;
  readonly of: string;
  readonly members: ReadonlyMap<string, readonly DateRange[]>;
  readonly undated: readonly string[];
  readonly ranges: readonly SetRange[];
  readonly span: Span;
}

export interface BinderInfo {
  readonly id: number;
  readonly name: string;
  readonly type: Type;
}

/** Where a node is, as traces print it. */
export interface Site {
  readonly file: string;
  readonly line: number;
}

export interface DecisionArg {
  readonly name: string;
  readonly value: Expr;
}

export interface Decision {
  readonly variant: string;
  readonly args: readonly DecisionArg[];
  readonly span: Span;
}

/**
 * The later siblings that may contribute an alternative when one exception decides: their
 * indices, or 'later' (every later sibling may) for a rule with more exceptions than pairs are
 * worth listing (the lists would grow with the square of their number).
 */
export type Alternatives = readonly number[] | 'later';

export interface Rule {
  /** preorder index over the whole rule forest: unique, stable for one program */
  readonly id: number;
  readonly name: string;
  readonly kind: 'rule' | 'exception';
  readonly title: string | undefined;
  readonly cites: readonly string[];
  /** in effect from (inclusive) until (exclusive); checked only when the input has an "as of" date */
  readonly from: string | undefined;
  readonly until: string | undefined;
  /** the span the explanation shows when the rule is not in effect */
  readonly dateSpan: Span | undefined;
  readonly when: Expr | undefined;
  readonly decide: Decision;
  readonly obligations: readonly string[];
  /** postings when this rule decides: `amount` added to `program.ledgers[ledger]` */
  readonly records: readonly { readonly ledger: number; readonly amount: Expr }[];
  /** in precedence order: the first that applies overrides this rule */
  readonly exceptions: readonly Rule[];
  /**
   * `alternatives[i]`: the indices j > i of the exceptions that, when exception i decides and j also
   * applies, may contribute an alternative (same outcome, other fields). Empty lists let a back end
   * skip evaluating later siblings at all when it is not explaining.
   */
  readonly alternatives: readonly Alternatives[];
  readonly span: Span;
  readonly nameSpan: Span;
  readonly site: Site;
  readonly nameSite: Site;
}

export interface Require {
  readonly condition: Expr;
  /** the input path the error is reported at: the one path the condition reads, or '' */
  readonly path: string;
  readonly because: string;
  readonly span: Span;
}

export interface Otherwise {
  readonly decide: Decision;
  readonly cites: readonly string[];
  readonly span: Span;
  readonly site: Site;
}

export interface EnumDef {
  readonly name: string;
  readonly members: readonly string[];
  readonly labels: ReadonlyMap<string, string> | undefined;
}

export interface VariantDef {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly type: Type }[];
}

/** A ledger (docs/ledger.md): its keys as input paths, a calendar-year key as its year. */
export interface LedgerDef {
  readonly name: string;
  readonly unit: string | null;
  readonly keys: readonly { readonly label: string; readonly path: readonly string[]; readonly period: 'calendar-year' | undefined }[];
  /** may be absent (zero); reads only the input */
  readonly opening: Expr | undefined;
}

export interface PolicyFile {
  /** as traces show it: relative to the main file's folder */
  readonly shown: string;
  readonly text: string;
}

export interface Program {
  readonly name: string;
  readonly version: string | undefined;
  /** every file of the policy, main file first, for the source hash */
  readonly files: readonly PolicyFile[];
  readonly mainFile: string;
  readonly enums: readonly EnumDef[];
  /** named record types, by name, as declared */
  readonly records: ReadonlyMap<string, RecordTypeT>;
  readonly input: { readonly name: string; readonly asOf: string | undefined; readonly type: RecordTypeT };
  readonly decision: {
    readonly name: string;
    readonly variants: readonly VariantDef[];
    /** every field any outcome declares, in declaration order: the flat decision record's keys */
    readonly fields: readonly string[];
  };
  /** in dependency order: a def refers only to defs before it */
  readonly defs: readonly Def[];
  readonly sets: readonly SetDef[];
  readonly binders: readonly BinderInfo[];
  readonly requires: readonly Require[];
  /** top-level rules in precedence order */
  readonly rules: readonly Rule[];
  readonly otherwise: Otherwise;
  /** in declaration order; empty for a policy without ledgers */
  readonly ledgers: readonly LedgerDef[];
  /** the policy's sources, for texts of spans (explanations) */
  readonly sources: ReadonlyMap<string, SourceFile>;
}

/** The text of a span as written in the policy, whitespace runs folded to one space. */
export function spanText(p: Program, span: Span): string | undefined {
  const t = p.sources.get(span.file)?.text.slice(span.start, span.end);
  return t === undefined ? undefined : t.replace(/\s+/g, ' ');
}

/** Every rule and exception, preorder (the order of their ids). */
export function allRules(p: Program): Rule[] {
  const out: Rule[] = [];
  const walk = (r: Rule): void => {
    out.push(r);
    r.exceptions.forEach(walk);
  };
  p.rules.forEach(walk);
  return out;
}

/** The direct sub-expressions of an expression, in evaluation order. */
export function children(e: Expr): readonly Expr[] {
  switch (e.k) {
    case 'num':
    case 'date':
    case 'bool':
    case 'enum':
    case 'input':
    case 'binder':
    case 'def':
    case 'balance':
      return [];
    case 'field':
      return [e.object];
    case 'not':
    case 'neg':
    case 'present':
      return [e.arg];
    case 'and':
    case 'or':
      return e.args;
    case 'arith':
    case 'cmp':
      return [e.l, e.r];
    case 'coalesce':
      return [e.value, e.fallback];
    case 'member':
      return [e.elem];
    case 'agg':
      return [e.list, ...(e.where ? [e.where] : []), ...(e.body ? [e.body] : [])];
    case 'dateShift':
      return [e.date, e.amount];
    case 'daysBetween':
      return [e.from, e.to];
    case 'yearOf':
      return [e.date];
  }
}
