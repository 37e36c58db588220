// Long work yields and honours $/cancelRequest (issue 17): a cancelled fix-all stops and is answered
// RequestCancelled, and the server goes on answering; edits made while a long first check runs are
// checked, and the outline asked for meanwhile describes the text it was asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { CodeAction, DocumentSymbol } from 'vscode-languageserver-protocol';
import { sharedLsp } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const WS = 'file:///ws-cancel';
const s = sharedLsp({ rootUri: WS });

/** A long runbook (~300 KB) with fixable findings: a misspelt key and many misnumbered steps. */
function longRunbook(): string {
  const steps: string[] = [];
  for (let i = 0; steps.join('').length < 300_000; i++) steps.push(`## Step ${10 + 2 * i} — Diagnose part ${i}\n\n1. Look at the pods of part ${i}: \`kubectl get pods -n part-${i}\`.\n2. If they restart, go to Step 4.\n\n${'Some prose about what to expect. '.repeat(20)}\n\n`);
  return CLEAN.replace('owner: "platform-sre"\n', 'ownr: "platform-sre"\n').replace('## Step 5 — Prevention / follow-ups', `${steps.join('')}## Step 5 — Prevention / follow-ups`);
}


test('a cancelled fix-all is answered RequestCancelled, and the server goes on answering', async () => {
  const uri = `${WS}/infra/runbooks/platform/long.md`;
  const text = longRunbook();
  s.open(uri, text, 1);
  await s.diagnostics(uri, (_d, p) => p.version === 1, 120_000);
  const source = new CancellationTokenSource();
  const asked = s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }, source.token);
  source.cancel();
  await assert.rejects(asked, (e: { code?: number }) => e.code === -32800, 'RequestCancelled');
  // Still serving: the outline and the fix-all asked again.
  const symbols = (await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  assert.ok(symbols.length > 0);
  const [fixAll] = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
  assert.ok(fixAll?.edit?.changes?.[uri]?.some((e) => e.newText.includes('e')), 'fix-all computed when not cancelled');
});

test('an outline request cancelled while the long first parse runs is answered RequestCancelled', async () => {
  const uri = `${WS}/infra/runbooks/platform/long-outline.md`;
  s.open(uri, longRunbook(), 1);
  const source = new CancellationTokenSource();
  const asked = s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token);
  source.cancel();
  await assert.rejects(asked, (e: { code?: number }) => e.code === -32800, 'RequestCancelled');
  await s.diagnostics(uri, (_d, p) => p.version === 1, 120_000);
});

test('edits made during a long first check are checked, and the outline asked meanwhile is the asked text\'s', async () => {
  const uri = `${WS}/infra/runbooks/platform/long-typing.md`;
  const text = longRunbook();
  s.open(uri, text, 1);
  // While the first check runs: the outline, then an edit that fixes the key, then the outline again.
  const outline1 = s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<DocumentSymbol[]>;
  s.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
  const line = text.split('\n').findIndex((l) => l.startsWith('ownr:'));
  s.change(uri, 3, [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: 'e' }]);
  const outline3 = s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<DocumentSymbol[]>;
  const d = await s.diagnostics(uri, (_d, p) => p.version === 3, 120_000);
  assert.ok(!d.some((x) => x.code === 'RB104' && /ownr/.test(String(x.message))), 'the fixed key is no longer reported');
  const [o1, o3] = await Promise.all([outline1, outline3]);
  const names = (o: DocumentSymbol[]) => JSON.stringify(o).match(/"name":"[^"]*ownr[^"]*"|"name":"owner"/g) ?? [];
  assert.ok(o1.length > 0 && o3.length > 0);
  assert.ok(names(o1).some((n) => n.includes('ownr')), `the first outline has the key as it was: ${names(o1)}`);
  assert.ok(!names(o3).some((n) => n.includes('ownr')) && names(o3).length > 0, `the later outline has the edited key: ${names(o3)}`);
  const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version);
  assert.ok(!versions.includes(1) || versions.indexOf(1) < versions.indexOf(3), 'nothing older published after the newest');
});

test('the DoD report asked right after an edit describes the edited text (the check the server runs anyway, waited for)', async () => {
  const uri = `${WS}/infra/runbooks/platform/dod-typing.md`;
  const text = CLEAN.replace('owner: "platform-sre"\n', '');
  s.open(uri, text, 1);
  await s.diagnostics(uri, (_d, p) => p.version === 1);
  const ownerReview = async () => ((await s.conn.sendRequest('runbooks/dodReport', { uri })) as { items: { id: string; pass: boolean }[] }).items.find((i) => i.id === 'owner-review')!.pass;
  assert.equal(await ownerReview(), false);
  const line = text.split('\n').findIndex((l) => l.startsWith('severity:'));
  s.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'owner: "platform-sre"\n' }]);
  assert.equal(await ownerReview(), true, 'asked right after the edit: the report of version 2');
  // Several edits in a row, the report asked between them: the first check of a version at least as new as the asked one.
  for (let v = 3; v <= 6; v++) s.change(uri, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
  assert.equal(await ownerReview(), true);
});
