// The Runbook commands: New Runbook…, Insert Runbook Template, Mark Reviewed Today, Check All
// Runbooks, Show DoD Checklist. The decisions (names, template, ids, edits) live in ./logic.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { KNOWN_CATEGORIES } from '../../server/src/core/paths';
import { DOD_REPORT, NEXT_ID, SUMMARIES, type DodReportResult, type RunbookSummary } from '../../server/src/lsp/features/protocol';
import { findRunbookUris } from './files';
import { isRunbookDocument } from './selector';
import { categoryChoices, localToday, nextRunbookId, runbookFilePath, runbooksRootOf, validateTitle } from './logic/naming';
import { CATEGORY_DESCRIPTIONS, fillUserTemplate, newRunbookSnippet, newRunbookText, templateInsertion, templateSnippet } from './logic/template';
import { markReviewedEdit } from './logic/review';

import { COMMANDS } from './logic/ids';

export { COMMANDS };

type ClientGetter = () => LanguageClient | undefined;

export function registerCommands(context: vscode.ExtensionContext, getClient: ClientGetter, onChecked: () => void): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.newRunbook, (folder?: vscode.Uri) => newRunbook(getClient, folder)),
    vscode.commands.registerCommand(COMMANDS.insertTemplate, () => insertTemplate(getClient)),
    vscode.commands.registerCommand(COMMANDS.markReviewed, () => markReviewed()),
    vscode.commands.registerCommand(COMMANDS.checkAll, async () => {
      await checkAll(getClient);
      onChecked();
    }),
    vscode.commands.registerCommand(COMMANDS.showDod, (target?: DodTarget) => showDod(getClient, target)),
  );
}

async function summaries(getClient: ClientGetter, uris: vscode.Uri[], publish = false, token?: vscode.CancellationToken): Promise<RunbookSummary[]> {
  const client = getClient();
  if (!client || !uris.length) return [];
  return client.sendRequest<RunbookSummary[]>(SUMMARIES, { uris: uris.map((u) => u.toString()), publish }, token);
}

/** Ids already used in the workspace (read by the server, so unsaved editors count too). */
async function usedIds(getClient: ClientGetter): Promise<string[]> {
  const all = await summaries(getClient, await findRunbookUris());
  return all.map((s) => s.runbookId).filter((x): x is string => !!x);
}

async function nextId(getClient: ClientGetter, target: vscode.Uri, category: string): Promise<string> {
  const ids = await usedIds(getClient).catch(() => [] as string[]);
  const client = getClient();
  try {
    if (client) return await client.sendRequest<string>(NEXT_ID, { uri: target.toString(), usedIds: ids });
  } catch {
    // The server is restarting: the area codes (config) are unknown here.
  }
  void vscode.window.showWarningMessage('The runbook language server did not answer: set the area of runbook_id by hand (RB105 marks it).');
  return nextRunbookId(category, ids, {});
}

/** Create runbook for this alert: what New Runbook… is pre-filled with (the author still confirms each step). */
export interface NewRunbookPrefill {
  alert: string;
  title?: string;
  category?: string;
  /** The runbook severity the alert's label maps to (offered first). */
  severity?: string;
  severityLabel?: string;
  symptom?: string;
}

const SEVERITIES = ['P0', 'P1', 'P2', 'P3', 'P4'];

