/**
 * Text from a policy or an input shown on a terminal: control characters (ANSI escape sequences,
 * carriage returns, NUL, C1 controls) and bidirectional overrides could rewrite what the reader
 * sees (a failing example printed as "✓ pass", a line reordered), so each is shown as a visible
 * `\u{..}` escape instead. Line breaks are kept; tabs too.
 */
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
