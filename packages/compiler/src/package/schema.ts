/**
 * JSON Schemas (draft 2020-12) of a policy's input and of the module's result. The input schema
 * accepts exactly the JSON values whose shape `validate` accepts (test/package checks it with ajv on
 * the property-test generators' inputs); a policy's `require` conditions are not in it, since JSON
 * Schema cannot say them: `validate` checks them after the shape.
 */
import * as I from '@pol/core/ir';

export type Schema = { readonly [key: string]: unknown };

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * A number as decimal text, as the module's parseNumber reads it: at most 1,000 digits (a point
 * between digits does not count) and an exponent within ±1000, leading zeros allowed in both.
 */
const MANTISSA = String.raw`(?:\d{1,1000}|(?=[\d.]{3,1001}(?:[eE]|$))\d+\.\d+)`;
const EXPONENT = String.raw`(?:[eE][+-]?0*(?:\d{1,3}|1000))?`;
const DECIMAL = `^-?${MANTISSA}${EXPONENT}$`;
/** ... and not negative (a unit-typed quantity): no sign, or a zero with a sign (-0 is 0) */
const NON_NEGATIVE = `^(?:${MANTISSA}|-0+(?:\\.0+)?)${EXPONENT}$`;

/** A calendar date YYYY-MM-DD (leap years as the Gregorian calendar has them, year 0000 included). */
const DATE =
  String.raw`^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))` +
  String.raw`|(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$`;

class SchemaWriter {
  readonly defs: Record<string, Schema> = {};

  constructor(private readonly p: I.Program) {}

  type(t: I.Type): Schema {
    switch (t.kind) {
      case 'bool':
        return { type: 'boolean' };
      case 'number': {
        const unit = t.unit === null ? {} : { description: `a quantity in ${t.unit}, not negative` };
        return {
          ...unit,
          anyOf: [
            t.unit === null ? { type: 'number' } : { type: 'number', minimum: 0 },
            { type: 'string', pattern: t.unit === null ? DECIMAL : NON_NEGATIVE },
          ],
        };
      }
      case 'date':
        return { type: 'string', pattern: DATE, description: 'a calendar date, YYYY-MM-DD' };
      case 'id':
        return { type: 'string', minLength: 1, description: 'an identifier (it keys a ledger)' };
      case 'enum': {
        const e = this.p.enums.find((x) => x.name === t.name);
        if (!(t.name in this.defs)) this.defs[t.name] = { title: t.name, enum: [...(e?.members ?? [])] };
        return { $ref: `#/$defs/${encodeURIComponent(t.name)}` };
      }
      case 'list':
        return { type: 'array', items: this.type(t.element) };
      case 'optional':
        return { anyOf: [{ type: 'null' }, this.type(t.inner)] };
      case 'record': {
        if (t.name !== undefined && this.p.records.has(t.name)) {
          if (!(t.name in this.defs)) {
            this.defs[t.name] = {};
            this.defs[t.name] = { title: t.name, ...this.record(t) };
          }
          return { $ref: `#/$defs/${encodeURIComponent(t.name)}` };
        }
        return this.record(t);
      }
      case 'set':
      case 'error':
        throw new Error(`values of type ${I.typeToString(t)} cannot be input`);
    }
  }

  private record(t: Extract<I.Type, { kind: 'record' }>): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const [f, ft] of t.fields) {
      // defineProperty: a field named __proto__ is a key like any other
      Object.defineProperty(properties, f, { value: { description: I.typeToString(ft), ...this.type(ft) }, enumerable: true, writable: true, configurable: true });
      if (ft.kind !== 'optional') required.push(f);
    }
    return { type: 'object', properties, required, additionalProperties: false };
  }
}

