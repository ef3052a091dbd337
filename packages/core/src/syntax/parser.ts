/**
 * The Pol parser: a chevrotain EmbeddedActionsParser whose rule names are the productions of
 * grammar/pol.ebnf. Error recovery is on, so one run reports every syntax error and still yields a
 * partial tree.
 *
 * The rules record a light parse tree (each rule's tokens and sub-rules, in order, plus the
 * offsets of its first and last real token, as chevrotain's CST location tracking would), and
 * `ToAst` turns it into the syntax tree. A rule's node is attached to its parent when the rule
 * starts, so the pieces read before a rule gave up in error recovery stay in the tree. The tree is
 * recorded through chevrotain's (internal, v11) tree-building hooks, which an
 * EmbeddedActionsParser leaves empty: this costs a fraction of a full CST (the CstParser this
 * replaced spent 2.2 s building the CST of a 10,000-rule policy, and 1.3 s more converting it).
 * Before the CstParser was removed, the two were checked to give deep-equal trees (spans included)
 * and the same errors on 15,052 inputs: every policy, and random text, token soup and mutations.
 * A chevrotain upgrade that changes those hooks breaks the parser tests at once.
 */
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type * as A from '../ast/nodes.ts';
import type { Span } from '../source/span.ts';
import * as T from './tokens.ts';
import { messages } from './messages.ts';
import { decodeString } from './strings.ts';

const K = T.Kw;

// Shared empty lists: most rules read only tokens or only sub-rules (replaced on first push).
const NO_TOKENS: IToken[] = [];
const NO_KIDS: ParseNode[] = [];

/** One rule invocation: its tokens (inserted-in-recovery ones too) and sub-rules, in order. */
export class ParseNode {
  toks: IToken[] = NO_TOKENS;
  kids: ParseNode[] = NO_KIDS;
  /** offset of the first real token, NaN when the rule read none */
  s = Number.NaN;
  /** end offset (inclusive) of the last real token */
  e = Number.NaN;
  constructor(
    readonly name: string,
    readonly parent: ParseNode | undefined,
  ) {}
}

