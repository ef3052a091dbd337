/**
 * Exact rational numbers on BigInt: the reference interpreter's only number type. Every literal,
 * input and intermediate value is exact, so `99999999999999999999999999 < 1e26` holds and
 * `7% * 1_000_000 = 70_000` exactly. Always normalised: gcd(num, den) = 1 and den > 0.
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) return Rational.ZERO;
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    return g > 1n ? new Rational(num / g, den / g) : new Rational(num, den);
  }

  /** Parses decimal text: `26900000`, `-1.5`, `1e26`, `5.92E-3`. Returns undefined if malformed. */
  static parse(text: string): Rational | undefined {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m) return undefined;
    const sign = m[1] === '-' ? -1n : 1n;
    const whole = m[2] ?? '0';
    const frac = m[3] ?? '';
    const exp = Number(m[4] ?? '0');
    // Exponents this large cannot come from any real quantity; refuse rather than build huge numbers.
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return undefined;
    let num = BigInt(whole + frac) * sign;
    let den = 10n ** BigInt(frac.length);
    if (exp > 0) num *= 10n ** BigInt(exp);
    else if (exp < 0) den *= 10n ** BigInt(-exp);
    return Rational.of(num, den);
  }

  /** A JS number means the decimal it prints as (its shortest round-trip form), so 5.92 is 592/100. */
  static fromNumber(n: number): Rational | undefined {
    if (!Number.isFinite(n)) return undefined;
    return Rational.parse(String(n));
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  /** Division by zero is zero (documented in docs/semantics.md): evaluation never fails. */
  div(o: Rational): Rational {
    if (o.num === 0n) return Rational.ZERO;
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  cmp(o: Rational): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  isNegative(): boolean {
    return this.num < 0n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }

  /** Exact decimal text when the expansion terminates, else `num/den`. */
  toString(): string {
    if (this.den === 1n) return this.num.toString();
    let d = this.den;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return `${this.num}/${this.den}`;
    const digits = Math.max(twos, fives);
    const scaled = (this.num * 10n ** BigInt(digits)) / this.den;
    const neg = scaled < 0n;
    const abs = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
    const text = `${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}`;
    return neg ? `-${text}` : text;
  }

  /** For JSON: a number when it round-trips exactly, else the exact decimal (or fraction) text. */
  toJSON(): number | string {
    const text = this.toString();
    const n = Number(text);
    if (!text.includes('/') && Number.isFinite(n)) {
      const back = Rational.fromNumber(n);
      if (back && back.eq(this)) return n;
    }
    return text;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0n ? 1n : a;
}
