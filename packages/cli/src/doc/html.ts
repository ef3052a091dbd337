/**
 * HTML built from policy text that must never become markup: every interpolated value is escaped
 * (`<`, `&`, quotes), and control and bidirectional-override characters are shown as visible
 * `\u{..}` escapes (core's `visible`), so a title cannot close a tag, start a script or reorder
 * the line a reviewer reads. Markup is a branded type: only `html` and `raw` make it, so a plain
 * string always goes through the escape.
 */
import { visible } from '@pol/core';

const BRAND: unique symbol = Symbol('html');

export interface Html {
  readonly [BRAND]: true;
  readonly text: string;
}

const make = (text: string): Html => ({ [BRAND]: true, text });

export type Part = Html | string | number | undefined | false | null | readonly Part[];

export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (typeof part === 'string') return escapeHtml(part);
  if (typeof part === 'number') return String(part);
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return (part as Html).text;
}

/** A template whose literal parts are markup and whose values are text (escaped). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return make(out);
}

/** Markup this module's callers wrote themselves (a stylesheet, a constant fragment); never policy text. */
export function raw(markup: string): Html {
  return make(markup);
}

export function join(parts: readonly Part[], separator: Part = ''): Html {
  return make(parts.map(render).join(render(separator)));
}

export function toText(part: Part): string {
  return render(part);
}

/** An id for an anchor from a policy name: letters, digits, `-` and `_` only (names are identifiers already). */
export function anchor(kind: string, name: string): string {
  return `${kind}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
