// Alert rule files in the editor (Prometheus rule files, PrometheusRule objects): their findings
// (RB601, RB602), the "Create runbook for this alert" code action, completion of runbook_url
// values, go-to-definition to the runbook, and the requests behind the Runbooks view's "Alerts
// without runbooks" and the link update after the runbook is created. A YAML document reaches
// here when the client sends it; it is checked when its path matches `alerts.files` or it
// declares a PrometheusRule, and cleared otherwise.
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, type CodeAction, type CodeActionParams, type CompletionItem, type Connection, type Diagnostic, type LocationLink, type Position, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkAlertFile, isAlertRulesFile, alertFactOf, type AlertCheckResult } from '../core/alert-check.js';
import { alertRunbookAt, completeRunbookLink, relatedAlertRulesAt, runbookLinkEdit, runbookPrefill } from '../core/alert-features.js';
import { coverageReport, displayLink, shownName } from '../core/coverage.js';
import { pagingSeverities } from '../core/rules/rb602-alert-runbook-missing.js';
import { readRunbookFile } from '../node/read-file.js';
import { LineIndex } from '../core/model/text.js';
import { toDiagnostic, toRange, SOURCE } from './convert.js';
import { URI } from './uri.js';
import type { ServerState } from './server.js';
import { ALERT_RUNBOOK_LINK, ALERTS_WITHOUT_RUNBOOKS, CREATE_RUNBOOK_FOR_ALERT, type AlertRunbookLinkParams, type AlertRunbookLinkResult, type AlertWithoutRunbook, type CreateRunbookForAlertArgs } from './features/protocol.js';

const YAML = /\.ya?ml$/i;

