// ---- suggestions for misspelt enum members ----
// The same search as core's checker/suggest.ts, written again on purpose: generated modules import
// nothing, and the interpreter shares no helper with them (the differential tests compare both).

/** Codes people write that are not ISO 3166-1 alpha-2, and the code they mean. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** The members in lower case, once per member list (the lists are the module's frozen constants). */
const LOWER = new WeakMap<readonly string[], readonly string[]>();

export function suggest(name: string, candidates: readonly string[]): string | undefined {
  const alias = Object.prototype.hasOwnProperty.call(COUNTRY_ALIASES, name) ? COUNTRY_ALIASES[name] : undefined;
  if (alias !== undefined && candidates.includes(alias)) return alias;
  let lowered = LOWER.get(candidates);
  if (lowered === undefined) {
    lowered = candidates.map((c) => c.toLowerCase());
    LOWER.set(candidates, lowered);
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  // a code of one or two letters is one letter away from most others (XX from AX): only another case, or an alias
  const limit = name.length <= 2 ? 0.5 : Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c === name) continue;
    const d = lowered[k] === lower ? 0.5 : distance(name, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** The distance table, reused: one flat array, grown when a longer pair comes (validate bounds the lengths). */
let TABLE = new Int32Array(256);

/** Optimal string alignment distance (Levenshtein with adjacent transpositions); Infinity beyond 3 in length. */
export function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const w = b.length + 1;
  const size = (a.length + 1) * w;
  if (TABLE.length < size) TABLE = new Int32Array(size * 2);
  const d = TABLE;
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const up = d[(i - 1) * w + j]! + 1;
      const left = d[i * w + j - 1]! + 1;
      const diag = d[(i - 1) * w + j - 1]! + (ai === bj ? 0 : 1);
      let v = up < left ? up : left;
      if (diag < v) v = diag;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const t = d[(i - 2) * w + j - 2]! + 1;
        if (t < v) v = t;
      }
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length]!;
}
