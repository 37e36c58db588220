// "Create runbook for this alert": New Runbook… pre-filled from an alert rule (the server's code
// action on RB601/RB602 and the Runbooks view's "Alerts without runbooks" pass the alert), then
// the alert's runbook_url is pointed at the new file (the server computes the edit, in the form the
// old link was written). Nothing is written without the author choosing category, title and severity.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ALERT_RUNBOOK_LINK, type AlertRunbookLinkResult, type AlertWithoutRunbook, type CreateRunbookForAlertArgs } from '../../server/src/lsp/features/protocol';
import { newRunbook } from './commands';

type ClientGetter = () => LanguageClient | undefined;

/** The command's argument: the code action passes the alert, the tree passes its node. */
function argsOf(x: unknown): CreateRunbookForAlertArgs | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const node = x as { kind?: string; alert?: AlertWithoutRunbook };
  if (node.kind === 'alert' && node.alert) return node.alert.create;
  const a = x as Partial<CreateRunbookForAlertArgs>;
  return typeof a.uri === 'string' && typeof a.alert === 'string' && typeof a.line === 'number' ? (a as CreateRunbookForAlertArgs) : undefined;
}

export async function createRunbookForAlert(getClient: ClientGetter, arg?: unknown): Promise<vscode.Uri | undefined> {
  const args = argsOf(arg);
  if (!args) {
    void vscode.window.showInformationMessage('Create Runbook for This Alert works on an alert: use the lightbulb on an RB601/RB602 finding in a rule file, or the "Alerts without runbooks" node of the Runbooks view.');
    return undefined;
  }
  const rule = vscode.Uri.parse(args.uri);
  const created = await newRunbook(getClient, rule, {
    alert: args.alert,
    title: args.title,
    category: args.category,
    severity: args.severity,
    severityLabel: args.severityLabel,
    symptom: args.symptom,
  });
  if (!created) return undefined;
  const client = getClient();
  const res = client
    ? await client.sendRequest<AlertRunbookLinkResult>(ALERT_RUNBOOK_LINK, { uri: args.uri, alert: args.alert, line: args.line, runbookUri: created.toString() }).catch(() => undefined)
    : undefined;
  const rel = vscode.workspace.asRelativePath(created, false);
  if (!res || 'error' in res) {
    void vscode.window.showWarningMessage(`Created ${rel}. ${res && 'error' in res ? res.error : `Point the runbook_url of ${args.alert} at it by hand (the language server did not answer).`}`);
    return created;
  }
  const doc = await vscode.workspace.openTextDocument(rule);
  const wasDirty = doc.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(rule, new vscode.Range(res.range.start.line, res.range.start.character, res.range.end.line, res.range.end.character), res.newText);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(`Created ${rel}, but the rule file could not be edited: point the runbook_url of ${args.alert} at it by hand.`);
    return created;
  }
  // A rule file with other unsaved edits stays unsaved: those are the author's to save.
  if (!wasDirty) await doc.save();
  void vscode.window.setStatusBarMessage(`runbook_url of ${args.alert} now points at ${rel}`, 5000);
  return created;
}
