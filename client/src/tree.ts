// The Runbooks tree view (`runbooks.tree`, in the Explorer): category → runbook with severity,
// owner, review age (stale ones in the warning colour) and DoD score → its steps with their kind
// and findings (the outline of headings stays VS Code's own Markdown one). Refreshed on save.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ALERTS_WITHOUT_RUNBOOKS, type AlertWithoutRunbook, type RunbookSummary, type StepSummary } from '../../server/src/lsp/features/protocol';
import { summaries } from './commands';
import { findRunbookUris } from './files';
import { isRunbookDocument } from './selector';
import { alertsNodeDescription, describeAlert, describeRunbook, describeStep, groupByCategory, type CategoryGroup } from './logic/tree';
import { localToday } from './logic/naming';
import { COMMANDS, TREE_VIEW } from './logic/ids';

type Node =
  | { kind: 'category'; group: CategoryGroup }
  | { kind: 'runbook'; summary: RunbookSummary }
  | { kind: 'step'; summary: RunbookSummary; step: StepSummary }
  | { kind: 'alerts'; alerts: AlertWithoutRunbook[] }
  | { kind: 'alert'; alert: AlertWithoutRunbook };

export class RunbooksTree implements vscode.TreeDataProvider<Node>, vscode.FileDecorationProvider {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private groups: Promise<CategoryGroup[]> | undefined;
  private alerts: Promise<AlertWithoutRunbook[]> | undefined;
  /** Runbooks whose review is stale: their labels take the warning colour (tree and Explorer). */
  private stale = new Set<string>();

  constructor(private readonly getClient: () => LanguageClient | undefined) {}

  refresh(): void {
    this.groups = undefined;
    this.alerts = undefined;
    this.changed.fire(undefined);
  }

  private load(): Promise<CategoryGroup[]> {
    this.groups ??= (async () => {
      const uris = await findRunbookUris();
      try {
        const all = await summaries(this.getClient, uris);
        const today = localToday();
        this.stale = new Set(all.filter((s) => describeRunbook(s, today).stale).map((s) => s.uri));
        this.decorationsChanged.fire(undefined);
        return groupByCategory(all);
      } catch {
        this.groups = undefined; // the server was not ready: try again on the next refresh
        return [];
      }
    })();
    return this.groups;
  }

  /** Alerts with no runbook or a dangling runbook_url (none when the server cannot say yet). */
  private loadAlerts(): Promise<AlertWithoutRunbook[]> {
    this.alerts ??= (async () => {
      const client = this.getClient();
      try {
        return client ? await client.sendRequest<AlertWithoutRunbook[]>(ALERTS_WITHOUT_RUNBOOKS, {}) : [];
      } catch {
        this.alerts = undefined;
        return [];
      }
    })();
    return this.alerts;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (!this.stale.has(uri.toString())) return undefined;
    return { color: new vscode.ThemeColor('list.warningForeground'), tooltip: 'Review is stale (last_reviewed)', propagate: false };
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const [groups, alerts] = await Promise.all([this.load(), this.loadAlerts()]);
      return [...(alerts.length ? [{ kind: 'alerts' as const, alerts }] : []), ...groups.map((group) => ({ kind: 'category' as const, group }))];
    }
    if (node.kind === 'category') return node.group.runbooks.map((summary) => ({ kind: 'runbook' as const, summary }));
    if (node.kind === 'runbook') return (node.summary.steps ?? []).map((step) => ({ kind: 'step' as const, summary: node.summary, step }));
    if (node.kind === 'alerts') return node.alerts.map((alert) => ({ kind: 'alert' as const, alert }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'alerts') {
      const item = new vscode.TreeItem('Alerts without runbooks', node.alerts.length <= 10 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = 'alerts-without-runbooks';
      item.iconPath = new vscode.ThemeIcon('bell', new vscode.ThemeColor('list.warningForeground'));
      item.description = alertsNodeDescription(node.alerts);
      item.tooltip = 'Alert rules with no runbook, or whose runbook_url leads nowhere (runbook-lint coverage)';
      item.contextValue = 'alertsWithoutRunbooks';
      return item;
    }
    if (node.kind === 'alert') {
      const a = node.alert;
      const uri = vscode.Uri.parse(a.uri);
      const v = describeAlert(a, vscode.workspace.asRelativePath(uri, false));
      const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
      item.id = `alert:${a.uri}#${a.line}:${a.name}`;
      item.description = v.description;
      item.tooltip = v.tooltip;
      item.iconPath = new vscode.ThemeIcon(a.status === 'dangling' ? 'debug-disconnect' : 'bell-slash', a.paging ? new vscode.ThemeColor('list.warningForeground') : undefined);
      item.contextValue = 'alertWithoutRunbook';
      item.command = { command: 'vscode.open', title: 'Open Alert Rule', arguments: [uri, { selection: new vscode.Range(a.line, 0, a.line, 0) }] };
      return item;
    }
    if (node.kind === 'category') {
      const item = new vscode.TreeItem(node.group.category, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = vscode.ThemeIcon.Folder;
      item.description = `${node.group.runbooks.length}`;
      item.contextValue = 'runbookCategory';
      return item;
    }
    if (node.kind === 'step') {
      const v = describeStep(node.step);
      const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
      item.description = v.description;
      item.tooltip = v.tooltip;
      item.id = `${node.summary.uri}#${node.step.line}`;
      item.iconPath = v.ok ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.contextValue = 'runbookStep';
      const at = new vscode.Range(node.step.line, 0, node.step.line, 0);
      item.command = { command: 'vscode.open', title: 'Go to Step', arguments: [vscode.Uri.parse(node.summary.uri), { selection: at }] };
      return item;
    }
    const s = node.summary;
    const v = describeRunbook(s, localToday());
    const uri = vscode.Uri.parse(s.uri);
    const item = new vscode.TreeItem(v.label, s.steps?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = v.description;
    item.tooltip = v.tooltip;
    item.resourceUri = uri;
    item.id = s.uri;
    item.iconPath = v.stale ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('book');
    item.contextValue = v.stale ? 'runbook.stale' : 'runbook';
    item.command = { command: 'vscode.open', title: 'Open Runbook', arguments: [uri] };
    return item;
  }
}

export function registerTree(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): RunbooksTree {
  const tree = new RunbooksTree(getClient);
  const view = vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => tree.refresh(), 300);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.md', false, true, false);
  context.subscriptions.push(
    view,
    vscode.window.registerFileDecorationProvider(tree),
    watcher,
    watcher.onDidCreate(later),
    watcher.onDidDelete(later),
    vscode.workspace.onDidSaveTextDocument((d) => (isRunbookDocument(d) || /\.ya?ml$/i.test(d.uri.path)) && later()),
    vscode.commands.registerCommand(COMMANDS.refreshTree, () => tree.refresh()),
    { dispose: () => timer && clearTimeout(timer) },
  );
  return tree;
}
