/**
 * The light parse tree and the recorder that builds it inside chevrotain.
 *
 * Each rule invocation becomes a node with its tokens (inserted-in-recovery ones too), each with
 * the key it was read under (its LABEL in grammar.ts, else its token type's name), and its
 * sub-rules, in order, plus the offsets of its first and last real token, as chevrotain's CST
 * location tracking would. A rule's node is attached to its parent when the rule starts, so the
 * pieces read before a rule gave up in error recovery stay in the tree.
 *
 * The tree is recorded through chevrotain's tree-building hooks (`cstInvocationStateUpdate`,
 * `cstFinallyStateUpdate`, `cstPostTerminal`), which an EmbeddedActionsParser leaves empty. They
 * are internal to chevrotain 11, which is why every package.json pins chevrotain to one exact
 * version: an upgrade is a deliberate change, and the parser tests (same trees and errors on every
 * policy, random text and mutations) fail at once if the hooks change. This costs a fraction of a
 * full CST: the CstParser this replaced spent 2.2 s building the CST of a 10,000-rule policy, and
 * 1.3 s more converting it.
 */
import type { IToken } from 'chevrotain';
import type { ChildRule, Role, RuleName, TokenKey } from './shapes.ts';

// Shared empty lists: most rules read only tokens or only sub-rules (replaced on first push).
const NO_TOKENS: (string | IToken)[] = [];
const NO_KIDS: ParseNode[] = [];

/** One rule invocation. `R` is the rule's name, which fixes the keys and sub-rules it can have. */
export class ParseNode<R extends RuleName = RuleName> {
  /**
   * The tokens read, each after the key it was read under: `key, token, key, token, ...` (one array
   * rather than two: large policies have hundreds of thousands of nodes, and allocation dominates
   * the parse). Read it through the accessors below.
   */
  read: (string | IToken)[] = NO_TOKENS;
  kids: ParseNode[] = NO_KIDS;
  /** offset of the first real token, NaN when the rule read none */
  s = Number.NaN;
  /** end offset (inclusive) of the last real token */
  e = Number.NaN;
  constructor(
    readonly name: R,
    readonly parent: ParseNode | undefined,
    /** the role the calling rule gave this sub-rule (`body`, `where`), when one rule is read twice */
    readonly role: string | undefined,
  ) {}
}

/** A node of any one of the rules in `R`, narrowed by a `switch` on its `name`. */
export type NodeOf<R extends RuleName> = R extends RuleName ? ParseNode<R> : never;

/** The internal chevrotain hooks the recorder fills in (see the file comment). */
interface TreeHooks {
  cstInvocationStateUpdate: (ruleName: string) => void;
  cstFinallyStateUpdate: () => void;
  cstPostTerminal: (key: string, t: IToken) => void;
}

export class ParseTreeRecorder {
  private cur: ParseNode | undefined = undefined;
  private role: string | undefined = undefined;
  /** the node of the outermost rule of the last run */
  root: ParseNode | undefined = undefined;

  /**
   * chevrotain calls these hooks on every rule entry and exit (in its own try/finally, so also
   * when a rule gives up in error recovery) and on every consumed token (separators of MANY_SEP
   * too).
   */
  attach(parser: object): void {
    const hooks = parser as TreeHooks;
    hooks.cstInvocationStateUpdate = (ruleName) => this.enter(ruleName);
    hooks.cstFinallyStateUpdate = () => this.exit();
    hooks.cstPostTerminal = (key, t) => this.token(key, t);
  }

  /** The next rule to start is read in this role (called right before its SUBRULE). */
  nextRole(role: string): void {
    this.role = role;
  }

  /** Forgets the last run (also after a run cut short by a RangeError). */
  reset(): void {
    this.cur = undefined;
    this.root = undefined;
    this.role = undefined;
  }

