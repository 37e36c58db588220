// Editor features beyond diagnostics (completion, hover, symbols, definition, references,
// rename, custom requests). Registered by the server at startup; each handler translates core
// results to LSP.
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerState } from '../server.js';
import { COMPLETION_TRIGGERS, registerCompletion } from './completion.js';
import { registerNavigation } from './navigation.js';
import { registerRequests } from './requests.js';

/** Capabilities these features add to the initialize result. */
export function featureCapabilities(): Partial<ServerCapabilities> {
  return {
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Runbook' },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
  };
}

export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState): void {
  registerCompletion(connection, documents, state);
  registerNavigation(connection, documents, state);
  registerRequests(connection, documents, state);
}
