/**
 * The Pol grammar: a chevrotain EmbeddedActionsParser whose rule names are the productions of
 * grammar/pol.ebnf (test/grammar checks the two agree). Error recovery is on, so one run reports
 * every syntax error and still yields a partial tree. The rules only recognise; the recorder
 * (parse-tree.ts) keeps what they read, and to-ast.ts turns that into the syntax tree.
 *
 * A token read in a role gets a LABEL (`name`, `unit`, `asOf`, ...), so the syntax tree is built by
 * asking for roles, never by counting tokens; shapes.ts lists every rule's keys and sub-rules (a
 * test compares it with this grammar).
 */
import { EmbeddedActionsParser, type IOrAlt, type ManySepMethodOpts, type DSLMethodOptsWithErr } from 'chevrotain';
import { messages } from './messages.ts';
import { ParseTreeRecorder } from './parse-tree.ts';
import * as T from './tokens.ts';
import { NAME, TITLE, TEXT, DATE, UNIT, MEMBER, AS_OF, BECAUSE, BINDER, CITATION, DESCRIPTION, ENUM_NAME, FIELD, FROM_DATE, PATH, UNTIL_DATE, VARIANT, VERSION, PERIOD, DATE_PART } from './labels.ts';

const K = T.Kw;

export class PolParser extends EmbeddedActionsParser {
  /** what the rules read, for to-ast.ts */
  readonly tree = new ParseTreeRecorder();

