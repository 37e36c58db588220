// Shared helpers of the feature handlers: the parsed model of a document (the last check's when it is
// current, else the one parse of this version the next check will use too), and core line ranges to LSP ranges.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver';
import type { Runbook } from '../../core/model/runbook.js';
import type { ServerState } from '../server.js';

export async function runbookOf(state: ServerState, doc: TextDocument): Promise<Runbook> {
  const last = state.lastResults.get(doc.uri);
  if (last && last.version === doc.version) return last.result.runbook;
  return state.runbook(doc);
}

export function lineRange(r: { line: number; start: number; end: number }): Range {
  return { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } };
}
