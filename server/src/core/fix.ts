// Applying fixes: edits carried by findings, fix-all in a bounded number of passes.
//
// Safe fixes are applied by fix-all (editor) and `runbook-lint --fix`. A suggestion (`safe: false`)
// writes a fact only the author can choose (today's date as the review date, another id, a
// generalized URL): it is offered one at a time as a quick fix, and applied in bulk only when its
// rule is named explicitly (`runbook-lint --fix --rule RB108`).
import type { Finding, Fix, TextEdit } from './types.js';
import type { CheckInput, CheckResult } from './check.js';
import { check } from './check.js';

/** How a finding's fix is applied: by fix-all (`safe`), or only when the author picks it (`suggestion`). */
export type FixKind = 'safe' | 'suggestion';

export function fixKind(fix: Fix | undefined): FixKind | undefined {
  return fix ? (fix.safe === false ? 'suggestion' : 'safe') : undefined;
}

/** Which findings' fixes a fix-all applies: the safe ones, plus the suggestions of `namedRules`. */
export function fixAllApplies(namedRules: readonly string[] = []): (f: Finding) => boolean {
  return (f) => !!f.fix && (f.fix.safe !== false || namedRules.includes(f.ruleId));
}

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
export function compatibleFixes(findings: readonly Finding[], applies: (f: Finding) => boolean = fixAllApplies()): TextEdit[] {
  return pickFixes(findings, applies).edits;
}

/** The fixes kept by compatibleFixes, each once, with the findings that carried them. */
function pickFixes(findings: readonly Finding[], applies: (f: Finding) => boolean): { edits: TextEdit[]; fixes: Fix[]; carriers: Finding[] } {
  const taken: TextEdit[] = [];
  const fixes: Fix[] = [];
  const carriers: Finding[] = [];
  const keys = new Map<string, boolean>();
  for (const f of findings) {
    if (!f.fix || !applies(f)) continue;
    const key = JSON.stringify(f.fix.edits);
    const kept = keys.get(key);
    if (kept !== undefined) {
      if (kept) carriers.push(f);
      continue;
    }
    const overlaps = f.fix.edits.some((e) => taken.some((t) => rangesTouch(e, t)));
    keys.set(key, !overlaps);
    if (overlaps) continue;
    taken.push(...f.fix.edits);
    fixes.push(f.fix);
    carriers.push(f);
  }
  return { edits: taken, fixes, carriers };
}

function rangesTouch(a: TextEdit, b: TextEdit): boolean {
  // Several pure insertions at one point are compatible: they apply in finding order.
  if (a.range.start === a.range.end && b.range.start === b.range.end) return false;
  return a.range.start < b.range.end && b.range.start < a.range.end || a.range.start === b.range.start;
}

export interface FixAllResult {
  text: string;
  passes: number;
  /** The findings whose fix was applied (several findings may share one fix). */
  fixed: Finding[];
  /** How many distinct fixes were applied, over all passes. */
  applied: number;
  /** The edits of each pass, as offsets into the text before that pass. */
  edits: TextEdit[][];
  remaining: CheckResult;
}

export interface FixAllOptions {
  maxPasses?: number;
  /** Rules named explicitly (`--fix --rule RB108`): their suggestions are applied too. */
  namedRules?: readonly string[];
}

/** Applies safe fixes (and the suggestions of `namedRules`) until none is left or `maxPasses` is reached. */
export function fixAll(input: CheckInput, opts: FixAllOptions = {}): FixAllResult {
  const maxPasses = opts.maxPasses ?? 3;
  const applies = fixAllApplies(opts.namedRules);
  let text = input.text;
  let result = check({ ...input, runbook: undefined });
  const fixed: Finding[] = [];
  const passEdits: TextEdit[][] = [];
  let applied = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const pick = pickFixes(result.findings, applies);
    if (!pick.edits.length) break;
    fixed.push(...pick.carriers);
    applied += pick.fixes.length;
    passEdits.push(pick.edits);
    text = applyEdits(text, pick.edits);
    passes++;
    result = check({ ...input, text, runbook: undefined });
  }
  return { text, passes, fixed, applied, edits: passEdits, remaining: result };
}
