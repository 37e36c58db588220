// Applying fixes: edits carried by findings, fix-all in a bounded number of passes.
import type { Finding, TextEdit } from './types.js';
import type { CheckInput, CheckResult } from './check.js';
import { check } from './check.js';

/** Applies non-overlapping edits (offsets into `text`); throws on overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.range.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.range.start) + e.newText;
    pos = e.range.end;
  }
  return out + text.slice(pos);
}

/** Picks a set of fixes whose edits do not overlap each other (first come, first kept). */
export function compatibleFixes(findings: readonly Finding[], safeOnly = true): TextEdit[] {
  const taken: TextEdit[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.fix || (safeOnly && f.fix.safe === false)) continue;
    const key = JSON.stringify(f.fix.edits);
    if (seen.has(key)) continue;
    const overlaps = f.fix.edits.some((e) => taken.some((t) => rangesTouch(e, t)));
    if (overlaps) continue;
    seen.add(key);
    taken.push(...f.fix.edits);
  }
  return taken;
}

function rangesTouch(a: TextEdit, b: TextEdit): boolean {
  // Several pure insertions at one point are compatible: they apply in finding order.
  if (a.range.start === a.range.end && b.range.start === b.range.end) return false;
  return a.range.start < b.range.end && b.range.start < a.range.end || a.range.start === b.range.start;
}

export interface FixAllResult {
  text: string;
  passes: number;
  fixed: Finding[];
  remaining: CheckResult;
}

/** Applies safe fixes until none is left or `maxPasses` is reached. */
export function fixAll(input: CheckInput, maxPasses = 3): FixAllResult {
  let text = input.text;
  let result = check({ ...input, runbook: undefined });
  const fixed: Finding[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const edits = compatibleFixes(result.findings);
    if (!edits.length) break;
    fixed.push(...result.findings.filter((f) => f.fix && edits.includes(f.fix.edits[0]!)));
    text = applyEdits(text, edits);
    passes++;
    result = check({ ...input, text, runbook: undefined });
  }
  return { text, passes, fixed, remaining: result };
}
