// The editor side of honest fixes (issue 14): a suggestion (RB108's "set last_reviewed to today") is
// offered as a quick fix the author picks, never preferred and never part of fix-all; fix-all's count
// is the number of findings whose safe fix it applies, as `runbook-lint --fix` reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { sharedLsp, applyLspEdits } from '../helpers/lsp-client.js';
import { fixAll } from '../../server/src/core/fix.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const WS = 'file:///ws';
const s = sharedLsp({ rootUri: WS });


test('RB108: "set last_reviewed to today" is a quick fix the author picks, not preferred, and fix-all leaves the date', async () => {
  const uri = `${WS}/infra/runbooks/platform/stale.md`;
  const text = CLEAN.replace('last_reviewed: "2026-11-02"', 'last_reviewed: "2024-01-02"').replace('owner: "platform-sre"\n', '');
  s.open(uri, text, 1);
  const diags = await s.diagnostics(uri, (d) => d.some((x) => x.code === 'RB108'));
  const rb108 = diags.find((d) => d.code === 'RB108')!;
  const quick = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: rb108.range, context: { diagnostics: [rb108], only: ['quickfix'] } })) as CodeAction[];
  const today = quick.find((a) => /^Set last_reviewed to today/.test(a.title));
  assert.ok(today, `offered: ${quick.map((a) => a.title).join(' | ')}`);
  assert.notEqual(today.isPreferred, true, 'never the preferred (auto-applied) fix');
  const all = (await s.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.runbooks'] },
  })) as CodeAction[];
  assert.equal(all.length, 1, 'fix-all is offered for the missing owner');
  const fixed = applyLspEdits(text, all[0]!.edit!.changes![uri]!);
  assert.match(fixed, /^last_reviewed: "2024-01-02"$/m, 'fix-all never stamps a review');
  assert.match(fixed, /^owner: "<Team or role>"$/m);
  const count = fixAll({ text, path: 'infra/runbooks/platform/stale.md' }).fixed.length;
  assert.match(all[0]!.title, new RegExp(`\\(${count}\\)$`), 'the count is what runbook-lint --fix reports as fixed');
});
