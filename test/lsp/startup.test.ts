// Startup of the spawned server (dist/server.js --stdio): it answers `initialize` from a small bundle and
// loads the rest (dist/server-core.js) afterwards. Requests before `initialize` are refused with
// ServerNotInitialized, the capabilities stay what they were, and no message after `initialize` — not even
// one sent before `initialized` — finds a handler missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { DocumentSymbol, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_JS } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const uriOf = (name: string) => `file:///ws-startup/infra/runbooks/platform/${name}.md`;
const INIT_PARAMS = { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } };

/** What the server advertised before its startup was split in two bundles (compare, do not regenerate), with
 *  codeAction/resolve since fix-all's edit is computed on resolve, and refactor.rewrite since the conversion to
 *  the template (migrate) is a code action. */
const EXPECTED: InitializeResult = {
  capabilities: {
    textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.runbooks', 'source.fixAll', 'refactor.rewrite'], resolveProvider: true },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    completionProvider: { triggerCharacters: [':', ' ', '-', '[', ',', '"'], resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Runbook' },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
  },
  serverInfo: { name: 'runbook-lint', version: '0.1.0' },
};

/** A spawned server with a bare JSON-RPC connection: nothing is sent for you, not even `initialize`. */
async function withServer(fn: (conn: MessageConnection, published: PublishDiagnosticsParams[], exitCode: () => number | null) => Promise<void>): Promise<void> {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const exited = new Promise((r) => proc.once('exit', r));
  try {
    await fn(conn, published, () => proc.exitCode);
  } finally {
    // Shut down politely so no reply of the client is written to a dead pipe.
    if (proc.exitCode === null) {
      await Promise.race([conn.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
      void conn.sendNotification('exit').catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
    proc.kill();
    conn.dispose();
  }
}

const errorCode = (p: Promise<unknown>) =>
  p.then(
    (r) => `answered ${JSON.stringify(r)}`,
    (e: { code?: number }) => e.code,
  );

const symbolsOf = (conn: MessageConnection, uri: string) => conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<DocumentSymbol[] | null>;

test('before initialize every request gets ServerNotInitialized (-32002) and notifications are dropped; then initialize and document requests work', async () => {
  await withServer(async (conn, published, exitCode) => {
    const early = uriOf('early');
    for (const m of ['textDocument/hover', 'textDocument/documentSymbol', 'runbooks/dodReport', 'shutdown', 'no/suchMethod']) {
      assert.equal(await errorCode(conn.sendRequest(m, { textDocument: { uri: early }, position: { line: 0, character: 0 } })), -32002, m);
    }
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: early, languageId: 'markdown', version: 1, text: CLEAN } });
    assert.equal(exitCode(), null, 'the server is still running');

    const init = (await conn.sendRequest('initialize', INIT_PARAMS)) as InitializeResult;
    assert.deepEqual(init.capabilities, EXPECTED.capabilities);
    void conn.sendNotification('initialized', {});
    assert.equal((await symbolsOf(conn, early))?.length ?? 0, 0, 'the didOpen sent before initialize was dropped: the document is unknown');

    const uri = uriOf('after');
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: CLEAN } });
    const syms = await symbolsOf(conn, uri);
    assert.ok(syms?.some((s) => s.name === 'Step 1 — Triage'), JSON.stringify(syms?.map((s) => s.name)));
    assert.equal(await errorCode(conn.sendRequest('no/suchMethod', {})), -32601, 'unknown methods are MethodNotFound once initialized');
    assert.ok(!published.some((p) => p.uri === early), 'no diagnostics for the dropped document');
  });
});

test('initialize answers with the same capabilities and server info as before the split', async () => {
  await withServer(async (conn) => {
    const init = (await conn.sendRequest('initialize', INIT_PARAMS)) as InitializeResult;
    assert.deepEqual(init, EXPECTED);
  });
});

test('messages sent right behind initialize, before its result and before initialized, find their handlers', async () => {
  await withServer(async (conn, published) => {
    const uri = uriOf('eager');
    // All written at once: the server reads them together with initialize, before the core is loaded.
    const init = conn.sendRequest('initialize', INIT_PARAMS) as Promise<InitializeResult>;
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: CLEAN } });
    const syms = symbolsOf(conn, uri);
    const dod = conn.sendRequest('runbooks/dodReport', { uri }) as Promise<{ total: number } | null>;
    assert.deepEqual((await init).capabilities, EXPECTED.capabilities);
    assert.ok((await syms)?.some((s) => s.name === 'Summary'));
    assert.equal((await dod)?.total, 7, 'runbooks/dodReport answered with the seven DoD items');
    void conn.sendNotification('initialized', {});
    const deadline = Date.now() + 15000;
    while (!published.some((p) => p.uri === uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(published.find((p) => p.uri === uri)?.diagnostics, [], 'the clean runbook was checked and published');
  });
});

test('shutdown and exit right after initialize end the process cleanly', async () => {
  await withServer(async (conn, _published, exitCode) => {
    await conn.sendRequest('initialize', INIT_PARAMS);
    assert.equal(await conn.sendRequest('shutdown'), null);
    void conn.sendNotification('exit');
    const deadline = Date.now() + 5000;
    while (exitCode() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(exitCode(), 0, 'exit after shutdown is a clean exit');
  });
});

test('the packaged extension ships both server bundles (dist/server.js requires dist/server-core.js)', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim());
  for (const f of ['dist/server.js', 'dist/server-core.js']) assert.ok(files.includes(f), `${f} in ${JSON.stringify(files)}`);
});
