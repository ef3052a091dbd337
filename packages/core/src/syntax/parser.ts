/**
 * The Pol parser (chevrotain CstParser). Rule names are the productions of grammar/pol.ebnf.
 * Error recovery is on, so one run reports every syntax error and still yields a partial tree.
 */
import { CstParser, type CstNode, type IToken, type TokenType, type IParserErrorMessageProvider } from 'chevrotain';
import * as T from './tokens.ts';

const K = T.Kw;

/** How a token type is named in an error message, in counsel's words. */
export function describeTokenType(type: TokenType): string {
  switch (type) {
    case T.Identifier:
    case T.Name:
      return 'a name';
    case T.StringLiteral:
      return 'a quoted text';
    case T.NumberLiteral:
      return 'a number';
    case T.PercentLiteral:
      return 'a percentage';
    case T.DateLiteral:
      return 'a date (YYYY-MM-DD)';
    default: {
      const name = type.name;
      if (name.startsWith('Kw_')) return `\`${name.slice(3)}\``;
      const pattern = type.PATTERN;
      if (pattern instanceof RegExp && pattern.source === 'NOT_APPLICABLE') return 'a name';
      if (pattern instanceof RegExp) return `\`${pattern.source.replace(/\\/g, '')}\``;
      return name;
    }
  }
}

export function describeToken(token: IToken): string {
  if (token.tokenType.name === 'EOF') return 'the end of the file';
  const image = token.image.length > 30 ? token.image.slice(0, 30) + '…' : token.image;
  switch (token.tokenType) {
    case T.Identifier:
      return `the name \`${image}\``;
    case T.StringLiteral:
      return `the text ${image}`;
    case T.NumberLiteral:
      return `the number \`${image}\``;
    default:
      return `\`${image}\``;
  }
}

