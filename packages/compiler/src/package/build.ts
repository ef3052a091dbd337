/**
 * `pol compile --package <name>`: the compiled policy as an npm package an engineer can ship. ESM
 * (`index.js` + `index.d.ts`) and CommonJS (`index.cjs` + `index.d.cts`) from the same module, the
 * input and result JSON Schemas, and a README generated from the policy (docs/compiled-module.md).
 */
import * as I from '@pol/core/ir';
import { balanceKeyForm } from '@pol/core/checker';
import type { CheckedProgram } from '@pol/core/ir';
import { fieldDocs } from '../emit/docs.ts';
import { generate, sourceHash } from '../emit/from-ir.ts';
import { decisionSchema, inputSchema } from './schema.ts';

export interface PackageFile {
  readonly path: string;
  readonly text: string;
}

export class PackageNameError extends Error {}

/** npm's rules for a package name (validate-npm-package-name, for new packages). */
export function checkPackageName(name: string): string | undefined {
  if (name.length === 0 || name.length > 214) return 'a package name has 1 to 214 characters';
  if (name !== name.toLowerCase()) return 'a package name is lower case';
  if (!/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/.test(name)) return 'a package name is letters, digits, - . _ ~ (with an optional @scope/), starting with a letter or digit';
  return undefined;
}

/** The policy's version as semver: itself when it is one, else a prerelease of 0.0.0 naming it. */
export function semverOf(version: string | undefined): string {
  if (version === undefined) return '0.0.0';
  if (/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version)) return version;
  const tag = version.replace(/[^0-9A-Za-z.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').replace(/\.{2,}/g, '.');
  return tag === '' ? '0.0.0' : `0.0.0-${tag}`;
}

async function transpile(tsText: string, module: 'esm' | 'cjs'): Promise<string> {
  const ts = (await import('typescript')).default;
  return ts.transpileModule(tsText, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: module === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS, verbatimModuleSyntax: false },
  }).outputText;
}

export async function buildPackage(program: CheckedProgram, name: string, format: (ts: string) => Promise<string>): Promise<PackageFile[]> {
  const problem = checkPackageName(name);
  if (problem !== undefined) throw new PackageNameError(`"${name}" is not an npm package name: ${problem}`);
  const ir = I.toIr(program);
  const ts = await format(generate(ir, fieldDocs(program)));
  const header = ts.slice(0, ts.indexOf('\n') + 1);
  const { toDts } = await import('../index.ts');
  const dts = header + (await toDts(ts, '/__pol__/index.ts'));
  const hash = sourceHash(ir);
  const version = semverOf(ir.version);
  const pkg = {
    name,
    version,
    description: `${ir.name}: the policy compiled by pol (validate, evaluate, decide)`,
    type: 'module',
    main: './index.cjs',
    module: './index.js',
    types: './index.d.ts',
    exports: {
      '.': {
        import: { types: './index.d.ts', default: './index.js' },
        require: { types: './index.d.cts', default: './index.cjs' },
      },
      './input.schema.json': './input.schema.json',
      './decision.schema.json': './decision.schema.json',
      './package.json': './package.json',
    },
    sideEffects: false,
    files: ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts', 'index.ts', 'input.schema.json', 'decision.schema.json', 'README.md'],
    pol: { policy: ir.name, version: ir.version ?? null, sourceHash: hash, main: ir.mainFile.split('/').pop() ?? ir.mainFile },
  };
  return [
    { path: 'package.json', text: JSON.stringify(pkg, null, 2) + '\n' },
    { path: 'index.ts', text: ts },
    { path: 'index.js', text: header + (await transpile(ts, 'esm')) },
    { path: 'index.cjs', text: header + (await transpile(ts, 'cjs')) },
    { path: 'index.d.ts', text: dts },
    { path: 'index.d.cts', text: dts },
    { path: 'input.schema.json', text: JSON.stringify(inputSchema(ir, `${name}/input.schema.json`), null, 2) + '\n' },
    { path: 'decision.schema.json', text: JSON.stringify(decisionSchema(ir, `${name}/decision.schema.json`), null, 2) + '\n' },
    { path: 'README.md', text: readme(ir, name, version, hash) },
  ];
}

