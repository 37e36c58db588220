// Entry point of dist/server.js: `--stdio`, `--node-ipc` or `--socket=<port>` (chosen by
// vscode-languageserver from argv).
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from './lsp/server.js';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
startServer(connection, documents);
documents.listen(connection);
connection.listen();
