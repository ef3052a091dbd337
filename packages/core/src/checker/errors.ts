/**
 * Every diagnostic the checker reports, one constructor each. The stages decide *that* something
 * is wrong; this file decides how it is said, so the wording stays consistent and can be reviewed
 * in one place (docs/diagnostics.md has one section per code).
 */
import type * as A from '../ast/nodes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Span } from '../source/span.ts';
import { typeToString, type Type } from '../types/pol-types.ts';
import type { InputError } from '../values/validate.ts';
import { suggest } from './suggest.ts';
import type { EnumInfo, VariantInfo } from './program.ts';

type Extra = Omit<Partial<Diagnostic>, 'code' | 'severity' | 'message' | 'span'>;

function error(code: Diagnostic['code'], message: string, span: Span | undefined, extra: Extra = {}): Diagnostic {
  return { code, severity: 'error', message, span, ...extra };
}

function warning(code: Diagnostic['code'], message: string, span: Span | undefined, extra: Extra = {}): Diagnostic {
  return { code, severity: 'warning', message, span, ...extra };
}

function hint(s: string | undefined): string | undefined {
  return s ? `did you mean \`${s}\`?` : undefined;
}

function describeUnit(unit: string | null): string {
  return unit ? `a quantity in ${unit}` : 'a plain number';
}

function article(s: string): string {
  if (/^(a|an) /.test(s) || s.startsWith('{')) return s;
  if (s.startsWith('group') || s.startsWith('list') || s.startsWith('optional')) return `a ${s}`;
  return /^[AEIOU]/i.test(s) ? `an ${s}` : `a ${s}`;
}

/** `a Number` / `an Item` / `a group of Country`: how a type reads inside a sentence. */
const a = (t: Type): string => article(typeToString(t));
const ticked = (names: Iterable<string>): string => [...names].map((k) => `\`${k}\``).join(', ');

/** `write the unit after the number, e.g. ...` when exactly one side has a unit. */
function unitHelp(left: string | null, right: string | null, example: (unit: string) => string): string | undefined {
  if (left && !right) return `write the unit after the number, e.g. \`${example(left)}\``;
  if (right && !left) return `write the unit after the number, e.g. \`${example(right)}\``;
  return undefined;
}

// ---- declarations (symbols.ts) ----

export const multipleHeaders = (span: Span): Diagnostic =>
  error('check/multiple-declarations', 'a policy has one `policy` header, in its main file', span);

export const multipleOf = (what: 'input' | 'decision' | 'otherwise', span: Span, first: Span): Diagnostic =>
  error('check/multiple-declarations', what === 'otherwise' ? 'a policy has one `otherwise` decision' : `a policy has one \`${what}\` declaration`, span, {
    labels: [{ span: first, message: `the first \`${what}\` is here` }],
  });

export const duplicateDeclaration = (name: A.Identifier, what: string, first: Span | undefined, builtin: boolean): Diagnostic =>
  error('check/duplicate-declaration', `\`${name.name}\` is declared twice`, name.span, {
    label: `this ${what} reuses the name`,
    labels: first ? [{ span: first, message: 'first declared here' }] : [],
    help: builtin ? `\`${name.name}\` is built in; choose another name` : 'rename one of them',
  });

export const duplicateEnumMember = (member: A.Identifier, enumName: string): Diagnostic =>
  error('check/duplicate-declaration', `\`${member.name}\` is listed twice in \`${enumName}\``, member.span);

export const duplicateRuleName = (name: A.Identifier, first: Span): Diagnostic =>
  error('check/duplicate-declaration', `two rules or exceptions are named \`${name.name}\``, name.span, {
    labels: [{ span: first, message: 'first used here' }],
    help: 'rule and exception names identify them in every decision trace, so each must be unique',
  });

export const missingInput = (span: Span | undefined): Diagnostic =>
  error('check/missing-input', 'no `input` declaration: the policy does not say what it decides on', span, {
    help: 'declare the input, e.g. `input Transaction { destination: Country }`',
  });

