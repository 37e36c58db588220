// Issue 21 D7: the language server's non-diagnostic features return no detected secret — outline
// (heading names, the front matter's detail), completion (H1 text, owners, including another runbook's),
// hover (runbook_id, another runbook's title, a JWT in related_alerts), runbooks/summaries and dodReport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp, type LspSession } from '../helpers/lsp-client.js';
import { leakedSubstring } from '../helpers/leak.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
// Built from pieces: the repository holds no secret-looking literal.
const GH = ['ghp_', 'aB3dE6gH9jK2', 'mN5pQ8sT1vW4', 'yZ7bC0eF3hJ6'].join('');
const GH2 = ['ghp_', 'Zx9Yw8Vu7Ts6', 'Rq5Po4Nm3Lk2', 'Jh1Gf0Ed9Cb8'].join('');
const JWT = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.');
const SECRETS = [GH, GH2, JWT];

let s: LspSession;
let dir: string;
let uri: string;
let text: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rb-features-leak-'));
  mkdirSync(join(dir, 'infra/runbooks/platform'), { recursive: true });
  // Another runbook on disk, indexed: same id, a secret as its owner and in its title.
  const other = CLEAN.replace(/^owner: .*$/m, `owner: "${GH2}"`).replace(/^title: .*$/m, `title: "Restore ${GH2}"`);
  writeFileSync(join(dir, 'infra/runbooks/platform/other.md'), other);
  text = CLEAN.replace(/^title: .*$/m, `title: "Recover ${GH}"`)
    .replace(/^# .*$/m, `# Recover ${GH}`)
    .replace(/^related_alerts:\n(\s+- .*\n)/m, `related_alerts:\n  - "${JWT}"\n`)
    .replace(/^## Summary$/m, `## Summary ${GH}`)
    .replace(/^## Step 2A — .*$/m, `## Step 2A — Diagnose ${GH}`);
  uri = pathToFileURL(join(dir, 'infra/runbooks/platform/doc.md')).href;
  s = await startLsp({ rootUri: pathToFileURL(dir).href });
  s.open(uri, text);
  await s.diagnostics(uri);
  await s.conn.sendRequest('runbooks/summaries', { uris: [] }); // waits for the workspace index
});
after(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

function noLeak(what: string, out: unknown): void {
  const json = JSON.stringify(out);
  for (const v of SECRETS) assert.equal(leakedSubstring(json, v), undefined, `${what} reveals a piece of a secret: ${json.slice(0, 400)}`);
}
const lineOf = (re: RegExp) => text.split('\n').findIndex((l) => re.test(l));
const pos = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

test('D7: the outline names no secret (headings, front-matter detail)', async () => {
  const symbols = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(JSON.stringify(symbols).includes('Summary'), 'the outline is there');
  noLeak('documentSymbol', symbols);
});

test('D7: completion offers no secret: title/H1 text, owner values (also another runbook\'s)', async () => {
  for (const re of [/^owner: /, /^title: /, /^# /]) {
    const l = lineOf(re);
    const items = await s.conn.sendRequest('textDocument/completion', pos(l, text.split('\n')[l]!.length));
    noLeak(`completion on line ${l + 1}`, items);
  }
  // A fresh document with an empty owner: the workspace's owners are offered.
  const u2 = uri.replace('doc.md', 'new.md');
  s.open(u2, CLEAN.replace(/^owner: .*$/m, 'owner: '));
  const l = CLEAN.split('\n').findIndex((x) => x.startsWith('owner: '));
  const items = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: u2 }, position: { line: l, character: 7 } });
  noLeak('owner completion', items);
});

test('D7: hover names no secret: runbook_id (another runbook\'s title), a JWT in related_alerts, headings', async () => {
  for (const [re, col] of [[/^runbook_id: /, 14], [new RegExp(JWT.slice(0, 10)), 8], [/^# /, 12], [/^title: /, 12]] as const) {
    const l = lineOf(re);
    assert.ok(l >= 0, String(re));
    const h = await s.conn.sendRequest('textDocument/hover', pos(l, col));
    noLeak(`hover on line ${l + 1}`, h);
  }
});

test('D7: runbooks/summaries and runbooks/dodReport return no secret (title, owner, id)', async () => {
  const other = pathToFileURL(join(dir, 'infra/runbooks/platform/other.md')).href;
  const sum = await s.conn.sendRequest('runbooks/summaries', { uris: [uri, other] });
  assert.equal((sum as unknown[]).length, 2);
  noLeak('summaries', sum);
  for (const u of [uri, other]) noLeak('dodReport', await s.conn.sendRequest('runbooks/dodReport', { uri: u }));
});

test('D7: rename and references of a step say no secret', async () => {
  const l = lineOf(/^## Step 2A/);
  assert.ok(l >= 0);
  noLeak('prepareRename', await s.conn.sendRequest('textDocument/prepareRename', pos(l, 9)));
  noLeak('references', await s.conn.sendRequest('textDocument/references', { ...pos(l, 9), context: { includeDeclaration: true } }));
  noLeak('rename', await s.conn.sendRequest('textDocument/rename', { ...pos(l, 9), newName: '2C' }));
});
