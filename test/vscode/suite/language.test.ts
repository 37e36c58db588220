// The language features through the `vscode` API, as any extension or the editor itself asks
// for them: diagnostics, code actions (quick fix, fix-all) and front-matter completion.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FILES, codeOf, countCodes, diagnosticsWhen, expected, features, open, revertAll, textWhen, uri } from './helpers';

const total = (m: Record<string, number> | undefined) => Object.values(m ?? {}).reduce((a, b) => a + b, 0);

suite('language features', () => {
  teardown(revertAll);

  test('publishes exactly the findings runbook-lint reports, with rule codes and severities', async () => {
    const want = expected[FILES.defects];
    assert.ok(want && want.RB103 === 2 && (want.RB104 ?? 0) >= 1, `the planted defects are not what runbook-lint reports: ${JSON.stringify(want)}`);
    const editor = await open(FILES.defects);
    const ds = await diagnosticsWhen(editor.document.uri, (d) => d.length === total(want));
    assert.deepEqual(countCodes(ds), want);
    // One mistake, one finding: the misspelt required key is RB103 at the key, not also RB104.
    const misspelt = ds.filter((d) => /relatd_alerts/.test(d.message));
    assert.deepEqual(misspelt.map(codeOf), ['RB103']);
    assert.equal(misspelt[0]?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(misspelt[0]?.range.start.line, 10);
    const owner = ds.find((d) => /`owner`/.test(d.message));
    assert.equal(owner?.severity, vscode.DiagnosticSeverity.Error);
  });

  test('the quick fix for a misspelled key renames it and its finding goes away', async function () {
    if (!features.codeActions) this.skip();
    const editor = await open(FILES.defects);
    const doc = editor.document;
    const before = await diagnosticsWhen(doc.uri, (d) => d.length === total(expected[FILES.defects]));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(10, 2, 10, 2), vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => /Rename .*related_alerts/.test(a.title));
    assert.ok(rename, `no rename action; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(rename.edit, 'the rename carries no edit');
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    if (rename.command) await vscode.commands.executeCommand(rename.command.command, ...(rename.command.arguments ?? []));
    assert.equal(doc.lineAt(10).text, 'related_alerts:');
    const after = await diagnosticsWhen(doc.uri, (d) => d.length === before.length - 1);
    assert.ok(!after.some((d) => /relatd_alerts/.test(d.message)));
  });

  test('fix-all is offered as source.fixAll.runbooks', async function () {
    if (!features.fixAllKind) this.skip();
    const editor = await open(FILES.defects);
    const doc = editor.document;
    await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    const full = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, full, 'source.fixAll.runbooks');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.runbooks');
    assert.ok(fixAll, `no source.fixAll.runbooks action; offered: ${actions.map((a) => `${a.kind?.value}:${a.title}`).join(' | ')}`);
  });

  test('completion in front matter offers the missing key and the severity values', async function () {
    if (!features.completion) this.skip();
    const editor = await open(FILES.defects);
    const doc = editor.document;
    // A new, empty line after `runbook_id:` inside the front matter.
    await editor.edit((e) => e.insert(doc.lineAt(1).range.end, '\n'));
    await textWhen(doc, (t) => t.split('\n')[2] === '');
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 0));
    const keyLabels = keys.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(keyLabels.some((l) => /^owner\b/.test(l)), `owner not offered: ${keyLabels.join(', ')}`);
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'severity: '));
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 10));
    const valueLabels = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
    for (const v of ['P0', 'P1', 'P2', 'P3', 'P4']) assert.ok(valueLabels.includes(v), `${v} not offered: ${valueLabels.join(', ')}`);
  });

  test('a key goes in with an empty value and the suggestions open again on its values', async function () {
    if (!features.completion) this.skip();
    const editor = await open(FILES.defects);
    const doc = editor.document;
    await editor.edit((e) => e.insert(doc.lineAt(1).range.end, '\n'));
    await textWhen(doc, (t) => t.split('\n')[2] === '');
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 0));
    const owner = keys.items.find((i) => i.label === 'owner');
    assert.ok(owner, 'owner offered');
    assert.equal((owner.insertText as vscode.SnippetString).value, 'owner: "$1"', 'no owner is written for the author');
    assert.equal(owner.command?.command, 'editor.action.triggerSuggest', 'the owners to pick from open right after the key');
  });

  test('keys are offered inside a front matter whose closing --- is not typed yet', async function () {
    if (!features.completion) this.skip();
    const target = uri('infra/runbooks/platform/unclosed-front-matter.md');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('---\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(target);
      await vscode.window.showTextDocument(doc);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 0));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.equal(labels[0], 'runbook_id', `keys offered: ${labels.join(', ')}`);
      const title = list.items.find((i) => i.label === 'title')!;
      assert.equal((title.insertText as vscode.SnippetString).value, 'title: "$1"\n---', 'the key closes the front matter');
    } finally {
      await revertAll();
      await vscode.workspace.fs.delete(target);
    }
  });
});