export class PolParser extends EmbeddedActionsParser {
  private cur: ParseNode | undefined = undefined;
  /**
   * The alternatives and options objects of the rules, made once: creating their closures on
   * every rule call costs (under tsx's keep-names transform a property definition per closure).
   */
  private readonly cached: unknown[] = [];
  /** the node of the outermost rule of the last run */
  root: ParseNode | undefined = undefined;

  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, errorMessageProvider: messages });
    // chevrotain calls these tree-building hooks on every rule entry and exit (in its own
    // try/finally, so also when a rule gives up in error recovery) and on every consumed token
    // (separators of MANY_SEP too); an EmbeddedActionsParser leaves them empty.
    const hooks = this as unknown as {
      cstInvocationStateUpdate: (ruleName: string) => void;
      cstFinallyStateUpdate: () => void;
      cstPostTerminal: (key: string, t: IToken) => void;
    };
    hooks.cstInvocationStateUpdate = (ruleName) => this.enter(ruleName);
    hooks.cstFinallyStateUpdate = () => this.exit();
    hooks.cstPostTerminal = (_key, t) => this.k(t);
    this.performSelfAnalysis();
  }

  /** A rule starts: its node joins its parent's sub-rules at once, so it stays even if the rule fails. */
  private enter(name: string): void {
    const parent = this.cur;
    const n = new ParseNode(name, parent);
    if (!parent) this.root = n;
    else if (parent.kids === NO_KIDS) parent.kids = [n];
    else parent.kids.push(n);
    this.cur = n;
  }

  /** A rule ends (normally or not): its tokens' offsets count for its parent's too. */
  private exit(): void {
    const n = this.cur;
    if (!n) return;
    const parent = n.parent;
    this.cur = parent;
    if (parent && n.s === n.s) {
      if (parent.s !== parent.s) {
        parent.s = n.s;
        parent.e = n.e;
      } else if (parent.e < n.e) parent.e = n.e;
    }
  }

  /** Records a consumed token (a NaN offset marks a token inserted in recovery). */
  private k(t: IToken): void {
    const n = this.cur;
    if (n) {
      if (n.toks === NO_TOKENS) {
        n.toks = [t];
      } else {
        n.toks.push(t);
      }
      const s = t.startOffset;
      if (s === s) {
        if (n.s !== n.s) {
          n.s = s;
          n.e = t.endOffset!;
        } else if (n.e < t.endOffset!) n.e = t.endOffset!;
      }
    }
  }

  /** Forgets the last run (also after a run cut short by a RangeError). */
  override reset(): void {
    super.reset();
    this.cur = undefined;
    this.root = undefined;
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
    this.OR((this.cached[0] ??= [
      { ALT: () => { this.CONSUME(K.version); this.CONSUME(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(K.cites); this.CONSUME2(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(K.effective); this.CONSUME(T.DateLiteral); } },
    ]) as never);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(K.import);
    this.CONSUME(T.StringLiteral);
  });

  declaration = this.RULE('declaration', () => {
    this.OR((this.cached[1] ??= [
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
    ]) as never);
  });

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(K.enum);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY_SEP((this.cached[2] ??= { SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier) }) as never);
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
    this.OR((this.cached[3] ??= [
      { ALT: () => { this.CONSUME(K.optional); this.SUBRULE(this.typeExpr); } },
      { ALT: () => { this.CONSUME(K.list); this.CONSUME(K.of); this.SUBRULE2(this.typeExpr); } },
      { ALT: () => this.SUBRULE(this.recordType) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]) as never);
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
    this.OR((this.cached[4] ??= [
      { ALT: () => this.SUBRULE(this.recordValue) },
      { ALT: () => this.SUBRULE(this.listValue) },
      { ALT: () => this.SUBRULE(this.scalarValue) },
    ]) as never);
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
    this.OR((this.cached[5] ??= [
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Minus));
          this.OR2((this.cached[13] ??= [
            {
              ALT: () => {
                this.CONSUME(T.NumberLiteral);
                this.OPTION2((this.cached[14] ??= {
                  // An identifier right after a number is its unit, unless it starts the next field.
                  GATE: () => this.LA(2).tokenType !== T.Colon,
                  DEF: () => this.CONSUME(T.Identifier),
                }) as never);
              },
            },
            { ALT: () => this.CONSUME(T.PercentLiteral) },
          ]) as never);
        },
      },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
      { ALT: () => this.CONSUME2(T.Identifier) },
    ]) as never);
  });

  // Operators are read flat (operand, operator, operand, ...) and grouped by precedence when the
  // syntax tree is built (ToAst below): one rule per precedence level would cost ten nested rule
  // calls per operand, which made large policies slow to read.
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY((this.cached[6] ??= {
      // `otherwise decide` / `otherwise cites` start the next declaration, not a fallback value;
      // a word followed by `:` names the next argument (`(a: 0 otherwise: 1)`), it is no operator.
      GATE: () =>
        this.LA(2).tokenType !== T.Colon &&
        (this.LA(1).tokenType !== K.otherwise || (this.LA(2).tokenType !== K.decide && this.LA(2).tokenType !== K.cites)),
      DEF: () => {
        this.OR((this.cached[15] ??= [
          { ALT: () => { this.SUBRULE(this.binaryOperator); this.SUBRULE2(this.operand); } },
          { ALT: () => this.SUBRULE(this.isTest) },
        ]) as never);
      },
    }) as never);
  });

  binaryOperator = this.RULE('binaryOperator', () => {
    this.OR((this.cached[7] ??= [
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
    ]) as never);
  });

  isTest = this.RULE('isTest', () => {
    this.CONSUME(K.is);
    this.OPTION(() => this.CONSUME(K.not));
    this.OR((this.cached[8] ??= [
      { ALT: () => this.CONSUME(K.present) },
      { ALT: () => this.CONSUME(K.absent) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]) as never);
  });

  operand = this.RULE('operand', () => {
    this.MANY(() => {
      this.OR((this.cached[9] ??= [{ ALT: () => this.CONSUME(K.not) }, { ALT: () => this.CONSUME(T.Minus) }]) as never);
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
    this.OR((this.cached[10] ??= [
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION((this.cached[16] ??= {
            GATE: () => this.LA(2).tokenType !== T.Colon,
            DEF: () => this.CONSUME(T.Identifier),
          }) as never);
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
    ]) as never);
  });

  setLiteral = this.RULE('setLiteral', () => {
    this.CONSUME(T.LBrace);
    this.MANY_SEP((this.cached[11] ??= { SEP: T.Comma, DEF: () => this.SUBRULE(this.setMember) }) as never);
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
    this.OR((this.cached[12] ??= [
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
          this.OR2((this.cached[17] ??= [{ ALT: () => this.CONSUME(K.all) }, { ALT: () => this.CONSUME(K.any) }]) as never);
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
    ]) as never);
  });
}

let shared: PolParser | undefined;
/** One parser instance: building it (grammar analysis) is the expensive part. */
export function polParser(): PolParser {
  shared ??= new PolParser();
  return shared;
}

/** Parses `tokens` (with `endOffset` set) into a syntax tree; the errors are in `parser.errors`. */
export function parseTokens(parser: PolParser, tokens: IToken[], path: string, comments: A.Comment[], textLength: number): A.PolFile {
  parser.reset();
  parser.input = tokens;
  parser.file();
  const root = parser.root ?? new ParseNode('file', undefined);
  return new ToAst(path).file(root, comments, textLength);
}

// ---- parse tree -> syntax tree (after error recovery the parse tree may lack pieces; holes are
// filled with empty placeholders, since the errors have been reported already) ----

/**
 * Whether a rule's token was read as `type`. A token is read as its own type, except that the
 * rules that read `Name` (a category: any word, keywords too) read besides it only `:` or `.`.
 */
const readAs = (t: IToken, type: TokenType): boolean =>
  t.tokenType === type || (type === T.Name && t.tokenType !== T.Colon && t.tokenType !== T.Dot && t.tokenType !== T.Comma);
const valid = (n: ParseNode): boolean => n.s === n.s;
const real = (t: IToken): boolean => t.startOffset === t.startOffset;

class ToAst {
  private readonly zero: Span;
  constructor(private readonly path: string) {
    this.zero = { file: path, start: 0, end: 0 };
  }

  private tokenSpan(t: IToken | undefined, fallback?: Span): Span {
    if (!t || Number.isNaN(t.startOffset) || t.isInsertedInRecovery) return fallback ?? { file: this.path, start: 0, end: 0 };
    return { file: this.path, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
  }

  private nodeSpan(n: ParseNode | undefined, fallback?: Span): Span {
    if (!n || n.s !== n.s || n.e === undefined || n.e !== n.e) return fallback ?? { file: this.path, start: 0, end: 0 };
    return { file: this.path, start: n.s, end: n.e + 1 };
  }

  private tokens(n: ParseNode, type: TokenType): IToken[] {
    const out: IToken[] = [];
    for (const t of n.toks) if (readAs(t, type)) out.push(t);
    return out;
  }

  /** the index-th token of a type, undefined if missing or inserted in recovery */
  private token(n: ParseNode, type: TokenType, index = 0): IToken | undefined {
    let found = 0;
    for (let i = 0; i < n.toks.length; i++) {
      if (readAs(n.toks[i]!, type)) {
        if (found === index) return n.toks[i]!.isInsertedInRecovery ? undefined : n.toks[i];
        found++;
      }
    }
    return undefined;
  }

  private nodes(n: ParseNode, name: string): ParseNode[] {
    const out: ParseNode[] = [];
    for (const k of n.kids) if (k.name === name) out.push(k);
    return out;
  }

  private node(n: ParseNode, name: string, index = 0): ParseNode | undefined {
    let i = 0;
    for (const k of n.kids) {
      if (k.name === name) {
        if (i === index) return k;
        i++;
      }
    }
    return undefined;
  }

  private ident(t: IToken | undefined, fallback: Span): A.Identifier {
    return { kind: 'identifier', name: t?.image ?? '', span: this.tokenSpan(t, fallback) };
  }

  private str(t: IToken | undefined, fallback: Span): A.StringLit {
    return { kind: 'string', value: t ? decodeString(t.image) : '', span: this.tokenSpan(t, fallback) };
  }

  private date(t: IToken | undefined, fallback: Span): A.DateLit {
    return { kind: 'date', value: t?.image ?? '0000-01-01', span: this.tokenSpan(t, fallback) };
  }

  file(n: ParseNode, comments: A.Comment[], textLength: number): A.PolFile {
    const headerNode = this.node(n, 'policyHeader');
    const imports: A.ImportDecl[] = [];
    const declarations: A.Declaration[] = [];
    for (const k of n.kids) {
      if (k.name === 'importDecl') imports.push(this.importDecl(k));
      else if (k.name === 'declaration') {
        const d = this.declaration(k);
        if (d) declarations.push(d);
      }
    }
    return {
      kind: 'file',
      path: this.path,
      header: headerNode ? this.policyHeader(headerNode) : undefined,
      imports,
      declarations,
      comments,
      span: { file: this.path, start: 0, end: textLength },
    };
  }

  private policyHeader(n: ParseNode): A.PolicyHeader {
    const span = this.nodeSpan(n);
    let version: A.StringLit | undefined;
    let effective: A.DateLit | undefined;
    const cites: A.StringLit[] = [];
    for (const c of this.nodes(n, 'headerClause')) {
      const cs = this.nodeSpan(c, span);
      if (this.token(c, K.version)) version = this.str(this.token(c, T.StringLiteral), cs);
      else if (this.token(c, K.cites)) cites.push(this.str(this.token(c, T.StringLiteral), cs));
      else if (this.token(c, K.effective)) effective = this.date(this.token(c, T.DateLiteral), cs);
    }
    return { kind: 'policy', name: this.str(this.token(n, T.StringLiteral), span), version, cites, effective, span };
  }

  private importDecl(n: ParseNode): A.ImportDecl {
    const span = this.nodeSpan(n);
    return { kind: 'import', path: this.str(this.token(n, T.StringLiteral), span), span };
  }

  private declaration(n: ParseNode): A.Declaration | undefined {
    let inner: ParseNode | undefined;
    for (const k of n.kids) if (valid(k) && (!inner || k.s < inner.s)) inner = k;
    if (!inner) return undefined;
    const span = this.nodeSpan(inner);
    const at = inner;
    const id = (i = 0): A.Identifier => this.ident(this.token(at, T.Identifier, i), span);
    switch (inner.name) {
      case 'enumDecl':
        return {
          kind: 'enum',
          name: id(0),
          members: this.tokens(inner, T.Identifier).slice(1).filter((t) => !t.isInsertedInRecovery).map((t) => this.ident(t, span)),
          span,
        };
      case 'unitDecl': {
        const s = this.token(inner, T.StringLiteral);
        return { kind: 'unit', name: id(), description: s ? this.str(s, span) : undefined, span };
      }
      case 'groupDecl':
        return { kind: 'group', name: id(0), of: id(1), value: this.expression(this.node(inner, 'expression'), span), span };
      case 'constDecl':
        return { kind: 'const', name: id(), value: this.expression(this.node(inner, 'expression'), span), span };
      case 'defineDecl':
        return { kind: 'define', name: id(), value: this.expression(this.node(inner, 'expression'), span), span };
      case 'recordDecl':
        return { kind: 'record', name: id(), fields: this.recordFields(this.node(inner, 'recordType'), span), span };
      case 'inputDecl': {
        const asOf = this.token(inner, K.as) ? id(1) : undefined;
        return { kind: 'input', name: id(), asOf, fields: this.recordFields(this.node(inner, 'recordType'), span), span };
      }
      case 'decisionDecl':
        return {
          kind: 'decision',
          name: id(),
          variants: this.nodes(inner, 'variantDecl').map((v) => {
            const vs = this.nodeSpan(v, span);
            return {
              kind: 'variant',
              name: this.ident(this.token(v, T.Identifier), vs),
              params: this.nodes(v, 'fieldDecl').map((f) => this.fieldDecl(f, vs)),
              span: vs,
            };
          }),
          span,
        };
      case 'requireDecl':
        return {
          kind: 'require',
          condition: this.expression(this.node(inner, 'expression'), span),
          because: this.str(this.token(inner, T.StringLiteral), span),
          span,
        };
      case 'ruleDecl': {
        const title = this.token(inner, T.StringLiteral);
        return {
          kind: 'rule',
          name: id(),
          title: title ? this.str(title, span) : undefined,
          ...this.ruleBody(this.node(inner, 'ruleBody'), span),
          span,
        };
      }
      case 'otherwiseDecl':
        return {
          kind: 'otherwise',
          cites: this.nodes(inner, 'citesClause').map((c) => this.str(this.token(c, T.StringLiteral), span)),
          decide: this.decisionExpr(this.node(inner, 'decisionExpr'), span),
          span,
        };
      case 'exampleDecl':
        return {
          kind: 'example',
          title: this.str(this.token(inner, T.StringLiteral), span),
          given: this.recordValue(this.node(inner, 'recordValue'), span),
          expect: this.decisionExpr(this.node(inner, 'decisionExpr'), span),
          span,
        };
      default:
        return undefined;
    }
  }

  private ruleBody(n: ParseNode | undefined, fallback: Span): A.RuleBody {
    const empty: A.DecisionExpr = { kind: 'decisionExpr', variant: this.ident(undefined, fallback), args: [], span: fallback };
    if (!n) return { cites: [], effective: undefined, until: undefined, when: undefined, decide: empty, obligations: [], exceptions: [] };
    const span = this.nodeSpan(n, fallback);
    const eff = this.node(n, 'effectiveClause');
    const until = this.node(n, 'untilClause');
    const when = this.node(n, 'whenClause');
    const decide = this.node(n, 'decideClause');
    return {
      cites: this.nodes(n, 'citesClause').map((c) => this.str(this.token(c, T.StringLiteral), this.nodeSpan(c, span))),
      effective: eff ? this.date(this.token(eff, T.DateLiteral), this.nodeSpan(eff, span)) : undefined,
      until: until ? this.date(this.token(until, T.DateLiteral), this.nodeSpan(until, span)) : undefined,
      when: when ? this.expression(this.node(when, 'expression'), this.nodeSpan(when, span)) : undefined,
      decide: decide ? this.decisionExpr(this.node(decide, 'decisionExpr'), this.nodeSpan(decide, span)) : empty,
      obligations: this.nodes(n, 'obligationClause').map((c) => this.str(this.token(c, T.StringLiteral), this.nodeSpan(c, span))),
      exceptions: this.nodes(n, 'exceptionDecl').map((e) => {
        const es = this.nodeSpan(e, span);
        const title = this.token(e, T.StringLiteral);
        return {
          kind: 'exception',
          name: this.ident(this.token(e, T.Identifier), es),
          title: title ? this.str(title, es) : undefined,
          ...this.ruleBody(this.node(e, 'ruleBody'), es),
          span: es,
        };
      }),
    };
  }

  private decisionExpr(n: ParseNode | undefined, fallback: Span): A.DecisionExpr {
    if (!n) return { kind: 'decisionExpr', variant: this.ident(undefined, fallback), args: [], span: fallback };
    const span = this.nodeSpan(n, fallback);
    return {
      kind: 'decisionExpr',
      variant: this.ident(this.token(n, T.Identifier), span),
      args: this.nodes(n, 'argument').map((a) => {
        const as = this.nodeSpan(a, span);
        return {
          kind: 'argument',
          name: this.ident(this.token(a, T.Name), as),
          value: this.expression(this.node(a, 'expression'), as),
          span: as,
        };
      }),
      span,
    };
  }

  private recordFields(n: ParseNode | undefined, fallback: Span): A.FieldDecl[] {
    if (!n) return [];
    const span = this.nodeSpan(n, fallback);
    return this.nodes(n, 'fieldDecl').map((f) => this.fieldDecl(f, span));
  }

  private fieldDecl(n: ParseNode, fallback: Span): A.FieldDecl {
    const span = this.nodeSpan(n, fallback);
    return { kind: 'field', name: this.ident(this.token(n, T.Name), span), type: this.typeExpr(this.node(n, 'typeExpr'), span), span };
  }

  private typeExpr(n: ParseNode | undefined, fallback: Span): A.TypeExpr {
    if (!n) return { kind: 'namedType', name: this.ident(undefined, fallback), span: fallback };
    const span = this.nodeSpan(n, fallback);
    if (this.token(n, K.optional)) return { kind: 'optionalType', inner: this.typeExpr(this.node(n, 'typeExpr'), span), span };
    if (this.token(n, K.list)) return { kind: 'listType', element: this.typeExpr(this.node(n, 'typeExpr'), span), span };
    const rec = this.node(n, 'recordType');
    if (rec) return { kind: 'recordType', fields: this.recordFields(rec, span), span };
    return { kind: 'namedType', name: this.ident(this.token(n, T.Identifier), span), span };
  }

  private recordValue(n: ParseNode | undefined, fallback: Span): A.RecordValue {
    if (!n) return { kind: 'recordValue', fields: [], span: fallback };
    const span = this.nodeSpan(n, fallback);
    return {
      kind: 'recordValue',
      fields: this.nodes(n, 'valueField').map((f) => {
        const fs = this.nodeSpan(f, span);
        return { kind: 'valueField', name: this.ident(this.token(f, T.Name), fs), value: this.value(this.node(f, 'value'), fs), span: fs };
      }),
      span,
    };
  }

  private value(n: ParseNode | undefined, fallback: Span): A.Value {
    if (!n) return this.ident(undefined, fallback);
    const span = this.nodeSpan(n, fallback);
    const rec = this.node(n, 'recordValue');
    if (rec) return this.recordValue(rec, span);
    const list = this.node(n, 'listValue');
    if (list) {
      const ls = this.nodeSpan(list, span);
      return { kind: 'listValue', items: this.nodes(list, 'value').map((v) => this.value(v, ls)), span: ls };
    }
    const s = this.node(n, 'scalarValue');
    if (!s) return this.ident(undefined, span);
    const ss = this.nodeSpan(s, span);
    const num = this.token(s, T.NumberLiteral);
    const pct = this.token(s, T.PercentLiteral);
    let lit: A.NumberLit | A.PercentLit | undefined;
    if (num) {
      const ids = this.tokens(s, T.Identifier);
      const unit = ids.length > 0 && ids[0] && ids[0].startOffset > num.startOffset ? this.ident(ids[0], ss) : undefined;
      lit = { kind: 'number', text: num.image.replace(/_/g, ''), unit, span: unit ? { ...this.tokenSpan(num), end: unit.span.end } : this.tokenSpan(num) };
    } else if (pct) {
      lit = { kind: 'percent', text: pct.image.slice(0, -1).replace(/_/g, ''), span: this.tokenSpan(pct) };
    }
    if (lit) return this.token(s, T.Minus) ? { kind: 'negateValue', operand: lit, span: ss } : lit;
    const date = this.token(s, T.DateLiteral);
    if (date) return this.date(date, ss);
    const str = this.token(s, T.StringLiteral);
    if (str) return this.str(str, ss);
    if (this.token(s, K.true)) return { kind: 'bool', value: true, span: ss };
    if (this.token(s, K.false)) return { kind: 'bool', value: false, span: ss };
    return this.ident(this.token(s, T.Identifier), ss);
  }

  // ---- expressions ----

  private placeholder(span: Span): A.Expr {
    return { kind: 'identifier', name: '', span };
  }

  private expression(n: ParseNode | undefined, fallback: Span): A.Expr {
    if (!n) return this.placeholder(fallback);
    const span = this.nodeSpan(n, fallback);
    if (n.name === 'operand') {
      const items: Item[] = [];
      this.pushOperand(n, items);
      return this.pratt({ items, pos: 0 }, 0, span);
    }
    if (n.name !== 'expression') return this.placeholder(span);
    // Sub-rules that read no real token are left out, as they are from a CST's source order.
    const items: Item[] = [];
    for (const child of n.kids) {
      if (!valid(child)) continue;
      if (child.name === 'operand') this.pushOperand(child, items);
      else if (child.name === 'binaryOperator') {
        let first: IToken | undefined;
        let op = '';
        for (const t of child.toks) {
          if (!real(t)) continue;
          if (first) op += ' ' + t.image;
          else {
            first = t;
            op = t.image;
          }
        }
        if (!first) continue;
        items.push({ kind: 'infix', op, token: first });
      } else if (child.name === 'isTest') items.push({ kind: 'is', node: child });
    }
    return this.pratt({ items, pos: 0 }, 0, span);
  }

  private pushOperand(n: ParseNode, items: Item[]): void {
    for (const t of n.toks) if (real(t)) items.push({ kind: 'prefix', op: t.image === 'not' ? 'not' : '-', token: t });
    for (const k of n.kids) if (k.name === 'postfix' && valid(k)) items.push({ kind: 'atom', node: k });
  }

  /** Groups a flat operand/operator sequence by precedence (see BINDING in this file). */
  private pratt(state: { items: Item[]; pos: number }, minBp: number, span: Span): A.Expr {
    const item = state.items[state.pos++];
    let left: A.Expr;
    if (!item) return this.placeholder(span);
    if (item.kind === 'prefix') {
      const operand = this.pratt(state, item.op === 'not' ? BINDING.notOperand : BINDING.negOperand, span);
      left = { kind: 'unary', op: item.op, operand, span: { file: this.path, start: item.token.startOffset, end: Math.max(operand.span.end, item.token.endOffset! + 1) } };
    } else if (item.kind === 'atom') {
      left = this.postfix(item.node, span);
    } else {
      return this.placeholder(span);
    }
    for (;;) {
      const next = state.items[state.pos];
      if (!next) break;
      if (next.kind === 'is') {
        if (BINDING.compare < minBp) break;
        state.pos++;
        left = this.isExpr(left, next.node, span);
        continue;
      }
      if (next.kind !== 'infix') break;
      const bp = infixBinding(next.op);
      if (bp < minBp) break;
      state.pos++;
      const right = this.pratt(state, bp + 1, span);
      const s = { file: this.path, start: left.span.start, end: right.span.end };
      switch (next.op) {
        case 'and':
        case 'or':
        case '+':
        case '-':
        case '*':
        case '/':
          left = { kind: 'binary', op: next.op, left, right, span: s };
          break;
        case 'otherwise':
          left = { kind: 'coalesce', value: left, fallback: right, span: s };
          break;
        case 'in':
        case 'not in':
          left = { kind: 'in', negated: next.op === 'not in', element: left, set: right, span: s };
          break;
        default:
          left = { kind: 'compare', op: next.op as A.CompareOp, left, right, span: s };
      }
    }
    return left;
  }

  private isExpr(subject: A.Expr, n: ParseNode, span: Span): A.Expr {
    const negated = this.token(n, K.not) !== undefined;
    const present = this.token(n, K.present);
    const absent = this.token(n, K.absent);
    const idTok = this.token(n, T.Identifier);
    const test: A.IsExpr['test'] = present
      ? { kind: 'present', span: this.tokenSpan(present) }
      : absent
        ? { kind: 'absent', span: this.tokenSpan(absent) }
        : this.ident(idTok, span);
    const end = this.nodeSpan(n, span).end;
    return { kind: 'is', negated, subject, test, span: { file: this.path, start: subject.span.start, end: Math.max(end, subject.span.end) } };
  }

  private postfix(n: ParseNode, fallback: Span): A.Expr {
    const span = this.nodeSpan(n, fallback);
    const p = this.node(n, 'primary');
    let expr = p ? this.primary(p, this.nodeSpan(p, span)) : this.placeholder(span);
    for (let i = 0; i < n.toks.length; i++) {
      const t = n.toks[i]!;
      if (!readAs(t, T.Name) || t.isInsertedInRecovery) continue;
      expr = { kind: 'member', object: expr, property: this.ident(t, span), span: { file: this.path, start: expr.span.start, end: t.endOffset! + 1 } };
    }
    return expr;
  }

  private primary(n: ParseNode, span: Span): A.Expr {
    const num = this.token(n, T.NumberLiteral);
    if (num) {
      const unitTok = this.token(n, T.Identifier);
      const unit = unitTok ? this.ident(unitTok, span) : undefined;
      return { kind: 'number', text: num.image.replace(/_/g, ''), unit, span };
    }
    const pct = this.token(n, T.PercentLiteral);
    if (pct) return { kind: 'percent', text: pct.image.slice(0, -1).replace(/_/g, ''), span };
    const date = this.token(n, T.DateLiteral);
    if (date) return this.date(date, span);
    if (this.token(n, K.true)) return { kind: 'bool', value: true, span };
    if (this.token(n, K.false)) return { kind: 'bool', value: false, span };
    const id = this.token(n, T.Identifier);
    if (id) return this.ident(id, span);
    const inner = this.node(n, 'expression');
    if (inner) return { kind: 'paren', inner: this.expression(inner, span), span };
    const set = this.node(n, 'setLiteral');
    if (set) {
      const ss = this.nodeSpan(set, span);
      return {
        kind: 'set',
        members: this.nodes(set, 'setMember').map((m) => {
          const ms = this.nodeSpan(m, ss);
          const from = this.token(m, K.from) ? this.date(this.tokens(m, T.DateLiteral)[0], ms) : undefined;
          const untilTok = this.token(m, K.until);
          const dates = this.tokens(m, T.DateLiteral);
          const until = untilTok ? this.date(dates[from ? 1 : 0], ms) : undefined;
          return { kind: 'setMember', name: this.ident(this.token(m, T.Identifier), ms), from, until, span: ms };
        }),
        span: ss,
      };
    }
    const every = this.node(n, 'everyExpr');
    if (every) return { kind: 'every', enumName: this.ident(this.token(every, T.Identifier), span), span };
    const agg = this.node(n, 'aggregate');
    if (agg) return this.aggregate(agg, span);
    return this.placeholder(span);
  }

  private aggregate(n: ParseNode, span: Span): A.Expr {
    const op: A.AggregateKind = this.token(n, K.sum) ? 'sum' : this.token(n, K.count) ? 'count' : this.token(n, K.all) ? 'all' : 'any';
    const exprs = this.nodes(n, 'expression');
    const binder = this.ident(this.token(n, T.Identifier), span);
    const list = this.expression(this.node(n, 'operand'), span);
    const hasWhere = this.token(n, K.where) !== undefined;
    switch (op) {
      case 'sum':
        return { kind: 'aggregate', op, binder, list, body: this.expression(exprs[0], span), where: hasWhere ? this.expression(exprs[1], span) : undefined, span };
      case 'count':
        return { kind: 'aggregate', op, binder, list, body: undefined, where: hasWhere ? this.expression(exprs[0], span) : undefined, span };
      default:
        return { kind: 'aggregate', op, binder, list, body: this.expression(exprs[0], span), where: undefined, span };
    }
  }
}

type Item =
  | { readonly kind: 'prefix'; readonly op: 'not' | '-'; readonly token: IToken }
  | { readonly kind: 'atom'; readonly node: ParseNode }
  | { readonly kind: 'infix'; readonly op: string; readonly token: IToken }
  | { readonly kind: 'is'; readonly node: ParseNode };

/**
 * Precedence, loosest first: `or`, `and`, prefix `not`, comparisons (`= != < <= > >= in not-in is`),
 * `otherwise`, `+ -`, `* /`, prefix `-`, then `.` field access. Binary operators group to the left.
 */
const BINDING = { or: 1, and: 2, notOperand: 3, compare: 4, otherwise: 5, additive: 6, multiplicative: 7, negOperand: 8 } as const;

function infixBinding(op: string): number {
  switch (op) {
    case 'or':
      return BINDING.or;
    case 'and':
      return BINDING.and;
    case 'otherwise':
      return BINDING.otherwise;
    case '+':
    case '-':
      return BINDING.additive;
    case '*':
    case '/':
      return BINDING.multiplicative;
    default:
      return BINDING.compare;
  }
}
