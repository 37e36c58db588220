// The editor's "Convert … to the runbook template (migrate)" code action, against the spawned server:
// offered (refactor.rewrite, never preferred, never in fix-all) only on a runbook in a foreign format,
// its edit computed on codeAction/resolve as a line diff carrying a needsConfirmation annotation when
// the client supports one, and the applied result the CLI's own migration (core/migrate.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit, AnnotatedTextEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startLsp, sharedLsp, applyLspEdits, type LspSession } from '../helpers/lsp-client.js';
import { leakedSubstring } from '../helpers/leak.js';
import { check } from '../../server/src/core/check.js';
import { migrate } from '../../server/src/core/migrate.js';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { ruleByIdOrName } from '../../server/src/core/rules/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const WS = 'file:///ws-migrate';
const TOKEN = ['ghp', '_', 'Zq7Kw9Rt2Lm', 'XvB4nP8sYh6', 'JgT3cWd5Fk1', 'aQ9'].join('');
const ALERT = [
  '# KubeJobFailed',
  '',
  '## Meaning',
  '',
  'A Job did not complete.',
  '',
  '## Impact',
  '',
  'The batch work it does is not done.',
  '',
  '## Diagnosis',
  '',
  "Read the Job's events:",
  '',
  '```sh',
  'kubectl -n $NS describe job $JOB',
  '```',
  '',
  '## Mitigation',
  '',
  'Delete the Job so its CronJob creates it again:',
  '',
  '```sh',
  `kubectl -n $NS delete job $JOB  # GITHUB_TOKEN=${TOKEN}`,
  '```',
  '',
].join('\n');
const DOCS_SITE = ['---', 'title: Rotate the TLS certificate', 'owner_team: edge-sre', 'last_reviewed_on: 2026-03-02', '---', '', '# Rotate the TLS certificate', '', '## Overview', '', 'The ingress certificate expires every 90 days.', '', '## Procedure', '', '```sh', 'kubectl -n edge get certificate ingress-tls', '```', ''].join('\n');
const HOW_TO = 'Restart the worker when the queue is stuck.\n\n```sh\nsystemctl restart worker\n```\n';
const TODAY = new Date().toISOString().slice(0, 10);

/** VS Code's answers: resolves edits, versioned document changes, change annotations. */
const VSCODE_LIKE = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } },
  textDocument: { codeAction: { resolveSupport: { properties: ['edit'] }, dataSupport: true } },
};
const s = sharedLsp({ rootUri: WS, capabilities: VSCODE_LIKE });

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
async function ask(session: LspSession, uri: string, line: number, context: Record<string, unknown>): Promise<CodeAction[]> {
  return (await session.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: at(line), context: { diagnostics: [], ...context } })) as CodeAction[];
}
const migrateOf = (actions: CodeAction[]) => actions.filter((a) => a.kind === 'refactor.rewrite');
const AUTO = { triggerKind: 2 };
const INVOKED = { triggerKind: 1 };

/** The edits of a resolved action for `uri`, with the version they were computed for (if any). */
function editsOf(edit: WorkspaceEdit, uri: string): { edits: (TextEdit | AnnotatedTextEdit)[]; version?: number | null } {
  if (edit.documentChanges) {
    const dc = edit.documentChanges.filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
    assert.equal(dc.length, 1, 'one TextDocumentEdit for the document');
    return { edits: dc[0]!.edits as (TextEdit | AnnotatedTextEdit)[], version: dc[0]!.textDocument.version };
  }
  return { edits: edit.changes![uri]! };
}

async function opened(session: LspSession, name: string, text: string): Promise<string> {
  const uri = `${WS}/infra/runbooks/batch/${name}.md`;
  session.open(uri, text, 1);
  await session.diagnostics(uri, (_d, p) => p.version === 1);
  return uri;
}

test('offered on an alert runbook: refactor.rewrite, never preferred, without its edit; on the shape lines for the lightbulb, anywhere when asked; never for fix-all or quick fixes', async () => {
  const uri = await opened(s, 'KubeJobFailed', ALERT);
  const [offer, ...more] = migrateOf(await ask(s, uri, 0, AUTO));
  assert.ok(offer, 'the lightbulb on the H1 gets the action');
  assert.equal(more.length, 0, 'one migrate action');
  assert.equal(offer.title, 'Convert this alert runbook to the runbook template (migrate)');
  assert.equal(offer.edit, undefined, 'its edit is computed on resolve');
  assert.ok(!offer.isPreferred, 'never preferred');
  assert.equal(migrateOf(await ask(s, uri, 10, AUTO)).length, 1, 'on an H2 (## Diagnosis)');
  assert.equal(migrateOf(await ask(s, uri, 4, AUTO)).length, 0, 'not on a prose line for the lightbulb');
  assert.equal(migrateOf(await ask(s, uri, 4, INVOKED)).length, 1, 'anywhere when asked (Ctrl+.)');
  assert.equal(migrateOf(await ask(s, uri, 4, {})).length, 1, 'anywhere when no trigger kind is sent (Neovim 0.7)');
  assert.equal(migrateOf(await ask(s, uri, 0, { ...INVOKED, only: ['refactor'] })).length, 1, 'the Refactor… menu');
  for (const only of [['source.fixAll'], ['source.fixAll.runbooks'], ['source'], ['quickfix']]) {
    assert.deepEqual(migrateOf(await ask(s, uri, 0, { ...INVOKED, only })), [], `not for only=${only}`);
  }
});

