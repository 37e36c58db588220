// Shared helpers of the feature handlers: the parsed model of a document (reusing the last
// check when it is current), and core line ranges to LSP ranges.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver';
import { parseRunbook, type Runbook } from '../../core/model/runbook.js';
import type { ServerState } from '../server.js';

export function runbookOf(state: ServerState, doc: TextDocument): Runbook {
  const last = state.lastResults.get(doc.uri);
  if (last && last.version === doc.version) return last.result.runbook;
  return parseRunbook(doc.getText(), state.relPath(doc.uri));
}

export function lineRange(r: { line: number; start: number; end: number }): Range {
  return { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } };
}
