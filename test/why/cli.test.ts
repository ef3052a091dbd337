/**
 * The real `pol why` command: exit codes (0 found, 1 none, 2 error), text and JSON output, and
 * errors in the user's words (file, JSON path or line and column) with no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { pol } from '../cli/run-cli.ts';

const F = 'test/why/fixtures';
const noStack = (s: string): void => {
  expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(s).not.toContain('internal error');
};

describe('pol why', () => {
  it('prints the smallest changes in plain words, each with its rule and citation (exit 0)', () => {
    const r = pol(['why', `${F}/export.pol`, '--input', `${F}/shipment.json`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Decision: license_required(reason: sequencer), decided by Licence for sequencers (sequencers) (Tutorial Rule 1(a)).');
    // fewest changes first, then in the order the input declares the facts (item, destination, value)
    expect(r.stdout).toContain('2. If destination were in Friendly (CA, GB, JP) instead of BR (Brazil), Friendly destinations (friendly) would apply: no_license_needed (Tutorial Rule 1(b)).');
    expect(r.stdout).toContain('   value: 25000 -> 10000');
  });

  it('--format json: the suggestions with their changes, decisions, rules and changed inputs', () => {
    const r = pol(['why', `${F}/export.pol`, '--input', `${F}/shipment.json`, '--format', 'json', '--keep', 'destination']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { status: string; keep: string[]; decision: { outcome: string }; suggestions: { changes: { path: string; before: string; after: string }[]; decision: { outcome: string }; rules: { id: string }[]; input: Record<string, unknown> }[] };
    expect(j.status).toBe('found');
    expect(j.keep).toEqual(['destination']);
    expect(j.decision.outcome).toBe('license_required');
    // the item may become either other member (the solver picks one; the same one on every run)
    expect(j.suggestions.map((s) => s.changes.map((c) => `${c.path}: ${c.before} -> ${c.after}`.replace(/microscope|centrifuge/, 'OTHER')))).toEqual([['item: sequencer -> OTHER'], ['value: 25000 -> 10000']]);
    for (const s of j.suggestions) {
      expect(s.decision.outcome).toBe('no_license_needed');
      expect(s.rules.map((x) => x.id)).toEqual(['otherwise']);
      expect(s.input['destination']).toBe('BR');
    }
  });

  it('--want with --keep: exit 1 when no allowed change leads there, saying so (input from stdin)', () => {
    const r = pol(['why', `${F}/export.pol`, '--input', '-', '--want', 'license_required(reason: microscope)', '--keep', 'item'], '{"item": "sequencer", "destination": "BR", "value": 25000}');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No change to the facts that may change leads to license_required(reason: microscope).');
  });

  it('an input that does not validate: each problem at its JSON path, exit 2', () => {
    const r = pol(['why', `${F}/export.pol`, '--input', `${F}/invalid.json`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${F}/invalid.json: error[input/invalid]: item: "sequencr" is not an Item; did you mean "sequencer"?`);
    expect(r.stderr).toMatch(/error\[input\/invalid\]: value: .*negative|error\[input\/invalid\]: value: /);
    noStack(r.stderr);
  });

  it('text that is not JSON: line and column, exit 2', () => {
    const r = pol(['why', `${F}/export.pol`, '--input', `${F}/broken.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${F}/broken\\.json:\\d+:\\d+: error\\[input/unparseable\\]: not valid JSON`));
    noStack(r.stderr);
  });

  it('usage mistakes name the option and show the usage, exit 2', () => {
    const cases: [string[], string][] = [
      [['why', `${F}/export.pol`], 'why needs --input <file.json>'],
      [['why', `${F}/export.pol`, '--input', `${F}/shipment.json`, '--keep', 'destinaton'], '--keep: the input has no field `destinaton`; its fields are item, destination, value'],
      [['why', `${F}/export.pol`, '--input', `${F}/shipment.json`, '--want', 'license_required(reason: laser)'], '--want: `laser` is not a member of Item (microscope, sequencer, centrifuge)'],
      [['why', `${F}/export.pol`, '--input', `${F}/shipment.json`, '--format', 'html'], '--format must be one of text, json'],
    ];
    for (const [args, message] of cases) {
      const r = pol(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`pol: error[cli/usage]: ${message}`);
      expect(r.stderr).toContain('usage: pol why <file.pol> --input <file.json|->');
      noStack(r.stderr);
    }
  });

  it('a missing file, or a policy with errors: exit 2 with the file named', () => {
    const missing = pol(['why', `${F}/export.pol`, '--input', `${F}/nope.json`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`pol: error[cli/io]: cannot read ${F}/nope.json: no such file`);
    const bad = pol(['why', `${F}/errors.pol`, '--input', `${F}/shipment.json`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/errors\.pol:3:\d+/);
    noStack(bad.stderr + missing.stderr);
  });

  it('has its own help page', () => {
    const h = pol(['why', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--keep <a,b>');
    expect(h.stdout).toContain('Exit 0 suggestions found, 1 none, 2 error, 3 the solver gave up.');
  });
});
