// Outline, go-to-definition / references for "go to Step 2A", and step rename: translations of
// core/symbols.ts (which builds on core/steps.ts).
import { LSPErrorCodes, ResponseError, SymbolKind, type Connection, type DocumentSymbol, type Location, type TextDocuments, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols, prepareStepRename, renameStep, stepDefinition, stepReferencesAt, type OutlineKind, type OutlineSymbol } from '../../core/symbols.js';
import type { LineIndex } from '../../core/model/text.js';
import { toRange } from '../convert.js';
import type { ServerState } from '../server.js';
import { runbookOf } from './common.js';
import { scrubDeep, secretScrubber } from '../../core/scrub.js';

const KIND: Record<OutlineKind, SymbolKind> = {
  frontmatter: SymbolKind.Namespace,
  key: SymbolKind.Property,
  title: SymbolKind.File,
  section: SymbolKind.Module,
  step: SymbolKind.Function,
};

function toSymbol(lines: LineIndex, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: KIND[s.kind],
    range: toRange(lines, s.range),
    selectionRange: toRange(lines, s.selectionRange),
    children: s.children.map((c) => toSymbol(lines, c)),
  };
}

export function registerNavigation(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState): void {
  const withRunbook = async (uri: string) => {
    const doc = documents.get(uri);
    return doc && !state.alerts.handles(uri) ? { doc, rb: await runbookOf(state, doc) } : undefined;
  };

  connection.onDocumentSymbol(async (params, token) => {
    const d = await withRunbook(params.textDocument.uri);
    // The editor cancels the outline request of a superseded version while it waits for the parse:
    // the outline of a long runbook is not built and sent for nothing.
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return d ? scrubDeep(documentSymbols(d.rb).map((s) => toSymbol(d.rb.lines, s)), secretScrubber(d.rb)) : [];
  });

  connection.onDefinition(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (doc && state.alerts.handles(doc.uri)) return state.alerts.definition(doc, params.position);
    const d = await withRunbook(params.textDocument.uri);
    if (!d) return null;
    const t = stepDefinition(d.rb, d.rb.lines.offsetAt(params.position));
    if (!t) return state.alerts.relatedDefinition(d.doc, params.position);
    return [
      {
        originSelectionRange: toRange(d.rb.lines, t.origin),
        targetUri: d.doc.uri,
        targetRange: toRange(d.rb.lines, t.heading.range),
        targetSelectionRange: toRange(d.rb.lines, t.heading.textRange),
      },
    ];
  });

  connection.onReferences(async (params) => {
    const d = await withRunbook(params.textDocument.uri);
    if (!d) return null;
    const r = stepReferencesAt(d.rb, d.rb.lines.offsetAt(params.position));
    if (!r) return null;
    const out: Location[] = r.references.map((x) => ({ uri: d.doc.uri, range: toRange(d.rb.lines, x.range) }));
    if (params.context.includeDeclaration) out.unshift({ uri: d.doc.uri, range: toRange(d.rb.lines, r.heading.textRange) });
    return out;
  });

  connection.onPrepareRename(async (params) => {
    const d = await withRunbook(params.textDocument.uri);
    if (!d) return null;
    const p = prepareStepRename(d.rb, d.rb.lines.offsetAt(params.position));
    return p ? { range: toRange(d.rb.lines, p.range), placeholder: secretScrubber(d.rb)(p.label) } : null;
  });

  connection.onRenameRequest(async (params): Promise<WorkspaceEdit | ResponseError> => {
    const d = await withRunbook(params.textDocument.uri);
    if (!d) return new ResponseError(-32602, 'The document is not open.');
    const r = renameStep(d.rb, d.rb.lines.offsetAt(params.position), params.newName);
    if ('error' in r) return new ResponseError(-32803, r.error);
    return { changes: { [d.doc.uri]: r.edits.map((e) => ({ range: toRange(d.rb.lines, e.range), newText: e.newText })) } };
  });
}
