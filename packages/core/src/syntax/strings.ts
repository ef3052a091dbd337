/** Decodes a string literal's escapes: \" \\ \n \t \u{hex}. Unknown escapes keep the character. */
export function decodeString(image: string): string {
  const body = image.startsWith('"') ? image.slice(1, image.endsWith('"') && image.length > 1 ? -1 : undefined) : image;
  return body.replace(/\\(u\{([0-9A-Fa-f]{1,6})\}|.)/g, (_m, esc: string, hex: string | undefined) => {
    if (hex !== undefined) {
      const cp = parseInt(hex, 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    }
    switch (esc) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      default:
        return esc;
    }
  });
}

/** The literal that decodes back to `value`. */
export function encodeString(value: string): string {
  return (
    '"' +
    value.replace(/[\\"\n\t\r\u2028\u2029]/g, (c) => {
      switch (c) {
        case '\n':
          return '\\n';
        case '\t':
          return '\\t';
        case '\\':
          return '\\\\';
        case '"':
          return '\\"';
        default:
          return `\\u{${c.charCodeAt(0).toString(16)}}`;
      }
    }) +
    '"'
  );
}
