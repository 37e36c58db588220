// Shared helpers of the feature handlers: the parsed model of a document (the last check's when it is
// current, else the one parse of this version the next check will use too), and core line ranges to LSP ranges.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver';
import type { Runbook } from '../../core/model/runbook.js';
import type { ServerState } from '../server.js';
import { secretScrubber } from '../../core/scrub.js';

export async function runbookOf(state: ServerState, doc: TextDocument): Promise<Runbook> {
  const last = state.lastResults.get(doc.uri);
  if (last && last.version === doc.version) return last.result.runbook;
  return state.runbook(doc);
}

/**
 * The scrub of what a feature returns for a document (core/scrub.ts secretScrubber): its detected secrets
 * (from its last check, of any version, or a parse) and any secret in the returned text itself.
 */
export async function scrubberFor(state: ServerState, doc: TextDocument): Promise<(s: string) => string> {
  const rb = state.lastResults.get(doc.uri)?.result.runbook ?? (await runbookOf(state, doc));
  return secretScrubber(rb);
}

export function lineRange(r: { line: number; start: number; end: number }): Range {
  return { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } };
}
