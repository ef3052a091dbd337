#!/usr/bin/env node
/**
 * The `pol` command. Wiring only: it reads arguments and files, calls the packages, prints, and
 * maps results to exit codes (0 ok, 1 the policy or input has errors or tests fail, 2 usage).
 * A user's mistake never shows a stack trace; an internal error says it is a bug.
 */
import { checkCommand } from './commands/check.ts';
import { evalCommand } from './commands/eval.ts';
import { testCommand } from './commands/test.ts';
import { IoError, UsageError, setProjectRoot } from './io.ts';
import type { EngineName } from './engines.ts';
import { commandHelp, helpText, overview } from './help.ts';


interface Args {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--root', '--input', '--engine', '--format', '--out', '--target', '--timeout', '--jobs', '--package', '--as-of', '--want', '--keep', '--ledger', '--id', '--reason']);

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (VALUE_FLAGS.has(name)) {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        flags.set(name, v);
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

function flag(args: Args, name: string, allowed?: readonly string[]): string | undefined {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  if (v === true) throw new UsageError(`${name} needs a value`);
  if (allowed && !allowed.includes(v)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, not \`${v}\``);
  return v;
}

function one(args: Args, what: string): string {
  if (args.positional.length !== 1) throw new UsageError(`expected one ${what}, got ${args.positional.length}`);
  return args.positional[0]!;
}

function checkFlags(args: Args, known: readonly string[]): void {
  for (const k of args.flags.keys()) if (!known.includes(k)) throw new UsageError(`unknown option ${k}`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? (rest[0] === '--help' || rest[0] === '-h' ? 'help' : rest[0]) : undefined;
    if (topic === undefined) {
      process.stdout.write(overview());
      return command ? 0 : 2;
    }
    const c = commandHelp(topic);
    if (!c) throw new UsageError(`there is no command \`${topic}\``);
    process.stdout.write(helpText(c));
    return 0;
  }
  const help = commandHelp(command);
  if (help && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(helpText(help));
    return 0;
  }
  const args = parseArgs(rest);
  // every command that reads policies takes --root: the project folder imports must stay in
  const root = args.flags.get('--root');
  if (root === true) throw new UsageError('--root needs a folder');
  setProjectRoot(root);
  args.flags.delete('--root');
  switch (command) {
    case 'check':
      checkFlags(args, ['--format', '--analyze', '--no-analyze']);
      if (args.flags.has('--analyze') && args.flags.has('--no-analyze')) throw new UsageError('--analyze and --no-analyze contradict each other');
      if (args.positional.length === 0) throw new UsageError('check needs at least one policy file');
      return checkCommand(
        args.positional,
        (flag(args, '--format', ['human', 'json']) ?? 'human') as 'human' | 'json',
        args.flags.has('--no-analyze') ? 'none' : args.flags.has('--analyze') ? 'full' : 'default',
      );
    case 'eval': {
      checkFlags(args, ['--input', '--engine', '--explain', '--format', '--jobs', '--ledger']);
      const input = flag(args, '--input');
      if (!input) throw new UsageError('eval needs --input <file.json | file.jsonl | ->');
      const jobsText = flag(args, '--jobs') ?? '1';
      const jobs = Number(jobsText);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not \`${jobsText}\``);
      return evalCommand(one(args, 'policy file'), {
        input,
        engine: (flag(args, '--engine', ['compiled', 'interpreter']) ?? 'compiled') as EngineName,
        explain: args.flags.has('--explain'),
        format: (flag(args, '--format', ['json', 'text']) ?? (args.flags.has('--explain') ? 'text' : 'json')) as 'json' | 'text',
        jobs,
        ledger: flag(args, '--ledger'),
      });
    }
    case 'ledger': {
      const [what, file, ...more] = args.positional;
      if ((what !== 'show' && what !== 'export' && what !== 'reverse') || !file || more.length > 0) throw new UsageError('usage: pol ledger show|export|reverse <file.duckdb>');
      if (what === 'reverse') {
        checkFlags(args, ['--id', '--reason', '--input', '--timestamp']);
        const id = flag(args, '--id');
        const reason = flag(args, '--reason');
        const input = flag(args, '--input');
        if ((id === undefined) === (input === undefined)) throw new UsageError('ledger reverse needs either --id <transaction id> --reason <text>, or --input <reversals.jsonl>');
        if (id !== undefined && (reason === undefined || reason.trim() === '')) throw new UsageError('ledger reverse --id needs --reason <text>: why the transaction is reversed (it is kept in the ledger)');
        if (input !== undefined && reason !== undefined) throw new UsageError('ledger reverse --input takes each reason from its line ({"id": ..., "reason": ...}): leave out --reason');
        const { ledgerReverseCommand } = await import('./commands/ledger.ts');
        return ledgerReverseCommand(file, { ...(id === undefined ? {} : { id, reason: reason!.trim() }), ...(input === undefined ? {} : { input }), timestamp: args.flags.has('--timestamp') });
      }
      checkFlags(args, ['--format']);
      const { ledgerCommand } = await import('./commands/ledger.ts');
      return ledgerCommand(what, file, (flag(args, '--format', ['text', 'json']) ?? (what === 'show' ? 'text' : 'json')) as 'text' | 'json');
    }
    case 'test': {
      checkFlags(args, ['--engine', '--require-coverage']);
      const engine = flag(args, '--engine', ['both', 'compiled', 'interpreter']) ?? 'both';
      const engines: EngineName[] = engine === 'both' ? ['interpreter', 'compiled'] : [engine as EngineName];
      return testCommand(one(args, 'policy file or folder'), { engines, requireCoverage: args.flags.has('--require-coverage') });
    }
    case 'compile': {
      checkFlags(args, ['--out', '--target', '--package']);
      const out = flag(args, '--out');
      if (!out) throw new UsageError('compile needs --out <dir>');
      const pkg = flag(args, '--package');
      if (pkg !== undefined && args.flags.has('--target')) throw new UsageError('--package writes both JavaScript and TypeScript: leave out --target');
      const { compileCommand } = await import('./commands/compile.ts');
      return compileCommand(one(args, 'policy file'), out, (flag(args, '--target', ['ts', 'js']) ?? 'ts') as 'ts' | 'js', pkg);
    }
    case 'fmt': {
      checkFlags(args, ['--check']);
      if (args.positional.length === 0) throw new UsageError('fmt needs at least one .pol file');
      const { fmtCommand } = await import('./commands/fmt.ts');
      return fmtCommand(args.positional, args.flags.has('--check'));
    }
    case 'diff': {
      checkFlags(args, ['--format', '--timeout', '--timestamp']);
      if (args.positional.length !== 2) throw new UsageError('diff needs two policy files: the old and the new');
      const { diffCommand } = await import('./commands/diff.ts');
      return diffCommand(args.positional[0]!, args.positional[1]!, (flag(args, '--format', ['text', 'json', 'markdown', 'html']) ?? 'text') as 'text', flag(args, '--timeout'), args.flags.has('--timestamp'));
    }
    case 'replay': {
      checkFlags(args, ['--input', '--format', '--ledger']);
      if (args.positional.length !== 2) throw new UsageError('replay needs two policy files: the old and the new');
      const input = flag(args, '--input');
      if (!input) throw new UsageError('replay needs --input <transactions.jsonl> (one input per line)');
      const { replayCommand } = await import('./commands/replay.ts');
      return replayCommand(args.positional[0]!, args.positional[1]!, input, flag(args, '--format', ['text', 'json', 'markdown']) ?? 'text', flag(args, '--ledger'));
    }
    case 'doc': {
      checkFlags(args, ['--out', '--as-of']);
      const out = flag(args, '--out');
      if (!out) throw new UsageError('doc needs --out <dir>');
      const { docCommand } = await import('./commands/doc.ts');
      return docCommand(one(args, 'policy file'), out, flag(args, '--as-of'));
    }
    case 'why': {
      checkFlags(args, ['--input', '--want', '--keep', '--format', '--timeout']);
      const input = flag(args, '--input');
      if (!input) throw new UsageError('why needs --input <file.json>: the transaction to explain');
      const { whyCommand } = await import('./commands/why.ts');
      return whyCommand(one(args, 'policy file'), { input, want: flag(args, '--want'), keep: flag(args, '--keep'), format: (flag(args, '--format', ['text', 'json']) ?? 'text') as 'text' | 'json', timeout: flag(args, '--timeout') });
    }
    case 'lsp': {
      checkFlags(args, ['--stdio', '--clientProcessId']);
      if (args.positional.length !== 0) throw new UsageError('lsp takes no files: the editor sends them');
      const { startServer } = await import('@pol/language-service/server');
      startServer();
      // The server runs until the editor sends `exit`; the returned promise never settles first.
      return new Promise<number>(() => {});
    }
    case 'debug': {
      checkFlags(args, ['--no-optimize']);
      const [what, file, ...more] = args.positional;
      if (what !== 'ir' || !file || more.length > 0) throw new UsageError('usage: pol debug ir <file.pol> [--no-optimize]');
      const { debugIrCommand } = await import('./commands/debug.ts');
      return debugIrCommand(file, !args.flags.has('--no-optimize'));
    }
    default:
      throw new UsageError(`unknown command \`${command}\``);
  }
}

export async function run(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      const c = commandHelp(argv[0] ?? '');
      const usage = c ? `usage: pol ${c.name} ${c.synopsis}\nrun \`pol ${c.name} --help\` for the options\n` : overview();
      process.stderr.write(`pol: error[cli/usage]: ${e.message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof IoError) {
      process.stderr.write(`pol: error[cli/io]: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`pol: internal error: ${message}\nThis is a bug in Pol; please report it with the command you ran.\n`);
    if (process.env['POL_DEBUG'] && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 70;
  }
}

