// Editor features beyond diagnostics (completion, hover, symbols, definition, references,
// rename, custom requests). Registered by the server at startup; each handler translates core
// results to LSP.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerState } from '../server.js';
import { registerCompletion } from './completion.js';
import { registerNavigation } from './navigation.js';
import { registerRequests } from './requests.js';
import { registerPictures } from './pictures.js';

// The capabilities these features need are advertised in ../capabilities.ts (the startup bundle answers
// `initialize` before this module is loaded): add a new provider there too.
export function registerFeatures(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState): void {
  registerCompletion(connection, documents, state);
  registerNavigation(connection, documents, state);
  registerRequests(connection, documents, state);
  registerPictures(connection, documents, state);
}