function readme(p: I.Program, name: string, version: string, hash: string): string {
  const cites: string[] = [];
  for (const r of I.allRules(p)) for (const c of r.cites) if (!cites.includes(c)) cites.push(c);
  for (const c of p.otherwise.cites) if (!cites.includes(c)) cites.push(c);
  const outcomes = p.decision.variants.map((v) => `- \`${v.name}\`${v.params.length ? ` (${v.params.map((x) => `\`${x.name}\`: ${I.typeToString(x.type)}`).join(', ')})` : ''}`);
  const fields = [...p.input.type.fields].map(([f, t]) => `- \`${f}\`: ${I.typeToString(t)}`);
  const first = p.decision.variants[0]?.name ?? 'outcome';
  return `# ${name}

**${p.name}**${p.version === undefined ? '' : `, version ${p.version}`}, compiled by pol from \`${p.mainFile.split('/').pop() ?? p.mainFile}\`.
Generated: do not edit; compile the policy again instead.

- Package version: ${version}
- Source hash (sha256 over the policy's files): \`${hash}\`, also \`POLICY.sourceHash\` and \`result.policy.sourceHash\`

## What it decides

Decision \`${p.decision.name}\`, one of:

${outcomes.join('\n')}

from ${p.rules.length} rule${p.rules.length === 1 ? '' : 's'}${p.requires.length ? ` and ${p.requires.length} requirement${p.requires.length === 1 ? '' : 's'} on the input` : ''}.

## Citations

${cites.length ? cites.map((c) => `- ${c}`).join('\n') : '(none)'}

## Input

\`${p.input.name}\`${p.input.asOf ? `, evaluated as of its \`${p.input.asOf}\`` : ''}:

${fields.join('\n')}

Numbers are JSON numbers or exact decimal text (\`"19.4"\`, \`"99999999999999999999999999"\`). \`input.schema.json\` (JSON Schema draft 2020-12) describes
the same shape; \`validate\` also checks the policy's requirements. \`decision.schema.json\` describes a result.

## Use

\`\`\`ts
import { decide } from '${name}'; // ESM; CommonJS: const { decide } = require('${name}')

const r = decide(JSON.parse(body)); // validate + evaluate
if (!r.ok) console.log(r.errors); // [{ path, message }], at most 100, then "and N more"
else if (r.result.decision.outcome === '${first}') console.log(r.result.citations, r.result.policy.sourceHash);
\`\`\`

\`validate(json, options?)\` returns \`{ ok: true, value }\` (a \`Validated\` input, plain data: \`JSON.stringify\` and
\`toJson\` give JSON that validates back to an equal value) or \`{ ok: false, errors }\`; \`evaluate(value)\` takes only
what \`validate\` returned and never throws on it. Validation is bounded (\`maxErrors\` 100, \`maxStringLength\` 4,096,
\`maxDigits\` 1,000, \`maxSuggestLength\` 32), linear in the size of the input. No dependencies, no Node built-ins:
it runs in Node (ESM and CommonJS) and in browsers.
${p.ledgers.length ? ledgerSection(p) : ''}`;
}

function ledgerSection(p: I.Program): string {
  const forms = p.ledgers.map((l) => `- \`${balanceKeyForm(l.name, l.keys)}\``);
  return `
## Balances

The policy keeps ledgers: some decisions read a balance before this transaction and post to it.
Evaluation stays pure; storing the postings is yours. \`balanceKeys(value)\` lists the balances an input
may read, named

${forms.join('\n')}

Pass them as \`decide(json, { balances })\` or \`evaluate(value, { balances })\`: JSON numbers or exact texts
by key (a missing key reads as the ledger's opening value, else zero). A key written otherwise than
\`balanceKeys\` writes it, or a negative balance, is refused with a \`RangeError\` naming the key, never
read as zero. The result carries \`postings\` (\`{ ledger, key, before, amount, after }\`) to store.
`;
}