export const missingDecision = (span: Span | undefined): Diagnostic =>
  error('check/missing-decision', 'no `decision` declaration: the policy does not say what it can decide', span, {
    help: 'declare the decisions, e.g. `decision Decision { allowed, denied }`',
  });

export const noOutcomes = (decision: A.DecisionDecl): Diagnostic =>
  error('check/missing-decision', 'the decision lists no outcomes', decision.span);

export const missingOtherwise = (decision: A.DecisionDecl): Diagnostic =>
  error('check/missing-otherwise', 'no `otherwise` decision: some inputs would get no decision', decision.span, {
    help: 'add `otherwise decide <variant>` for inputs that no rule decides',
  });

export const unknownAsOfField = (asOf: A.Identifier, fields: Iterable<string>): Diagnostic =>
  error('check/unknown-field', `the input has no field \`${asOf.name}\` to take the date from`, asOf.span, {
    help: hint(suggest(asOf.name, fields)),
  });

export const asOfNotDate = (asOf: A.Identifier, found: Type): Diagnostic =>
  error('check/as-of-not-date', `the \`as of\` field must be a Date, but \`${asOf.name}\` is ${typeToString(found)}`, asOf.span, {
    help: `declare \`${asOf.name}\` as a Date, or name a Date field after \`as of\``,
  });

export const duplicateOutcome = (name: A.Identifier): Diagnostic =>
  error('check/duplicate-declaration', `the decision \`${name.name}\` is listed twice`, name.span);

export const duplicateOutcomeField = (name: A.Identifier): Diagnostic =>
  error('check/duplicate-field', `\`${name.name}\` is listed twice`, name.span);

/**
 * Names a decision field cannot have: the result's own keys and those `pol eval` adds (`because`
 * with --explain, `transaction_id` with --ledger): a decision prints as one flat record beside
 * them, so `outcome` would replace the outcome and `trace` the trace; and `__proto__`
 * (which a JavaScript object literal turns into its prototype).
 */
export const RESERVED_FIELDS: readonly string[] = ['outcome', 'decided_by', 'citations', 'alternatives', 'obligations', 'trace', 'postings', 'explain', 'because', 'transaction_id', '__proto__'];

export const reservedField = (name: A.Identifier): Diagnostic =>
  error('check/reserved-name', `a decision field cannot be called \`${name.name}\`: the result already has a \`${name.name === '__proto__' ? 'prototype' : name.name}\``, name.span, {
    help: `choose another name, e.g. \`${name.name.replace(/^_+|_+$/g, '') || 'value'}_field\`; reserved are ${RESERVED_FIELDS.map((f) => `\`${f}\``).join(', ')}`,
  });

export const outcomeFieldConflict = (field: string, first: Type, second: Type, variant: A.VariantDecl): Diagnostic =>
  error('check/decision-field-conflict', `\`${field}\` has different types in different decisions (${typeToString(first)} and ${typeToString(second)})`, variant.span, {
    help: 'decisions print as one record, so a field name must have one type; rename one of the fields',
  });

export const duplicateRecordField = (name: A.Identifier): Diagnostic =>
  error('check/duplicate-field', `the field \`${name.name}\` is declared twice`, name.span);

export const unknownType = (name: A.Identifier, known: Iterable<string>): Diagnostic =>
  error('check/unknown-type', `there is no type named \`${name.name}\``, name.span, {
    help: hint(suggest(name.name, known)) ?? 'types are Boolean, Number, Date, a unit, an enum or a record',
  });

export const definitionCycle = (name: A.Identifier): Diagnostic =>
  error('check/definition-cycle', `\`${name.name}\` is defined in terms of itself`, name.span, {
    help: 'a definition may use other definitions, but not in a circle',
  });

// ---- globals, rules and decisions (typecheck.ts) ----

export const groupOfNotEnum = (of: A.Identifier, enums: Iterable<string>): Diagnostic =>
  error('check/unknown-type', `groups are sets of an enum, and \`${of.name}\` is not one`, of.span, {
    help: hint(suggest(of.name, enums)),
  });

