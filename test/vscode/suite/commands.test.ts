// The extension's commands as the extension host sees them: every contributed command is
// registered, and the ones that change a runbook do what their title says.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, FILES, diagnosticsWhen, open, revertAll, textWhen, today, uri } from './helpers';

suite('commands', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
  });
  teardown(revertAll);

  test('registers every command the manifest contributes', async () => {
    const declared: string[] = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('Check All Runbooks reports findings for runbooks that are not open', async function () {
    if (!(await vscode.commands.getCommands(true)).includes('runbooks.checkAll')) this.skip();
    const target = uri(FILES.defects);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString()), 'precondition: the runbook is not open');
    await vscode.commands.executeCommand('runbooks.checkAll');
    const ds = await diagnosticsWhen(target, (d) => d.length > 0);
    assert.ok(ds.some((d) => /owner/.test(d.message)), 'the missing owner is not among the findings');
  });

  test('Mark Reviewed Today sets last_reviewed to today', async function () {
    if (!(await vscode.commands.getCommands(true)).includes('runbooks.markReviewed')) this.skip();
    const editor = await open(FILES.clean);
    assert.match(editor.document.getText(), /^last_reviewed: "2026-11-02"$/m);
    await vscode.commands.executeCommand('runbooks.markReviewed');
    const text = await textWhen(editor.document, (t) => !t.includes('2026-11-02'));
    assert.match(text, new RegExp(`^last_reviewed: "?${today()}"?$`, 'm'));
  });
});
