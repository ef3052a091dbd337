/**
 * What `pol help` and `pol <command> --help` print. One entry per command, so the overview and the
 * per-command pages cannot disagree about which commands exist (a CLI test checks every entry).
 */

export interface CommandHelp {
  readonly name: string;
  /** the arguments after the command name, as in the overview */
  readonly synopsis: string;
  /** one line for the overview */
  readonly summary: string;
  /** what the command does, in a few sentences */
  readonly description: string;
  readonly options: readonly (readonly [flag: string, meaning: string])[];
  readonly examples: readonly string[];
}

export const COMMANDS: readonly CommandHelp[] = [
  {
    name: 'check',
    synopsis: '<file.pol...> [--format human|json] [--analyze | --no-analyze]',
    summary: 'check a policy and list every problem',
    description:
      'Checks a policy and every file it imports: names, types, units, citations and examples. Each problem\n' +
      'is shown with its file, line and column and how to fix it. The solver also finds rules and exceptions\n' +
      'that can never apply and conditions that are always true (warnings). A file that is only meant to be\n' +
      'imported (no `input` declaration) is checked as a module, inside the policy of its folder that imports\n' +
      'it. The exit code is 1 when there is an error.',
    options: [
      ['--format human|json', 'human (default) prints code frames; json prints one object for tools'],
      ['--analyze', 'also report siblings that can both apply with different decisions (conflicts)'],
      ['--no-analyze', 'skip the solver: only the checker (faster)'],
    ],
    examples: ['pol check ifr.pol', 'pol check policies/ai-diffusion/*.pol', 'pol check chips.pol --format json'],
  },
  {
    name: 'eval',
    synopsis: '<file.pol> --input <file.json|file.jsonl|-> [--engine compiled|interpreter] [--explain] [--jobs N] [--ledger <file.duckdb>]',
    summary: 'decide inputs; one JSON line per input',
    description:
      'Decides each input (a JSON object, or one per line in a .jsonl file, or from standard input with `-`)\n' +
      'and prints one decision per input as JSON Lines, in input order. An invalid input is reported by line\n' +
      'and JSON path and the others are still decided. Inputs are read and decided one at a time, so memory\n' +
      'does not grow with the file; a summary (counts by outcome, rejections by reason) ends the run on stderr.',
    options: [
      ['--input <path|->', 'the input file (.json or .jsonl), or - for standard input (required)'],
      ['--engine compiled|interpreter', 'compiled (default) runs the generated module; interpreter the reference semantics'],
      ['--explain', 'print a readable explanation of each decision instead of JSON'],
      ['--format json|text', 'json (default) or text (the default with --explain)'],
      ['--jobs N', 'decide on N worker threads (default 1); the output order stays the input order'],
      ['--ledger <file.duckdb>', "policies with a ledger: read balances from and post to this file, in input order, one process; a re-run skips transactions already posted"],
    ],
    examples: ['pol eval ifr.pol --input samples.jsonl', 'echo \'{"date": "2025-06-01", ...}\' | pol eval ifr.pol --input - --explain', 'pol eval quotas.pol --input shipments.jsonl --ledger quotas.duckdb'],
  },
  {
    name: 'ledger',
    synopsis: 'show|export <file.duckdb> [--format text|json] | reverse <file.duckdb> (--id <id> --reason <text> | --input <reversals.jsonl>) [--timestamp]',
    summary: 'print the balances or the postings of a ledger file, or reverse transactions in it',
    description:
      '`show` prints every balance of a ledger file written by `pol eval --ledger` (ledger, key, balance, the\n' +
      'last transaction that changed it) and the reversals. `export` prints every posting as JSON Lines, in the\n' +
      'order decided: transaction id, ledger, key, balance before, amount, balance after, rule, citations and\n' +
      'the sha256 of the policy that decided it; a reversal\'s postings (`reversal_of`) in the order reversed.\n' +
      '`reverse` appends reversing postings for a transaction (a withdrawn or returned license): its amounts\n' +
      'leave the balances, the history stays, and its id stays taken, so a re-run does not post it again.\n' +
      'Reversing an unknown id, or one already reversed, is an error (exit 1) and nothing is written.',
    options: [
      ['--format text|json', 'show: text (default) or JSON Lines; export: JSON Lines'],
      ['--id <id> --reason <text>', 'reverse: the transaction to reverse and why (the reason is kept)'],
      ['--input <reversals.jsonl>', 'reverse: one {"id": ..., "reason": ...} per line, all or none'],
      ['--timestamp', 'reverse: record when (left out by default, so the same reversals give the same ledger)'],
    ],
    examples: ['pol ledger show quotas.duckdb', 'pol ledger export quotas.duckdb > postings.jsonl', 'pol ledger reverse quotas.duckdb --id T-3 --reason "license returned unused"'],
  },
  {
    name: 'test',
    synopsis: '<file.pol|dir> [--engine both|compiled|interpreter] [--require-coverage]',
    summary: "run the policy's examples",
    description:
      'Runs every `example` of a policy (or of every entry policy in a folder) through both engines and\n' +
      'shows expected against actual for each failure; lists the rules and exceptions no example reaches.',
    options: [
      ['--engine both|compiled|interpreter', 'which engines run the examples (default both)'],
      ['--require-coverage', 'exit 1 when some rule or exception is reached by no example'],
    ],
    examples: ['pol test ifr.pol', 'pol test policies/'],
  },
  {
    name: 'compile',
    synopsis: '<file.pol> --out <dir> [--target ts|js | --package <name>]',
    summary: 'write a TypeScript evaluator module',
    description: 'Compiles a checked policy into a typed, dependency-free module with validate() and evaluate().',
    options: [
      ['--out <dir>', 'the folder to write the module into (required)'],
      ['--target ts|js', 'ts (default) writes one .ts file; js writes .js plus .d.ts'],
      ['--package <name>', 'writes an npm package: ESM and CommonJS with types, input and decision JSON Schemas, README'],
    ],
    examples: ['pol compile ifr.pol --out generated/', 'pol compile ifr.pol --out dist/ifr --package @acme/ifr-policy'],
  },
  {
    name: 'fmt',
    synopsis: '[--check] <files...>',
    summary: 'format .pol and .pol.md files (same as prettier)',
    description: 'Lays out .pol files canonically, as `prettier --write` with the Pol plugin does; in a literate .pol.md file only the\n`pol` blocks are laid out and the prose is left as it is. A file with syntax errors is left alone.',
    options: [['--check', 'write nothing; exit 1 when some file is not formatted']],
    examples: ['pol fmt chips.pol', 'pol fmt --check policies/ai-diffusion/*.pol', 'pol fmt veu.pol.md'],
  },
  {
    name: 'diff',
    synopsis: '<old.pol> <new.pol> [--format text|json|markdown|html]',
    summary: 'what an amendment changes',
    description: 'Shows which transactions get a different decision under the new version, with a concrete example of each.\nExit 0 equivalent (proved), 1 changed, 2 error, 3 unknown or partial (part of the inputs not covered).',
    options: [
      ['--format text|json|markdown|html', 'how to print the report (default text)'],
      ['--timeout <ms>', 'a deadline for the whole diff, checked between questions (default 60000); past it the verdict is partial or unknown'],
      ['--timestamp', 'print when the report was made (left out by default, so the same versions give the same report)'],
    ],
    examples: ['pol diff ifr.pol as-enforced-2025-05-13.pol'],
  },
  {
    name: 'replay',
    synopsis: '<old.pol> <new.pol> --input <file.jsonl|-> [--ledger <file.duckdb>] [--format text|json|markdown]',
    summary: 're-decide past inputs under both versions',
    description: 'Decides every input of a log under both versions and reports the ones whose decision changes.\nExit 0 nothing changes, 1 a decision changes or a line one version accepts is rejected by the other, 2 error.',
    options: [
      ['--input <file.jsonl>', 'the past inputs, one JSON object per line (required)'],
      ['--ledger <file.duckdb>', "start both versions' balances from a ledger (as they stood just before the log's first transaction), and check the decisions it recorded against the old version; the file is only read"],
      ['--format text|json|markdown', 'how to print the report (default text): counts and shares per before -> after pair, invalid lines by reason'],
    ],
    examples: ['pol replay ifr.pol as-enforced-2025-05-13.pol --input samples.jsonl', 'pol replay ifr.pol ifr-amended.pol --input shipments.jsonl --ledger quotas.duckdb'],
  },
  {
    name: 'doc',
    synopsis: '<file.pol|file.pol.md> --out <dir> [--as-of YYYY-MM-DD]',
    summary: 'write an HTML digest of the policy for reviewers',
    description:
      'Writes <dir>/index.html: one self-contained page (no script, nothing fetched, prints cleanly) for\n' +
      'reviewers who do not read code. Each rule in words with its citations, its conditions as a list and its\n' +
      'exceptions nested; the groups with their members on the --as-of date; the constants and definitions;\n' +
      'the examples as a table with pass or fail from running them; and which rules the examples reach.',
    options: [
      ['--out <dir>', 'the folder to write index.html into (required; created when missing)'],
      ['--as-of YYYY-MM-DD', 'the day the groups are shown for (default: today, UTC)'],
    ],
    examples: ['pol doc policies/ai-diffusion/ifr.pol --out digest --as-of 2025-06-01', 'pol doc policies/ai-diffusion/veu.pol.md --out veu-digest'],
  },
  {
    name: 'why',
    synopsis: '<file.pol> --input <file.json|-> [--want <decision>] [--keep a,b] [--format text|json]',
    summary: 'the smallest changes to a transaction that lead to another decision',
    description:
      'Finds the smallest changes to the facts of one transaction that lead to another decision (or the one\n' +
      '--want names), fewest changed fields first, each with the rule and citations that would then decide.\n' +
      'Every suggestion is confirmed by deciding the changed transaction. Fields the policy never reads are\n' +
      'never changed. Exit 0 suggestions found, 1 none, 2 error, 3 the solver gave up.',
    options: [
      ['--input <file.json|->', 'the transaction, one JSON object (required; - reads standard input)'],
      ['--want <decision>', 'an outcome, or outcome(field: value), e.g. "authorized(authorization: AIA)"'],
      ['--keep <a,b>', 'fields that must not change; a record or list keeps everything inside it'],
      ['--format text|json', 'plain words (default) or JSON for tools'],
      ['--timeout <ms>', "the time limit for the whole search (default 60000)"],
    ],
    examples: ['pol why ifr.pol --input tx.json', 'pol why ifr.pol --input tx.json --want "authorized(authorization: AIA)" --keep destination,item'],
  },
  {
    name: 'debug',
    synopsis: 'ir <file.pol> [--no-optimize]',
    summary: 'print the intermediate representation (for contributors)',
    description: 'Prints the policy as the compiler and the solver see it: sugar removed, names resolved, sets dated, constants folded.',
    options: [['--no-optimize', 'show the IR as lowered, before folding and sharing']],
    examples: ['pol debug ir policies/ai-diffusion/ifr.pol'],
  },
  {
    name: 'lsp',
    synopsis: '--stdio',
    summary: 'run the language server (for editors)',
    description:
      'Runs the Pol language server, speaking the Language Server Protocol over standard input and output.\n' +
      'Editors start it as `pol lsp --stdio`: diagnostics, hover, go to definition, references, rename,\n' +
      'completion, formatting, quick fixes, outline, folding and semantic highlighting.',
    options: [['--stdio', 'talk over standard input and output (the only transport)']],
    examples: ['pol lsp --stdio'],
  },
  {
    name: 'help',
    synopsis: '[command]',
    summary: 'show this overview, or the help of one command',
    description: 'Shows the list of commands, or everything about one command (the same as `pol <command> --help`).',
    options: [],
    examples: ['pol help', 'pol help check'],
  },
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

export function commandHelp(name: string): CommandHelp | undefined {
  return byName.get(name);
}

export function overview(): string {
  const lines = ['usage: pol <command> [options]', '', 'commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(8)} ${c.summary}`, `           pol ${c.name} ${c.synopsis}`);
  lines.push('', 'Paths are relative to the folder you run pol in.', 'Every command that reads policies takes --root <folder>: the project folder imports must stay in', '(default: the nearest folder above the policy with a package.json or pol.json).', 'Run `pol <command> --help` (or `pol help <command>`) for its options and examples.', '');
  return lines.join('\n');
}

export function helpText(c: CommandHelp): string {
  const lines = [`usage: pol ${c.name} ${c.synopsis}`, '', c.summary + '.', '', c.description, ''];
  if (c.options.length) {
    lines.push('options:');
    const width = Math.max(...c.options.map(([f]) => f.length));
    for (const [f, m] of c.options) lines.push(`  ${f.padEnd(width)}  ${m}`);
    lines.push('');
  }
  lines.push('examples:', ...c.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}
