// VS Code client: starts the language server (IPC), sends it only runbook files, restarts it
// when it dies (vscode-languageclient's default error handler), and restarts on settings that
// change which files are runbooks. Adds the Runbook commands, the DoD status bar item and the
// Runbooks tree view, which talk to the server through custom requests.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { alertRulesSelector, isAlertRulesCandidate, isRunbookDocument, runbookSelector } from './selector';
import { registerCommands } from './commands';
import { registerStatusBar } from './statusbar';
import { registerTree } from './tree';
import { completionMiddleware } from './completion';
import { registerPictures } from './pictures';
import { createRunbookForAlert } from './alerts';
import { COMMANDS } from './logic/ids';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Alert rule files (YAML with `alert:` rules) are sent too, decided once when they open, so a
  // document never changes sides while it is open.
  const yamlSent = new Set<string>();
  const sends = (doc: vscode.TextDocument) => isRunbookDocument(doc) || yamlSent.has(doc.uri.toString());
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...runbookSelector(), ...alertRulesSelector()],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{.runbook-lint.yaml,.runbook-lint.yml,runbook-lint-suppressions.json,CODEOWNERS,*.yaml,*.yml,*.md}') },
    diagnosticCollectionName: 'runbooks',
    middleware: {
      // Exclude globs (README.md, _assets, …) are applied here so those files never reach the server.
      didOpen: (doc, next) => {
        if (!isRunbookDocument(doc) && isAlertRulesCandidate(doc)) yamlSent.add(doc.uri.toString());
        return sends(doc) ? next(doc) : Promise.resolve();
      },
      didChange: (e, next) => (sends(e.document) ? next(e) : Promise.resolve()),
      didSave: (doc, next) => (sends(doc) ? next(doc) : Promise.resolve()),
      didClose: (doc, next) => {
        const sent = sends(doc);
        yamlSent.delete(doc.uri.toString());
        return sent ? next(doc) : Promise.resolve();
      },
      ...completionMiddleware,
      // One outline: VS Code's Markdown outline already lists the headings (and the breadcrumbs
      // follow it); the steps with their kind and findings are in the Runbooks tree. Other
      // editors still get the server's document symbols.
      provideDocumentSymbols: () => [],
    },
  };
  client = new LanguageClient('runbooks', 'Runbook Authoring', serverOptions, clientOptions);
  const tree = registerTree(context, getClient);
  registerCommands(context, getClient, () => tree.refresh());
  registerStatusBar(context, getClient);
  registerPictures(context, getClient);
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.createRunbookForAlert, async (arg?: unknown) => {
    await createRunbookForAlert(getClient, arg);
    tree.refresh();
  }));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('runbooks.include') || e.affectsConfiguration('runbooks.exclude')) {
        await client?.stop();
        client = new LanguageClient('runbooks', 'Runbook Authoring', serverOptions, { ...clientOptions, documentSelector: [...runbookSelector(), ...alertRulesSelector()] });
        await client.start();
        tree.refresh();
      }
    }),
  );
  await client.start();
  tree.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

export function getClient(): LanguageClient | undefined {
  return client;
}
