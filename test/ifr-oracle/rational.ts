/**
 * Exact non-negative/signed rationals over BigInt, for the IFR oracle.
 * A JS number is read as the decimal it prints as (its shortest representation,
 * String(n)), so 5.92 is exactly 592/100, not the nearest binary double.
 */

export interface Rat {
  /** numerator */
  readonly n: bigint;
  /** denominator, always > 0 */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function rat(n: bigint, d: bigint = 1n): Rat {
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Rat = rat(0n);

/** Decimal with optional sign, fraction and exponent: used for String(number). */
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
/** Plain positional decimal string accepted in JSON input: digits, optional fraction, optional '-'. */
const DECIMAL_STRING = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/; // contract V3: plain or scientific decimal

function parseText(s: string): Rat | null {
  const m = NUMBER_TEXT.exec(s);
  if (m === null) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? '';
  const exp = BigInt(m[4] ?? '0') - BigInt(frac.length);
  let n = sign * BigInt(intPart + frac);
  let d = 1n;
  if (exp >= 0n) n *= 10n ** exp;
  else d = 10n ** -exp;
  return rat(n, d);
}

/** Exact value of a finite JS number (via String(n)); null for NaN / ±Infinity. */
export function fromNumber(x: number): Rat | null {
  if (!Number.isFinite(x)) return null;
  return parseText(String(x));
}

/**
 * Exact value of a plain decimal string such as "99999999999999999999999999" or "12.5"
 * (optional leading '-'; no exponent, no '+', no spaces, no leading/trailing '.').
 */
export function fromDecimalString(s: string): Rat | null {
  if (!DECIMAL_STRING.test(s)) return null;
  return parseText(s);
}

export function add(a: Rat, b: Rat): Rat {
  return rat(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rat, b: Rat): Rat {
  return rat(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Rat, b: Rat): Rat {
  return rat(a.n * b.n, a.d * b.d);
}

/** -1, 0 or 1 as a <, =, > b. */
export function cmp(a: Rat, b: Rat): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const ge = (a: Rat, b: Rat): boolean => cmp(a, b) >= 0;
export const le = (a: Rat, b: Rat): boolean => cmp(a, b) <= 0;
export const lt = (a: Rat, b: Rat): boolean => cmp(a, b) < 0;
export const isNegative = (a: Rat): boolean => a.n < 0n;

/** Integer constant. */
export function int(n: number | bigint): Rat {
  return rat(BigInt(n));
}

/**
 * The JS number whose shortest decimal representation is exactly `a`, or null if none
 * (used by the generator to build exact boundary values).
 */
export function toExactNumber(a: Rat): number | null {
  // a terminates in decimal iff d = 2^i 5^j
  let d = a.d;
  let twos = 0n;
  let fives = 0n;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return null;
  const k = twos > fives ? twos : fives;
  const scaled = (a.n * 10n ** k) / a.d; // exact
  const neg = scaled < 0n;
  let digits = (neg ? -scaled : scaled).toString();
  const kk = Number(k);
  if (kk > 0) {
    digits = digits.padStart(kk + 1, '0');
    digits = `${digits.slice(0, digits.length - kk)}.${digits.slice(digits.length - kk)}`;
  }
  const x = Number((neg ? '-' : '') + digits);
  const back = fromNumber(x);
  return back !== null && cmp(back, a) === 0 ? x : null;
}