export const definitionMayBeAbsent = (g: A.ConstDecl | A.DefineDecl): Diagnostic =>
  error('check/optional-not-handled', `\`${g.name.name}\` may be absent; definitions must have a value`, g.value.span, {
    help: 'give a fallback with `otherwise`, e.g. `x otherwise 0`',
  });

export const unknownOutcome = (variant: A.Identifier, decision: string, outcomes: readonly string[]): Diagnostic =>
  error('check/unknown-variant', `\`${variant.name}\` is not one of the decisions of \`${decision}\``, variant.span, {
    help: hint(suggest(variant.name, outcomes)) ?? `the decisions are ${ticked(outcomes)}`,
  });

export const argumentGivenTwice = (name: A.Identifier): Diagnostic =>
  error('check/duplicate-field', `\`${name.name}\` is given twice`, name.span);

export const unknownArgument = (name: A.Identifier, v: VariantInfo): Diagnostic => {
  const params = v.params.map((q) => q.name);
  return error('check/unknown-field', `\`${v.name}\` has no field \`${name.name}\``, name.span, {
    help: hint(suggest(name.name, params)) ?? (params.length ? `its fields are ${ticked(params)}` : `\`${v.name}\` takes no fields`),
  });
};

export const missingArgument = (d: A.DecisionExpr, v: VariantInfo, param: string): Diagnostic =>
  error('check/missing-argument', `\`${v.name}\` needs \`${param}\``, d.span, {
    help: `write \`${v.name}(${v.params.map((q) => `${q.name}: ...`).join(', ')})\``,
  });

// ---- expressions (typecheck.ts) ----

/** A value of one type where another is needed (decision fields, group values, fallbacks, set operations). */
export const typeMismatch = (node: A.Node, expected: Type, found: Type): Diagnostic =>
  error('check/type-mismatch', `expected ${a(expected)} but this is ${a(found)}`, node.span);

export const unitMismatch = (node: A.Node, expected: string | null, found: string | null): Diagnostic =>
  error('check/unit-mismatch', `expected ${describeUnit(expected)} but this is ${describeUnit(found)}`, node.span, {
    help: expected && !found ? `write the unit after the number, e.g. \`4800 ${expected}\`` : undefined,
  });

export const notACondition = (node: A.Node, found: Type): Diagnostic =>
  error('check/not-a-condition', `expected a Boolean but this is ${a(found)}`, node.span, {
    help:
      found.kind === 'number'
        ? 'a condition is true or false: compare the number, e.g. `x > 0`'
        : found.kind === 'enum'
          ? `a condition is true or false: test the value, e.g. \`x is <member>\` or \`x = <member>\``
          : found.kind === 'list'
            ? 'a condition is true or false: ask about the list, e.g. `any(each x in list satisfies ...)`'
            : 'a condition is true or false: compare or test this value',
  });

export const optionalNotHandled = (node: A.Node): Diagnostic =>
  error('check/optional-not-handled', 'this value may be absent, and the policy does not say what happens then', node.span, {
    help: 'test it first (`x is present and ...`) or give a fallback (`x otherwise 0`)',
  });

export const inexactNumber = (n: A.NumberLit): Diagnostic =>
  error('check/number-not-exact', `\`${n.text}\` is not a number this language can hold exactly`, n.span, {
    help: 'write the number with an exponent between -1000 and 1000, e.g. `1e26`',
  });

export const unknownUnit = (unit: A.Identifier, units: Iterable<string>): Diagnostic =>
  error('check/unknown-type', `there is no unit named \`${unit.name}\``, unit.span, {
    help: hint(suggest(unit.name, units)) ?? `declare it with \`unit ${unit.name}\``,
  });

export const unknownMember = (id: A.Identifier, info: EnumInfo): Diagnostic =>
  error('check/unknown-member', `\`${id.name}\` is not ${/^[AEIOU]/.test(info.name) ? 'an' : 'a'} ${info.name}`, id.span, {
    help: hint(suggest(id.name, info.members)) ?? (info.members.length <= 12 ? `the members are ${info.members.join(', ')}` : undefined),
  });

