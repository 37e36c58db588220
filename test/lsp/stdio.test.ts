// The `--stdio` transport of dist/server.js: messages go out as ASCII-only JSON (server/src/lsp/ascii-json.ts)
// that any JSON-RPC client reads back to the same value, and the server exits when the editor closes stdin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { asciiJsonBytes, createAsciiJsonEncoder, PIECEWISE_ABOVE } from '../../server/src/lsp/ascii-json.js';
import { SERVER_JS } from '../helpers/lsp-client.js';

const isAscii = (b: Uint8Array) => b.every((x) => x < 0x80);

test('ASCII JSON: any value comes back the same from the bytes, and no byte is above 0x7F', () => {
  // Strings of any UTF-16 units: accents, CJK, astral pairs, lone surrogates (JSON.stringify escapes those).
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(text, tie('v'), { maxKeys: 4 })),
  })).v;
  fc.assert(
    fc.property(value, (v) => {
      const json = JSON.stringify(v);
      const bytes = asciiJsonBytes(json);
      assert.ok(isAscii(bytes));
      // The same value a client gets from the default UTF-8 encoding of the same JSON.
      assert.deepEqual(JSON.parse(Buffer.from(bytes).toString('utf8')), JSON.parse(Buffer.from(json, 'utf8').toString('utf8')));
    }),
    { numRuns: 500 },
  );
  // Pure ASCII is passed through byte for byte.
  assert.equal(asciiJsonBytes('{"a":"plain"}').toString('latin1'), '{"a":"plain"}');
  assert.equal(asciiJsonBytes('"—→Ü😀"').toString('latin1'), '"\\u2014\\u2192\\u00dc\\ud83d\\ude00"');
});

test('the stdio encoder writes long diagnostic lists piece by piece into a reused buffer: the same bytes as one JSON string', async () => {
  const text = fc.string({ unit: 'binary', maxLength: 30 });
  const diagnostic = fc.record(
    {
      range: fc.record({ start: fc.record({ line: fc.nat(), character: fc.nat() }), end: fc.record({ line: fc.nat(), character: fc.nat() }) }),
      severity: fc.integer({ min: 1, max: 4 }),
      code: text,
      message: text,
      data: fc.option(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(undefined)), { maxKeys: 3 }), { nil: undefined }),
    },
    { requiredKeys: ['range', 'message'] },
  );
  const encoder = createAsciiJsonEncoder();
  const encode = async (msg: unknown) => Buffer.from(await encoder.encode(msg as never, { charset: 'utf-8' }));
  await fc.assert(
    fc.asyncProperty(text, fc.array(diagnostic, { minLength: PIECEWISE_ABOVE - 2, maxLength: PIECEWISE_ABOVE + 70 }), fc.boolean(), async (uri, diagnostics, versioned) => {
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, ...(versioned ? { version: 3 } : {}), diagnostics } };
      const got = await encode(msg);
      assert.ok(got.equals(asciiJsonBytes(JSON.stringify(msg))), 'same bytes as the whole-string encoding');
      // A URI holding the marker text itself still comes out right (the whole-string path takes it).
      const tricky = { ...msg, params: { ...msg.params, uri: '\u0000runbook-lint:diagnostics\u0000' } };
      assert.ok((await encode(tricky)).equals(asciiJsonBytes(JSON.stringify(tricky))));
    }),
    { numRuns: 40 },
  );
  // Other messages take the whole-string path.
  const other = { jsonrpc: '2.0', id: 1, result: { contents: 'Étape → 2' } };
  assert.ok((await encode(other)).equals(asciiJsonBytes(JSON.stringify(other))));
});

test('--stdio: a diagnostic quoting non-ASCII text arrives intact over ASCII-only bytes; closing stdin ends the server', async () => {
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const raw: Buffer[] = [];
  proc.stdout!.on('data', (b: Buffer) => raw.push(b));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void (p.diagnostics.length && resolve(p))));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  try {
    await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    void conn.sendNotification('initialized', {});
    const text = '---\ntitle: "Überprüfung der Knoten — Schritt für Schritt"\n---\n\n# Vérification des nœuds → 東京\n';
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/infra/runbooks/platform/unicode.md', languageId: 'markdown', version: 1, text } });
    const p = await published;
    const rb109 = p.diagnostics.find((d) => d.code === 'RB109');
    assert.ok(rb109, `RB109 among ${p.diagnostics.map((d) => d.code).join(', ')}`);
    const message = typeof rb109.message === 'string' ? rb109.message : rb109.message.value;
    assert.match(message, /Vérification des nœuds → 東京/);
    assert.match(message, /Überprüfung der Knoten — Schritt für Schritt/);
    const bytes = Buffer.concat(raw);
    assert.ok(bytes.length > 0 && isAscii(bytes), 'every byte the server wrote is ASCII');
    conn.dispose();
    proc.stdin!.end(); // the editor went away without shutdown
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 5000))]);
    assert.equal(code, 1, 'exits with 1 when stdin closes before shutdown');
  } finally {
    proc.kill();
  }
});
