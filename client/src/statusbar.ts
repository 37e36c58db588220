// The DoD status bar item: `DoD 5/7` on runbook files, the items in its tooltip, click opens the
// checklist. Refreshed when the active editor or its diagnostics change (the server re-checked).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, dodReport } from './commands';
import { isRunbookDocument } from './selector';
import { dodStatusText, dodTooltipLines } from './logic/tree';

export function registerStatusBar(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const item = vscode.window.createStatusBarItem('runbooks.dod', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Runbook DoD';
  item.command = COMMANDS.showDod;
  context.subscriptions.push(item);
  let timer: NodeJS.Timeout | undefined;
  let seq = 0;

  const update = async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isRunbookDocument(doc)) {
      item.hide();
      return;
    }
    const mine = ++seq;
    const report = await dodReport(getClient, doc.uri);
    if (mine !== seq) return; // a newer update is running
    if (!report) {
      item.text = 'DoD …';
      item.tooltip = 'Definition of Done: waiting for the runbook language server';
      item.show();
      return;
    }
    item.text = dodStatusText(report);
    const md = new vscode.MarkdownString(`**Definition of Done — ${report.passed}/${report.total}**\n\n${dodTooltipLines(report).map((l) => `- ${l}`).join('\n')}\n\nClick for the checklist.`);
    item.tooltip = md;
    // Warn on a failed item only: a manual item (the owner review) is never seen passing by the tool.
    item.backgroundColor = report.items.some((i) => !i.pass) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const schedule = (ms = 250) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), ms);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) schedule();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
  schedule(0);
}