export const notConstant = (id: A.Identifier, why: 'define' | 'input'): Diagnostic =>
  error('check/not-constant', `\`${id.name}\` ${why === 'define' ? 'depends on the input' : 'is part of the input'}, so it cannot be used in a constant or group`, id.span, {
    help: 'use `define` for values computed from the input',
  });

export const memberWithoutContext = (id: A.Identifier, owners: readonly string[], expectedEnum: string | undefined): Diagnostic =>
  error('check/unknown-name', `\`${id.name}\` is a member of ${owners.map((o) => `\`${o}\``).join(' and ')}, but nothing here says which value it is compared with`, id.span, {
    help: expectedEnum ? `\`${id.name}\` is not a ${expectedEnum}` : `compare it with a value, e.g. \`x is ${id.name}\` or \`x = ${id.name}\``,
  });

export const unknownName = (id: A.Identifier, candidates: Iterable<string>): Diagnostic =>
  error('check/unknown-name', `there is nothing named \`${id.name}\``, id.span, { help: hint(suggest(id.name, candidates)) });

export const notARecord = (property: A.Identifier, found: Type): Diagnostic =>
  error('check/not-a-record', `${a(found)} has no fields`, property.span, {
    help: 'only a record has fields, such as an element of a `list of { ... }` or a field whose type is a record',
  });

export const unknownField = (property: A.Identifier, fields: readonly string[]): Diagnostic =>
  error('check/unknown-field', `there is no field \`${property.name}\` here`, property.span, {
    help: hint(suggest(property.name, fields)) ?? `the fields are ${ticked(fields)}`,
  });

export const notANumber = (op: string, node: A.Node, found: Type): Diagnostic =>
  error('check/not-a-number', op === 'sum' ? `\`sum\` adds numbers, but this is ${a(found)}` : `\`${op}\` needs numbers, but this is ${a(found)}`, node.span, {
    help: found.kind === 'set' ? 'groups combine with `+` (union) and `-` (difference)' : undefined,
  });

export const negateNotNumber = (node: A.Node, found: Type): Diagnostic =>
  error('check/not-a-number', `\`-\` needs a number, but this is ${a(found)}`, node.span, {
    help: found.kind === 'bool' ? 'to negate a condition, use `not`' : undefined,
  });

export const cannotAdd = (e: A.BinaryExpr, left: string | null, right: string | null): Diagnostic =>
  error('check/unit-mismatch', `cannot ${e.op === '+' ? 'add' : 'subtract'} ${describeUnit(right)} ${e.op === '+' ? 'to' : 'from'} ${describeUnit(left)}`, e.span, {
    help: unitHelp(left, right, (u) => `... ${u}`),
  });

export const compoundUnit = (e: A.BinaryExpr, left: string, right: string, formula: string): Diagnostic =>
  error('check/unit-mismatch', `cannot multiply ${left} by ${right}: ${formula} is not a declared unit`, e.span, {
    help: `declare the product as a unit (\`unit NAME = ${formula}\`), or multiply a quantity by a plain number or a percentage`,
  });

export const cannotDivide = (e: A.BinaryExpr, left: string | null, right: string | null, formula: string): Diagnostic =>
  error('check/unit-mismatch', `cannot divide ${describeUnit(left)} by ${describeUnit(right)}: ${formula} is not a declared unit`, e.span, {
    help: `declare the quotient as a unit (\`unit NAME = ${formula}\`), divide quantities of the same unit (the result is a plain number) or divide by a plain number`,
  });

export const notOrdered = (op: A.CompareOp, node: A.Node, found: Type): Diagnostic =>
  error('check/not-comparable', `\`${op}\` compares numbers or dates, but this is ${a(found)}`, node.span, {
    help: found.kind === 'enum' ? 'enum members have no order; test them with `=`, `!=`, `is` or `in`' : undefined,
  });

export const notEquatable = (op: A.CompareOp, node: A.Node, found: Type): Diagnostic =>
  error('check/not-comparable', `\`${op}\` cannot compare ${a(found)}`, node.span, {
    help: found.kind === 'set' ? 'test membership with `in`' : found.kind === 'list' ? 'ask about the list with `any`, `all`, `count` or `sum`' : 'compare its fields one by one',
  });

