import { describe, expect, it } from 'vitest';
import { isLiteratePath, isPolicyPath, literatePolicyText, polBlocks } from './literate.ts';

const contents = (md: string) => polBlocks(md).map((b) => md.slice(b.start, b.end));

describe('fenced pol blocks', () => {
  it('finds backtick and tilde fences with `pol` as the first word of the info string', () => {
    const md = 'intro\n```pol\nconst A = 1\n```\ntext\n~~~ pol title\nconst B = 2\n~~~\n```polish\nno\n```\n';
    expect(contents(md)).toEqual(['const A = 1\n', 'const B = 2\n']);
  });

  it('tracks other fences, so a ```pol line inside a ```text block is text', () => {
    const md = '````text\n```pol\nconst X = 1\n```\n````\n```pol\nconst Y = 2\n```\n';
    expect(contents(md)).toEqual(['const Y = 2\n']);
  });

  it('closes only on the same character, at least as long, with nothing after it', () => {
    const md = '````pol\nconst A = 1\n```\n~~~~\n```` x\n`````  \nafter\n';
    expect(contents(md)).toEqual(['const A = 1\n```\n~~~~\n```` x\n']);
    expect(polBlocks(md)[0]!.closed).toBe(true);
  });

  it('indented up to three spaces is a fence, four is indented code; the indent is recorded', () => {
    expect(polBlocks('   ```pol\nconst A = 1\n   ```\n')[0]).toMatchObject({ indent: 3, closed: true });
    expect(polBlocks('    ```pol\nconst A = 1\n    ```\n')).toEqual([]);
  });

  it('an unclosed block runs to the end of the file; a backtick in the info string is inline code', () => {
    expect(polBlocks('```pol\nconst A = 1')[0]).toMatchObject({ closed: false, end: 'const A = 1'.length + 7 });
    expect(polBlocks('``` pol` and more\n')).toEqual([]);
  });

  it('keeps CRLF and CR line breaks and the length: offsets, lines and columns are the Markdown file', () => {
    const md = '# T\r\n\r\n```pol\r\nconst A = 1\r\n```\r\nprose é 𝒜\rmore\n';
    const pol = literatePolicyText(md);
    expect(pol.length).toBe(md.length);
    expect(pol.replace(/[^\r\n]/g, '.').replace(/\./g, '')).toBe(md.replace(/[^\r\n]/g, ''));
    expect(pol.slice(md.indexOf('const'), md.indexOf('const') + 11)).toBe('const A = 1');
    expect(pol.replace(/const A = 1/, '').trim()).toBe('');
  });

  it('a byte order mark does not hide a fence on the first line', () => {
    expect(contents('\ufeff```pol\nconst A = 1\n```\n')).toEqual(['const A = 1\n']);
  });

  it('knows policy paths', () => {
    expect(isLiteratePath('a/veu.pol.md')).toBe(true);
    expect(isLiteratePath('README.md')).toBe(false);
    expect(isPolicyPath('x.pol') && isPolicyPath('x.pol.md') && !isPolicyPath('x.md')).toBe(true);
  });
});
