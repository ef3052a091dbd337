/**
 * Parse + check time for generated policies of 1,000 and 10,000 rules, and their ratio
 * (the goal: linear growth, 10,000 rules under 2 s).
 */
import { compilePolicyFile } from '../packages/core/src/index.ts';

function generate(rules: number): string {
  const out: string[] = [
    'unit TPP',
    'enum Item { ic, computer, weights, other }',
    'enum Review { approval, denial }',
    'group Tier1 of Country = { AU, BE, CA, DK, FI, FR, DE, IE, IT, JP, NL, NZ, NO, KR, ES, SE, TW, GB, US }',
    'group Tier3 of Country = { CN, MO, HK, IR, KP, KH until 2026-02-03 }',
    'input Tx as of date { date: Date  item: Item  destination: Country  tpp: TPP  units: Number  holdings: list of { country: Country  tpp: TPP } }',
    'decision D { not_controlled  authorized(by: Item)  license_required(review: Review) }',
    'define shipment = units * tpp',
    'define tier1_share = sum(h.tpp for each h in holdings where h.country in Tier1)',
  ];
  for (let i = 0; i < rules; i++) {
    out.push(
      `rule r${i} "Rule ${i}" {`,
      `  cites "15 CFR 740.${i}"`,
      `  when item is ic and tpp >= ${1000 + i} TPP and destination not in Tier1`,
      `  decide license_required(review: approval)`,
      `  exception e${i} {`,
      `    cites "15 CFR 740.${i}(b)"`,
      `    when destination in Tier3 or shipment > ${i * 100} TPP and tier1_share >= 75% * shipment`,
      `    decide license_required(review: denial)`,
      `  }`,
      `}`,
    );
  }
  out.push('otherwise decide not_controlled');
  return out.join('\n');
}

function time(rules: number): number {
  const text = generate(rules);
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const r = compilePolicyFile('gen.pol', () => text);
    runs.push(performance.now() - t);
    if (!r.program) throw new Error(`generated policy does not check: ${r.diagnostics[0]?.message}`);
  }
  runs.sort((a, b) => a - b);
  return runs[1]!;
}

time(50); // warm-up: the parser's grammar analysis and the JIT
const t1k = time(1_000);
const t10k = time(10_000);
console.log('parse + check (median of 3)');
console.log(`  1,000 rules:  ${t1k.toFixed(0)} ms`);
console.log(`  10,000 rules: ${t10k.toFixed(0)} ms   (goal: under 2000 ms)`);
console.log(`  ratio 10k/1k: ${(t10k / t1k).toFixed(1)}x   (linear would be 10x)`);
