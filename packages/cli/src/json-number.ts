/**
 * Whether a JSON number's text is exactly the decimal its double means, without printing the
 * double. Pol takes a JS number to mean the decimal `String(x)` prints (core's `Rational.fromNumber`,
 * the compiled module's `numberOfDouble`): its shortest round-trip form. So the text T of a
 * number is exact when T and S = String(Number(T)) are the same decimal. Printing S for every
 * 16-17 digit number cost the JSON reader a tenth of JSON.parse's time on the benchmark's lines,
 * and T is usually S already; this decides it with one pass over T and a few dozen operations on
 * doubles, and answers false (not proved) whenever it is unsure.
 *
 * Terms. T = m·10^q with m an integer of t significant digits (no trailing zero), r = m mod 10 its
 * last digit, g = 10^q the place of that digit; d a double, I(d) the reals that round to d
 * (nearest, ties to even): within [d - hd, d + h], h half the gap to the next double up, hd half
 * the gap down (h/2 at a power of two, else h). S is, by ECMA-262 Number::toString, a decimal in
 * I(d) with the fewest digits k, and among those the closest to d (V8 follows that note; the
 * property test compares with `String` itself).
 *
 * (A) T strictly inside [d - hd, d + h]: T reads as d, whatever the boundaries do.
 * t <= 15 and d normal (sure without d when 10^-307 <= |T| < 10^308, i.e. -307 <= q <= 293): I(d) holds at most one decimal of at most 15 digits (two of them, with the
 *   same leading place 10^L, are at least 10^(L-14) apart; straddling 10^L, at least 10^(L-15);
 *   I(d) is at most |d|·2^-52 < 0.23·10^(L-14) and < 0.23·10^(L-15) wide respectively). T is one,
 *   and S has k <= t digits, so S = T.
 * t >= 16, with (i) T - r·g < d - hd and T + (10-r)·g > d + h (the multiples of 10g nearest to T
 *   lie outside I(d), hence every multiple of 10g does), and (ii) |T - d| < g/2: let c be a
 *   decimal in I(d) with k <= t digits and leading place 10^L' (T's is 10^L). If L' >= L and
 *   k < t, or L' > L, c is a multiple of 10^(L'-k+1) >= 10g: excluded by (i). If L' < L, then
 *   |c| < 10^L <= |T| and 10^L (a multiple of 10g, as t >= 2) is in I(d) between them: excluded.
 *   So S has t digits and place g: a multiple of g in I(d), the closest to d; by (ii) T is the
 *   only multiple of g that close, so S = T.
 *
 * Arithmetic. Everything is scaled by 2^-k, where 10^q' = P·2^k with P in [1, 2): m' = m·10^(q-q')
 * has t' = max(t, 16) digits (padding to 16 keeps every magnitude below in one range). m' = hi + lo
 * exactly: hi the first min(t, 9) digits times a power of ten (below 2^53 once the power's factor
 * 2^j is taken out, so exact), lo the rest (< 10^8). P = ph + pl from a 110-bit floor of 10^q'/2^k
 * (|P - ph - pl| <= 2^-105, |pl| < 2^-52). d' = d·2^-k is exact (a power of two, in two steps so
 * each stays a double) and must lie in [2^49, 2^58] (m'·P is within [10^15, 2^58)), so the gap of
 * doubles around d, scaled, is at least 2^-3 (for a subnormal d more). With twoProd (Dekker) and
 * twoSum (Knuth) exact, δ = T' - d' is the exact sum s2 + f1 + f2 + e1 + e2 + hi·pl + lo·pl up to
 * m'·2^-105 < 2^-48; the terms after s2 are each at most 2^5 in size (|p1|, |d'| < 2^58, |pl| <
 * 2^-52), so summing them rounds by less than 2^-43 (2^-49 more for each product), and the last
 * addition (kept only when |δ| < 64) by 2^-47: |computed δ - δ| < 2^-42. g is ph (error below
 * 2^-52), r·g rounds by 2^-49. Every inequality is checked with a margin MU = 2^-30, far above
 * those errors and far below the quantities compared (h >= 2^-4), so a true answer is proved and a
 * case within the margin is left to the exact reader.
 */

const MU = 2 ** -30;
const Q_MIN = -350;
const Q_MAX = 310;
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