test('not offered on a runbook in the template, on a template draft missing its id, nor on Markdown outside the runbook globs', async () => {
  const clean = await opened(s, 'clean', CLEAN);
  const draft = await opened(s, 'draft', CLEAN.replace(/^runbook_id: .*\n/m, ''));
  const readme = `${WS}/docs/KubeJobFailed.md`;
  s.open(readme, ALERT, 1);
  await s.diagnostics(readme); // an empty list, without a version: not a runbook
  for (const uri of [clean, draft, readme]) {
    for (const line of [0, 4]) assert.deepEqual(migrateOf(await ask(s, uri, line, INVOKED)), [], `${uri}:${line}`);
    assert.deepEqual(migrateOf(await ask(s, uri, 0, { only: ['refactor.rewrite'] })), [], uri);
  }
});

test('resolve: a line diff (no whole-document replacement) with a needsConfirmation annotation; applied, it is the CLI migration, the commands byte for byte, only placeholders left to fill in', async () => {
  const uri = await opened(s, 'KubeJobFailedResolve', ALERT);
  const [offer] = migrateOf(await ask(s, uri, 0, AUTO));
  const resolved = (await s.conn.sendRequest('codeAction/resolve', offer)) as CodeAction;
  assert.equal(resolved.kind, 'refactor.rewrite');
  const { edits, version } = editsOf(resolved.edit!, uri);
  assert.equal(version, 1, 'a versioned edit: the editor refuses it once the text changed');
  const annotations = resolved.edit!.changeAnnotations!;
  assert.equal(Object.keys(annotations).length, 1);
  const [id, annotation] = Object.entries(annotations)[0]!;
  assert.equal(annotation.needsConfirmation, true, 'the editor shows the diff before applying it');
  assert.ok(edits.every((e) => (e as AnnotatedTextEdit).annotationId === id), 'every edit carries the annotation');
  // The command blocks are not in any edit: they stay where they are in the buffer.
  assert.ok(edits.length >= 3, `a line diff, ${edits.length} edits`);
  for (const e of edits) assert.ok(!e.newText.includes('kubectl'), `an edit does not rewrite a command: ${JSON.stringify(e.newText)}`);
  assert.ok(!edits.some((e) => e.range.start.line === 0 && e.range.end.line >= ALERT.split('\n').length - 1), 'not a whole-document replacement');
  const migrated = applyLspEdits(ALERT, edits);
  assert.equal(migrated, migrate(ALERT, 'infra/runbooks/batch/KubeJobFailedResolve.md').text, 'the same text as runbook-lint migrate');
  const before = parseRunbook(ALERT);
  const afterRb = parseRunbook(migrated);
  assert.ok(afterRb.frontMatter?.closed && afterRb.frontMatter.errors.length === 0, 'the new front matter parses');
  assert.deepEqual(afterRb.codeBlocks.map((c) => migrated.slice(c.range.start, c.range.end)), before.codeBlocks.map((c) => ALERT.slice(c.range.start, c.range.end)), 'every command block byte for byte');
  const fm = afterRb.frontMatter!.data!;
  assert.equal(fm['runbook_id'], 'RB-<AREA>-<NNN>', 'no id is made up');
  assert.equal(fm['last_reviewed'], 'YYYY-MM-DD', 'no date is made up');
  assert.deepEqual(fm['related_alerts'], ['KubeJobFailed'], 'the alert it is named after is carried over');

  // Applied as the editor does it: the server re-checks the new text.
  s.change(uri, 2, [{ text: migrated }]);
  const diags = await s.diagnostics(uri, (_d, p) => p.version === 2);
  const core = check({ text: migrated, path: 'infra/runbooks/batch/KubeJobFailedResolve.md', today: TODAY });
  assert.deepEqual(diags.map((d) => String(d.code)).sort(), core.findings.map((f) => f.ruleId).sort(), 'the editor reports what the CLI reports');
  const structure = core.findings.filter((f) => ruleByIdOrName(f.ruleId)?.group === 'structure');
  assert.deepEqual(structure.filter((f) => f.meta?.['placeholder'] !== true).map((f) => `${f.ruleId} ${f.message}`), [], 'only placeholder findings among the structure rules');
  assert.ok(structure.some((f) => f.ruleId === 'RB105'), 'the placeholders are reported');
  assert.ok(['RB301', 'RB401'].every((id) => diags.some((d: Diagnostic) => d.code === id)), 'the missing rollback and the token are still reported');
  assert.deepEqual(migrateOf(await ask(s, uri, 0, INVOKED)), [], 'a migrated runbook is not offered the action again');

  const late = (await s.conn.sendRequest('codeAction/resolve', offer)) as CodeAction;
  assert.equal(late.edit, undefined, 'an action offered for version 1 resolves to nothing at version 2');
  const clean = await opened(s, 'clean-forged', CLEAN);
  const forged = (await s.conn.sendRequest('codeAction/resolve', { title: 'x', kind: 'refactor.rewrite', data: { migrate: { uri: clean, version: 1 } } })) as CodeAction;
  assert.equal(forged.edit, undefined, 'a forged resolve on a template runbook converts nothing');
});

