import { expect, test } from 'vitest';
import { prune } from './prune.ts';

test('unused private declarations go, transitively; exported and used ones stay', () => {
  const text = [
    '// header',
    '',
    '/** helper of unused */',
    'function helper(): number {',
    '  return 1;',
    '}',
    '',
    'function unused(): number {',
    "  return helper(); // 'kept' in a comment or \"kept\" in a string is no use",
    '}',
    '',
    'function kept(): number {',
    '  return 2;',
    '}',
    '',
    'let D0$: number | undefined;',
    '',
    'export function api(_y: number): number {',
    '  D0$ = undefined;',
    '  return kept();',
    '}',
    '',
    'function rule($x: string[] | undefined): boolean {',
    '  return true;',
    '}',
    'export const R = rule;',
  ].join('\n');
  const out = prune(text);
  expect(out).not.toContain('helper');
  expect(out).not.toContain('unused');
  expect(out).not.toContain('D0$');
  expect(out).toContain('function kept()');
  expect(out).toContain('function rule(_$x: string[] | undefined)');
  expect(out.startsWith('// header\n')).toBe(true);
});
