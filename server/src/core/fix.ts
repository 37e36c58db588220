// Applying fixes: edits carried by findings, fix-all in a bounded number of passes.
//
// Safe fixes are applied by fix-all (editor) and `runbook-lint --fix`. A suggestion (`safe: false`)
// writes a fact only the author can choose (today's date as the review date, another id, a
// generalized URL): it is offered one at a time as a quick fix, and applied in bulk only when its
// rule is named explicitly (`runbook-lint --fix --rule RB108`).
import type { Finding, Fix, TextEdit } from './types.js';
import type { CheckInput, CheckResult } from './check.js';
import { checkSteps, drain, MAX_FULL_CHECK_BYTES } from './check.js';
import { parseSteps } from './incremental.js';

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
  /** A check of `input` already made (the editor's last check of that version): the first pass starts from it. */
  checked?: CheckResult;
}

/** Applies safe fixes (and the suggestions of `namedRules`) until none is left or `maxPasses` is reached. */
export function fixAll(input: CheckInput, opts: FixAllOptions = {}): FixAllResult {
  return drain(fixAllSteps(input, opts));
}

/** fixAll() one rule at a time (see checkSteps). */
export function* fixAllSteps(input: CheckInput, opts: FixAllOptions = {}): Generator<void, FixAllResult, void> {
  const maxPasses = opts.maxPasses ?? 3;
  const applies = fixAllApplies(opts.namedRules);
  let text = input.text;
  let result = opts.checked ?? (yield* checkSteps(input));
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
    // The fixed text is parsed from the model before it: only the sections the fixes touched again.
    const runbook = text.length > MAX_FULL_CHECK_BYTES ? undefined : yield* parseSteps(result.runbook, text, input.path);
    result = yield* checkSteps({ ...input, text, runbook });
  }
  return { text, passes, fixed, applied, edits: passEdits, remaining: result };
}

/**
 * The edits that take `text` to what `passes` made of it, each pass's edits being offsets into the text
 * the passes before produced (FixAllResult.edits): composed into edits against `text` and trimmed to
 * the characters that change. An editor's fix-all gets these instead of one whole-document replacement,
 * so it touches (and echoes) only what the fixes change.
 */
export function composedEdits(text: string, passes: readonly (readonly TextEdit[])[]): TextEdit[] {
  let acc: TextEdit[] = [];
  let current = text;
  for (const pass of passes) {
    if (!pass.length) continue;
    acc = composePass(acc, current, pass);
    current = applyEdits(current, pass);
  }
  const out: TextEdit[] = [];
  for (const e of acc) {
    const old = text.slice(e.range.start, e.range.end);
    let pre = 0;
    const max = Math.min(old.length, e.newText.length);
    while (pre < max && old.charCodeAt(pre) === e.newText.charCodeAt(pre)) pre++;
    let suf = 0;
    while (suf < max - pre && old.charCodeAt(old.length - 1 - suf) === e.newText.charCodeAt(e.newText.length - 1 - suf)) suf++;
    if (pre === old.length && pre === e.newText.length) continue; // changes nothing
    out.push({ range: { start: e.range.start + pre, end: e.range.end - suf }, newText: e.newText.slice(pre, e.newText.length - suf) });
  }
  return out;
}

/**
 * `acc` (sorted, disjoint edits against the original) produced `current`; `pass` edits `current`. Returns
 * edits against the original that produce applyEdits(current, pass): edits of both that overlap or touch
 * (in `current`'s offsets) become one.
 */
function composePass(acc: readonly TextEdit[], current: string, pass: readonly TextEdit[]): TextEdit[] {
  // Spans in `current`'s offsets: an earlier edit's replacement text, or a range the pass edits.
  type Span = { s: number; e: number; shift: number; edit?: TextEdit };
  const spans: Span[] = [];
  let shift = 0;
  for (const a of acc) {
    const s = a.range.start + shift;
    const d = a.newText.length - (a.range.end - a.range.start);
    spans.push({ s, e: s + a.newText.length, shift: d });
    shift += d;
  }
  for (const p of pass) spans.push({ s: p.range.start, e: p.range.end, shift: 0, edit: p });
  spans.sort((x, y) => x.s - y.s || x.e - y.e); // stable: insertions at one point keep their order
  const out: TextEdit[] = [];
  let before = 0; // how much longer `current` is than the original before the next span
  for (let i = 0; i < spans.length; ) {
    const cs = spans[i]!.s;
    let ce = spans[i]!.e;
    let j = i;
    let grown = before;
    const edits: TextEdit[] = [];
    for (; j < spans.length && (j === i || spans[j]!.s <= ce); j++) {
      const sp = spans[j]!;
      ce = Math.max(ce, sp.e);
      grown += sp.shift;
      if (sp.edit) edits.push({ range: { start: sp.edit.range.start - cs, end: sp.edit.range.end - cs }, newText: sp.edit.newText });
    }
    out.push({ range: { start: cs - before, end: ce - grown }, newText: applyEdits(current.slice(cs, ce), edits) });
    before = grown;
    i = j;
  }
  return out;
}
