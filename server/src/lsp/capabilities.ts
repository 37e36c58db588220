// What the server advertises in its initialize result. Kept apart from the handlers because the startup
// bundle (dist/server.js, see server/src/server.ts) answers `initialize` from this module alone, before
// the rules, the parser, yaml and ajv are loaded: import nothing here but vscode-languageserver.
import { CodeActionKind, TextDocumentSyncKind, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver';

export const FIX_ALL_KIND = 'source.fixAll.runbooks';

/** Characters after which the editor asks for completion (front-matter keys, values, list items). */
export const COMPLETION_TRIGGERS = [':', ' ', '-', '[', ',', '"'];

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll, CodeActionKind.RefactorRewrite], resolveProvider: true },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Runbook' },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
  };
}

export function initializeResult(): InitializeResult {
  return { capabilities: serverCapabilities(), serverInfo: { name: 'runbook-lint', version: '0.1.0' } };
}
