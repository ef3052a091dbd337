import { expect, test } from 'vitest';
import { checkValue, enumType, jsonOf, record, type InputError, type ValidateOptions, type VType } from './validate.ts';
import { suggest } from './suggest.ts';
import { PolRational } from './numbers.ts';

const COLOUR = enumType('Colour', ['red', 'green', 'blue']);
const T: VType = record([
  ['when', { k: 'date' }, 'Date'],
  ['qty', { k: 'number', unit: 'kg' }, 'kg'],
  ['colour', COLOUR, 'Colour'],
  ['note', { k: 'optional', inner: { k: 'bool' } }, 'optional Boolean'],
  ['items', { k: 'list', element: record([['n', { k: 'number', unit: null }, 'Number']]) }, 'list of { n: Number }'],
]);

function run(json: unknown, options?: ValidateOptions): { value: unknown; errors: InputError[] } {
  return checkValue(T, json, options);
}

test('a valid value: numbers exact, absent optionals null, records with the shared prototype', () => {
  const { value, errors } = run({ when: '2024-02-29', qty: '19.4', colour: 'red', items: [{ n: 3 }] });
  expect(errors).toEqual([]);
  const v = value as Record<string, unknown>;
  expect(v['qty']).toEqual(new PolRational(97n, 5n));
  expect(v['note']).toBeNull();
  expect(Object.getPrototypeOf(Object.getPrototypeOf(v))).toBeNull();
  expect(Object.isFrozen(Object.getPrototypeOf(v))).toBe(true);
});

test('every error with its path, in field order', () => {
  const { errors } = run({ when: '2023-02-29', qty: -1, colour: 'gren', note: 1, items: [{ n: 'x' }, 5], extra: true });
  expect(errors).toEqual([
    { path: 'when', message: '"2023-02-29" is not a calendar date' },
    { path: 'qty', message: 'a quantity in kg cannot be negative, found -1' },
    { path: 'colour', message: '"gren" is not a Colour; did you mean "green"?' },
    { path: 'note', message: 'expected true or false, found 1' },
    { path: 'items[0].n', message: 'expected a number, found the text "x"' },
    { path: 'items[1]', message: 'expected an object with n, found 5' },
    { path: 'extra', message: 'unknown field `extra`' },
  ]);
  expect(run({ qty: 1, colour: 'red', when: '2024-01-01' }).errors).toEqual([{ path: 'items', message: 'missing: expected list of { n: Number }' }]);
  expect(run(null).errors[0]!.message).toBe('expected an object with when, qty, colour, note, items, found null');
  expect(run({ when: '2024-01-01', qty: '1e2000', colour: 'red', items: [] }).errors[0]!.message).toContain('exponent beyond');
});

test('suggestions: near misses, case, and country aliases', () => {
  expect(suggest('UK', ['GB', 'US'])).toBe('GB');
  expect(suggest('us', ['GB', 'US'])).toBe('US');
  expect(suggest('Germny', ['Germany', 'France'])).toBe('Germany');
  expect(suggest('xyz', ['Germany', 'France'])).toBeUndefined();
});

const ok = (items: unknown[]): unknown => ({ when: '2024-01-01', qty: 1, colour: 'red', items });

test('errors are capped: maxErrors listed, then "and N more"', () => {
  const items = Array.from({ length: 40_000 }, () => ({ n: 'x' }));
  const { errors } = run(ok(items));
  expect(errors).toHaveLength(101);
  expect(errors[99]!.path).toBe('items[99].n');
  expect(errors[100]).toEqual({ path: '', message: 'and 39900 more errors (at most 100 are listed; see maxErrors)', code: 'input/more-errors' });
  expect(run(ok(items), { maxErrors: 3 }).errors.map((e) => e.path)).toEqual(['items[0].n', 'items[1].n', 'items[2].n', '']);
  expect(run(ok(items), { maxErrors: Infinity }).errors).toHaveLength(40_000);
});

test('long strings are refused unread; suggestions only for short ones', () => {
  const big = 'A'.repeat(5000);
  expect(run({ when: '2024-01-01', qty: big, colour: 'red', items: [] }).errors[0]!.message).toBe('a text of 5,000 characters, longer than the 4,096 this input takes (maxStringLength)');
  expect(run({ when: '2024-01-01', qty: 1, colour: 'gren', items: [] }, { maxSuggestLength: 3 }).errors[0]!.message).toBe('"gren" is not a Colour');
  expect(run({ when: '2024-01-01', qty: 1, colour: 'gren'.repeat(100), items: [] }).errors[0]!.message).toMatch(/is not a Colour$/);
  expect(run({ when: '2024-01-01', qty: '1'.repeat(20), colour: 'red', items: [] }, { maxDigits: 10 }).errors[0]!.message).toContain('has more than 10 digits');
  // the digits bound cannot be raised past what Pol holds
  expect(run({ when: '2024-01-01', qty: '1'.repeat(1001), colour: 'red', items: [] }, { maxDigits: 5000 }).errors[0]!.message).toContain('more than 1,000 digits, which Pol does not hold');
});

test('sparse lists, throwing getters and proxies are refused with their path', () => {
  const holes = [{ n: 1 }, , { n: 2 }];
  expect(run(ok(holes)).errors).toEqual([{ path: 'items', message: 'this list has 1 missing element (the first at [1]); a list cannot have holes' }]);
  expect(run(ok(new Array(1e9))).errors[0]!.message).toContain('1000000000 missing elements (the first at [0])');
  const getter = { get n(): number { throw new Error('boom'); } };
  expect(run(ok([getter])).errors).toEqual([{ path: 'items[0].n', message: 'reading this value threw ("boom"); validate takes plain data such as parsed JSON' }]);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  expect(run(ok([proxy])).errors[0]!.path).toBe('items[0]');
  const trap = new Proxy([1], { get() { throw 7; } });
  expect(run(ok(trap as unknown[])).errors[0]!.message).toContain('threw (number)');
});

test('the validated value is plain data: JSON round-trips to an equal value', () => {
  const { value, errors } = run({ when: '2024-02-29', qty: '19.4', colour: 'red', items: [{ n: '123456789012345678901234567890.5' }, { n: -0 }] });
  expect(errors).toEqual([]);
  const text = JSON.stringify(value);
  expect(text).toBe('{"when":"2024-02-29","qty":19.4,"colour":"red","note":null,"items":[{"n":"123456789012345678901234567890.5"},{"n":0}]}');
  expect(checkValue(T, JSON.parse(text))).toEqual({ value, errors: [] });
});

test('jsonOf: the JSON form, absent optionals left out, validating back to the same value', () => {
  const { value } = run({ when: '2024-02-29', qty: '0.1', colour: 'red', items: [{ n: '123456789012345678901234567890.5' }] });
  const json = jsonOf(T, value);
  expect(JSON.parse(JSON.stringify(json))).toEqual({ when: '2024-02-29', qty: 0.1, colour: 'red', items: [{ n: '123456789012345678901234567890.5' }] });
  expect(checkValue(T, json).value).toEqual(value);
});
