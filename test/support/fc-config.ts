/** Shared fast-check settings: a fixed seed in CI, and a run count scaled by POL_FC_RUNS. */
export const FC_SEED = Number(process.env['POL_FC_SEED'] ?? 42);

/** `base` runs by default; POL_FC_RUNS replaces it for deeper runs. */
export function fcRuns(base: number): number {
  const env = process.env['POL_FC_RUNS'];
  return env ? Math.max(1, Number(env)) : base;
}

export function fcParams(base: number): { seed: number; numRuns: number } {
  return { seed: FC_SEED, numRuns: fcRuns(base) };
}
