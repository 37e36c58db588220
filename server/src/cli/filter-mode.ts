// `--changed --filter-mode`, reviewdog's way: which findings of a changed runbook the run shows.
//   added (default)  findings on lines the change added or modified, plus findings about the
//                    front matter when it was touched and findings whose rule is about the change
//                    itself (RB108: "changed but last_reviewed did not"); a new file shows all
//   diff_context     the same over the diff's hunks, context lines included (git's 3)
//   file             every finding of the changed runbooks
//   nofilter         every runbook, changed or not, every finding (changed files still count as changed)
// Every output format shows the same filtered findings, so a PR sees only what it introduced.
import type { Runbook } from '../core/model/runbook.js';
import { ruleByIdOrName } from '../core/rules/index.js';
import type { Finding } from '../core/types.js';

export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

/** Lines of context git puts around a change (`diff_context`). */
export const DIFF_CONTEXT_LINES = 3;

/** The findings `--filter-mode added|diff_context` shows; `touched` are 0-based lines of the new text. */
export function onTouchedLines(findings: readonly Finding[], rb: Runbook, touched: ReadonlySet<number>): Finding[] {
  const lineOf = (offset: number) => rb.lines.positionAt(offset).line;
  const fm = rb.frontMatter;
  let fmTouched = false;
  if (fm) for (let l = lineOf(fm.range.start), last = lineOf(Math.max(fm.range.start, fm.range.end - 1)); l <= last && !fmTouched; l++) fmTouched = touched.has(l);
  return findings.filter((f) => {
    if (ruleByIdOrName(f.ruleId)?.subject === 'change') return true;
    if (fm && fmTouched && f.range.start < fm.range.end) return true;
    const first = lineOf(f.range.start);
    const end = rb.lines.positionAt(f.range.end);
    const last = end.line > first && end.character === 0 ? end.line - 1 : end.line;
    for (let l = first; l <= last; l++) if (touched.has(l)) return true;
    return false;
  });
}
