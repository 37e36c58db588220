// Entry point of dist/server-core.js: the whole server but its startup (rules, parser, yaml, ajv, every
// handler). dist/server.js requires it once `initialize` is answered and hands over its connection,
// documents and initialize params; vscode-languageserver itself comes from dist/server.js (see
// scripts/build.mjs), so both bundles share one connection library.
import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from './server.js';

export function attach(connection: Connection, documents: TextDocuments<TextDocument>, params: InitializeParams): void {
  startServer(connection, documents, {}, params);
}
