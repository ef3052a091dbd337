/** The one use of Node's Buffer in the compiler (a UTF-8 length), for the browser bundle. */
export const Buffer = { byteLength: (s: string) => new TextEncoder().encode(s).length };
