// The spawned server against hostile input (issue 21): files that are not files (a FIFO, /dev/zero) in
// the custom requests, broken framing, requests after `shutdown`, many documents opened and closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp, type LspSession } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
let s: LspSession;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rb-hostile-'));
  s = await startLsp({ rootUri: pathToFileURL(dir).href });
});
after(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A request must come back within `ms`: a blocked event loop or an endless read fails here. */
function within<T>(ms: number, p: Thenable<T>, what: string): Promise<T> {
  return Promise.race([Promise.resolve(p), new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

test('D10: runbooks/dodReport and runbooks/summaries refuse a FIFO and /dev/zero at once, and the server keeps answering', async () => {
  const fifo = join(dir, 'pipe.md');
  execFileSync('mkfifo', [fifo]);
  for (const uri of [pathToFileURL(fifo).href, 'file:///dev/zero']) {
    const report = await within(3000, s.conn.sendRequest('runbooks/dodReport', { uri }), `dodReport ${uri}`);
    assert.equal(report, null, `dodReport ${uri}`);
    const [summary] = await within(3000, s.conn.sendRequest('runbooks/summaries', { uris: [uri] }), `summaries ${uri}`) as { error?: string }[];
    assert.match(summary!.error ?? '', /not a regular file|is a (named pipe|device)/, `summaries ${uri}: ${JSON.stringify(summary)}`);
  }
  const uri = pathToFileURL(join(dir, 'infra/runbooks/platform/ok.md')).href;
  s.open(uri, CLEAN);
  await within(10000, s.diagnostics(uri), 'diagnostics after the refused reads');
  const mem = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(s.proc.pid)], { encoding: 'utf8' }).trim()) * 1024;
  assert.ok(mem < 400 * 1024 * 1024, `server RSS ${Math.round(mem / 1048576)} MB after reading /dev/zero`);
});
