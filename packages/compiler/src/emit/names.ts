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

export class Names {
  private readonly taken = new Set<string>(RESERVED);

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
    let name = b;
    for (let k = 2; this.taken.has(name); k++) name = `${b}_${k}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}
