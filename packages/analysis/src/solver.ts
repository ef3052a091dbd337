/**
 * One incremental solver for a whole analysis, asked synchronously.
 *
 * Why not `solver.check()` of z3-solver: that call runs each query on a newly spawned WASM thread
 * and answers through the event loop, which costs more than most of the diff's queries do (the
 * profile of the IFR diff showed thread creation as the largest single cost), and a `timeout`
 * starts a timer thread per query as well. Node may block its main thread, so the query runs
 * there; its budget is z3's deterministic resource limit (`rlimit`), which, unlike a time limit,
 * gives the same answer on a loaded machine as on an idle one. A wall-clock deadline for the
 * whole analysis is checked between queries.
 *
 * Why push at once: z3 answers the first query of a solver that was never pushed with its
 * one-shot (non-incremental) preprocessing, which took 0.8 s on the IFR diff's first query and is
 * then thrown away; pushed, every query goes to the incremental core.
 */
import type { LowLevel, Z, ZExpr } from './smt/z3.ts';
import { lowLevel, z3Module } from './smt/z3.ts';

export type Answer = 'sat' | 'unsat' | 'unknown';

interface Em {
  _malloc(n: number): number;
  _free(p: number): void;
  HEAPU32: Uint32Array;
  _Z3_solver_check(c: number, s: number): number;
  _Z3_solver_check_assumptions(c: number, s: number, n: number, p: number): number;
}

export class Session {
  readonly s: ZExpr;
  /** queries asked, for benchmarks and POL_DEBUG */
  queries = 0;
  private readonly deadline: number;
  private limitSet = 0;

  private constructor(
    readonly Z: Z,
    private readonly em: Em,
    private readonly low: LowLevel,
    rlimit: number,
    timeoutMs: number,
    private readonly queryTimeoutMs: number,
  ) {
    this.s = new Z.Solver();
    if (rlimit > 0) this.s.set('rlimit', rlimit);
    this.s.push();
    this.deadline = Date.now() + timeoutMs;
  }

  /**
   * `queryTimeoutMs` (0: none) is z3's own time limit per query, for analyses whose questions may
   * be nonlinear: there `rlimit` counts so few units that one query ran 97 s under a limit of
   * 1,000,000. It costs a timer thread per query, and its answers can depend on the load.
   */
  static async open(Z: Z, options: { readonly rlimit: number; readonly timeoutMs: number; readonly queryTimeoutMs?: number }): Promise<Session> {
    const api = (await z3Module()) as unknown as { em: Em };
    return new Session(Z, api.em, lowLevel(), options.rlimit, options.timeoutMs, options.queryTimeoutMs ?? 0);
  }

  add(...cs: ZExpr[]): void {
    this.s.add(...cs);
  }
  push(): void {
    this.s.push();
  }
  pop(): void {
    this.s.pop();
  }
  model(): ZExpr {
    return this.s.model();
  }
  /** the assumptions of the last `unsat` answer that it needed */
  unsatCore(): ZExpr[] {
    const v = this.s.unsatCore();
    const out: ZExpr[] = [];
    for (let i = 0; i < v.length(); i++) out.push(v.get(i));
    return out;
  }
  /** frees the solver's memory now (z3 frees it only when JavaScript collects the solver) */
  release(): void {
    this.s.release();
  }
  reasonUnknown(): string {
    return Date.now() > this.deadline ? 'the time limit for the whole diff was reached' : String(this.s.reasonUnknown());
  }

  /** `sat`, `unsat`, or `unknown` (the resource limit, or the deadline passed before the query). */
  check(...assumptions: ZExpr[]): Answer {
    const now = Date.now();
    if (now > this.deadline) return 'unknown';
    if (this.queryTimeoutMs > 0) {
      // never past the whole analysis's deadline
      const limit = Math.max(1, Math.min(this.queryTimeoutMs, this.deadline - now));
      if (limit !== this.limitSet) this.s.set('timeout', (this.limitSet = limit));
    }
    this.queries++;
    const c = this.Z.ptr as number;
    const t = process.env.POL_DEBUG ? Date.now() : 0;
    let r: number;
    if (assumptions.length === 0) r = this.em._Z3_solver_check(c, this.s.ptr);
    else {
      const p = this.em._malloc(assumptions.length * 4);
      try {
        this.em.HEAPU32.set(assumptions.map((a) => a.ast as number), p / 4);
        r = this.em._Z3_solver_check_assumptions(c, this.s.ptr, assumptions.length, p);
      } finally {
        this.em._free(p);
      }
    }
    const code = this.low.get_error_code(c);
    if (code !== 0) throw new Error(`z3: ${this.low.get_error_msg(c, code)}`);
    const answer: Answer = r === 1 ? 'sat' : r === -1 ? 'unsat' : 'unknown';
    if (process.env.POL_DEBUG) console.error('query', answer, Date.now() - t, 'ms');
    return answer;
  }
}
