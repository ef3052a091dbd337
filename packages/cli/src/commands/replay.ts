import { UsageError } from '../io.ts';

export async function replayCommand(...args: unknown[]): Promise<number> {
  void args;
  throw new UsageError('`pol replay` is not available in this build yet');
}
