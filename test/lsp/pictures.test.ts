// runbooks/stepGraph and runbooks/healthReport over LSP: the graph follows the open text as it
// changes, secrets never travel, malformed params get null (not a crash).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedLsp } from '../helpers/lsp-client.js';
import type { HealthReportResult, StepGraphResult } from '../../server/src/lsp/features/pictures-protocol.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BRANCHES = readFileSync(join(ROOT, 'test/cli/data/graph/branches.md'), 'utf8');
const WS = 'file:///ws';
const s = sharedLsp({ rootUri: WS });


test('runbooks/stepGraph draws the open text with its marks, and redraws from the changed text', async () => {
  const uri = `${WS}/infra/runbooks/gitops/branches.md`;
  s.open(uri, BRANCHES, 1);
  const g = (await s.conn.sendRequest('runbooks/stepGraph', { uri })) as StepGraphResult;
  assert.equal(g.steps, 7);
  assert.equal(g.version, 1);
  assert.deepEqual(g.nodes.filter((n) => n.marks.length).map((n) => `${n.id}:${n.marks.join(',')}`), ['S2A:dead-end', 'S2C:unreachable', 'missing_7:missing']);
  assert.match(g.svg, /^<svg class="rb-graph"/);
  assert.ok(!g.svg.includes('<style'), 'the viewer styles the graph (its CSP allows no inline style without a nonce)');
  assert.equal(g.nodes.find((n) => n.id === 'S2A')!.line, BRANCHES.split('\n').findIndex((l) => l.startsWith('## Step 2A')));
  // The author gives Step 2A a way forward: the dead end goes at once.
  const line = BRANCHES.split('\n').findIndex((l) => l === 'Read the hook\'s logs and write down what failed.');
  s.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 49 } }, text: '- If the hook failed on the new release → go to Step 3' }]);
  const g2 = (await s.conn.sendRequest('runbooks/stepGraph', { uri })) as StepGraphResult;
  assert.equal(g2.version, 2);
  assert.deepEqual(g2.nodes.find((n) => n.id === 'S2A')!.marks, []);
});

test('runbooks/stepGraph never carries a secret from a step name', async () => {
  const token = 'ghp_' + 'Zq9XkT2mWb7Lr4Pv8Nc1Hs6Jd3Fg5Ya0Eu2I';
  const uri = `${WS}/infra/runbooks/gitops/leak.md`;
  s.open(uri, BRANCHES.replace('## Step 1 — Triage', `## Step 1 — Triage ${token}`), 1);
  const g = (await s.conn.sendRequest('runbooks/stepGraph', { uri })) as StepGraphResult;
  for (let i = 4; i + 8 <= token.length; i++) assert.ok(!JSON.stringify(g).includes(token.slice(i, i + 8)));
  assert.match(g.svg, /REDACTED:github/);
});

test('runbooks/healthReport returns one page for the given runbooks with the given nonce; malformed params get null and the server keeps answering', async () => {
  const uri = `${WS}/infra/runbooks/gitops/branches.md`;
  const disk = `file://${join(ROOT, 'examples/infra/runbooks/platform/pod-crashloopbackoff.md')}`;
  const r = (await s.conn.sendRequest('runbooks/healthReport', { uris: [uri, disk], nonce: 'abcdefghijklmnop0123' })) as HealthReportResult;
  assert.equal(r.runbooks, 2);
  assert.match(r.html, /script-src 'nonce-abcdefghijklmnop0123'/);
  assert.match(r.html, /<script nonce="abcdefghijklmnop0123">/);
  assert.equal((r.html.match(/<svg class="rb-graph"/g) ?? []).length, 2);
  // "Open" carries each document's URI (the client opens only those it asked for).
  assert.deepEqual([...r.html.matchAll(/<a class="open-file" href="([^"]+)">/g)].map((m) => m[1]).sort(), [disk, uri].sort());
  for (const bad of [{}, { uris: 'x', nonce: 'abcdefghijklmnop0123' }, { uris: [], nonce: "x' 'unsafe-inline" }, null]) {
    assert.equal(await s.conn.sendRequest('runbooks/healthReport', bad), null, JSON.stringify(bad));
  }
  assert.equal(await s.conn.sendRequest('runbooks/stepGraph', { uri: 42 }), null);
  assert.ok(await s.conn.sendRequest('runbooks/stepGraph', { uri }), 'still answering');
});
