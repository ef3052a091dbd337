import { sortDiagnostics } from '@pol/core';
import { checkInvariants, lower, optimize, printProgram } from '@pol/core/ir';
import { loadPolicyFromDisk, printDiagnostics } from '../io.ts';

/** `pol debug ir <file.pol> [--no-optimize]`: the policy as the back ends see it. */
export function debugIrCommand(file: string, optimised: boolean): number {
  const loaded = loadPolicyFromDisk(file);
  const diagnostics = sortDiagnostics(loaded.diagnostics);
  printDiagnostics(diagnostics.filter((d) => d.severity === 'error'), loaded.sources, 'human');
  const program = loaded.program;
  if (!program || diagnostics.some((d) => d.severity === 'error')) {
    process.stderr.write(`${file}: no IR, the policy has errors\n`);
    return 1;
  }
  const lowered = lower(program);
  const ir = optimised ? optimize(lowered) : lowered;
  const broken = checkInvariants(ir);
  process.stdout.write(printProgram(ir));
  if (broken.length > 0) {
    process.stderr.write(`pol: internal error: the IR breaks its invariants:\n${broken.map((b) => `  ${b}\n`).join('')}This is a bug in Pol; please report it with the command you ran.\n`);
    return 70;
  }
  return 0;
}
