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

  test('Insert Runbook Template refuses a file that has the template, and otherwise starts at a line start', async function () {
    if (!(await vscode.commands.getCommands(true)).includes('runbooks.insertTemplate')) this.skip();
    const editor = await open(FILES.clean);
    const before = editor.document.getText();
    editor.selection = new vscode.Selection(40, 5, 40, 5);
    await vscode.commands.executeCommand('runbooks.insertTemplate');
    assert.equal(editor.document.getText(), before, 'a second template went into a runbook');
    await revertAll();
    const scratch = uri('infra/runbooks/platform/scratch-notes.md');
    await vscode.workspace.fs.writeFile(scratch, new TextEncoder().encode('notes from the incident\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(scratch);
      const ed = await vscode.window.showTextDocument(doc);
      ed.selection = new vscode.Selection(0, 5, 0, 5); // in the middle of "notes"
      await vscode.commands.executeCommand('runbooks.insertTemplate');
      const text = await textWhen(doc, (t) => t.includes('runbook_id:'));
      const lines = text.split('\n');
      assert.equal(lines[0], 'notes from the incident', 'the line the cursor was on is left whole');
      assert.equal(lines[1], '---', 'the template starts at the start of the next line');
      assert.match(lines[2]!, /^runbook_id: /);
    } finally {
      await revertAll();
      await vscode.workspace.fs.delete(scratch);
    }
  });

  test('the outline has each heading once and no second runbook tree (VS Code\'s Markdown outline is the one)', async () => {
    const editor = await open(FILES.clean);
    await diagnosticsWhen(editor.document.uri, () => true);
    const flat: string[] = [];
    const walk = (xs: (vscode.DocumentSymbol | vscode.SymbolInformation)[]) => {
      for (const x of xs) {
        flat.push(x.name);
        if ('children' in x) walk(x.children);
      }
    };
    let symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[] = [];
    for (let i = 0; i < 50 && !symbols.length; i++) {
      symbols = (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', editor.document.uri)) ?? [];
      if (!symbols.length) await new Promise((r) => setTimeout(r, 200)); // the Markdown extension is still starting
    }
    walk(symbols);
    assert.ok(!flat.includes('Front matter'), `the server's outline is shown too: ${flat.join(' | ')}`);
    const steps = flat.filter((n) => /Step 1 — Triage/.test(n));
    assert.equal(steps.length, 1, `Step 1 listed ${steps.length} times: ${flat.join(' | ')}`);
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
