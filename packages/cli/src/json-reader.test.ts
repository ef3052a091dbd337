import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../../../test/support/fc-config.ts';
import { JsonSyntaxError, readJson, readJsonFast } from './json-reader.ts';

function outcome(f: (t: string) => unknown, text: string): unknown {
  try {
    return { ok: f(text) };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { error: e.message, offset: e.offset };
    throw e;
  }
}

describe('the JSON reader', () => {
  it('refuses a key given twice, naming it and its path', () => {
    expect(() => readJson('{"item":{"tpp":5000,"tpp":1}}')).toThrow('the field `item.tpp` is given twice');
    expect(() => readJsonFast('{"item":{"tpp":5000,"tpp":1}}')).toThrow('the field `item.tpp` is given twice');
    expect(() => readJsonFast('{"a" :1,"a" :2,"b":"\\":"}')).toThrow('`a` is given twice');
  });
  it('keeps numbers a double cannot hold as their exact text, with a warning', () => {
    const r = readJsonFast('{"n": 99999999999999999999999999, "m": 0.1, "k": "123456789012345678"}');
    expect(r.value).toEqual({ n: '99999999999999999999999999', m: 0.1, k: '123456789012345678' });
    expect(r.warnings.map((w) => w.path)).toEqual(['n']);
  });
  it('the fast path agrees with the exact reader on random JSON, duplicates and numbers', () => {
    const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.bigInt().map(String), fc.constantFrom('1e26', '1E400', '-0', '9007199254740993', '0.30000000000000004', '1.5e-7'));
    const dupObject = fc.tuple(fc.string({ maxLength: 3 }), number, number).map(([k, a, b]) => `{${JSON.stringify(k)}:${a}, ${JSON.stringify(k)} : ${b}}`);
    const text = fc.oneof(
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
      dupObject,
      fc.tuple(fc.json(), fc.integer({ min: 0, max: 40 }), fc.constantFrom(',', '}', '"', '\\', ':', ' ', '1e9', '[')).map(([j, at, c]) => j.slice(0, at) + c + j.slice(at)),
      fc.array(number, { maxLength: 5 }).map((ns) => `[${ns.join(',')}]`),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(outcome(readJsonFast, t)).toEqual(outcome(readJson, t));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });
  it('the quick proof (one key per colon, numbers as fields) agrees with the exact reader', () => {
    // the cases it must hand on: colons in strings, keys given twice (also inside a dropped
    // value, or spelt with escapes), integer-like keys (JSON.parse orders them first), numbers in
    // arrays, numbers a double does not keep written as fields, with or without spaces after the colon
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
      // integers of 14 to 18 digits, around where a double stops holding every one
      fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).filter((n) => n >= 10n ** 13n || n <= -(10n ** 13n)).map(String),
      fc.constantFrom('1e26', '1E+26', '1e400', '-1e-400', '1.5e-7', '1e-323', '1.2e-323', '-0', '0.0', '9007199254740993', '1.00000000000000001', '0.30000000000000004', '4800.000000000000000001', '1.50e3', '123456789012345.6', '999999999999999e280', '1e-280', '1e281', '0.00000000000001e-280', '5e-324'),
    );
    // escapes too: \u0061 is the key a, \u003a a colon the text does not show
    const key = fc.constantFrom('a', 'b', 'tpp', '1', '10', 'x:y', '__proto__', '\\u0061', 'q\\"');
    const str = fc.constantFrom('"US"', '"2025-05-15"', '"a:b"', '":"', '""', '"1e400"', '"x\\":1e400"', '"\\u003a"');
    const space = fc.constantFrom('', ' ', '\n', ' \t ');
    const tree = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        number,
        str,
        fc.constantFrom('true', 'null'),
        fc.array(fc.tuple(key, space, space, tie('value')), { maxLength: 5 }).map((ms) => `{${ms.map(([k, a, b, v]) => `"${k}"${a}:${b}${v}`).join(',')}}`),
        // keys all different, so that the quick proof is the one that answers
        fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 5, selector: ([k]) => k }).map((ms) => `{${ms.map(([k, v]) => `"${k}":${v}`).join(',')}}`),
        fc.array(tie('value'), { maxLength: 3 }).map((vs) => `[${vs.join(',')}]`),
      ),
    })).value;
    fc.assert(
      fc.property(tree, (t) => {
        expect(outcome(readJsonFast, t)).toEqual(outcome(readJson, t));
      }),
      fcParams(3000),
    );
  });
});
