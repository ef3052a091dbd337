/**
 * The VS Code extension: starts the Pol language server and adds two commands. Everything about
 * the language is in the server; this file only wires VS Code to it.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';

let client: LanguageClient | undefined;

interface ExampleOutcome {
  readonly title: string;
  readonly line: number;
  readonly passed: boolean;
  readonly expected?: string;
  readonly actual?: string;
  readonly inputErrors?: readonly string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const custom = vscode.workspace.getConfiguration('pol').get<string[]>('server.command') ?? [];
  const serverOptions: ServerOptions =
    custom.length > 0
      ? { command: custom[0]!, args: custom.slice(1) }
      : { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'pol' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.pol') },
  };
  client = new LanguageClient('pol', 'Pol', serverOptions, clientOptions);
  await client.start();
  const output = vscode.window.createOutputChannel('Pol');

  const activeUri = (): string | undefined => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.languageId === 'pol') return doc.uri.toString();
    void vscode.window.showErrorMessage('Open a .pol file first.');
    return undefined;
  };

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('pol.runExamples', async () => {
      const uri = activeUri();
      if (!uri || !client) return;
      const r = await client.sendRequest<{ error: string } | { entry: string; outcomes: ExampleOutcome[] }>('pol/runExamples', { uri });
      output.clear();
      output.show(true);
      if ('error' in r) {
        output.appendLine(r.error);
        return;
      }
      const failed = r.outcomes.filter((o) => !o.passed);
      output.appendLine(`${r.entry}: ${r.outcomes.length - failed.length} passed, ${failed.length} failed`);
      for (const o of r.outcomes) {
        output.appendLine(`${o.passed ? '✓' : '✗'} ${o.title}`);
        if (!o.passed) output.appendLine(o.inputErrors ? `    input error: ${o.inputErrors.join('; ')}` : `    line ${o.line}: expected ${o.expected}, got ${o.actual}`);
      }
    }),
    vscode.commands.registerCommand('pol.explain', async () => {
      const uri = activeUri();
      if (!uri || !client) return;
      const json = await vscode.window.showInputBox({ prompt: 'A transaction as JSON', placeHolder: '{"date": "2025-06-02", "destination": "JP", ...}' });
      if (json === undefined) return;
      const r = await client.sendRequest<{ ok: true; explanation: string } | { ok: false; errors: string[] }>('pol/evaluate', { uri, json });
      output.clear();
      output.show(true);
      output.appendLine(r.ok ? r.explanation : r.errors.join('\n'));
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