export class AlertFiles {
  private readonly results = new Map<string, { version: number; result: AlertCheckResult; rel: string }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly state: ServerState,
  ) {}

  /** YAML documents are alert rule files or nothing to this server (never runbooks). */
  handles(uri: string): boolean {
    return YAML.test(uri.replace(/[?#].*$/, ''));
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const rel = this.state.relPath(uri);
    const config = await this.state.configFor(uri);
    const current = this.documents.get(uri);
    if (!current || current.version !== version) return;
    const text = current.getText();
    if (!rel || !isAlertRulesFile(rel, text, config)) {
      this.results.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const result = checkAlertFile({ text, path: rel, config, workspace: this.state.facts(rel) });
    for (const e of result.internalErrors) this.connection.console.error(`rule ${e.ruleId} failed on ${rel}: ${e.message}`);
    this.results.set(uri, { version, result, rel });
    const root = this.state.rootOf(uri);
    const rootUri = root ? URI.fromPath(root) : undefined;
    const diagnostics: Diagnostic[] = result.findings.map((f) => toDiagnostic(f, result.lines, version, rootUri, uri));
    for (const e of result.file.errors) {
      diagnostics.push({
        range: toRange(result.lines, e.range),
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: 'yaml',
        message: `This document does not parse as YAML (${e.message}); the runbook links of its alerts are checked again once it does.`,
      });
    }
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** The server's own last result for the document's current version (never the client's copy of a diagnostic). */
  private current(doc: TextDocument) {
    const last = this.results.get(doc.uri);
    return last && last.version === doc.version ? last : undefined;
  }

  async codeActions(doc: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
    const last = this.current(doc);
    if (!last) return [];
    const only = params.context.only;
    if (only && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(k + '.'))) return [];
    const actions: CodeAction[] = [];
    const { result, rel } = last;
    const config = await this.state.configFor(doc.uri);
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || (d.code !== 'RB601' && d.code !== 'RB602')) continue;
      const start = doc.offsetAt(d.range.start);
      const f = result.findings.find((x) => x.ruleId === d.code && x.range.start === start);
      const alert = f && result.file.alerts.find((a) => a.nameRange.start === f.range.start || a.annotations.some((x) => x.valueRange.start === f.range.start));
      if (!alert) continue;
      const fact = alertFactOf(alert, rel, result.lines);
      const args: CreateRunbookForAlertArgs = { uri: doc.uri, ...runbookPrefill(fact, { config, workspace: this.state.facts(rel) }) };
      actions.push({ title: 'Create runbook for this alert', kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, command: { title: 'Create runbook for this alert', command: CREATE_RUNBOOK_FOR_ALERT, arguments: [args] } });
      const line = d.range.start.line;
      const indent = /^\s*/.exec(result.lines.lineText(line))![0];
      actions.push({
        title: `Disable ${d.code} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# runbook-lint-disable-next-line ${d.code} -- <reason>${result.lines.eol}` }] } },
      });
    }
    return actions;
  }

  async completion(doc: TextDocument, position: Position): Promise<CompletionItem[]> {
    const rel = this.state.relPath(doc.uri);
    if (!rel) return [];
    const config = await this.state.configFor(doc.uri);
    const items = completeRunbookLink({ text: doc.getText(), path: rel, position, config, workspace: this.state.facts(rel) }) ?? [];
    return items.map((e) => ({
      label: e.label,
      kind: CompletionItemKind.File,
      detail: e.detail,
      documentation: { kind: 'markdown', value: e.documentation },
      textEdit: { range: { start: { line: e.range.line, character: e.range.start }, end: { line: e.range.line, character: e.range.end } }, newText: e.label },
      sortText: e.sortText,
    }));
  }

  async definition(doc: TextDocument, position: Position): Promise<LocationLink[] | null> {
    const rel = this.state.relPath(doc.uri);
    const root = this.state.rootOf(doc.uri);
    if (!rel || !root) return null;
    const config = await this.state.configFor(doc.uri);
    const hit = alertRunbookAt({ text: doc.getText(), path: rel, offset: doc.offsetAt(position), config, workspace: this.state.facts(rel) });
    if (!hit) return null;
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [{ originSelectionRange: { start: doc.positionAt(hit.origin.start), end: doc.positionAt(hit.origin.end) }, targetUri: URI.join(URI.fromPath(root), hit.runbook), targetRange: zero, targetSelectionRange: zero }];
  }

  /** In a runbook: from a `related_alerts` entry to the alert rules of that name. */
  relatedDefinition(doc: TextDocument, position: Position): LocationLink[] | null {
    const rel = this.state.relPath(doc.uri);
    const root = this.state.rootOf(doc.uri);
    if (!root) return null;
    const hit = relatedAlertRulesAt(doc.getText(), doc.offsetAt(position), this.state.facts(rel).alerts);
    if (!hit) return null;
    const origin = { start: doc.positionAt(hit.origin.start), end: doc.positionAt(hit.origin.end) };
    return hit.rules.map((a) => {
      const r = { start: { line: a.line, character: 0 }, end: { line: a.line, character: 0 } };
      return { originSelectionRange: origin, targetUri: URI.join(URI.fromPath(root), a.path), targetRange: r, targetSelectionRange: r };
    });
  }

  register(): void {
    this.connection.onRequest(ALERT_RUNBOOK_LINK, async (p: AlertRunbookLinkParams): Promise<AlertRunbookLinkResult> => {
      const rel = this.state.relPath(p.uri);
      const runbook = this.state.relPath(p.runbookUri);
      if (!rel || !runbook) return { error: 'The rule file and the runbook must be inside the workspace.' };
      const doc = this.documents.get(p.uri);
      let text = doc?.getText();
      if (text === undefined) {
        const path = URI.toPath(p.uri);
        const r = path ? readRunbookFile(path) : undefined;
        if (!r?.ok) return { error: `Cannot read ${rel}.` };
        text = r.text;
      }
      const config = await this.state.configFor(p.uri);
      const edit = runbookLinkEdit({ text, path: rel, alert: p.alert, line: p.line, runbookPath: runbook, config, workspace: this.state.facts(rel) });
      if ('error' in edit) return edit;
      return { range: toRange(new LineIndex(text), edit.range), newText: edit.newText };
    });
    this.connection.onRequest(ALERTS_WITHOUT_RUNBOOKS, async (): Promise<AlertWithoutRunbook[]> => {
      await this.state.workspace.whenReady();
      const out: AlertWithoutRunbook[] = [];
      for (const root of this.state.rootPaths) {
        const rootUri = URI.fromPath(root);
        const probe = URI.join(rootUri, 'x.rules.yaml');
        const config = await this.state.configFor(probe);
        const workspace = this.state.workspace.facts(root);
        const paging = pagingSeverities(config.rules['RB602']?.options ?? {});
        for (const c of coverageReport({ config, workspace }).alerts) {
          if (c.status === 'covered') continue;
          const isPaging = paging.includes((c.alert.severity ?? '').toLowerCase());
          const uri = URI.join(rootUri, c.alert.path);
          out.push({
            name: shownName(c.alert.name),
            severity: c.alert.severity,
            status: c.status,
            paging: isPaging,
            uri,
            line: c.alert.line,
            ...(c.resolution?.kind === 'dangling' && c.resolution.target ? { target: displayLink(c.resolution.target) } : {}),
            create: { uri, ...runbookPrefill(c.alert, { config, workspace }) },
          });
        }
      }
      return out.sort((a, b) => Number(b.paging) - Number(a.paging) || (a.status === b.status ? 0 : a.status === 'dangling' ? -1 : 1) || a.name.localeCompare(b.name));
    });
  }
}
