// Editor features beyond diagnostics (completion, hover, symbols, definition, rename, custom
// requests). Registered by the server at startup; each handler translates core results to LSP.
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerState } from '../server.js';

/** Capabilities these features add to the initialize result. */
export function featureCapabilities(): Partial<ServerCapabilities> {
  return {};
}

export function registerFeatures(_connection: Connection, _documents: TextDocuments<TextDocument>, _state: ServerState): void {
  // Filled in by the editor-features work (completion, hover, symbols, definition, rename).
}
