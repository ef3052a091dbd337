import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
});