const F = new Float64Array(1);
const W = new Uint32Array(F.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/** 2^n exactly, for -1022 <= n <= 1023 (built from its bits, not by a pow that might round). */
function pow2(n: number): number {
  W[HIGH] = (n + 1023) << 20;
  W[LOW] = 0;
  return F[0]!;
}

const TENS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

// 10^q' for q' in [Q_MIN, Q_MAX], filled on first use: ph + pl = P, K = k, SA·SB = 2^-k.
const SIZE = Q_MAX - Q_MIN + 1;
const PH = new Float64Array(SIZE);
const PL = new Float64Array(SIZE);
const K = new Int32Array(SIZE);
const SA = new Float64Array(SIZE);
const SB = new Float64Array(SIZE);

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

function fill(i: number): void {
  const q = i + Q_MIN;
  // X: 110 bits, floor(10^q / 2^(k-109)); then P = X / 2^109
  let x: bigint;
  let k: number;
  if (q >= 0) {
    const n = 10n ** BigInt(q);
    const b = bitLength(n);
    x = b >= 110 ? n >> BigInt(b - 110) : n << BigInt(110 - b);
    k = b - 1;
  } else {
    const den = 10n ** BigInt(-q);
    const b = bitLength(den);
    // den is not a power of two, so 2^(b+109)/den lies strictly between 2^109 and 2^110
    x = (1n << BigInt(b + 109)) / den;
    k = -b;
  }
  PH[i] = Number(x >> 57n) / 2 ** 52;
  PL[i] = Number(x & ((1n << 57n) - 1n)) / 2 ** 109;
  K[i] = k;
  const a = -k >> 1;
  SA[i] = pow2(a);
  SB[i] = pow2(-k - a);
}

/**
 * True when the JSON number that starts at `start` (it ends where its grammar does) means exactly
 * the decimal `String` prints for the double it reads as; false when that is not proved (then ask
 * `String`). `d` is that double, or a guess at it (the value of another number, say): (A) checks
 * it, and is only needed past the quick cases (at most 15 digits, far from a double's limits).
 */
export function numberTextMeans(text: string, start: number, d: number): boolean {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative) c = text.charCodeAt(++i);
  // One pass over the mantissa: its digits from the first non-zero one, the first 9 in a and the
  // rest in b; n of them, the last non-zero one the t-th; `after` digits behind the point. Past
  // the end of the text charCodeAt is NaN, which ends every loop.
  let a = 0;
  let b = 0;
  let n = 0;
  let t = 0;
  let after = -1;
  for (; ; c = text.charCodeAt(++i)) {
    const v = c - 48;
    if (v >= 0 && v <= 9) {
      if (after >= 0) after++;
      if (n === 0 && v === 0) continue;
      n++;
      if (n <= 9) a = a * 10 + v;
      else b = b * 10 + v;
      if (v !== 0) t = n;
    } else if (c === 46 && after < 0) after = 0;
    else break;
  }
  let exponent = 0;
  if (c === 101 || c === 69) {
    c = text.charCodeAt(++i);
    const sign = c === 45 ? -1 : 1;
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    for (let k = 0; ; k++) {
      const v = c - 48;
      if (!(v >= 0 && v <= 9)) {
        if (k === 0) return false;
        break;
      }
      if (k === 6) return false;
      exponent = exponent * 10 + v;
      c = text.charCodeAt(++i);
    }
    exponent *= sign;
  }
  // zero, however written, is 0, and prints as 0
  if (t === 0) return true;
  if (t > 17 || n > 24) return false;
  // drop the trailing zeros (b < 10^15 holds them exactly, and divides exactly)
  const zeros = n - t;
  if (zeros > 0) {
    if (n - 9 >= zeros) b /= TENS[zeros]!;
    else {
      a /= TENS[zeros - (n > 9 ? n - 9 : 0)]!;
      b = 0;
    }
  }
  const q = exponent + zeros - (after > 0 ? after : 0);
  // at most 15 digits and 10^-307 <= |T| < 10^308: d is normal, and the first case below applies
  if (t <= 15 && q >= -307 && q <= 293) return true;
  const last = t > 9 ? b % 10 : a % 10;
  const wide = t < 16 ? 16 : t;
  const shift = wide - t;
  const hi = a * TENS[wide - (t < 9 ? t : 9)]!;
  const lo = b * TENS[shift]!;
  const qs = q - shift;
  if (qs < Q_MIN || qs > Q_MAX) return false;
  const at = qs - Q_MIN;
  if (PH[at] === 0) fill(at);
  const ph = PH[at]!;
  const pl = PL[at]!;
  if (negative ? !(d < 0) : !(d > 0)) return false;
  const ds = (negative ? -d : d) * SA[at]! * SB[at]!;
  if (!(ds >= 2 ** 49 && ds <= 2 ** 58)) return false;

  // twoProd(hi, ph) = p1 + e1, twoProd(lo, ph) = p2 + e2 (Dekker)
  let u = SPLIT * hi;
  const hiH = u - (u - hi);
  const hiL = hi - hiH;
  u = SPLIT * ph;
  const phH = u - (u - ph);
  const phL = ph - phH;
  u = SPLIT * lo;
  const loH = u - (u - lo);
  const loL = lo - loH;
  const p1 = hi * ph;
  const e1 = hiH * phH - p1 + hiH * phL + hiL * phH + hiL * phL;
  const p2 = lo * ph;
  const e2 = loH * phH - p2 + loH * phL + loL * phH + loL * phL;
  // twoSum(p1, -ds) = s1 + f1, twoSum(s1, p2) = s2 + f2 (Knuth)
  const s1 = p1 - ds;
  let v = s1 - p1;
  const f1 = p1 - (s1 - v) + (-ds - v);
  const s2 = s1 + p2;
  v = s2 - s1;
  const f2 = s1 - (s2 - v) + (p2 - v);
  const delta = s2 + (f1 + f2 + (e1 + e2) + (hi * pl + lo * pl));
  if (!(delta > -64 && delta < 64)) return false;

  // the gap of doubles at d, scaled: from d's exponent bits
  F[0] = d;
  const bits = W[HIGH]!;
  const biased = (bits >>> 20) & 0x7ff;
  const h = pow2((biased === 0 ? 1 : biased) - 1076 - K[at]!);
  const hd = biased > 1 && (bits & 0xfffff) === 0 && W[LOW] === 0 ? h / 2 : h;
  if (!(delta > MU - hd && delta < h - MU)) return false;
  if (t <= 15) return biased !== 0;
  return Math.abs(delta) < ph / 2 - MU && last * ph - delta - h > MU && (10 - last) * ph + delta - h > MU;
}
