// The spawned server under abuse: requests before initialize, invalid params, out-of-range positions,
// unknown documents, a 1,000-edit storm and a 50 MB document. After each, it answers the next request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { sharedLsp, SERVER_JS } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const WS = 'file:///ws-robust';
const uriOf = (name: string) => `${WS}/infra/runbooks/platform/${name}.md`;
const s = sharedLsp({ rootUri: WS });


/** The server still answers: a hover on an open, healthy document comes back. */
async function alive(): Promise<void> {
  const uri = uriOf('ping');
  if (!s.published.some((p) => p.uri === uri)) {
    s.open(uri, CLEAN);
    await s.diagnostics(uri);
  }
  await Promise.race([
    s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }),
    new Promise((_, rej) => setTimeout(() => rej(new Error('server did not answer within 20 s')), 20000)),
  ]);
  assert.equal(s.proc.exitCode, null, 'server process is running');
}

const key = (d: Diagnostic) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

test('requests before initialize are refused with ServerNotInitialized (-32002), nothing crashes, and initialize still works', async () => {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  try {
    for (const m of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/codeAction']) {
      const params = { textDocument: { uri: uriOf('x') }, position: { line: 0, character: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } };
      await conn.sendRequest(m, params).then(
        (r) => assert.fail(`${m} before initialize answered ${JSON.stringify(r)} instead of refusing`),
        (e: { code?: number }) => assert.equal(e.code, -32002, `${m} before initialize: ${JSON.stringify(e)}`),
      );
    }
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('early'), languageId: 'markdown', version: 1, text: CLEAN } });
    const init = (await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: object };
    assert.ok(init.capabilities);
    assert.equal(proc.exitCode, null);
  } finally {
    conn.dispose();
    proc.kill();
  }
});

test('invalid params on every document request are answered (error or empty) and the server keeps serving', async () => {
  const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/definition', 'textDocument/references', 'textDocument/codeAction', 'textDocument/prepareRename', 'textDocument/rename'];
  const bad: unknown[] = [{}, { textDocument: null }, { textDocument: { uri: 42 }, position: 'top' }, { textDocument: { uri: uriOf('ping') }, position: { line: -1, character: -5 } }, null];
  await alive();
  for (const m of methods) {
    for (const p of bad) {
      await s.conn.sendRequest(m, p).then(
        () => undefined,
        () => undefined,
      );
    }
  }
  await alive();
});

test('out-of-range positions and edits are clamped: requests answer, diagnostics follow the edited text', async () => {
  const uri = uriOf('range');
  s.open(uri, CLEAN, 1);
  await s.diagnostics(uri, (_d, p) => p.version === 1);
  const far = { line: 1_000_000, character: 1_000_000 };
  for (const m of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
    await s.conn.sendRequest(m, { textDocument: { uri }, position: far }).catch(() => undefined);
  }
  // An edit whose range lies past the end appends; one with start after end is taken as given by the library.
  s.change(uri, 2, [{ range: { start: far, end: far }, text: '\n<!-- appended -->\n' }]);
  s.change(uri, 3, [{ range: { start: { line: 5, character: 999 }, end: { line: 2, character: 0 } }, text: '' }]);
  await s.diagnostics(uri, (_d, p) => p.version === 3);
  await alive();
});

test('unknown documents: every request answers without throwing', async () => {
  const uri = uriOf('never-opened');
  const pos = { line: 0, character: 0 };
  for (const [m, p] of [
    ['textDocument/hover', { textDocument: { uri }, position: pos }],
    ['textDocument/completion', { textDocument: { uri }, position: pos }],
    ['textDocument/documentSymbol', { textDocument: { uri } }],
    ['textDocument/definition', { textDocument: { uri }, position: pos }],
    ['textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } }],
  ] as const) {
    const r = (await s.conn.sendRequest(m, p)) as unknown;
    assert.ok(r === null || (Array.isArray(r) && r.length === 0) || (typeof r === 'object' && r !== null), `${m}: ${JSON.stringify(r)}`);
  }
  // Notifications for unknown documents are ignored too.
  s.change(uri, 7, [{ text: 'x' }]);
  void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  void s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  await alive();
});

test('a storm of 1,000 edits: the last publication is for the last version and equals a fresh check of the final text', async () => {
  const uri = uriOf('storm');
  s.open(uri, CLEAN, 1);
  await s.diagnostics(uri, (_d, p) => p.version === 1);
  const lines = CLEAN.split('\n');
  let text = CLEAN;
  let version = 1;
  for (let i = 0; i < 1000; i++) {
    version++;
    // Type into the Summary and, every 100 edits, break and repair the front matter.
    const line = 20 + (i % 10);
    const ch = Math.min(lines[line]!.length, 3);
    const ins = i % 100 === 50 ? '\n---\n' : 'x';
    s.change(uri, version, [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: ins }]);
    const tl = text.split('\n');
    tl[line] = tl[line]!.slice(0, ch) + ins + tl[line]!.slice(ch);
    text = tl.join('\n');
    lines.splice(0, lines.length, ...text.split('\n'));
  }
  const last = await s.diagnostics(uri, (_d, p) => p.version === version, 120000);
  const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
  assert.ok(versions.every((v, i) => i === 0 || v >= versions[i - 1]!), 'publications never go back to an older version');
  assert.ok(versions.length < 1000, `edits were coalesced (${versions.length} publications)`);
  // The same text opened fresh under another version gives the same diagnostics.
  void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await s.diagnostics(uri, (d, p) => d.length === 0 && p.version === undefined);
  s.open(uri, text, 5000);
  const fresh = await s.diagnostics(uri, (_d, p) => p.version === 5000, 60000);
  assert.deepEqual(last.map(key).sort(), fresh.map(key).sort());
  await alive();
});

test('a 50 MB document degrades to RB003 (secrets only), no crash, and the next request is answered', { timeout: 300000 }, async () => {
  const uri = uriOf('huge');
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, kubectl get pods.\n';
  const text = '# Huge\n\n' + line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
  assert.ok(text.length >= 50 * 1024 * 1024);
  s.open(uri, text, 1);
  const d = await s.diagnostics(uri, (_d, p) => p.version === 1, 280000);
  assert.ok(d.some((x) => x.code === 'RB003'), `RB003 reported: ${d.map((x) => x.code).join(',')}`);
  assert.ok(!d.some((x) => x.code === 'RB201'), 'structure rules are skipped');
  void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await alive();
});