export function inputSchema(p: I.Program, id?: string): Schema {
  const w = new SchemaWriter(p);
  const root = w.type(p.input.type);
  return {
    $schema: DRAFT,
    ...(id === undefined ? {} : { $id: id }),
    title: `${p.input.name}: the input of ${p.name}${p.version === undefined ? '' : ` (version ${p.version})`}`,
    description:
      'What validate accepts, as JSON. Numbers are JSON numbers or exact decimal text (at most 1,000 digits, exponent within ±1000). ' +
      (p.requires.length > 0 ? `The policy's ${p.requires.length} \`require\` condition(s) are checked by validate after this shape and are not in the schema.` : 'The policy has no `require` conditions.'),
    ...root,
    $defs: w.defs,
  };
}

/** The result `evaluate` returns, as JSON (JSON.stringify of it). */
export function decisionSchema(p: I.Program, id?: string): Schema {
  const w = new SchemaWriter(p);
  const numberJson = { anyOf: [{ type: 'number' }, { type: 'string', pattern: String.raw`^-?\d+(?:\.\d+|/\d+)?$` }], description: 'an exact number: a JSON number when exact, else decimal text, else "n/d"' };
  const field = (t: I.Type): Schema => {
    switch (t.kind) {
      case 'number':
        return numberJson;
      case 'optional':
        return { anyOf: [{ type: 'null' }, field(t.inner)] };
      case 'enum':
      case 'bool':
      case 'date':
      case 'id':
        return w.type(t);
      default:
        return {};
    }
  };
  const outcomes = p.decision.variants.map((v) => {
    const properties: Record<string, Schema> = { outcome: { const: v.name } };
    for (const f of p.decision.fields) {
      const param = v.params.find((x) => x.name === f);
      Object.defineProperty(properties, f, { value: param ? field(param.type) : { type: 'null' }, enumerable: true, writable: true, configurable: true });
    }
    return { title: v.name, type: 'object', properties, required: ['outcome', ...p.decision.fields], additionalProperties: false };
  });
  const strings = { type: 'array', items: { type: 'string' } };
  const ledgers = p.ledgers.length > 0;
  const postings = {
    type: 'array',
    items: {
      type: 'object',
      properties: { ledger: { enum: p.ledgers.map((l) => l.name) }, key: strings, before: numberJson, amount: numberJson, after: numberJson },
      required: ['ledger', 'key', 'before', 'amount', 'after'],
      additionalProperties: false,
    },
  };
  const site = { file: { type: 'string' }, line: { type: 'integer', minimum: 1 } };
  return {
    $schema: DRAFT,
    ...(id === undefined ? {} : { $id: id }),
    title: `The result of ${p.name}${p.version === undefined ? '' : ` (version ${p.version})`}`,
    type: 'object',
    properties: {
      decision: { $ref: '#/$defs/_decision' },
      alternatives: { type: 'array', items: { $ref: '#/$defs/_decision' } },
      obligations: strings,
      citations: strings,
      decided_by: { type: 'string' },
      trace: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, kind: { enum: ['rule', 'exception', 'otherwise'] }, title: { type: ['string', 'null'] }, cites: strings, ...site },
          required: ['id', 'kind', 'title', 'cites', 'file', 'line'],
          additionalProperties: false,
        },
      },
      explain: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, kind: { enum: ['rule', 'exception'] }, status: { enum: ['not-in-effect', 'condition-false', 'overridden'] }, failed: { type: ['string', 'null'] }, ...site },
          required: ['id', 'kind', 'status', 'failed', 'file', 'line'],
          additionalProperties: false,
        },
      },
      policy: {
        type: 'object',
        properties: { name: { const: p.name }, version: { const: p.version ?? null }, sourceHash: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        required: ['name', 'version', 'sourceHash'],
        additionalProperties: false,
      },
      ...(ledgers ? { postings } : {}),
    },
    // alternatives only when asked for (evaluate's `alternatives` or `explain` option); postings
    // on every result of a policy with ledgers (docs/ledger.md)
    required: ['decision', 'obligations', 'citations', 'decided_by', 'trace', 'policy', ...(ledgers ? ['postings'] : [])],
    additionalProperties: false,
    $defs: { ...w.defs, _decision: { title: p.decision.name, oneOf: outcomes } },
  };
}
