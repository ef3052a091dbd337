import { expect, test } from 'vitest';
import { citationsOf, path, sameDecision, step, why, withAlternative } from './results.ts';

test('steps and explain entries are frozen; citations keep first-seen order without repeats', () => {
  const a = step('r', 'rule', null, ['A', 'B'], 'p.pol', 3);
  const b = step('x', 'exception', 'T', ['B', 'C'], 'p.pol', 5);
  expect(Object.isFrozen(a) && Object.isFrozen(a.cites)).toBe(true);
  expect(citationsOf(path(a, b))).toEqual(['A', 'B', 'C']);
  expect(Object.isFrozen(why('x', 'exception', 'overridden', null, 'p.pol', 5))).toBe(true);
});

test('an alternative has the winner outcome, differs from it, and is listed once', () => {
  interface D {
    readonly outcome: string;
    readonly by: string;
  }
  const F = ['by'];
  const d = (outcome: string, by: string): D => ({ outcome, by });
  const win = d('ok', 'A');
  const other = d('ok', 'B');
  const none: readonly D[] = [];
  expect(sameDecision(win, d('ok', 'A'), F)).toBe(true);
  expect(withAlternative(none, win, d('no', 'B'), F)).toBe(none);
  expect(withAlternative(none, win, d('ok', 'A'), F)).toBe(none);
  const one = withAlternative(none, win, other, F);
  expect(one).toEqual([other]);
  expect(withAlternative(one, win, d('ok', 'B'), F)).toBe(one);
});
