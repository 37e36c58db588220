// textDocument/completion and textDocument/hover: thin translations of core/complete.ts and
// core/hover.ts (the core reads the lines around the cursor, so invalid YAML is fine).
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Connection, type Hover, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { complete, type CompletionKind } from '../../core/complete.js';
import { hover } from '../../core/hover.js';
import type { ServerState } from '../server.js';
import { lineRange, runbookOf, scrubberFor } from './common.js';
import { scrubDeep, secretScrubber } from '../../core/scrub.js';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  date: CompletionItemKind.Constant,
  id: CompletionItemKind.Constant,
  step: CompletionItemKind.Reference,
};

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState): void {
  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (state.alerts.handles(doc.uri)) return state.alerts.completion(doc, params.position);
    const path = state.relPath(doc.uri);
    const [config, settings] = await Promise.all([state.configFor(doc.uri), state.settingsFor(doc.uri)]);
    const entries = complete({
      text: doc.getText(),
      position: params.position,
      path,
      config,
      workspace: state.facts(path),
      defaultOwner: settings.defaultOwner || undefined,
      snippets: state.snippetSupport,
    });
    return scrubDeep({
      isIncomplete: false,
      items: entries.map(
        (e): CompletionItem => ({
          label: e.label,
          kind: KIND[e.kind],
          detail: e.detail,
          documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
          textEdit: { range: lineRange(e.range), newText: e.insertText },
          insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          filterText: e.filterText,
          sortText: e.sortText,
          preselect: e.preselect,
          additionalTextEdits: e.additionalEdits?.map((x) => ({ range: lineRange(x), newText: x.newText })),
          // The VS Code client opens completion again on the values (client/src/completion.ts).
          data: e.suggestValues ? { suggestValues: true } : undefined,
        }),
      ),
    }, await scrubberFor(state, doc));
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || state.alerts.handles(doc.uri)) return null;
    const path = state.relPath(doc.uri);
    const runbook = await runbookOf(state, doc);
    const h = hover({
      text: runbook.text,
      position: params.position,
      path,
      config: await state.configFor(doc.uri),
      workspace: state.facts(path),
      runbook: () => runbook,
    });
    return h ? { contents: { kind: MarkupKind.Markdown, value: secretScrubber(runbook)(h.contents) }, range: lineRange(h.range) } : null;
  });
}