  // The alternatives and options objects of the rules, made once: creating their closures on every
  // rule call costs (under tsx's keep-names transform a property definition per closure).
  private readonly headerClauses: IOrAlt<void>[] = [
    { ALT: () => { this.CONSUME(K.version); this.CONSUME(T.StringLiteral, VERSION); } },
    { ALT: () => { this.CONSUME(K.cites); this.CONSUME2(T.StringLiteral, CITATION); } },
    { ALT: () => { this.CONSUME(K.effective); this.CONSUME(T.DateLiteral, DATE); } },
  ];
  private readonly declarations: IOrAlt<void>[] = [
    { ALT: () => this.SUBRULE(this.enumDecl) },
    { ALT: () => this.SUBRULE(this.unitDecl) },
    { ALT: () => this.SUBRULE(this.groupDecl) },
    { ALT: () => this.SUBRULE(this.constDecl) },
    { ALT: () => this.SUBRULE(this.recordDecl) },
    { ALT: () => this.SUBRULE(this.inputDecl) },
    { ALT: () => this.SUBRULE(this.decisionDecl) },
    { ALT: () => this.SUBRULE(this.defineDecl) },
    { ALT: () => this.SUBRULE(this.requireDecl) },
    { ALT: () => this.SUBRULE(this.ruleDecl) },
    { ALT: () => this.SUBRULE(this.otherwiseDecl) },
    { ALT: () => this.SUBRULE(this.exampleDecl) },
    { ALT: () => this.SUBRULE(this.ledgerDecl) },
  ];
  private readonly enumMembers: ManySepMethodOpts<void> = { SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier, MEMBER) };
  private readonly typeExprs: IOrAlt<void>[] = [
    { ALT: () => { this.CONSUME(K.optional); this.SUBRULE(this.typeExpr); } },
    { ALT: () => { this.CONSUME(K.list); this.CONSUME(K.of); this.SUBRULE2(this.typeExpr); } },
    { ALT: () => this.SUBRULE(this.recordType) },
    { ALT: () => this.CONSUME(T.Identifier, NAME) },
  ];
  private readonly values: IOrAlt<void>[] = [
    { ALT: () => this.SUBRULE(this.recordValue) },
    { ALT: () => this.SUBRULE(this.listValue) },
    { ALT: () => this.SUBRULE(this.scalarValue) },
  ];
  // An identifier right after a number is its unit, unless it starts the next field.
  private readonly valueUnit: DSLMethodOptsWithErr<void> = { GATE: () => this.LA(2).tokenType !== T.Colon, DEF: () => this.CONSUME(T.Identifier, UNIT) };
  private readonly numbers: IOrAlt<void>[] = [
    { ALT: () => { this.CONSUME(T.NumberLiteral); this.OPTION2(this.valueUnit); } },
    { ALT: () => this.CONSUME(T.PercentLiteral) },
  ];
  private readonly scalars: IOrAlt<void>[] = [
    { ALT: () => { this.OPTION(() => this.CONSUME(T.Minus)); this.OR2(this.numbers); } },
    { ALT: () => this.CONSUME(T.DateLiteral) },
    { ALT: () => this.CONSUME(T.StringLiteral) },
    { ALT: () => this.CONSUME(K.true) },
    { ALT: () => this.CONSUME(K.false) },
    { ALT: () => this.CONSUME2(T.Identifier, NAME) },
  ];
  private readonly operatorSteps: IOrAlt<void>[] = [
    { ALT: () => { this.SUBRULE(this.binaryOperator); this.SUBRULE2(this.operand); } },
    { ALT: () => this.SUBRULE(this.isTest) },
  ];
  private readonly operatorTail: DSLMethodOptsWithErr<void> = {
    // `otherwise decide` / `otherwise cites` start the next declaration, not a fallback value;
    // a word followed by `:` names the next argument (`(a: 0 otherwise: 1)`), it is no operator.
    GATE: () =>
      this.LA(2).tokenType !== T.Colon &&
      (this.LA(1).tokenType !== K.otherwise || (this.LA(2).tokenType !== K.decide && this.LA(2).tokenType !== K.cites)),
    DEF: () => this.OR(this.operatorSteps),
  };
  private readonly binaryOperators: IOrAlt<void>[] = [
    { ALT: () => this.CONSUME(K.or) },
    { ALT: () => this.CONSUME(K.and) },
    { ALT: () => this.CONSUME(T.Equals) },
    { ALT: () => this.CONSUME(T.NotEq) },
    { ALT: () => this.CONSUME(T.LessEq) },
    { ALT: () => this.CONSUME(T.GreaterEq) },
    { ALT: () => this.CONSUME(T.Less) },
    { ALT: () => this.CONSUME(T.Greater) },
    { ALT: () => { this.CONSUME(K.not); this.CONSUME(K.in); } },
    { ALT: () => this.CONSUME2(K.in) },
    { ALT: () => this.CONSUME(K.otherwise) },
    { ALT: () => this.CONSUME(T.Plus) },
    { ALT: () => this.CONSUME(T.Minus) },
    { ALT: () => this.CONSUME(T.Star) },
    { ALT: () => this.CONSUME(T.Slash) },
  ];
  private readonly isTests: IOrAlt<void>[] = [
    { ALT: () => this.CONSUME(K.present) },
    { ALT: () => this.CONSUME(K.absent) },
    { ALT: () => this.CONSUME(T.Identifier, MEMBER) },
  ];
  private readonly prefixes: IOrAlt<void>[] = [{ ALT: () => this.CONSUME(K.not) }, { ALT: () => this.CONSUME(T.Minus) }];
  private readonly primaryUnit: DSLMethodOptsWithErr<void> = { GATE: () => this.LA(2).tokenType !== T.Colon, DEF: () => this.CONSUME(T.Identifier, UNIT) };
  private readonly primaries: IOrAlt<void>[] = [
    { ALT: () => { this.CONSUME(T.NumberLiteral); this.OPTION(this.primaryUnit); } },
    { ALT: () => this.CONSUME(T.PercentLiteral) },
    { ALT: () => this.CONSUME(T.DateLiteral) },
    { ALT: () => this.CONSUME(K.true) },
    { ALT: () => this.CONSUME(K.false) },
    // before a plain name: `days between` starts with the identifier `days`
    { ALT: () => this.SUBRULE(this.dateFunction) },
    { ALT: () => this.CONSUME2(T.Identifier, NAME) },
    { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expression); this.CONSUME(T.RParen); } },
    { ALT: () => this.SUBRULE(this.setLiteral) },
    { ALT: () => this.SUBRULE(this.everyExpr) },
    { ALT: () => this.SUBRULE(this.aggregate) },
  ];
  // `days` and `year` are identifiers (`25 days` is a number with its unit), so the part is read as
  // a name and checked by the checker (check/unknown-date-part), which says what to write instead.
  private readonly dateFunctions: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Identifier, DATE_PART);
        this.CONSUME(K.between);
        this.SUBRULE(this.operand);
        this.CONSUME(K.and);
        this.SUBRULE2(this.operand);
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.calendar);
        this.CONSUME2(T.Identifier, DATE_PART);
        this.CONSUME(K.of);
        this.SUBRULE3(this.operand);
      },
    },
  ];
  private readonly unitOperators: IOrAlt<void>[] = [{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }];
  private readonly setMembers: ManySepMethodOpts<void> = { SEP: T.Comma, DEF: () => this.SUBRULE(this.setMember) };
  private readonly allOrAny: IOrAlt<void>[] = [{ ALT: () => this.CONSUME(K.all) }, { ALT: () => this.CONSUME(K.any) }];
  private readonly aggregates: IOrAlt<void>[] = [
    {
      ALT: () => {
        this.CONSUME(K.sum);
        this.CONSUME(T.LParen);
        this.tree.nextRole('body');
        this.SUBRULE(this.expression);
        this.CONSUME(K.for);
        this.CONSUME(K.each);
        this.CONSUME(T.Identifier, BINDER);
        this.CONSUME(K.in);
        this.SUBRULE(this.operand);
        this.OPTION(() => { this.CONSUME(K.where); this.tree.nextRole('where'); this.SUBRULE2(this.expression); });
        this.CONSUME(T.RParen);
      },
    },
    {
      ALT: () => {
        this.CONSUME(K.count);
        this.CONSUME2(T.LParen);
        this.CONSUME2(K.each);
        this.CONSUME2(T.Identifier, BINDER);
        this.CONSUME2(K.in);
        this.SUBRULE2(this.operand);
        this.OPTION2(() => { this.CONSUME2(K.where); this.tree.nextRole('where'); this.SUBRULE3(this.expression); });
        this.CONSUME2(T.RParen);
      },
    },
    {
      ALT: () => {
        this.OR2(this.allOrAny);
        this.CONSUME3(T.LParen);
        this.CONSUME3(K.each);
        this.CONSUME3(T.Identifier, BINDER);
        this.CONSUME3(K.in);
        this.SUBRULE3(this.operand);
        this.CONSUME(K.satisfies);
        this.tree.nextRole('body');
        this.SUBRULE4(this.expression);
        this.CONSUME3(T.RParen);
      },
    },
  ];

  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, errorMessageProvider: messages });
    this.tree.attach(this);
    this.performSelfAnalysis();
    // The grammar recording above ran the rules once without entering any: forget its roles.
    this.tree.reset();
  }

  /** Forgets the last run (also after a run cut short by a RangeError). */
  override reset(): void {
    super.reset();
    this.tree.reset();
  }

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.policyHeader));
    this.MANY(() => this.SUBRULE(this.importDecl));
    this.MANY2(() => this.SUBRULE(this.declaration));
  });

  policyHeader = this.RULE('policyHeader', () => {
    this.CONSUME(K.policy);
    this.CONSUME(T.StringLiteral, NAME);
    this.MANY(() => this.SUBRULE(this.headerClause));
  });

  headerClause = this.RULE('headerClause', () => {
    this.OR(this.headerClauses);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(K.import);
    this.CONSUME(T.StringLiteral, PATH);
  });

  declaration = this.RULE('declaration', () => {
    this.OR(this.declarations);
  });

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(K.enum);
    this.CONSUME(T.Identifier, NAME);
    this.CONSUME(T.LBrace);
    this.MANY_SEP(this.enumMembers);
    this.CONSUME(T.RBrace);
  });

  unitDecl = this.RULE('unitDecl', () => {
    this.CONSUME(K.unit);
    this.CONSUME(T.Identifier, NAME);
    this.OPTION(() => this.CONSUME(T.StringLiteral, DESCRIPTION));
    this.OPTION2(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.unitFormula);
    });
  });

  // a derived unit's definition: `unit PD = TPP / mm2`, read left to right
  unitFormula = this.RULE('unitFormula', () => {
    this.CONSUME(T.Identifier, UNIT);
    this.MANY(() => {
      this.OR(this.unitOperators);
      this.CONSUME2(T.Identifier, UNIT);
    });
  });

  groupDecl = this.RULE('groupDecl', () => {
    this.CONSUME(K.group);
    this.CONSUME(T.Identifier, NAME);
    this.SUBRULE(this.declarationLabel);
    this.CONSUME(K.of);
    this.CONSUME2(T.Identifier, ENUM_NAME);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  constDecl = this.RULE('constDecl', () => {
    this.CONSUME(K.const);
    this.CONSUME(T.Identifier, NAME);
    this.SUBRULE(this.declarationLabel);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  recordDecl = this.RULE('recordDecl', () => {
    this.CONSUME(K.record);
    this.CONSUME(T.Identifier, NAME);
    this.SUBRULE(this.recordType);
  });

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(K.input);
    this.CONSUME(T.Identifier, NAME);
    this.OPTION(() => {
      this.CONSUME(K.as);
      this.CONSUME(K.of);
      this.CONSUME2(T.Identifier, AS_OF);
    });
    this.SUBRULE(this.recordType);
  });

  decisionDecl = this.RULE('decisionDecl', () => {
    this.CONSUME(K.decision);
    this.CONSUME(T.Identifier, NAME);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.variantDecl);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  variantDecl = this.RULE('variantDecl', () => {
    this.CONSUME(T.Identifier, NAME);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY(() => {
        this.SUBRULE(this.fieldDecl);
        this.OPTION2(() => this.CONSUME(T.Comma));
      });
      this.CONSUME(T.RParen);
    });
  });

  defineDecl = this.RULE('defineDecl', () => {
    this.CONSUME(K.define);
    this.CONSUME(T.Identifier, NAME);
    this.SUBRULE(this.declarationLabel);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  requireDecl = this.RULE('requireDecl', () => {
    this.CONSUME(K.require);
    this.SUBRULE(this.expression);
    this.CONSUME(K.because);
    this.CONSUME(T.StringLiteral, BECAUSE);
  });

  ruleDecl = this.RULE('ruleDecl', () => {
    this.CONSUME(K.rule);
    this.CONSUME(T.Identifier, NAME);
    this.OPTION(() => this.CONSUME(T.StringLiteral, TITLE));
    this.CONSUME(T.LBrace);
    this.SUBRULE(this.ruleBody);
    this.CONSUME(T.RBrace);
  });

  exceptionDecl = this.RULE('exceptionDecl', () => {
    this.CONSUME(K.exception);
    this.CONSUME(T.Identifier, NAME);
    this.OPTION(() => this.CONSUME(T.StringLiteral, TITLE));
    this.CONSUME(T.LBrace);
    this.SUBRULE(this.ruleBody);
    this.CONSUME(T.RBrace);
  });

  ruleBody = this.RULE('ruleBody', () => {
    this.MANY(() => this.SUBRULE(this.citesClause));
    this.OPTION(() => this.SUBRULE(this.effectiveClause));
    this.OPTION2(() => this.SUBRULE(this.untilClause));
    this.OPTION3(() => this.SUBRULE(this.whenClause));
    this.SUBRULE(this.decideClause);
    this.MANY2(() => this.SUBRULE(this.obligationClause));
    this.MANY4(() => this.SUBRULE(this.recordsClause));
    this.MANY3(() => this.SUBRULE(this.exceptionDecl));
  });

  citesClause = this.RULE('citesClause', () => {
    this.CONSUME(K.cites);
    this.CONSUME(T.StringLiteral, TEXT);
  });

  effectiveClause = this.RULE('effectiveClause', () => {
    this.CONSUME(K.effective);
    this.CONSUME(T.DateLiteral, DATE);
  });

  untilClause = this.RULE('untilClause', () => {
    this.CONSUME(K.until);
    this.CONSUME(T.DateLiteral, DATE);
  });

  whenClause = this.RULE('whenClause', () => {
    this.CONSUME(K.when);
    this.SUBRULE(this.expression);
  });

  decideClause = this.RULE('decideClause', () => {
    this.CONSUME(K.decide);
    this.SUBRULE(this.decisionExpr);
  });

  obligationClause = this.RULE('obligationClause', () => {
    this.CONSUME(K.obligation);
    this.CONSUME(T.StringLiteral, TEXT);
  });

  // ---- ledgers (docs/ledger.md) ----

  ledgerDecl = this.RULE('ledgerDecl', () => {
    this.CONSUME(K.ledger);
    this.CONSUME(T.Identifier, NAME);
    this.OPTION(() => this.CONSUME(T.StringLiteral, TITLE));
    this.CONSUME(T.LBrace);
    this.CONSUME(K.of);
    this.CONSUME2(T.Identifier, UNIT);
    this.MANY(() => this.SUBRULE(this.ledgerKey));
    this.OPTION2(() => {
      this.CONSUME(K.opening);
      this.SUBRULE(this.expression);
    });
    this.CONSUME(T.RBrace);
  });

  // `per calendar year of <date>`: the ledger's period, not the expression `calendar year of` (the
  // year as a number) that a key could otherwise be read as; `year` stays free as a field name.
  private readonly ledgerKeys: IOrAlt<void>[] = [
    {
      GATE: () => this.LA(1).tokenType === K.calendar && this.LA(2).image === 'year' && this.LA(3).tokenType === K.of,
      ALT: () => {
        this.CONSUME(K.calendar, PERIOD);
        this.CONSUME(T.Identifier, PERIOD);
        this.CONSUME(K.of);
        this.SUBRULE(this.expression);
      },
    },
    { ALT: () => this.SUBRULE2(this.expression) },
  ];

  ledgerKey = this.RULE('ledgerKey', () => {
    this.CONSUME(K.per);
    this.OR(this.ledgerKeys);
  });

  /** `records <amount> in <Ledger>`: read as one expression, split by to-ast.ts */
  recordsClause = this.RULE('recordsClause', () => {
    this.CONSUME(K.records);
    this.SUBRULE(this.expression);
  });

  otherwiseDecl = this.RULE('otherwiseDecl', () => {
    this.CONSUME(K.otherwise);
    this.MANY(() => this.SUBRULE(this.citesClause));
    this.CONSUME(K.decide);
    this.SUBRULE(this.decisionExpr);
  });

  exampleDecl = this.RULE('exampleDecl', () => {
    this.CONSUME(K.example);
    this.CONSUME(T.StringLiteral, TITLE);
    this.CONSUME(T.LBrace);
    this.CONSUME(K.given);
    this.SUBRULE(this.recordValue);
    this.CONSUME(K.expect);
    this.SUBRULE(this.decisionExpr);
    this.CONSUME(T.RBrace);
  });

  decisionExpr = this.RULE('decisionExpr', () => {
    this.CONSUME(T.Identifier, VARIANT);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY(() => {
        this.SUBRULE(this.argument);
        this.OPTION2(() => this.CONSUME(T.Comma));
      });
      this.CONSUME(T.RParen);
    });
  });

  argument = this.RULE('argument', () => {
    this.CONSUME(T.Name, NAME);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression);
  });

  typeExpr = this.RULE('typeExpr', () => {
    this.OR(this.typeExprs);
  });

  recordType = this.RULE('recordType', () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.fieldDecl);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  fieldDecl = this.RULE('fieldDecl', () => {
    this.CONSUME(T.Name, NAME);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr);
  });

  value = this.RULE('value', () => {
    this.OR(this.values);
  });

  recordValue = this.RULE('recordValue', () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.valueField);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  valueField = this.RULE('valueField', () => {
    this.CONSUME(T.Name, NAME);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.value);
  });

  listValue = this.RULE('listValue', () => {
    this.CONSUME(T.LBracket);
    this.MANY(() => {
      this.SUBRULE(this.value);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  scalarValue = this.RULE('scalarValue', () => {
    this.OR(this.scalars);
  });

  // Operators are read flat (operand, operator, operand, ...) and grouped by precedence when the
  // syntax tree is built (to-ast.ts): one rule per precedence level would cost ten nested rule
  // calls per operand, which made large policies slow to read.
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY(this.operatorTail);
  });

  binaryOperator = this.RULE('binaryOperator', () => {
    this.OR(this.binaryOperators);
  });

  isTest = this.RULE('isTest', () => {
    this.CONSUME(K.is);
    this.OPTION(() => this.CONSUME(K.not));
    this.OR(this.isTests);
  });

  operand = this.RULE('operand', () => {
    this.MANY(() => this.OR(this.prefixes));
    this.SUBRULE(this.postfix);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME(T.Name, FIELD);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR(this.primaries);
  });

  setLiteral = this.RULE('setLiteral', () => {
    this.CONSUME(T.LBrace);
    this.MANY_SEP(this.setMembers);
    this.CONSUME(T.RBrace);
  });

  setMember = this.RULE('setMember', () => {
    this.CONSUME(T.Identifier, NAME);
    this.OPTION(() => { this.CONSUME(K.from); this.CONSUME(T.DateLiteral, FROM_DATE); });
    this.OPTION2(() => { this.CONSUME(K.until); this.CONSUME2(T.DateLiteral, UNTIL_DATE); });
  });

  everyExpr = this.RULE('everyExpr', () => {
    this.CONSUME(K.every);
    this.CONSUME(T.Identifier, ENUM_NAME);
  });

  aggregate = this.RULE('aggregate', () => {
    this.OR(this.aggregates);
  });

  // a display title and citations for a group, const or define: `group D5 "Country Group D:5" cites "..."`
  declarationLabel = this.RULE('declarationLabel', () => {
    this.OPTION(() => this.CONSUME(T.StringLiteral, TITLE));
    this.MANY(() => this.SUBRULE(this.citesClause));
  });

  dateFunction = this.RULE('dateFunction', () => {
    this.OR(this.dateFunctions);
  });
}

let shared: PolParser | undefined;
/** One parser instance: building it (grammar analysis) is the expensive part. */
export function polParser(): PolParser {
  shared ??= new PolParser();
  return shared;
}
