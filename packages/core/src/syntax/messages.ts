/** Error messages for the Pol parser, in counsel's words. */
import type { IToken, TokenType, IParserErrorMessageProvider } from 'chevrotain';
import * as T from './tokens.ts';

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

export const messages: IParserErrorMessageProvider = {
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
