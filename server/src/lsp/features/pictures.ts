// The pictures over LSP: `runbooks/stepGraph` (the VS Code step-graph webview redraws from it as
// the author types) and `runbooks/healthReport` (the report webview). See pictures-protocol.ts.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { localToday } from '../../core/check.js';
import { layoutGraph, stepGraph, toSvg } from '../../core/graph/index.js';
import { parseRunbook } from '../../core/model/runbook.js';
import { VERSION } from '../../cli/args.js';
import { alertsWithoutRunbooks, buildReport } from '../../report/data.js';
import { reportFacts, type ReportFile } from '../../report/facts.js';
import { reportHtml } from '../../report/html.js';
import type { ServerState } from '../server.js';
import { resultFor } from './requests.js';
import { HEALTH_REPORT, STEP_GRAPH, type HealthReportParams, type HealthReportResult, type StepGraphParams, type StepGraphResult } from './pictures-protocol.js';

export function registerPictures(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState): void {
  connection.onRequest(STEP_GRAPH, async (params: StepGraphParams): Promise<StepGraphResult | null> => {
    if (typeof params?.uri !== 'string') return null;
    const doc = documents.get(params.uri);
    const last = state.lastResults.get(params.uri);
    // The model of the last check when it is current; else a parse of the text (no rules: cheap while typing).
    let runbook;
    if (doc && last?.version === doc.version) runbook = last.result.runbook;
    else if (doc) runbook = parseRunbook(doc.getText(), state.relPath(params.uri));
    else {
      const r = await resultFor(documents, state, params.uri);
      if ('error' in r) return null;
      runbook = r.result.runbook;
    }
    const graph = stepGraph(runbook);
    return {
      uri: params.uri,
      version: doc?.version,
      title: graph.title,
      svg: toSvg(layoutGraph(graph), { style: false, standalone: false, idPrefix: 'sg' }),
      nodes: graph.nodes.map((n) => ({ id: n.id, line: n.line, marks: n.marks })),
      steps: graph.nodes.filter((n) => n.type === 'step').length,
    };
  });

  connection.onRequest(HEALTH_REPORT, async (params: HealthReportParams): Promise<HealthReportResult | null> => {
    if (!Array.isArray(params?.uris) || typeof params.nonce !== 'string' || !/^[A-Za-z0-9+/=]{16,}$/.test(params.nonce)) return null;
    await state.workspace.whenReady();
    const today = localToday();
    const files: ReportFile[] = [];
    const ioErrors: { path: string; message: string }[] = [];
    const uriOf = new Map<string, string>();
    let index = 0;
    for (const uri of params.uris) {
      if (typeof uri !== 'string') continue;
      const path = state.relPath(uri) ?? uri;
      uriOf.set(path, uri);
      const r = await resultFor(documents, state, uri);
      if ('error' in r) ioErrors.push({ path, message: r.error });
      else files.push(reportFacts(path, r.result.runbook, r.result.findings, await state.configFor(uri), today, { svg: true, index: index++ }));
    }
    files.sort((a, b) => a.path.localeCompare(b.path));
    // Alert coverage of the folder holding the first runbook (the report covers one workspace folder's tree).
    const first = params.uris.find((u): u is string => typeof u === 'string');
    const root = first ? state.rootOf(first) : undefined;
    const coverage = first && root ? alertsWithoutRunbooks({ config: await state.configFor(first), workspace: state.workspace.facts(root) }) : null;
    const data = buildReport(files, { today, version: VERSION, ioErrors, alertsWithoutRunbooks: coverage });
    // "Open" links carry the document's URI: the client opens only URIs it asked the report for.
    return { html: reportHtml(data, { nonce: params.nonce, fileHref: (path) => uriOf.get(path) ?? '' }), runbooks: files.length };
  });
}
