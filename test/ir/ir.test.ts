/**
 * The IR: invariants on every policy of the repository (lowered, and optimised), golden dumps, and
 * the property that lowering and optimisation keep the meaning the interpreter gives the checked
 * tree, on random well-typed policies and inputs.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '@pol/core';
import * as IR from '@pol/core/ir';
import { arbPolicy, checkSource } from '../harness/policy-gen.ts';
import { inputsFor } from '../differential/compare.ts';
import { policyFiles } from '../support/policy-files.ts';
import { fcParams } from '../support/fc-config.ts';
import { compareIr } from './ir-vs-interpreter.ts';

const read = (p: string): string | undefined => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);

function entryPrograms() {
  return policyFiles()
    .map((f) => ({ path: f.path, compiled: compilePolicyFile(f.path, read) }))
    .filter((x) => x.compiled.program !== undefined);
}

describe('IR invariants', () => {
  const programs = entryPrograms();
  it('every entry policy of the repository lowers', () => {
    expect(programs.length).toBeGreaterThanOrEqual(3);
  });
  for (const { path, compiled } of programs) {
    it(`${path.replace(/.*policies\//, 'policies/')}`, () => {
      const lowered = IR.lower(compiled.program!);
      expect(IR.checkInvariants(lowered)).toEqual([]);
      const optimised = IR.optimize(lowered);
      expect(IR.checkInvariants(optimised)).toEqual([]);
      // the dump prints every node kind without failing
      expect(IR.printProgram(optimised)).toContain('otherwise decide');
    });
  }
  it('holds on random policies', () => {
    fc.assert(
      fc.property(arbPolicy(), (src) => {
        const program = checkSource(src);
        const lowered = IR.lower(program);
        expect(IR.checkInvariants(lowered)).toEqual([]);
        expect(IR.checkInvariants(IR.optimize(lowered))).toEqual([]);
      }),
      fcParams(300),
    );
  });
});

describe('IR golden dumps', () => {
  const dir = join(import.meta.dirname, 'golden');
  const UPDATE = process.env.POL_UPDATE_GOLDEN === '1';
  const cases = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
  for (const name of cases) {
    it(name, async () => {
      const input = join(dir, name, 'input.pol');
      const compiled = compilePolicyFile(input, read);
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const lowered = IR.printProgram(IR.lower(compiled.program!));
      const optimised = IR.printProgram(IR.toIr(compiled.program!));
      const text = `# lowered\n${lowered}\n# optimised\n${optimised}`;
      if (UPDATE) writeFileSync(join(dir, name, 'ir.txt'), text);
      await expect(text).toMatchFileSnapshot(join(dir, name, 'ir.txt'));
    });
  }
});

describe('lowering keeps the meaning', () => {
  it('IR (lowered and optimised) = interpreter on random policies', () => {
    let compared = 0;
    fc.assert(
      fc.property(arbPolicy(), fc.nat(1_000_000), (src, seed) => {
        const program = checkSource(src);
        const lowered = IR.lower(program);
        const irs = [lowered, IR.optimize(lowered), IR.optimize(lowered, { share: false })];
        for (const input of inputsFor(program, seed, 30)) {
          const d = compareIr(program, irs, input);
          if (d) throw new Error(`${d}\npolicy:\n${src}`);
          compared++;
        }
      }),
      fcParams(400),
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it('IR = interpreter on the repository policies and their examples', () => {
    for (const { compiled } of entryPrograms()) {
      const program = compiled.program!;
      const lowered = IR.lower(program);
      const irs = [lowered, IR.optimize(lowered)];
      for (const input of inputsFor(program, 7, 200)) {
        const d = compareIr(program, irs, input);
        expect(d).toBeUndefined();
      }
    }
  });
});
