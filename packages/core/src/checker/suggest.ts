/** Codes people write that are not ISO 3166-1 alpha-2, and the code they mean. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/**
 * "did you mean" from a fuzzy match over the names in scope (Damerau-Levenshtein distance).
 * `codes`: the candidates are codes (an enum's members, such as country codes), where a value of
 * one or two letters is one letter away from most others of its length (XX from AX): only the
 * same letters in another case, or a known alias, are suggested for it.
 */
export function suggest(name: string, candidates: Iterable<string>, codes = false): string | undefined {
  const alias = Object.prototype.hasOwnProperty.call(COUNTRY_ALIASES, name) ? COUNTRY_ALIASES[name] : undefined;
  const list = [...candidates];
  if (alias && list.includes(alias)) return alias;
  candidates = list;
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = codes && name.length <= 2 ? 0.5 : Math.max(1, Math.floor(name.length / 3));
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : distance(name, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
