/**
 * What each grammar rule reads: the keys of its tokens (a LABEL from grammar.ts, else the token
 * type's name) and the rules it calls, so to-ast.ts can only ask a node for what its rule can
 * hold. `roles` names the sub-rules a rule reads more than once (`sum(<body> ... where <where>)`).
 * test/grammar compares this table with the grammar chevrotain recorded: a stale entry fails.
 */
export const SHAPES = {
  file: { tokens: [], rules: ['policyHeader', 'importDecl', 'declaration'] },
  policyHeader: { tokens: ['Kw_policy', 'name'], rules: ['headerClause'] },
  headerClause: { tokens: ['Kw_version', 'version', 'Kw_cites', 'citation', 'Kw_effective', 'date'], rules: [] },
  importDecl: { tokens: ['Kw_import', 'path'], rules: [] },
  declaration: { tokens: [], rules: ['enumDecl', 'unitDecl', 'groupDecl', 'constDecl', 'recordDecl', 'inputDecl', 'decisionDecl', 'defineDecl', 'requireDecl', 'ruleDecl', 'otherwiseDecl', 'exampleDecl', 'ledgerDecl'] },
  enumDecl: { tokens: ['Kw_enum', 'name', 'LBrace', 'Comma', 'member', 'RBrace'], rules: [] },
  unitDecl: { tokens: ['Kw_unit', 'name', 'description', 'Equals'], rules: ['unitFormula'] },
  unitFormula: { tokens: ['unit', 'Star', 'Slash'], rules: [] },
  groupDecl: { tokens: ['Kw_group', 'name', 'Kw_of', 'enumName', 'Equals'], rules: ['declarationLabel', 'expression'] },
  constDecl: { tokens: ['Kw_const', 'name', 'Equals'], rules: ['declarationLabel', 'expression'] },
  recordDecl: { tokens: ['Kw_record', 'name'], rules: ['recordType'] },
  inputDecl: { tokens: ['Kw_input', 'name', 'Kw_as', 'Kw_of', 'asOf'], rules: ['recordType'] },
  decisionDecl: { tokens: ['Kw_decision', 'name', 'LBrace', 'Comma', 'RBrace'], rules: ['variantDecl'] },
  variantDecl: { tokens: ['name', 'LParen', 'Comma', 'RParen'], rules: ['fieldDecl'] },
  defineDecl: { tokens: ['Kw_define', 'name', 'Equals'], rules: ['declarationLabel', 'expression'] },
  requireDecl: { tokens: ['Kw_require', 'Kw_because', 'because'], rules: ['expression'] },
  ruleDecl: { tokens: ['Kw_rule', 'name', 'title', 'LBrace', 'RBrace'], rules: ['ruleBody'] },
  exceptionDecl: { tokens: ['Kw_exception', 'name', 'title', 'LBrace', 'RBrace'], rules: ['ruleBody'] },
  ruleBody: { tokens: [], rules: ['citesClause', 'effectiveClause', 'untilClause', 'whenClause', 'decideClause', 'obligationClause', 'recordsClause', 'exceptionDecl'] },
  citesClause: { tokens: ['Kw_cites', 'text'], rules: [] },
  effectiveClause: { tokens: ['Kw_effective', 'date'], rules: [] },
  untilClause: { tokens: ['Kw_until', 'date'], rules: [] },
  whenClause: { tokens: ['Kw_when'], rules: ['expression'] },
  decideClause: { tokens: ['Kw_decide'], rules: ['decisionExpr'] },
  obligationClause: { tokens: ['Kw_obligation', 'text'], rules: [] },
  ledgerDecl: { tokens: ['Kw_ledger', 'name', 'title', 'LBrace', 'Kw_of', 'unit', 'Kw_opening', 'RBrace'], rules: ['ledgerKey', 'expression'] },
  ledgerKey: { tokens: ['Kw_per', 'period', 'Kw_of'], rules: ['expression'] },
  recordsClause: { tokens: ['Kw_records'], rules: ['expression'] },
  otherwiseDecl: { tokens: ['Kw_otherwise', 'Kw_decide'], rules: ['citesClause', 'decisionExpr'] },
  exampleDecl: { tokens: ['Kw_example', 'title', 'LBrace', 'Kw_given', 'Kw_expect', 'RBrace'], rules: ['recordValue', 'decisionExpr'] },
  decisionExpr: { tokens: ['variant', 'LParen', 'Comma', 'RParen'], rules: ['argument'] },
  argument: { tokens: ['name', 'Colon'], rules: ['expression'] },
  typeExpr: { tokens: ['Kw_optional', 'Kw_list', 'Kw_of', 'name'], rules: ['typeExpr', 'recordType'] },
  recordType: { tokens: ['LBrace', 'Comma', 'RBrace'], rules: ['fieldDecl'] },
  fieldDecl: { tokens: ['name', 'Colon'], rules: ['typeExpr'] },
  value: { tokens: [], rules: ['recordValue', 'listValue', 'scalarValue'] },
  recordValue: { tokens: ['LBrace', 'Comma', 'RBrace'], rules: ['valueField'] },
  valueField: { tokens: ['name', 'Colon'], rules: ['value'] },
  listValue: { tokens: ['LBracket', 'Comma', 'RBracket'], rules: ['value'] },
  scalarValue: { tokens: ['Minus', 'NumberLiteral', 'unit', 'PercentLiteral', 'DateLiteral', 'StringLiteral', 'Kw_true', 'Kw_false', 'name'], rules: [] },
  expression: { tokens: [], rules: ['operand', 'binaryOperator', 'isTest'] },
  binaryOperator: { tokens: ['Kw_or', 'Kw_and', 'Equals', 'NotEq', 'LessEq', 'GreaterEq', 'Less', 'Greater', 'Kw_not', 'Kw_in', 'Kw_otherwise', 'Plus', 'Minus', 'Star', 'Slash'], rules: [] },
  isTest: { tokens: ['Kw_is', 'Kw_not', 'Kw_present', 'Kw_absent', 'member'], rules: [] },
  operand: { tokens: ['Kw_not', 'Minus'], rules: ['postfix'] },
  postfix: { tokens: ['Dot', 'field'], rules: ['primary'] },
  primary: { tokens: ['NumberLiteral', 'unit', 'PercentLiteral', 'DateLiteral', 'Kw_true', 'Kw_false', 'name', 'LParen', 'RParen'], rules: ['expression', 'setLiteral', 'everyExpr', 'aggregate', 'dateFunction'] },
  setLiteral: { tokens: ['LBrace', 'Comma', 'RBrace'], rules: ['setMember'] },
  setMember: { tokens: ['name', 'Kw_from', 'fromDate', 'Kw_until', 'untilDate'], rules: [] },
  everyExpr: { tokens: ['Kw_every', 'enumName'], rules: [] },
  aggregate: { roles: ['body', 'where'], tokens: ['Kw_sum', 'LParen', 'Kw_for', 'Kw_each', 'binder', 'Kw_in', 'Kw_where', 'RParen', 'Kw_count', 'Kw_all', 'Kw_any', 'Kw_satisfies'], rules: ['expression', 'operand'] },
  declarationLabel: { tokens: ['title'], rules: ['citesClause'] },
  dateFunction: { tokens: ['datePart', 'Kw_between', 'Kw_and', 'Kw_calendar', 'Kw_of'], rules: ['operand'] },
} as const satisfies Record<string, { readonly tokens: readonly string[]; readonly rules: readonly string[]; readonly roles?: readonly string[] }>;

type Shapes = typeof SHAPES;
export type RuleName = keyof Shapes;
export type TokenKey<R extends RuleName> = Shapes[R]['tokens'][number];
export type ChildRule<R extends RuleName> = Shapes[R]['rules'][number];
export type Role<R extends RuleName> = Shapes[R] extends { readonly roles: readonly (infer X)[] } ? X : never;