/** `first` and `second` are the two sides in the order they were checked; `*Text` how each is written. */
export const compareUnits = (e: A.CompareExpr, first: string | null, second: string | null, firstText: string, secondText: string): Diagnostic =>
  error('check/unit-mismatch', `cannot compare ${describeUnit(first)} with ${describeUnit(second)}`, e.span, {
    help:
      first && !second
        ? `write the unit after the number, e.g. \`${secondText} ${first}\``
        : second && !first
          ? `write the unit after the number, e.g. \`${firstText} ${second}\``
          : first && second
            ? `both sides must be in one unit: write the other side in ${first} too (a threshold as \`5.92 ${first}\`), or, if ${first} is made from ${second}, compute it (a derived unit such as \`unit PD = TPP / mm2\` is what \`tpp / die_area\` gives)`
            : undefined,
  });

const DURATIONS = new Set(['days', 'months', 'years']);
const isDuration = (t: Type): boolean => t.kind === 'number' && t.unit !== null && DURATIONS.has(t.unit);

/** How a compared value reads: "a date", "a duration (25 days)", "a quantity in TPP". */
function compared(t: Type, text: string): string {
  if (t.kind === 'date') return 'a date';
  if (isDuration(t)) return `a duration (${text})`;
  if (t.kind === 'number') return t.unit ? `a quantity in ${t.unit}` : 'a plain number';
  return a(t);
}

/**
 * `first`, `second`: the sides in the order they were checked, with how each is written;
 * `otherDate`: another date of the policy, for the example of a date moved by a duration.
 */
export const compareTypes = (e: A.CompareExpr, left: Type, right: Type, leftText: string, rightText: string, otherDate: string): Diagnostic => {
  const dateAndDuration = (left.kind === 'date' && isDuration(right)) || (right.kind === 'date' && isDuration(left));
  const [date, duration] = left.kind === 'date' ? [leftText, rightText] : [rightText, leftText];
  // the example puts the date first: `25 days < shipped` is `shipped > ...`
  const op = left.kind === 'date' ? e.op : ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' } as const)[e.op];
  return error('check/type-mismatch', `cannot compare ${compared(left, leftText)} with ${compared(right, rightText)}`, e.span, {
    help: dateAndDuration
      ? `add the duration to a date, e.g. \`${date} ${op} ${otherDate} + ${duration}\`, or count the days between two dates: \`days between ${otherDate} and ${date} ${op} ${duration}\``
      : left.kind === 'date' || right.kind === 'date'
        ? 'compare a date with a date (`shipped >= 2025-01-15`), or a number of days with `days between a and b`'
        : undefined,
  });
};

export const presenceNeverVaries = (e: A.IsExpr, test: 'present' | 'absent'): Diagnostic =>
  warning('check/never-absent', `this value is never absent, so \`is ${e.negated ? 'not ' : ''}${test}\` is always ${(test === 'present') !== e.negated}`, e.span, {
    help: 'remove the test, or declare the field `optional` if it may be missing',
  });

export const fallbackNeverUsed = (fallback: A.Expr): Diagnostic =>
  warning('check/never-absent', 'this value is never absent, so `otherwise` never applies', fallback.span, {
    help: 'remove `otherwise ...`, or declare the field `optional` if it may be missing',
  });

export const isOnBoolean = (subject: A.Expr): Diagnostic =>
  error('check/not-an-enum', '`is` tests a member of an enum; this is a Boolean', subject.span, {
    help: 'use the Boolean itself as the condition, or `not` it',
  });

export const isOnNonEnum = (subject: A.Expr, found: Type): Diagnostic =>
  error('check/not-an-enum', `\`is\` tests a member of an enum, but this is ${a(found)}`, subject.span, {
    help: found.kind === 'number' ? 'compare numbers with `=`, `<`, `>=`, ...' : undefined,
  });

