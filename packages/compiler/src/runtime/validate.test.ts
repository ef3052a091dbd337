import { expect, test } from 'vitest';
import { check, enumType, record, type InputError, type VType } from './validate.ts';
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

function run(json: unknown): { value: unknown; errors: InputError[] } {
  const errors: InputError[] = [];
  const value = check(T, json, '', errors);
  return { value, errors };
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
