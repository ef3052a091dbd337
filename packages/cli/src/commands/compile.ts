import { UsageError } from '../io.ts';

export async function compileCommand(...args: unknown[]): Promise<number> {
  void args;
  throw new UsageError('`pol compile` is not available in this build yet');
}
