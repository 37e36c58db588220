// Custom requests: `runbooks/dodReport` (status bar, DoD checklist) and `runbooks/summaries`
// (tree view, Check All Runbooks). Open documents are read from the editor, others from disk.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { check, checkSteps, type CheckResult } from '../../core/check.js';
import { inSlices } from '../slices.js';
import { categoryOf } from '../../core/paths.js';
import { nextFreeId } from '../../core/ids.js';
import { readRunbookFileAsync } from '../../node/read-file.js';
import { toDiagnostic, toRange } from '../convert.js';
import { URI } from '../uri.js';
import type { ServerState } from '../server.js';
import { dodItems } from './dod-items.js';
import { scrubDeep, secretScrubber } from '../../core/scrub.js';
import { DOD_REPORT, NEXT_ID, SUMMARIES, type DodReportParams, type NextIdParams, type DodReportResult, type RunbookSummary, type StepSummary, type SummariesParams } from './protocol.js';
import type { Section } from '../../core/model/runbook.js';

/**
 * The current check result of a document. An open one: the result of the check the server runs for its
 * current version anyway (waited for when it is under way; the status bar asks right after each
 * publish, often while the next keystroke's check runs), or, when none is coming, a check of the shared
 * model in slices; never a full parse and check of the whole text on the spot. Files that are not open
 * are read from disk.
 */
export async function resultFor(documents: TextDocuments<TextDocument>, state: ServerState, uri: string): Promise<{ result: CheckResult; open: boolean; version?: number } | { error: string }> {
  const doc = documents.get(uri);
  if (doc) {
    const done = await state.checked(doc);
    if (done) return { result: done.result, open: true, version: done.version };
    const version = doc.version;
    const path = state.relPath(uri);
    const [config, runbook] = await Promise.all([state.configFor(uri), state.runbook(doc)]);
    const result = (await inSlices(checkSteps({ text: runbook.text, path, config, workspace: state.facts(path), runbook })))!;
    return { result, open: true, version };
  }
  const p = URI.toPath(uri);
  if (!p) return { error: 'not a file' };
  const r = await readRunbookFileAsync(p);
  if (!r.ok) return { error: r.reason };
  const path = state.relPath(uri);
  const result = check({ text: r.text, path, config: await state.configFor(uri), workspace: state.facts(path) });
  return { result, open: false };
}

export function registerRequests(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState): void {
  /** Files whose saved version's findings Check All Runbooks published (`summaries` with `publish`). */
  const shownFromDisk = new Set<string>();
  function publishSaved(uri: string, result: CheckResult): void {
    const root = state.rootOf(uri);
    const rootUri = root ? URI.fromPath(root) : undefined;
    void connection.sendDiagnostics({ uri, diagnostics: result.findings.map((f) => toDiagnostic(f, result.runbook.lines, 0, rootUri, uri)) });
  }
  // While a Check All result is shown, closing one of its runbooks brings back the saved version's
  // findings instead of emptying its entry in the Problems panel.
  state.republishOnClose = (uri) => {
    if (!shownFromDisk.has(uri)) return false;
    const restore = async () => {
      const r = await resultFor(documents, state, uri);
      if (documents.get(uri)) return; // opened again meanwhile: its editor version is what counts
      if ('error' in r) void connection.sendDiagnostics({ uri, diagnostics: [] }); // deleted or unreadable
      else publishSaved(uri, r.result);
    };
    restore().catch((e) => connection.console.error(`check failed for ${uri}: ${e instanceof Error ? e.message : String(e)}`));
    return true;
  };

  connection.onRequest(DOD_REPORT, async (params: DodReportParams): Promise<DodReportResult | null> => {
    const r = await resultFor(documents, state, params.uri);
    if ('error' in r) return null;
    const items = dodItems(r.result).map((i) => ({
      ...i,
      findings: i.findings.map((f) => ({ ruleId: f.ruleId, message: f.message, range: toRange(r.result.runbook.lines, f.range) })),
    }));
    const unknownAlerts = r.result.findings.filter((f) => f.ruleId === 'RB506' && typeof f.meta?.['alert'] === 'string').map((f) => ({ name: f.meta!['alert'] as string, range: toRange(r.result.runbook.lines, f.range) }));
    return scrubDeep({ uri: params.uri, passed: items.filter((i) => i.pass && !i.manual).length, total: items.length, items, ...(unknownAlerts.length ? { unknownAlerts } : {}) }, secretScrubber(r.result.runbook));
  });

  connection.onRequest(SUMMARIES, async (params: SummariesParams): Promise<RunbookSummary[]> => {
    await state.workspace.whenReady(); // duplicate ids and CODEOWNERS coverage need the whole index
    const out: RunbookSummary[] = [];
    for (const uri of params.uris) {
      const path = state.relPath(uri);
      const maxAgeDays = (await state.configFor(uri)).review.maxAgeDays;
      const r = await resultFor(documents, state, uri);
      if ('error' in r) {
        out.push({ uri, path, error: r.error, maxAgeDays, errors: 0, warnings: 0, dod: { passed: 0, total: 7 } });
        continue;
      }
      const { result } = r;
      if (params.publish) {
        shownFromDisk.add(uri);
        if (!r.open) publishSaved(uri, result);
      }
      const data = result.runbook.frontMatter?.data ?? {};
      const str = (k: string) => (typeof data[k] === 'string' || typeof data[k] === 'number' ? String(data[k]) : undefined);
      const items = dodItems(result);
      out.push(scrubDeep({
        uri,
        path,
        runbookId: str('runbook_id'),
        title: str('title') ?? result.runbook.h1?.text,
        owner: str('owner'),
        severity: str('severity'),
        lastReviewed: str('last_reviewed'),
        category: path ? categoryOf(path) : undefined,
        maxAgeDays,
        errors: result.findings.filter((f) => f.severity === 'error').length,
        warnings: result.findings.filter((f) => f.severity === 'warning').length,
        dod: { passed: items.filter((i) => i.pass && !i.manual).length, total: items.length },
        steps: stepSummaries(result),
      }, secretScrubber(result.runbook)));
    }
    return out;
  });

  connection.onRequest(NEXT_ID, async (params: NextIdParams): Promise<string> => {
    await state.workspace.whenReady();
    const path = state.relPath(params.uri);
    const facts = state.facts(path);
    const known = (params.usedIds ?? []).map((runbookId, i) => ({ path: `#client-${i}`, runbookId }));
    return nextFreeId(path ? categoryOf(path) : undefined, await state.configFor(params.uri), { ...facts, runbooks: [...facts.runbooks, ...known] }, path);
  });
}

/** The steps of a checked runbook for the Runbooks tree: heading, kind, line and the findings inside. */
function stepSummaries(result: CheckResult): StepSummary[] {
  const out: StepSummary[] = [];
  const walk = (sections: Section[]) => {
    for (const sec of sections) {
      if (sec.heading.step) {
        const inside = result.findings.filter((f) => f.range.start >= sec.range.start && f.range.start < sec.range.end);
        out.push({
          title: sec.heading.text,
          kind: sec.kind,
          line: result.runbook.lines.positionAt(sec.heading.range.start).line,
          errors: inside.filter((f) => f.severity === 'error').length,
          warnings: inside.filter((f) => f.severity === 'warning').length,
          ruleIds: [...new Set(inside.map((f) => f.ruleId))].sort(),
        });
      }
      walk(sec.children);
    }
  };
  walk(result.runbook.sections);
  return out;
}