export const inOnNonEnum = (element: A.Expr, found: Type): Diagnostic =>
  error('check/not-an-enum', `only a member of an enum can be tested with \`in\`; this is ${a(found)}`, element.span, {
    help: found.kind === 'number' ? 'compare numbers with `=`, `<`, `>=`, ...' : undefined,
  });

export const notAList = (op: A.AggregateKind, list: A.Expr, found: Type): Diagnostic =>
  error('check/not-a-list', `\`${op}\` goes over a list, but this is ${a(found)}`, list.span, {
    help: `\`${op}\` needs a list, e.g. \`${op === 'sum' ? 'sum(h.tpp for each h in holdings)' : op === 'count' ? 'count(each h in holdings where ...)' : `${op}(each h in holdings satisfies ...)`}\``,
  });

export const setWithoutEnum = (e: A.SetLiteral): Diagnostic =>
  error('check/set-without-enum', 'a list of members in braces needs a context that says which enum they belong to', e.span, {
    help: 'use it after `in`, e.g. `destination in { JP, KR }`, or in a `group ... of <Enum>`',
  });

export const memberListedTwice = (m: A.SetMember): Diagnostic =>
  warning('check/duplicate-declaration', `\`${m.name.name}\` is listed twice in this group`, m.name.span, { help: 'remove one of them' });

export const everyNotEnum = (name: A.Identifier, enums: Iterable<string>): Diagnostic =>
  error('check/unknown-type', `\`every\` needs an enum, and \`${name.name}\` is not one`, name.span, {
    help: hint(suggest(name.name, enums)),
  });

// ---- examples (examples.ts) ----

export const exampleInvalid = (err: InputError, span: Span): Diagnostic =>
  error('check/example-invalid', `in this example, ${err.path ? `\`${err.path}\`: ` : ''}${err.message}`, span);

export const exampleUnit = (value: A.NumberLit, unit: A.Identifier, field: Type): Diagnostic =>
  error('check/unit-mismatch', `this value is in ${unit.name}, but the field is ${typeToString(field)}`, value.span);

// ---- lints (lints/) ----

export const missingCitation = (r: A.RuleDecl | A.ExceptionDecl): Diagnostic =>
  error('check/missing-citation', `the ${r.kind} \`${r.name.name}\` cites no section of the rule`, r.name.span, {
    help: 'add `cites "15 CFR ..."` as its first line',
  });

export const emptyTitle = (what: string, name: string, s: A.StringLit): Diagnostic =>
  warning('check/empty-text', `the ${what} \`${name}\` has an empty title`, s.span, {
    help: 'write the title people should see (e.g. `"Country Group D:4"`), or remove the empty `""`',
    fixes: [{ title: 'Remove the empty title', edits: [{ span: s.span, newText: '' }] }],
  });

export const emptyCitation = (what: string, name: string, s: A.StringLit): Diagnostic =>
  error('check/empty-text', `the ${what} \`${name}\` cites an empty text`, s.span, {
    help: 'write the provision it implements (e.g. `cites "15 CFR 740.7(c)"`), or remove this `cites ""`',
  });

export const ruleEndsBeforeStart = (r: A.RuleDecl | A.ExceptionDecl, effective: A.DateLit, until: A.DateLit): Diagnostic =>
  error('check/invalid-date-range', `the ${r.kind} \`${r.name.name}\` ends (${until.value}) before it takes effect (${effective.value})`, until.span);

export const memberLeavesBeforeJoining = (m: A.SetMember, from: A.DateLit, until: A.DateLit): Diagnostic =>
  error('check/invalid-date-range', `\`${m.name.name}\` leaves (${until.value}) before it joins (${from.value})`, m.span);

export const missingAsOf = (dated: Span, input: A.InputDecl): Diagnostic =>
  error('check/missing-as-of', 'this policy has dates that depend on when it is applied, but the input has no `as of` date', dated, {
    labels: [{ span: input.name.span, message: 'name the date field here: `input ... as of date`' }],
    help: 'declare the input as `input Name as of <date field> { ... }`',
  });

