/**
 * Identifiers of the generated module. Names come from the policy (`shipment_tpp`, `Tier3`,
 * `Country`, `Holding`), sanitised to [A-Za-z0-9_], and every one is taken from one registry, so
 * none equals a JavaScript reserved word, a global the module uses, a runtime helper, a fixed name
 * of the module (`evaluate`, `V_INPUT`...) or another generated name: the second `x` is `x_2`.
 */

/** Reserved words (ES strict mode and TypeScript type positions) and globals the module reads. */
const RESERVED = [
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'async', 'of', 'get', 'set',
  'arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'globalThis', 'any', 'unknown', 'never', 'number', 'string',
  'boolean', 'bigint', 'symbol', 'object', 'type', 'declare', 'namespace', 'module', 'readonly', 'keyof', 'infer', 'is',
  'as', 'satisfies', 'abstract', 'asserts', 'constructor', 'require', 'exports', 'Object', 'Array', 'Set', 'Map',
  'Number', 'String', 'Boolean', 'BigInt', 'Symbol', 'Math', 'JSON', 'Error', 'Date', 'RegExp', 'Record', 'Readonly',
  'ReadonlySet', 'ReadonlyMap', 'ReadonlyArray', 'Partial', 'Promise', 'Function', 'Reflect', 'Proxy', 'WeakMap',
  'console', 'process', 'window', 'self', 'Extract', 'Exclude', 'Pick', 'Omit',
];

const SAFE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Prefixes of names derived from one taken name (`applies_` + `uveu`): no taken name starts with
 * one, and none is a prefix of another, so derived names need no registry lookup (a policy of
 * 10,000 rules derives about ten per rule).
 */
export const DERIVED = ['STEP_', 'INFO_', 'applies_', 'resolve_', 'explain_', 'FALSE_', 'NOT_IN_EFFECT_', 'OVERRIDDEN_', 'ALTERNATIVES_TO_', 'EXCEPTIONS_OF_'] as const;
export type Derived = (typeof DERIVED)[number];

export class Names {
  private readonly taken = new Set<string>(RESERVED);

  private readonly bases = new Set<string>();

  /**
   * A base for derived names (a rule's name): sanitised and unique among bases only, since derived
   * names live apart from every other name (`applies_delete` is fine, `delete` alone is not).
   */
  base(name: string): string {
    const b = name.replace(/[^A-Za-z0-9_]/g, '_');
    let n = b;
    for (let k = 2; this.bases.has(n); k++) n = `${b}_${k}`;
    this.bases.add(n);
    return n;
  }

  /** `prefix` + a name `base` gave: unique, and never equal to a taken name. */
  derived(prefix: Derived, base: string): string {
    return prefix + base;
  }

  /** Claims fixed names (the runtime's, the module's own) before any policy name is given out. */
  reserve(names: Iterable<string>): void {
    for (const n of names) this.taken.add(n);
  }

  /** A fresh identifier from a policy name: sanitised, then `_2`, `_3`... until unused. */
  take(base: string): string {
    let b = base;
    if (!SAFE.test(b)) {
      b = b.replace(/[^A-Za-z0-9_]/g, '_');
      if (!SAFE.test(b)) b = `_${b}`;
    }
    for (const d of DERIVED) if (b.startsWith(d)) b = `_${b}`;
    let name = b;
    for (let k = 2; this.taken.has(name); k++) name = `${b}_${k}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}
