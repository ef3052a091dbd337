import { expect, test } from 'vitest';
import { code } from './code.ts';

test('dedents the template and indents multi-line values like their line', () => {
  const body = ['a();', 'if (x) {\n  b();\n}'];
  const out = code`
    function f() {
      ${body}
      return ${1};
    }
  `;
  expect(out).toBe('function f() {\n  a();\n  if (x) {\n    b();\n  }\n  return 1;\n}');
});

test('keeps backquotes, dollars and backslashes of the template as written', () => {
  expect(code`const s = \`\${x}\\n\`;`).toBe('const s = `${x}\\n`;');
});

test('empty lines in values get no trailing indentation', () => {
  expect(code`
    {
      ${'a\n\nb'}
    }`).toBe('{\n  a\n\n  b\n}');
});