export const unused = (name: A.Identifier): Diagnostic =>
  warning('check/unused-declaration', `\`${name.name}\` is declared but never used`, name.span, {
    help: 'remove it, or use it in a rule',
  });

export const numberTooLarge = (e: A.Expr, maxBits: number): Diagnostic =>
  error('check/number-too-large', `exact arithmetic here could need numbers of more than ${Math.round(maxBits / 3.3219).toLocaleString('en-US')} digits`, e.span, {
    help: 'Pol computes exactly, and each multiplication of large values adds their digits together; multiply fewer times (compare first, or divide earlier), so the values stay small',
    notes: ['inputs hold at most 1,000 digits with exponents within ±1000; the bound follows from them'],
  });

// ---- dates and durations ----

/** `date + 25`, `date + 3 TPP`, `date * 2`, `date - date`: what a date does not do, and what to write. */
export const dateArithmetic = (e: A.BinaryExpr, left: Type, right: Type): Diagnostic => {
  const l = typeToString(left);
  const r = typeToString(right);
  if (left.kind === 'date' && right.kind === 'date')
    return error('check/date-arithmetic', `cannot ${e.op === '-' ? 'subtract' : 'combine'} two dates with \`${e.op}\``, e.span, {
      help: 'the days from one date to another are `days between earlier and later`',
    });
  if (e.op === '*' || e.op === '/' || (e.op === '-' && right.kind === 'date'))
    return error('check/date-arithmetic', `\`${e.op}\` does not apply to ${left.kind === 'date' ? 'a date' : article(l)} and ${right.kind === 'date' ? 'a date' : article(r)}`, e.span, {
      help: 'a date moves by a duration: `date + 25 days`, `date - 1 year`',
    });
  const other = left.kind === 'date' ? right : left;
  const plain = other.kind === 'number' && other.unit === null;
  return error('check/date-arithmetic', `cannot ${e.op === '+' ? 'add' : 'subtract'} ${plain ? 'a plain number' : article(typeToString(other))} ${e.op === '+' ? 'to' : 'from'} a date`, e.span, {
    help: plain ? 'say what the number counts: `25 days`, `3 months`, `1 year`' : 'a date moves by a duration in days, months or years: `date + 25 days`',
  });
};

export const notADate = (what: string, node: A.Node, found: Type): Diagnostic =>
  error('check/date-arithmetic', `\`${what}\` needs a date, but this is ${a(found)}`, node.span, {
    help: found.kind === 'optional' ? undefined : 'use a Date field or a date literal such as `2025-01-13`',
  });

export const unknownDatePart = (part: A.Identifier, form: 'between' | 'calendar'): Diagnostic =>
  error('check/unknown-date-part', form === 'between' ? `\`${part.name} between\` is not something Pol can count` : `\`calendar ${part.name} of\` is not something Pol can read from a date`, part.span, {
    help: form === 'between' ? 'write `days between a and b` (the days from a to b)' : 'write `calendar year of d` (the year of d, a number such as 2025)',
  });

// ---- derived units and shares ----

export const unitUsedBeforeDefinition = (unit: A.Identifier): Diagnostic =>
  error('check/unit-definition', `\`${unit.name}\` is declared after the unit defined from it`, unit.span, {
    help: `move \`unit ${unit.name}\` above this declaration: a derived unit is defined from units declared before it`,
  });

export const unitWithoutDimension = (d: A.UnitDecl): Diagnostic =>
  error('check/unit-definition', `\`${d.name.name}\` is defined as a plain number: its units cancel out`, d.span, {
    help: 'a ratio of two quantities in the same unit is a plain Number; declare the field `Number` or `Share` instead',
  });

export const percentOnPlainNumber = (e: A.CompareExpr, field: string, pct: string): Diagnostic =>
  warning('check/percent-on-number', `\`${field}\` is a plain Number, compared with ${pct}, which is ${pct.slice(0, -1)}/100`, e.span, {
    help: `declare the field \`${field.split('.').pop()}: Share\` if it holds fractions (0.5 for 50%), or compare with \`${pct.slice(0, -1)}\` if it holds percentages`,
  });
