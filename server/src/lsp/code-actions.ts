// textDocument/codeAction and codeAction/resolve.
//
// Quick fixes come from the server's own last check of the document's current version: a diagnostic
// names its finding by index (`data.id`) and version, and the title, the edits and the rule id of
// "Disable … for this line" are read from that stored finding, never from what the client sends back
// (a forged `data` cannot inject titles, edits or comment text). Answering the lightbulb, which asks
// at every cursor move, is a lookup.
//
// Fix-all is computed only when asked: for `only` naming it (`source.fixAll`, `source.fixAll.runbooks`:
// what codeActionsOnSave and the Source Action menu send) or an explicit invocation; never for the
// automatic lightbulb request. When the client can resolve edits, the action is offered without its
// edit and the edit is computed in codeAction/resolve. Its edit is the composition of the fixes'
// own edits (core/fix.ts composedEdits), never a whole-document replacement.
import {
  CodeActionKind,
  CodeActionTriggerKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { composedEdits, fixAllApplies, fixAllSteps } from '../core/fix.js';
import { inSlices } from './slices.js';
import type { CheckResult } from '../core/check.js';
import type { Finding } from '../core/types.js';
import { toDiagnostic, toLspFix, toRange, SOURCE, type DiagnosticData } from './convert.js';
import { FIX_ALL_KIND } from './capabilities.js';
import type { ServerState } from './server.js';
import { migratableFormat, migrateEdit, migrateOffer, onShapeLine, MIGRATE_KIND, type MigrateData } from './migrate-action.js';

const FIX_ALL_TITLE = 'Fix all auto-fixable runbook problems';
/** Rule ids as the core names them: nothing else is written into a suppression comment. */
const RULE_ID = /^RB\d{3}$/;

/** What a lazily resolved fix-all action carries: which document, at which version. */
interface FixAllData {
  fixAll: { uri: string; version: number };
}

export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState, resolvesEdits: () => boolean): void {
  /** The workspace folder's URI as the client sent it (related information links are built on it). */
  const rootUri = (uri: string) => {
    const root = state.rootOf(uri);
    return root === undefined ? undefined : state.rootUris[state.rootPaths.indexOf(root)];
  };
  /** The stored check of `doc`'s current version, if there is one. */
  function current(doc: TextDocument): CheckResult | undefined {
    const last = state.lastResults.get(doc.uri);
    return last && last.version === doc.version ? last.result : undefined;
  }

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (state.alerts.handles(doc.uri)) return state.alerts.codeActions(doc, params);
    const actions: CodeAction[] = [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const result = current(doc);
    if (wants(CodeActionKind.QuickFix) && result) {
      for (const sent of params.context.diagnostics ?? []) {
        const id = ownFinding(result, sent, doc.version);
        if (id === undefined) continue;
        const f = result.findings[id]!;
        // The action names the diagnostic as published, not as sent back.
        const d = toDiagnostic(f, result.runbook.lines, doc.version, rootUri(doc.uri), doc.uri, id);
        if (f.fix) {
          actions.push({
            title: f.fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: f.fix.safe !== false,
            edit: { changes: { [doc.uri]: toLspFix(result.runbook.lines, f.fix).edits } },
          });
        }
        const disable = disableAction(doc.uri, result, f, d);
        if (disable) actions.push(disable);
      }
    }
    // Conversion to the template (refactor.rewrite): from the stored check's model only; the lightbulb
    // gets it on the lines that name the runbook's shape, an explicit request anywhere.
    if (wants(MIGRATE_KIND)) {
      const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
      const checked = result ?? (automatic ? undefined : await checkedNow(doc));
      const format = checked && migratableFormat(checked);
      if (checked && format && (!automatic || onShapeLine(checked.runbook, params.range))) {
        const offer = migrateOffer(doc.uri, doc.version, format);
        if (resolvesEdits()) actions.push(offer);
        else {
          const edit = await migrateEditFor(doc, checked);
          if (edit) actions.push({ title: offer.title, kind: offer.kind, isPreferred: false, edit });
        }
      }
    }
    // The lightbulb (automatic, no `only`) never gets fix-all: it asks at every cursor move.
    const asked = only ? wants(FIX_ALL_KIND) : params.context.triggerKind !== CodeActionTriggerKind.Automatic;
    if (asked && !(result && !result.findings.some(fixAllApplies()))) {
      if (resolvesEdits()) {
        const data: FixAllData = { fixAll: { uri: doc.uri, version: doc.version } };
        actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data });
      } else {
        const action = await fixAllAction(doc, token);
        if (action) actions.push(action);
      }
    }
    return actions;
  });

  connection.onCodeActionResolve(async (action, token) => {
    const mig = (action.data as Partial<MigrateData> | undefined)?.migrate;
    if (action.kind === MIGRATE_KIND && mig && typeof mig.uri === 'string') {
      const doc = documents.get(mig.uri);
      const checked = doc && doc.version === mig.version ? await checkedNow(doc) : undefined;
      // Offered for another version, a document since closed, or not convertible (a forged request): nothing to apply.
      const format = checked && migratableFormat(checked);
      if (!doc || !checked || !format) return { title: action.title, kind: action.kind };
      const edit = await migrateEditFor(doc, checked);
      return { ...migrateOffer(doc.uri, doc.version, format), edit: edit ?? { changes: { [doc.uri]: [] } } };
    }
    const data = (action.data as Partial<FixAllData> | undefined)?.fixAll;
    if (action.kind !== FIX_ALL_KIND || !data || typeof data.uri !== 'string') return action;
    const doc = documents.get(data.uri);
    // Offered for another version (or a document since closed): nothing to apply.
    if (!doc || doc.version !== data.version) return { title: action.title, kind: action.kind };
    const computed = await fixAllAction(doc, token);
    return computed ?? { title: action.title, kind: action.kind, edit: { changes: { [doc.uri]: [] } } };
  });

  /** The stored check of `doc`'s current version, waiting for the one under way (explicit requests only). */
  async function checkedNow(doc: TextDocument): Promise<CheckResult | undefined> {
    const last = await state.checked(doc);
    return last && last.version === doc.version ? last.result : undefined;
  }

  /** The migration of the checked text of `doc`'s current version, as a workspace edit. */
  async function migrateEditFor(doc: TextDocument, checked: CheckResult) {
    const version = doc.version;
    const config = await state.configFor(doc.uri);
    if (doc.version !== version) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
    return migrateEdit(doc.uri, version, checked.runbook, state.relPath(doc.uri), config, state.editSupport);
  }

  async function fixAllAction(doc: TextDocument, token: CancellationToken): Promise<CodeAction | undefined> {
    const version = doc.version;
    const rel = state.relPath(doc.uri);
    const config = await state.configFor(doc.uri);
    const text = doc.getText();
    const runbook = await state.runbook(doc);
    // In slices: a cancelled request, or an edit that makes the result useless, stops it between two rules.
    const stop = () => token.isCancellationRequested || doc.version !== version;
    const res = stop() ? undefined : await inSlices(fixAllSteps({ text, path: rel, config, workspace: state.facts(rel), runbook }, { checked: current(doc) }), stop);
    if (!res) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
    }
    if (res.text === text) return undefined;
    const lines = (current(doc) ?? res.remaining).runbook.lines;
    const edits = composedEdits(text, res.edits).map((e) => ({ range: toRange(lines, e.range), newText: e.newText }));
    return { title: `${FIX_ALL_TITLE} (${res.applied})`, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } };
  }
}

