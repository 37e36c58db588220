// Core <-> LSP translation: offsets to positions, findings to diagnostics (their finding named in `data`).
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { URI } from './uri.js';
import type { Finding, Fix, Severity } from '../core/types.js';
import type { LineIndex } from '../core/model/text.js';
import { ruleDocUrl } from '../core/docs.js';

export const SOURCE = 'runbook-lint';

/**
 * What a diagnostic carries in `data`: its rule, the document version it was found in and the index of
 * its finding in the server's stored result of that version (`id`, open documents only). Code actions
 * look the finding up by `id` and take its fix from there; nothing else in `data` is trusted.
 */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  id?: number;
}

export interface LspFix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
}

export function toRange(lines: LineIndex, r: { start: number; end: number }): Range {
  return { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspFix(lines: LineIndex, fix: Fix): LspFix {
  return { title: fix.title, safe: fix.safe !== false, edits: fix.edits.map((e) => ({ range: toRange(lines, e.range), newText: e.newText })) };
}

/** `id`: the finding's index in the result the server keeps for `version` (see DiagnosticData). */
export function toDiagnostic(f: Finding, lines: LineIndex, version: number, rootUri: string | undefined, docUri: string, id?: number): Diagnostic {
  const data: DiagnosticData = id === undefined ? { ruleId: f.ruleId, version } : { ruleId: f.ruleId, version, id };
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.flatMap((r) => {
    const uri = r.path && rootUri ? URI.join(rootUri, r.path) : docUri;
    const range = r.range && !r.path ? toRange(lines, r.range) : r.lineRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [{ location: { uri, range }, message: r.message }];
  });
  return {
    range: toRange(lines, f.range),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
    relatedInformation: related,
    data,
  };
}
