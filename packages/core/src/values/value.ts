import type { Rational } from './rational.ts';

/**
 * A runtime value of the reference interpreter. Records are Maps, so no input key (`__proto__`,
 * `constructor`) can reach an object prototype. `null` is an absent optional.
 */
export type RValue = boolean | string | Rational | RRecord | RValue[] | ReadonlySet<string> | null;
export type RRecord = ReadonlyMap<string, RValue>;
