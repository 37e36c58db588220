// Entry point of dist/server.js: `--stdio`, `--node-ipc` or `--socket=<port>` (chosen by
// vscode-languageserver from argv).
//
// Startup in two steps, so an editor gets its initialize result fast (issue 8: ≤ 300 ms from spawn): this
// bundle holds only vscode-languageserver and answers `initialize` from lsp/capabilities.ts; the rest of the
// server (rules, parser, yaml, ajv: dist/server-core.js, built from lsp/core-entry.ts) is required
// synchronously right after the result is written, and in any case before the next message is dispatched,
// so no message after `initialize` can miss its handler.
// Before `initialize`, requests get ServerNotInitialized (-32002) and notifications other than `exit` are
// dropped, as LSP asks; after `shutdown`, requests get InvalidRequest and notifications other than `exit`
// are dropped. Over stdio, a socket or a pipe a broken frame (lsp/framing.ts) ends the process with exit
// code 1 (node-ipc has no framing: messages arrive as objects).
import * as nodeModule from 'node:module';
import * as net from 'node:net';
import { inspect } from 'node:util';
import * as lsp from 'vscode-languageserver/node';
import * as textDocument from 'vscode-languageserver-textdocument';
import { initializeResult } from './lsp/capabilities.js';
import { createAsciiJsonEncoder } from './lsp/ascii-json.js';
import { FramingGuard } from './lsp/framing.js';
import type * as Core from './lsp/core-entry.js';

// Node ≥ 22.1 (and the Electron of newer VS Code) caches compiled code on disk: the core loads faster
// from the second start on. Absent on Node 20: nothing happens.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

let initParams: lsp.InitializeParams | undefined;
let coreLoaded = false;
let shuttingDown = false;
/** Set once `shutdown` was dispatched: what follows, except `exit`, is refused. */
let shutDown = false;
/** Requests after `shutdown` are dispatched under this name, whose handler refuses them. */
const AFTER_SHUTDOWN = '$/runbook-lint/afterShutdown';

const options: lsp.ConnectionOptions = {
  messageStrategy: {
    // Runs before each message is dispatched, in arrival order.
    handleMessage(message, next) {
      const method = lsp.Message.isNotification(message) || lsp.Message.isRequest(message) ? message.method : undefined;
      if (!initParams) {
        if (lsp.Message.isNotification(message) && method !== 'exit') return; // dropped before initialize
      } else if (shutDown && method !== 'exit') {
        if (lsp.Message.isRequest(message)) return next({ ...message, method: AFTER_SHUTDOWN } as lsp.RequestMessage);
        return; // a notification after shutdown: dropped
      } else if (method === 'shutdown' || method === 'exit') {
        shuttingDown = true;
        if (method === 'shutdown') {
          next(message);
          shutDown = true;
          return;
        }
      } else {
        loadCore(); // the first message after `initialize` (normally `initialized`; a client may send requests before it)
      }
      return next(message);
    },
  },
};
const connection = process.argv.includes('--stdio') ? stdioConnection() : (socketConnection() ?? lsp.createConnection(lsp.ProposedFeatures.all, options));
const documents = new lsp.TextDocuments(textDocument.TextDocument);

const notInitialized = () => new lsp.ResponseError(lsp.ErrorCodes.ServerNotInitialized, 'Server not initialized');
// Until `initialize`, no other handler is registered: this one answers every other request.
const refuseRequests = connection.onRequest(notInitialized);
connection.onShutdown(() => (initParams ? undefined : notInitialized()));
connection.onRequest(AFTER_SHUTDOWN, () => new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, 'The server is shutting down: only exit is accepted after shutdown'));

connection.onInitialize((params) => {
  if (initParams) return new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, 'initialize was already received');
  initParams = params;
  refuseRequests.dispose(); // unknown methods get MethodNotFound from here on
  documents.listen(connection); // registers willSaveWaitUntil too, which must be refused before initialize
  // vscode-jsonrpc writes the result on the next immediate; load the core on the one after, so the editor
  // has its answer while the core loads.
  setImmediate(() => setImmediate(() => shuttingDown || loadCore()));
  return initializeResult();
});