/**
 * The index of the stored finding a diagnostic names, when the diagnostic is exactly what the server published for it
 * (same version, rule and line); anything else the client sends back is ignored.
 */
function ownFinding(result: CheckResult, d: Diagnostic, version: number): number | undefined {
  if (!d || d.source !== SOURCE || !d.data || typeof d.data !== 'object') return undefined;
  const data = d.data as Partial<DiagnosticData>;
  if (data.version !== version || typeof data.id !== 'number' || !Number.isInteger(data.id)) return undefined;
  const f = result.findings[data.id];
  if (!f || f.ruleId !== d.code || f.ruleId !== data.ruleId) return undefined;
  // The line, not the columns: a client may count columns in other units (bytes) when it sends the
  // diagnostic back. A real finding's fix is the server's own whichever diagnostic names it.
  return result.runbook.lines.positionAt(f.range.start).line === d.range?.start?.line ? data.id : undefined;
}

/** "Disable RBxxx for this line": a suppression comment with a reason placeholder above the line. */
function disableAction(uri: string, result: CheckResult, f: Finding, d: Diagnostic): CodeAction | undefined {
  if (!RULE_ID.test(f.ruleId)) return undefined;
  const { lines, frontMatter } = result.runbook;
  const line = lines.positionAt(f.range.start).line;
  const lineStart = lines.offsetAt({ line, character: 0 });
  const indent = /^\s*/.exec(lines.lineText(line))![0];
  const inFrontMatter = !!frontMatter && lineStart >= frontMatter.content.start && lineStart < frontMatter.content.end;
  const comment = inFrontMatter
    ? `${indent}# runbook-lint-disable-next-line ${f.ruleId} -- <reason>`
    : `${indent}<!-- runbook-lint-disable-next-line ${f.ruleId} -- <reason> -->`;
  return {
    title: `Disable ${f.ruleId} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: comment + lines.eol }] } },
  };
}