test('docs-site and headingless how-to pages are offered it too, named by their format', async () => {
  const docs = await opened(s, 'rotate-tls', DOCS_SITE);
  const howto = await opened(s, 'restart', HOW_TO);
  assert.deepEqual(migrateOf(await ask(s, docs, 0, AUTO)).map((a) => a.title), ['Convert this docs-site page to the runbook template (migrate)']);
  const [offer] = migrateOf(await ask(s, howto, 0, AUTO));
  assert.equal(offer?.title, 'Convert this how-to to the runbook template (migrate)');
  const resolved = (await s.conn.sendRequest('codeAction/resolve', offer)) as CodeAction;
  const migrated = applyLspEdits(HOW_TO, editsOf(resolved.edit!, howto).edits);
  assert.equal(migrated, migrate(HOW_TO, 'infra/runbooks/batch/restart.md').text);
  assert.ok(migrated.includes('```sh\nsystemctl restart worker\n```'));
});

test('no secret in what the action shows: a token in the title heading is not in its title or annotation', async () => {
  const text = ALERT.replace('# KubeJobFailed', `# KubeJobFailed ${TOKEN}`).replace('## Meaning', `## Meaning ${TOKEN}`);
  const uri = await opened(s, 'secret-title', text);
  const [offer] = migrateOf(await ask(s, uri, 0, AUTO));
  assert.ok(offer);
  assert.equal(leakedSubstring(JSON.stringify(offer), TOKEN), undefined, 'the offer');
  const resolved = (await s.conn.sendRequest('codeAction/resolve', offer)) as CodeAction;
  const { edit, ...shown } = resolved;
  assert.equal(leakedSubstring(JSON.stringify({ ...shown, changeAnnotations: edit?.changeAnnotations }), TOKEN), undefined, 'the title and the annotation');
});

test('a client without change annotations gets a plain versioned edit; without documentChanges nor resolve (an old client) the edit comes with the offer', async () => {
  const noAnnotations = await startLsp({ rootUri: WS, capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } } });
  const plain = await startLsp({ rootUri: WS, capabilities: { workspace: { configuration: true } } });
  try {
    const uri = await opened(noAnnotations, 'KubeJobFailed', ALERT);
    const [offer] = migrateOf(await ask(noAnnotations, uri, 0, AUTO));
    const resolved = (await noAnnotations.conn.sendRequest('codeAction/resolve', offer)) as CodeAction;
    assert.equal(resolved.edit!.changeAnnotations, undefined, 'no annotation the client does not know');
    const { edits, version } = editsOf(resolved.edit!, uri);
    assert.equal(version, 1);
    assert.ok(edits.every((e) => !('annotationId' in e)));
    assert.equal(applyLspEdits(ALERT, edits), migrate(ALERT, 'infra/runbooks/batch/KubeJobFailed.md').text);

    const uri2 = await opened(plain, 'KubeJobFailed', ALERT);
    const [eager] = migrateOf(await ask(plain, uri2, 3, {}));
    assert.ok(eager?.edit?.changes, 'the edit is in the offer, as `changes`');
    assert.equal(eager.edit.documentChanges, undefined);
    assert.equal(applyLspEdits(ALERT, eager.edit.changes[uri2]!), migrate(ALERT, 'infra/runbooks/batch/KubeJobFailed.md').text);
  } finally {
    await noAnnotations.close();
    await plain.close();
  }
});
