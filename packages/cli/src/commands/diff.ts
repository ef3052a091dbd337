import { UsageError } from '../io.ts';

export async function diffCommand(...args: unknown[]): Promise<number> {
  void args;
  throw new UsageError('`pol diff` is not available in this build yet');
}