  /** A rule starts: its node joins its parent's sub-rules at once, so it stays even if the rule fails. */
  private enter(name: string): void {
    const parent = this.cur;
    // chevrotain passes the names of the rules grammar.ts declares, which shapes.ts lists.
    const n = new ParseNode(name as RuleName, parent, this.role);
    this.role = undefined;
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
  private token(key: string, t: IToken): void {
    const n = this.cur;
    if (!n) return;
    if (n.read === NO_TOKENS) n.read = [key, t];
    else n.read.push(key, t);
    const s = t.startOffset;
    if (s === s) {
      if (n.s !== n.s) {
        n.s = s;
        n.e = t.endOffset!;
      } else if (n.e < t.endOffset!) n.e = t.endOffset!;
    }
  }
}

// ---- typed access by key and by rule name (never by position) ----

/** Whether the node read at least one real token (a rule that gave up at once did not). */
export const valid = (n: ParseNode): boolean => n.s === n.s;
/** Whether a token was really in the text (not inserted in error recovery). */
export const real = (t: IToken): boolean => t.startOffset === t.startOffset;

/** The number of tokens the node read; `tokenAt(n, i)` is the i-th of them, `keyAt(n, i)` its key. */
export const tokenCount = (n: ParseNode): number => n.read.length >> 1;
export const tokenAt = (n: ParseNode, i: number): IToken => n.read[2 * i + 1] as IToken;
export const keyAt = <R extends RuleName>(n: ParseNode<R>, i: number): TokenKey<R> => n.read[2 * i] as TokenKey<R>;

/** The position in `read` of the first token read under `key`, or -1. */
function indexOfKey(n: ParseNode, key: string): number {
  const read = n.read;
  for (let i = 0; i < read.length; i += 2) if (read[i] === key) return i + 1;
  return -1;
}

/** The first token read under `key`; undefined when there is none or it was inserted in recovery. */
export function tok<R extends RuleName>(n: ParseNode<R>, key: TokenKey<R>): IToken | undefined {
  const i = indexOfKey(n, key);
  if (i < 0) return undefined;
  const t = n.read[i] as IToken;
  return t.isInsertedInRecovery ? undefined : t;
}

/** The first token read under `key`, even one inserted in recovery. */
export function anyTok<R extends RuleName>(n: ParseNode<R>, key: TokenKey<R>): IToken | undefined {
  const i = indexOfKey(n, key);
  return i < 0 ? undefined : (n.read[i] as IToken);
}

/** Every token read under `key` that is really in the text, in order. */
export function toks<R extends RuleName>(n: ParseNode<R>, key: TokenKey<R>): IToken[] {
  const out: IToken[] = [];
  const read = n.read;
  for (let i = 0; i < read.length; i += 2) {
    const t = read[i + 1] as IToken;
    if (read[i] === key && !t.isInsertedInRecovery) out.push(t);
  }
  return out;
}

/** The first sub-rule named `name` (in `role`, when given). */
export function kid<R extends RuleName, C extends ChildRule<R>>(n: ParseNode<R>, name: C, role?: Role<R>): NodeOf<C> | undefined {
  for (const k of n.kids) if (k.name === name && (role === undefined || k.role === role)) return k as NodeOf<C>;
  return undefined;
}

/** Every sub-rule named `name`, in order. */
export function kids<R extends RuleName, C extends ChildRule<R>>(n: ParseNode<R>, name: C): NodeOf<C>[] {
  const out: NodeOf<C>[] = [];
  for (const k of n.kids) if (k.name === name) out.push(k as NodeOf<C>);
  return out;
}

/** The sub-rule of `n` that read the first real token (a `declaration` holds one). */
export function firstKid<R extends RuleName>(n: ParseNode<R>): NodeOf<ChildRule<R>> | undefined {
  let first: ParseNode | undefined;
  for (const k of n.kids) if (valid(k) && (!first || k.s < first.s)) first = k;
  // Every sub-rule a node records is one its rule calls (shapes.ts, checked against the grammar).
  return first as NodeOf<ChildRule<R>> | undefined;
}