export async function newRunbook(getClient: ClientGetter, clicked?: vscode.Uri, prefill?: NewRunbookPrefill): Promise<vscode.Uri | undefined> {
  const steps = prefill ? 3 : 2;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showErrorMessage('Open a folder first: New Runbook… creates the file inside the workspace.');
    return;
  }
  const folder = (clicked && vscode.workspace.getWorkspaceFolder(clicked)) ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new runbook' }));
  if (!folder) return;
  const existing = (await findRunbookUris()).filter((u) => vscode.workspace.getWorkspaceFolder(u)?.uri.toString() === folder.uri.toString());
  const roots = existing.map((u) => runbooksRootOf(vscode.workspace.asRelativePath(u, false))).filter((r): r is string => !!r);
  const root = mostCommon(roots) ?? 'infra/runbooks';
  // Folders that hold runbooks, and folders that exist (empty ones too) below the runbooks root.
  const categoryFolders = existing.map((u) => vscode.workspace.asRelativePath(u, false).slice(root.length + 1).split('/')[0]!);
  try {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder.uri, ...root.split('/')))) if (type & vscode.FileType.Directory) categoryFolders.push(name);
  } catch {
    // No runbooks root yet: every category is a new folder.
  }
  const choices = categoryChoices(KNOWN_CATEGORIES, categoryFolders, root, CATEGORY_DESCRIPTIONS);
  if (prefill?.category) {
    // The folder the alert's dangling runbook_url names comes first.
    const at = choices.findIndex((c) => c.label === prefill.category);
    const c = at >= 0 ? choices.splice(at, 1)[0]! : { label: prefill.category, description: '', detail: `new folder ${root}/${prefill.category}/` };
    choices.unshift({ ...c, description: `where the alert's runbook_url points — ${c.description}` });
  }
  const picked = await vscode.window.showQuickPick(choices, {
    title: `New Runbook (1/${steps}): category${prefill ? ` — runbook for ${prefill.alert}` : ''}`,
    placeHolder: 'The folder below runbooks/ that this runbook belongs to',
  });
  if (!picked) return;
  const title = await vscode.window.showInputBox({
    title: `New Runbook (2/${steps}): title`,
    value: prefill?.title,
    prompt: 'Short, action-oriented title (becomes the file name and the H1)',
    placeHolder: 'Restore ingress when pods are Ready but unreachable',
    validateInput: (v) => validateTitle(v) ?? null,
  });
  if (!title) return;
  const rel = runbookFilePath(root, picked.label, title.trim());
  const target = vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
  if (await exists(target)) {
    void vscode.window.showErrorMessage(`${rel} already exists; New Runbook… never overwrites a file. Pick another title or open the existing runbook.`);
    return;
  }
  const owner = vscode.workspace.getConfiguration('runbooks', folder.uri).get<string>('defaultOwner') || undefined;
  let severity: string | undefined;
  if (prefill) {
    const order = prefill.severity && SEVERITIES.includes(prefill.severity) ? [prefill.severity, ...SEVERITIES.filter((s) => s !== prefill.severity)] : SEVERITIES;
    const sev = await vscode.window.showQuickPick(
      order.map((s) => ({ label: s, description: s === prefill.severity ? `from the alert's severity label "${prefill.severityLabel}" (alerts.severityMap)` : '' })),
      { title: `New Runbook (3/${steps}): severity`, placeHolder: `How severe is an incident behind ${prefill.alert}?` },
    );
    if (!sev) return;
    severity = sev.label;
  }
  const values = {
    id: await nextId(getClient, target, picked.label),
    title: title.trim(),
    today: localToday(),
    owner,
    ...(prefill ? { relatedAlerts: [prefill.alert], severity, symptom: prefill.symptom } : {}),
  };
  const userTemplate = await readUserTemplate(vscode.Uri.joinPath(folder.uri, ...root.split('/'), '_templates'));
  const text = userTemplate ? fillUserTemplate(userTemplate, values) : newRunbookText(values);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(doc);
  if (userTemplate) return target;
  // The same text again, as a snippet: Tab walks the author from placeholder to placeholder.
  await editor.insertSnippet(new vscode.SnippetString(newRunbookSnippet(values)), new vscode.Range(0, 0, doc.lineCount, 0));
  await doc.save();
  return target;
}

async function readUserTemplate(dir: vscode.Uri): Promise<string | undefined> {
  try {
    const entries = (await vscode.workspace.fs.readDirectory(dir)).filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.md') && n.toLowerCase() !== 'readme.md');
    const pick = entries.find(([n]) => /runbook/i.test(n)) ?? entries[0];
    if (!pick) return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, pick[0])));
    return /RB-<AREA>-<NNN>|runbook_id:/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function mostCommon(xs: string[]): string | undefined {
  const c = new Map<string, number>();
  for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function insertTemplate(getClient: ClientGetter): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage('Open a Markdown file to insert the runbook template into.');
    return;
  }
  const rel = vscode.workspace.asRelativePath(editor.document.uri, false);
  const category = rel.split('/')[rel.split('/').lastIndexOf('runbooks') + 1];
  const owner = vscode.workspace.getConfiguration('runbooks', editor.document.uri).get<string>('defaultOwner') || undefined;
  const id = category && rel.includes('runbooks/') ? await nextId(getClient, editor.document.uri, category) : undefined;
  const doc = editor.document;
  const where = templateInsertion(doc.getText().split(/\r?\n/), editor.selection.active.line);
  if ('refuse' in where) {
    const create = 'New Runbook…';
    void vscode.window.showWarningMessage(where.refuse, create).then((c) => c === create && vscode.commands.executeCommand(COMMANDS.newRunbook));
    return;
  }
  const snippet = templateSnippet({ id, owner, today: localToday() });
  const at = where.newlineFirst ? doc.lineAt(where.line).range.end : new vscode.Position(where.line, 0);
  await editor.insertSnippet(new vscode.SnippetString((where.newlineFirst ? '\n' : '') + snippet), at);
}

async function markReviewed(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const r = markReviewedEdit(doc.getText(), localToday());
  if ('error' in r) {
    void vscode.window.showErrorMessage(r.error);
    return;
  }
  const range = new vscode.Range(r.line, r.start, r.line, r.end);
  await editor.edit((b) => b.replace(range, r.newText));
}

