// Show Step Graph (a webview beside the editor that redraws as the author types, from the
// server's `runbooks/stepGraph`) and Open Runbook Health Report (`runbooks/healthReport` in a
// webview). Both pages have a strict CSP: nothing from elsewhere, only their nonce'd style and script.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GRAPH_CSS } from '../../server/src/core/graph/style';
import { HEALTH_REPORT, STEP_GRAPH, type HealthReportResult, type StepGraphResult } from '../../server/src/lsp/features/pictures-protocol';
import { findRunbookUris } from './files';
import { isRunbookDocument } from './selector';
import { COMMANDS } from './logic/ids';

type ClientGetter = () => LanguageClient | undefined;


/** The theme's colours for the graph's --rb-* variables (core/graph/style.ts). */
const THEME_CSS = `
body{margin:0;padding:12px 16px;color:var(--vscode-editor-foreground);background:var(--vscode-editor-background);font-family:var(--vscode-font-family)}
h1{font-size:1.15em;margin:0}#summary{margin:2px 0 10px;color:var(--vscode-descriptionForeground)}
#graph{overflow:auto}#graph svg{max-width:100%;height:auto}
.rb-graph{--rb-fg:var(--vscode-editor-foreground);--rb-muted:var(--vscode-descriptionForeground);--rb-bg:var(--vscode-editor-background);--rb-node:var(--vscode-editorWidget-background);--rb-line:var(--vscode-descriptionForeground);--rb-accent:var(--vscode-charts-blue);--rb-warn:var(--vscode-editorWarning-foreground);--rb-warn-bg:var(--vscode-inputValidation-warningBackground,var(--vscode-editorWidget-background));--rb-err:var(--vscode-editorError-foreground);--rb-err-bg:var(--vscode-inputValidation-errorBackground,var(--vscode-editorWidget-background));--rb-ok:var(--vscode-charts-green);--rb-mit:var(--vscode-charts-orange);--rb-prev:var(--vscode-charts-purple);--rb-font:var(--vscode-font-family)}
.rb-node:focus-visible>.rb-box{stroke:var(--vscode-focusBorder);stroke-width:3}
`;

function nonce(): string {
  return randomBytes(18).toString('base64');
}

/** The runbook a command was invoked for: an explicit Uri, a Runbooks tree node, else the active editor. */
function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const s = (arg as { summary?: { uri?: string } } | undefined)?.summary?.uri;
  if (typeof s === 'string') return vscode.Uri.parse(s);
  return vscode.window.activeTextEditor?.document.uri;
}

class StepGraphView {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(private readonly context: vscode.ExtensionContext, private readonly getClient: ClientGetter) {}

  async show(arg: unknown): Promise<void> {
    const uri = targetUri(arg);
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
    if (!doc || !isRunbookDocument(doc)) {
      void vscode.window.showInformationMessage('Open a runbook to see its step graph.');
      return;
    }
    this.uri = doc.uri;
    if (!this.panel) this.create();
    else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.panel!.title = `Steps: ${doc.uri.path.split('/').pop()}`;
    await this.update();
  }

