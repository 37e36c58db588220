// Broken LSP framing and messages after `shutdown` (issue 21 D12). Before: after a negative, non-numeric or
// missing Content-Length, or headers ending in LF only, the server stayed alive at 0 % CPU, answered
// nothing and never exited. Now it logs the framing error and exits 1, so the client restarts it; and
// after `shutdown` every request gets InvalidRequest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { FramingGuard } from '../../server/src/lsp/framing.js';
import { SERVER_JS } from '../helpers/lsp-client.js';

const frame = (body: string, header = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`) => Buffer.from(header + body);
const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const HOVER = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.md' }, position: { line: 0, character: 0 } } });

const BROKEN: [string, Buffer][] = [
  ['negative Content-Length', frame(HOVER, 'Content-Length: -5\r\n\r\n')],
  ['non-numeric Content-Length', frame(HOVER, 'Content-Length: ten\r\n\r\n')],
  ['no Content-Length', frame(HOVER, 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n')],
  ['LF-only headers', frame(HOVER, `Content-Length: ${HOVER.length}\n\n`)],
  ['garbage instead of a header', Buffer.from('hello there\r\n\r\n')],
];

test('FramingGuard: a valid stream split anywhere is accepted; each broken frame is reported', () => {
  const valid = Buffer.concat([frame(INIT), frame(HOVER, `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${HOVER.length}\r\n\r\n`), frame('{"jsonrpc":"2.0","method":"x","params":"\r\n\r\nContent-Length: -1"}')]);
  fc.assert(
    fc.property(fc.array(fc.nat({ max: valid.length }), { maxLength: 12 }), (cuts) => {
      const g = new FramingGuard();
      const at = [0, ...cuts.sort((a, b) => a - b), valid.length];
      for (let i = 1; i < at.length; i++) assert.equal(g.push(valid.subarray(at[i - 1], at[i])), undefined, `cut at ${at}`);
    }),
    { numRuns: 300 },
  );
  for (const [name, bytes] of BROKEN) {
    const g = new FramingGuard();
    assert.equal(g.push(frame(INIT)), undefined, name);
    assert.ok(g.push(bytes), `${name} is reported`);
  }
});

/** The exit code of `proc` (null: killed after `ms`), with what `seen` gathered `settle` ms after it. */
function exitOf(proc: ChildProcess, ms: number, seen: () => { err: string; out: string }, settle = 0): Promise<{ code: number | null; err: string; out: string }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      proc.kill();
      resolve({ code: null, ...seen() });
    }, ms);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      setTimeout(() => resolve({ code, ...seen() }), settle);
    });
  });
}

/** Spawns the server, writes `bytes`, and waits (bounded) for it to exit. */
function runRaw(bytes: Buffer[], ms = 8000): Promise<{ code: number | null; err: string; out: string }> {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const done = exitOf(proc, ms, () => ({ err, out }));
  proc.stdin!.on('error', () => undefined);
  // The stream stays open: the server must notice the broken frame itself, not the end of its input.
  for (const b of bytes) proc.stdin!.write(b);
  return done;
}

for (const [name, bytes] of BROKEN) {
  test(`D12: ${name} after initialize: the server logs a framing error and exits 1`, async () => {
    const r = await runRaw([frame(INIT), bytes]);
    assert.equal(r.code, 1, `exit ${r.code} (null: still running after 8 s); stderr: ${r.err}`);
    assert.match(r.err, /LSP framing error/);
    assert.match(r.out, /"id":1,"result"/, 'initialize was answered before');
  });
}

/** Spawns the server with `--socket=<port>` to a listener here, writes `bytes` once it connects, and waits (bounded) for it to exit. */
async function runSocket(bytes: Buffer[], ms = 8000): Promise<{ code: number | null; err: string; out: string }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  let out = '';
  let err = '';
  server.on('connection', (socket) => {
    socket.on('data', (b: Buffer) => (out += b.toString()));
    socket.on('error', () => undefined);
    // The socket stays open: the server must notice the broken frame itself, not the end of its input.
    for (const b of bytes) socket.write(b);
  });
  const proc = spawn(process.execPath, [SERVER_JS, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  try {
    // The answers written just before the exit may still be on their way: 100 ms for them.
    return await exitOf(proc, ms, () => ({ err, out }), 100);
  } finally {
    server.close();
  }
}

for (const [name, bytes] of BROKEN.slice(0, 2)) {
  test(`D12 over --socket: ${name} after initialize: the server logs a framing error and exits 1`, async () => {
    const r = await runSocket([frame(INIT), bytes]);
    assert.equal(r.code, 1, `exit ${r.code} (null: still running after 8 s); stderr: ${r.err}`);
    assert.match(r.err, /LSP framing error on socket/);
    assert.match(r.out, /"id":1,"result"/, 'initialize was answered over the socket before');
  });
}

test('D12: after shutdown, requests get InvalidRequest, notifications are dropped, and exit ends the process with 0', async () => {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const exited = new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
  try {
    await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    void conn.sendNotification('initialized', {});
    assert.equal(await conn.sendRequest('shutdown'), null);
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/runbooks/a.md', languageId: 'markdown', version: 1, text: '# A\n' } });
    for (const m of ['textDocument/hover', 'textDocument/documentSymbol', 'runbooks/dodReport', 'shutdown', 'no/suchMethod']) {
      const code = await (conn.sendRequest(m, { textDocument: { uri: 'file:///ws/runbooks/a.md' }, uri: 'file:///ws/runbooks/a.md', position: { line: 0, character: 0 } }) as Promise<unknown>).then(
        (r) => `answered ${JSON.stringify(r)}`,
        (e: { code?: number }) => e.code,
      );
      assert.equal(code, -32600, m);
    }
    void conn.sendNotification('exit');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 5000))]);
    assert.equal(code, 0);
  } finally {
    proc.kill();
    conn.dispose();
  }
});
