import { UsageError } from '../io.ts';

export async function fmtCommand(...args: unknown[]): Promise<number> {
  void args;
  throw new UsageError('`pol fmt` is not available in this build yet');
}