function listAlternatives(paths: TokenType[][][] | TokenType[][]): string {
  const firsts = new Set<string>();
  const visit = (p: unknown): void => {
    if (Array.isArray(p)) {
      if (p.length > 0 && !Array.isArray(p[0])) {
        firsts.add(describeTokenType(p[0] as TokenType));
      } else for (const q of p) visit(q);
    }
  };
  visit(paths);
  const items = [...firsts];
  if (items.length <= 1) return items[0] ?? 'something else';
  if (items.length > 8) return `${items.slice(0, 8).join(', ')} or another word`;
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${describeTokenType(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `expected a declaration (such as \`rule\`, \`enum\` or \`example\`) but found ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const first = actual[0];
    const found = first ? describeToken(first) : 'the end of the file';
    if (EXPRESSION_RULES.has(ruleName)) return `expected an expression (a name, number, date or \`(\`) but found ${found}`;
    return `expected ${listAlternatives(expectedPathsPerAlt)}${ruleLabel(ruleName)} but found ${found}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const first = actual[0];
    const found = first ? describeToken(first) : 'the end of the file';
    return `expected ${listAlternatives(expectedIterationPaths)}${ruleLabel(ruleName)} but found ${found}`;
  },
};

const EXPRESSION_RULES = new Set(['primary', 'operand', 'postfix', 'expression']);

function ruleLabel(rule: string): string {
  switch (rule) {
    case 'declaration':
      return ' to start a declaration';
    case 'primary':
    case 'operand':
      return ' to start an expression';
    case 'typeExpr':
      return ' for a type';
    case 'value':
    case 'scalarValue':
      return ' for a value';
    default:
      return '';
  }
}

export class PolParser extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, errorMessageProvider: messages, nodeLocationTracking: 'onlyOffset' });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.policyHeader));
    this.MANY(() => this.SUBRULE(this.importDecl));
    this.MANY2(() => this.SUBRULE(this.declaration));
  });

  policyHeader = this.RULE('policyHeader', () => {
    this.CONSUME(K.policy);
    this.CONSUME(T.StringLiteral);
    this.MANY(() => this.SUBRULE(this.headerClause));
  });

  headerClause = this.RULE('headerClause', () => {
    this.OR([
      { ALT: () => { this.CONSUME(K.version); this.CONSUME(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(K.cites); this.CONSUME2(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(K.effective); this.CONSUME(T.DateLiteral); } },
    ]);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(K.import);
    this.CONSUME(T.StringLiteral);
  });

  declaration = this.RULE('declaration', () => {
    this.OR([
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
    ]);
  });

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(K.enum);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier) });
    this.CONSUME(T.RBrace);
  });

  unitDecl = this.RULE('unitDecl', () => {
    this.CONSUME(K.unit);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  groupDecl = this.RULE('groupDecl', () => {
    this.CONSUME(K.group);
    this.CONSUME(T.Identifier);
    this.CONSUME(K.of);
    this.CONSUME2(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  constDecl = this.RULE('constDecl', () => {
    this.CONSUME(K.const);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  recordDecl = this.RULE('recordDecl', () => {
    this.CONSUME(K.record);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.recordType);
  });

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(K.input);
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(K.as);
      this.CONSUME(K.of);
      this.CONSUME2(T.Identifier);
    });
    this.SUBRULE(this.recordType);
  });

  decisionDecl = this.RULE('decisionDecl', () => {
    this.CONSUME(K.decision);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.variantDecl);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  variantDecl = this.RULE('variantDecl', () => {
    this.CONSUME(T.Identifier);
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
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
  });

  requireDecl = this.RULE('requireDecl', () => {
    this.CONSUME(K.require);
    this.SUBRULE(this.expression);
    this.CONSUME(K.because);
    this.CONSUME(T.StringLiteral);
  });

  ruleDecl = this.RULE('ruleDecl', () => {
    this.CONSUME(K.rule);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.SUBRULE(this.ruleBody);
    this.CONSUME(T.RBrace);
  });

  exceptionDecl = this.RULE('exceptionDecl', () => {
    this.CONSUME(K.exception);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
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
    this.MANY3(() => this.SUBRULE(this.exceptionDecl));
  });

  citesClause = this.RULE('citesClause', () => {
    this.CONSUME(K.cites);
    this.CONSUME(T.StringLiteral);
  });

  effectiveClause = this.RULE('effectiveClause', () => {
    this.CONSUME(K.effective);
    this.CONSUME(T.DateLiteral);
  });

  untilClause = this.RULE('untilClause', () => {
    this.CONSUME(K.until);
    this.CONSUME(T.DateLiteral);
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
    this.CONSUME(T.StringLiteral);
  });

  otherwiseDecl = this.RULE('otherwiseDecl', () => {
    this.CONSUME(K.otherwise);
    this.MANY(() => this.SUBRULE(this.citesClause));
    this.CONSUME(K.decide);
    this.SUBRULE(this.decisionExpr);
  });

  exampleDecl = this.RULE('exampleDecl', () => {
    this.CONSUME(K.example);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.LBrace);
    this.CONSUME(K.given);
    this.SUBRULE(this.recordValue);
    this.CONSUME(K.expect);
    this.SUBRULE(this.decisionExpr);
    this.CONSUME(T.RBrace);
  });

  decisionExpr = this.RULE('decisionExpr', () => {
    this.CONSUME(T.Identifier);
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
    this.CONSUME(T.Name);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression);
  });

  typeExpr = this.RULE('typeExpr', () => {
    this.OR([
      { ALT: () => { this.CONSUME(K.optional); this.SUBRULE(this.typeExpr); } },
      { ALT: () => { this.CONSUME(K.list); this.CONSUME(K.of); this.SUBRULE2(this.typeExpr); } },
      { ALT: () => this.SUBRULE(this.recordType) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
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
    this.CONSUME(T.Name);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr);
  });

  value = this.RULE('value', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.recordValue) },
      { ALT: () => this.SUBRULE(this.listValue) },
      { ALT: () => this.SUBRULE(this.scalarValue) },
    ]);
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
    this.CONSUME(T.Name);
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
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Minus));
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.NumberLiteral);
                this.OPTION2({
                  // An identifier right after a number is its unit, unless it starts the next field.
                  GATE: () => this.LA(2).tokenType !== T.Colon,
                  DEF: () => this.CONSUME(T.Identifier),
                });
              },
            },
            { ALT: () => this.CONSUME(T.PercentLiteral) },
          ]);
        },
      },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
      { ALT: () => this.CONSUME2(T.Identifier) },
    ]);
  });

  // Operators are read flat (operand, operator, operand, ...) and grouped by precedence when the
  // syntax tree is built (from-cst.ts): one rule per precedence level would cost ten nested rule
  // calls per operand, which made large policies slow to read.
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY({
      // `otherwise decide` / `otherwise cites` start the next declaration, not a fallback value.
      GATE: () => this.LA(1).tokenType !== K.otherwise || (this.LA(2).tokenType !== K.decide && this.LA(2).tokenType !== K.cites),
      DEF: () => {
        this.OR([
          { ALT: () => { this.SUBRULE(this.binaryOperator); this.SUBRULE2(this.operand); } },
          { ALT: () => this.SUBRULE(this.isTest) },
        ]);
      },
    });
  });

  binaryOperator = this.RULE('binaryOperator', () => {
    this.OR([
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
    ]);
  });

  isTest = this.RULE('isTest', () => {
    this.CONSUME(K.is);
    this.OPTION(() => this.CONSUME(K.not));
    this.OR([
      { ALT: () => this.CONSUME(K.present) },
      { ALT: () => this.CONSUME(K.absent) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
  });

  operand = this.RULE('operand', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(K.not) }, { ALT: () => this.CONSUME(T.Minus) }]);
    });
    this.SUBRULE(this.postfix);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME(T.Name);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION({
            GATE: () => this.LA(2).tokenType !== T.Colon,
            DEF: () => this.CONSUME(T.Identifier),
          });
        },
      },
      { ALT: () => this.CONSUME(T.PercentLiteral) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
      { ALT: () => this.CONSUME2(T.Identifier) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expression); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.setLiteral) },
      { ALT: () => this.SUBRULE(this.everyExpr) },
      { ALT: () => this.SUBRULE(this.aggregate) },
    ]);
  });

  setLiteral = this.RULE('setLiteral', () => {
    this.CONSUME(T.LBrace);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.setMember) });
    this.CONSUME(T.RBrace);
  });

  setMember = this.RULE('setMember', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => { this.CONSUME(K.from); this.CONSUME(T.DateLiteral); });
    this.OPTION2(() => { this.CONSUME(K.until); this.CONSUME2(T.DateLiteral); });
  });

  everyExpr = this.RULE('everyExpr', () => {
    this.CONSUME(K.every);
    this.CONSUME(T.Identifier);
  });

  aggregate = this.RULE('aggregate', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.sum);
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(K.for);
          this.CONSUME(K.each);
          this.CONSUME(T.Identifier);
          this.CONSUME(K.in);
          this.SUBRULE(this.operand);
          this.OPTION(() => { this.CONSUME(K.where); this.SUBRULE2(this.expression); });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.count);
          this.CONSUME2(T.LParen);
          this.CONSUME2(K.each);
          this.CONSUME2(T.Identifier);
          this.CONSUME2(K.in);
          this.SUBRULE2(this.operand);
          this.OPTION2(() => { this.CONSUME2(K.where); this.SUBRULE3(this.expression); });
          this.CONSUME2(T.RParen);
        },
      },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(K.all) }, { ALT: () => this.CONSUME(K.any) }]);
          this.CONSUME3(T.LParen);
          this.CONSUME3(K.each);
          this.CONSUME3(T.Identifier);
          this.CONSUME3(K.in);
          this.SUBRULE3(this.operand);
          this.CONSUME(K.satisfies);
          this.SUBRULE4(this.expression);
          this.CONSUME3(T.RParen);
        },
      },
    ]);
  });
}

let shared: PolParser | undefined;
/** One parser instance: building it (grammar analysis) is the expensive part. */
export function polParser(): PolParser {
  shared ??= new PolParser();
  return shared;
}

export type { CstNode };
