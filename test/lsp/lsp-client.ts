/** A minimal LSP client that starts the real `pol lsp --stdio` in a child process. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO } from '../support/policy-files.ts';
import { polArgv } from '../support/cli-argv.ts';

export const IFR_DIR = join(REPO, 'policies/ai-diffusion');
export const uriOf = (path: string) => pathToFileURL(path).href;

export interface LspSession {
  readonly connection: MessageConnection;
  readonly child: ChildProcessWithoutNullStreams;
  readonly stderr: () => string;
  /** resolves with the next diagnostics published for `uri` that satisfy `accept` */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  open(path: string, text?: string): Promise<string>;
  close(): Promise<number | null>;
}

/** Starts `pol lsp --stdio`, or another server script given as node arguments (the bundled one of the .vsix). */
export async function startLsp(nodeArgs: readonly string[] = [...polArgv(), 'lsp', '--stdio']): Promise<LspSession> {
  const child = spawn(process.execPath, [...nodeArgs], { cwd: REPO, stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: uriOf(REPO), capabilities: {}, workspaceFolders: null });
  await connection.sendNotification('initialized', {});
  let version = 1;
  return {
    connection,
    child,
    stderr: () => err,
    diagnostics: (uri, accept = () => true) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 20 s; stderr: ${err}`)), 20_000);
        waiters.push({ uri, accept, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      }),
    open: async (path, text) => {
      const uri = uriOf(path);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pol', version: version++, text: text ?? readFileSync(path, 'utf8') } });
      return uri;
    },
    close: async () => {
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
