/**
 * Gives the main thread the processor before V8's helper threads, for the commands whose work
 * runs there: `pol diff` and `pol why` ask the solver synchronously on the main thread, and the
 * interpreter that confirms each answer runs there too.
 *
 * Why: V8 compiles and collects on four helper threads of its own. In a new process they have
 * most to do (everything the diff runs is compiled as it first runs), and on a machine of two
 * cores the scheduler shared the cores among all five threads, so the main thread, the one the
 * diff waits for, waited its turn: `pol diff` of the IFR memo took 1.83 s, and 1.59 s with the
 * helpers at the lowest priority (medians of 9 paired runs). The helpers still get every core the
 * main thread does not use, so nothing they do is given up.
 *
 * Linux only: there a thread's priority is set by its id, and /proc/self/task lists the ids;
 * elsewhere nothing is done. An unprivileged process cannot raise a priority it lowered, so this
 * is called only where the process ends with the command (bin.ts), never where the CLI runs
 * inside another program (tests, the language server).
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The lowest priority there is (19 on Linux's scale of -20 to 19). */
const LOWEST = 19;

/** Lowers the priority of every thread of this process but the main one; the ids it lowered. */
export function favourMainThread(): number[] {
  if (process.platform !== 'linux') return [];
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return [];
  }
  const lowered: number[] = [];
  for (const t of tasks) {
    const tid = Number(t);
    if (!Number.isInteger(tid) || tid === process.pid) continue;
    try {
      setPriority(tid, LOWEST);
      lowered.push(tid);
    } catch {
      // a thread that has ended since, or a system that refuses: the command runs as it would have
    }
  }
  return lowered;
}