  private create(): void {
    const root = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('runbooks.stepGraph', 'Step Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [root] });
    this.panel = panel;
    const n = nonce();
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'step-graph.js'));
    panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src data:">
<style nonce="${n}">${GRAPH_CSS}${THEME_CSS}</style></head>
<body><h1 id="title">Step graph</h1><p id="summary">Drawing…</p><div id="graph" role="region" aria-label="Step graph"></div>
<script nonce="${n}" src="${script.toString()}"></script></body></html>`;
    const subs: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((m: { type?: string; line?: number }) => {
        if (m?.type === 'ready') void this.update();
        if (m?.type === 'reveal' && typeof m.line === 'number') void this.reveal(m.line);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri?.toString()) this.later();
      }),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        // Follow the runbook being edited.
        if (ed && isRunbookDocument(ed.document) && ed.document.uri.toString() !== this.uri?.toString()) {
          this.uri = ed.document.uri;
          panel.title = `Steps: ${ed.document.uri.path.split('/').pop()}`;
          void this.update();
        }
      }),
    ];
    panel.onDidDispose(() => {
      subs.forEach((d) => d.dispose());
      if (this.timer) clearTimeout(this.timer);
      this.panel = undefined;
    });
  }

  private later(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 250);
  }

  private async update(): Promise<void> {
    const client = this.getClient();
    const uri = this.uri;
    if (!client || !uri || !this.panel) return;
    const mine = ++this.seq;
    let g: StepGraphResult | null;
    try {
      g = await client.sendRequest<StepGraphResult | null>(STEP_GRAPH, { uri: uri.toString() });
    } catch {
      this.later(); // the server is starting or restarting
      return;
    }
    if (!g || mine !== this.seq || !this.panel) return;
    const marks = g.nodes.flatMap((n) => n.marks);
    const count = (m: string, one: string, many = `${one}s`) => {
      const k = marks.filter((x) => x === m).length;
      return k ? `${k} ${k === 1 ? one : many}` : '';
    };
    const issues = [count('dead-end', 'dead end'), count('unreachable', 'unreachable step'), count('missing', 'missing step')].filter(Boolean);
    const summary = `${g.steps} step${g.steps === 1 ? '' : 's'}${issues.length ? ` · ${issues.join(' · ')}` : ''} · click a step to go to it`;
    void this.panel.webview.postMessage({ type: 'graph', svg: g.svg, title: g.title, summary, uri: g.uri });
  }

  private async reveal(line: number): Promise<void> {
    if (!this.uri) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri!.toString());
    const pos = new vscode.Position(line, 0);
    const doc = visible?.document ?? (await vscode.workspace.openTextDocument(this.uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

interface ReportPanel {
  panel?: vscode.WebviewPanel;
  /** The runbooks the shown report was asked for: the only documents its "Open" links may open. */
  uris: Set<string>;
}

async function openHealthReport(getClient: ClientGetter, state: ReportPanel): Promise<void> {
  const client = getClient();
  if (!client) {
    void vscode.window.showErrorMessage('The runbook language server is not running yet.');
    return;
  }
  const n = nonce();
  let asked: string[] = [];
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Runbook health report', cancellable: true }, async (_p, token) => {
    asked = (await findRunbookUris(token)).map((u) => u.toString());
    return client.sendRequest<HealthReportResult | null>(HEALTH_REPORT, { uris: asked, nonce: n }, token);
  });
  if (!result) return;
  state.uris = new Set(asked);
  if (!state.panel) {
    const panel = vscode.window.createWebviewPanel('runbooks.healthReport', 'Runbook Health', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    state.panel = panel;
    panel.onDidDispose(() => (state.panel = undefined));
    panel.webview.onDidReceiveMessage((m: { type?: unknown; href?: unknown }) => {
      if (m?.type !== 'open' || typeof m.href !== 'string' || !state.uris.has(m.href)) return;
      void vscode.window.showTextDocument(vscode.Uri.parse(m.href), { viewColumn: vscode.ViewColumn.Beside, preview: false });
    });
  } else state.panel.reveal();
  state.panel.webview.html = result.html;
}

export function registerPictures(context: vscode.ExtensionContext, getClient: ClientGetter): void {
  const view = new StepGraphView(context, getClient);
  const report: ReportPanel = { uris: new Set() };
  // `runbooks.isRunbook`: the editor title button and the palette entry show on runbooks only.
  const setKey = (ed: vscode.TextEditor | undefined) => void vscode.commands.executeCommand('setContext', 'runbooks.isRunbook', !!ed && isRunbookDocument(ed.document));
  setKey(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(setKey),
    vscode.commands.registerCommand(COMMANDS.showStepGraph, (arg?: unknown) => view.show(arg)),
    vscode.commands.registerCommand(COMMANDS.openHealthReport, () => openHealthReport(getClient, report)),
  );
}
