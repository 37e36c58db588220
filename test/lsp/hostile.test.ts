// The spawned server against hostile input (issue 21): files that are not files (a FIFO, /dev/zero) in
// the custom requests, broken framing, requests after `shutdown`, many documents opened and closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedLspInTempDir } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const { s, dir } = sharedLspInTempDir('rb-hostile-');

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

test('D11: a config alias bomb gives a diagnostic on the config file, and runbooks are still checked', async () => {
  const sub = join(dir, 'bomb');
  mkdirSync(join(sub, 'runbooks/platform'), { recursive: true });
  writeFileSync(join(sub, '.runbook-lint.yaml'), 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n');
  const uri = pathToFileURL(join(sub, 'runbooks/platform/a.md')).href;
  s.open(uri, CLEAN.replace('environments:', 'environment:'));
  const diags = await within(15000, s.diagnostics(uri, (d) => d.length > 0), 'runbook diagnostics');
  assert.ok(diags.some((d) => d.code === 'RB103' || d.code === 'RB104'), `the runbook is checked (with the defaults): ${JSON.stringify(diags.map((d) => [d.code, d.message]))}`);
  const cfg = await within(15000, s.diagnostics(pathToFileURL(join(sub, '.runbook-lint.yaml')).href, (d) => d.length > 0), 'config diagnostics');
  assert.match(String(cfg[0]!.message), /alias/i);
  assert.ok(cfg[0]!.range.start.line >= 1, 'positioned at an alias');
});

test('D16: closing a document drops its cached settings: opened again, its settings are asked for again', async () => {
  const asked: string[] = [];
  s.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => p.items.map((i) => (asked.push(i.scopeUri ?? ''), {})));
  const uri = pathToFileURL(join(dir, 'infra/runbooks/platform/cycle.md')).href;
  for (let round = 1; round <= 3; round++) {
    s.open(uri, CLEAN, round);
    await within(10000, s.diagnostics(uri, (_d, p) => p.version === round), `diagnostics of round ${round}`);
    void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await within(10000, s.diagnostics(uri, (d, p) => d.length === 0 && p.version === undefined), `cleared diagnostics of round ${round}`);
  }
  // Before: asked once, cached for good (one entry per URI ever opened: 50k URIs grew the server by ~50 MB).
  assert.equal(asked.filter((u) => u === uri).length, 3, JSON.stringify(asked));
});
