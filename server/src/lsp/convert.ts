// Core <-> LSP translation: offsets to positions, findings to diagnostics (fix in `data`).
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { URI } from './uri.js';
import type { Finding, Fix, Severity } from '../core/types.js';
import type { LineIndex } from '../core/model/text.js';
import { ruleDocUrl } from '../core/docs.js';

export const SOURCE = 'runbook-lint';

/** What a diagnostic carries in `data`: everything a code action needs, nothing secret. */
export interface DiagnosticData {
  ruleId: string;
  version: number;
  fix?: LspFix;
  /** A fix too large to repeat in every diagnostic (renumbering every step of a long runbook):
   *  the index of a finding carrying it in the server's last result for this document version. */
  fixRef?: number;
}

export interface LspFix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
}

/** Fixes with more edits or replacement text than this stay on the server (`fixRef`): a publish of
 *  a long runbook would otherwise repeat one renumbering of every step in hundreds of diagnostics. */
const INLINE_EDITS = 32;
const INLINE_CHARS = 4096;

export function isLargeFix(fix: Fix): boolean {
  if (fix.edits.length > INLINE_EDITS) return true;
  let chars = 0;
  for (const e of fix.edits) if ((chars += e.newText.length) > INLINE_CHARS) return true;
  return false;
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

/** `refer` names a large fix kept on the server (without it every fix goes inline). */
export function toDiagnostic(f: Finding, lines: LineIndex, version: number, rootUri: string | undefined, docUri: string, refer?: (fix: Fix) => number): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, version };
  if (f.fix && refer && isLargeFix(f.fix)) data.fixRef = refer(f.fix);
  else if (f.fix) data.fix = toLspFix(lines, f.fix);
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