function loadCore(): void {
  if (coreLoaded) return;
  coreLoaded = true;
  // dist/server-core.js takes vscode-languageserver(-textdocument) from here instead of a copy of its own
  // (one ResponseError class for the connection's instanceof checks, and less to load): scripts/build.mjs
  // resolves those imports there to this object.
  const shared: Record<string, unknown> = { 'vscode-languageserver': lsp, 'vscode-languageserver/node': lsp, 'vscode-languageserver-textdocument': textDocument };
  (globalThis as Record<symbol, unknown>)[Symbol.for('runbook-authoring.server-modules')] = shared;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose: the handlers must exist before the next message is dispatched
    const core = require('./server-core.js') as typeof Core;
    core.attach(connection, documents, initParams!);
  } catch (e) {
    // A server without its handlers is useless: say why on stderr (the editor's output channel) and exit,
    // so the editor reports the crash instead of talking to a half server.
    process.stderr.write(`runbook-lint: the language server failed to load dist/server-core.js: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  }
}

/**
 * `--stdio` with an ASCII-only JSON writer (lsp/ascii-json.ts). vscode-languageserver builds its own writer
 * from the streams, so this does the two other things it does for stdio: exit when the editor closes stdin
 * (0 after `shutdown`, as LSP asks), and keep console output off stdout, where it would corrupt the protocol.
 */
function stdioConnection(): lsp.Connection {
  const c = guardedConnection(process.stdin, process.stdout, 'stdin');
  /* eslint-disable no-console -- redirecting console output to the editor's log is the point here */
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = console.debug = console.trace = (...a: unknown[]) => c.console.log(line(a));
  console.warn = (...a: unknown[]) => c.console.warn(line(a));
  console.error = (...a: unknown[]) => c.console.error(line(a));
  /* eslint-enable no-console */
  return c;
}

/**
 * A connection over streams whose framing is checked (lsp/framing.ts): a broken frame leaves vscode-jsonrpc's
 * reader stuck for good, so it is said on stderr and the process exits 1, and the client restarts us. The
 * process also exits when the input ends (0 after `shutdown`).
 */
function guardedConnection(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, name: string): lsp.Connection {
  const reader = new lsp.StreamMessageReader(input);
  const guard = new FramingGuard();
  let failing = false;
  const fatal = (why: string) => {
    if (failing) return;
    failing = true;
    process.stderr.write(`runbook-lint: LSP framing error on ${name}: ${why}; exiting.\n`);
    // A moment for the answers to the messages before the broken frame to be written, then out.
    setTimeout(() => process.exit(1), 200);
  };
  input.on('data', (chunk: Buffer) => {
    const err = guard.push(chunk);
    if (err) fatal(err);
  });
  reader.onError((e) => {
    if (/Content-Length|Header must/i.test(e.message)) fatal(e.message.split('\n')[0]!);
  });
  const writer = new lsp.StreamMessageWriter(output, { charset: 'utf-8', contentTypeEncoder: createAsciiJsonEncoder() });
  const c = lsp.createConnection(lsp.ProposedFeatures.all, reader, writer, options);
  const gone = () => process.exit(shuttingDown ? 0 : 1);
  input.on('end', gone);
  input.on('close', gone);
  return c;
}

/**
 * `--socket=<port>` / `--socket <port>` (connect to the editor on 127.0.0.1) and `--pipe=<name>`, read from argv
 * as vscode-languageserver reads them, with the framing guard of stdio; undefined for other transports.
 */
function socketConnection(): lsp.Connection | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split('=');
    if (name !== '--socket' && name !== '--pipe') continue;
    const value = inline ?? argv[i + 1];
    if (!value) return undefined;
    const port = parseInt(value, 10);
    if (name === '--socket' && !port) return undefined;
    const socket = name === '--pipe' ? net.createConnection(value) : net.createConnection(port, '127.0.0.1');
    const label = name === '--pipe' ? `pipe ${value}` : `socket ${port}`;
    socket.on('error', (e) => {
      process.stderr.write(`runbook-lint: LSP ${label}: ${e.message}; exiting.\n`);
      process.exit(1);
    });
    return guardedConnection(socket, socket, label);
  }
  return undefined;
}

connection.listen();