async function checkAll(getClient: ClientGetter): Promise<void> {
  const client = getClient();
  if (!client) {
    void vscode.window.showErrorMessage('The runbook language server is not running.');
    return;
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking runbooks', cancellable: true }, async (progress, token) => {
    const uris = await findRunbookUris(token);
    let errors = 0;
    let warnings = 0;
    let done = 0;
    const batch = 20;
    for (let i = 0; i < uris.length && !token.isCancellationRequested; i += batch) {
      const part = uris.slice(i, i + batch);
      const res = await summaries(getClient, part, true, token);
      for (const s of res) {
        errors += s.errors;
        warnings += s.warnings;
      }
      done += part.length;
      progress.report({ increment: (part.length / uris.length) * 100, message: `${done}/${uris.length}` });
    }
    const what = `${done} runbook${done === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    if (token.isCancellationRequested) void vscode.window.showInformationMessage(`Check All Runbooks stopped after ${what}.`);
    else if (errors + warnings > 0) {
      const open = 'Open Problems';
      void vscode.window.showWarningMessage(`Checked ${what}.`, open).then((c) => c === open && vscode.commands.executeCommand('workbench.actions.view.problems'));
    } else void vscode.window.showInformationMessage(`Checked ${what}.`);
  });
}

export async function dodReport(getClient: ClientGetter, uri: vscode.Uri): Promise<DodReportResult | undefined> {
  const client = getClient();
  if (!client) return undefined;
  try {
    return (await client.sendRequest<DodReportResult | null>(DOD_REPORT, { uri: uri.toString() })) ?? undefined;
  } catch {
    return undefined;
  }
}

/** What Show DoD Checklist is run on: nothing (the active editor), a file, or a Runbooks tree node. */
type DodTarget = vscode.Uri | { summary: { uri: string } } | undefined;

async function showDod(getClient: ClientGetter, target: DodTarget): Promise<void> {
  const uri = target instanceof vscode.Uri ? target : target?.summary?.uri ? vscode.Uri.parse(target.summary.uri) : undefined;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || !isRunbookDocument(doc)) {
    void vscode.window.showInformationMessage('Open a runbook to see its Definition of Done checklist.');
    return;
  }
  const report = await dodReport(getClient, doc.uri);
  if (!report) {
    void vscode.window.showErrorMessage('The DoD checklist is not available yet: the language server is starting.');
    return;
  }
  type Item = vscode.QuickPickItem & { item: Pick<DodReportResult['items'][number], 'label' | 'findings'> };
  const items: Item[] = report.items.map((i) => ({
    label: `${i.manual ? '$(person)' : i.pass ? '$(pass-filled)' : '$(error)'} ${i.label}`,
    description: i.manual ? 'manual: an owner with the right permissions reviews it' : i.pass ? 'pass' : `fail${i.findings.length ? ` — ${i.findings.length} finding${i.findings.length === 1 ? '' : 's'}` : ''}`,
    detail: i.note,
    item: i,
  }));
  // Not a DoD item, but part of the runbook's health: related_alerts that name no alert rule (RB506).
  if (report.unknownAlerts?.length) {
    const names = report.unknownAlerts.map((a) => a.name);
    items.push({
      label: `$(bell) Related alerts not found in the alert rules: ${names.join(', ')}`,
      description: 'RB506',
      detail: 'These related_alerts entries name no alert rule of the workspace: fix the names or remove them.',
      item: { label: 'Related alerts', findings: report.unknownAlerts.map((a) => ({ ruleId: 'RB506', message: `No alert rule named ${a.name}`, range: a.range })) },
    });
  }
  const name = vscode.workspace.asRelativePath(doc.uri, false).split('/').pop();
  const picked = await vscode.window.showQuickPick(items, { title: `Definition of Done — ${name} — DoD ${report.passed}/${report.total}`, placeHolder: 'Pick an item to go to its findings (manual items: a person confirms them; they do not count until then)' });
  if (!picked || !picked.item.findings.length) return;
  let finding = picked.item.findings[0]!;
  if (picked.item.findings.length > 1) {
    const f = await vscode.window.showQuickPick(
      picked.item.findings.map((x) => ({ label: `${x.ruleId} line ${x.range.start.line + 1}`, detail: x.message, x })),
      { title: picked.item.label, placeHolder: 'Go to finding' },
    );
    if (!f) return;
    finding = f.x;
  }
  const editor = await vscode.window.showTextDocument(doc);
  const r = new vscode.Range(finding.range.start.line, finding.range.start.character, finding.range.end.line, finding.range.end.character);
  editor.selection = new vscode.Selection(r.start, r.end);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export { summaries };
