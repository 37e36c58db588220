// Fix closure: what applying every safe fix to a runbook may and may not do (issue 14). Shared by the
// fixture, corpus and property tests.
//   (i)   it adds no finding of a rule that did not report it before: a rule's count may only grow by
//         "fill in" findings (meta.placeholder) of the placeholders the fixes inserted; the watched
//         rules (RB303, RB4xx, RB505, RB207, RB202, RB203, RB109) never grow at all;
//   (ii)  it never changes a last_reviewed value (nor writes one the author did not);
//   (iii) it never removes or reorders a line of the author's text outside the edited ranges;
//   (iv)  it never breaks a list, table, block quote or code block: each still spans, after the
//         edits, exactly the text it spanned before (with what was inserted inside it);
//   (v)   it converges in ≤ 3 passes and a second fix-all changes nothing.
import assert from 'node:assert/strict';
import type { Node as MdNode, Parent } from 'mdast';
import { check, type CheckInput } from '../../server/src/core/check.js';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { compatibleFixes, fixAll } from '../../server/src/core/fix.js';
import type { Finding, TextEdit } from '../../server/src/core/types.js';

/** Rules whose findings a fix must never add, whatever it inserted (the "Done when"). */
export const WATCHED = /^(?:RB303|RB4\d\d|RB505|RB207|RB202|RB203|RB109)$/;
/**
 * A rename that keeps the value (`last_reviewed_on:` -> `last_reviewed:`) lets the rules read a value
 * the author wrote: a stale date (RB108) or an invalid one (RB104) is then reported. Allowed when the
 * finding's text is the author's own, word for word.
 */
export const REVEALED = new Set(['RB104', 'RB108']);

const BLOCKS = new Set(['list', 'table', 'blockquote', 'code']);

export interface ClosureReport {
  passes: number;
  applied: number;
  changed: boolean;
  /** Findings of the fixed text that are "fill in" findings. */
  placeholders: number;
}

const count = (fs: readonly Finding[], keep: (f: Finding) => boolean = () => true) => {
  const m = new Map<string, number>();
  for (const f of fs) if (keep(f)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
};

function lastReviewed(text: string): string | undefined {
  const fm = /^(?:\uFEFF)?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text);
  const m = fm ? /^last_reviewed:[ \t]*(.*?)[ \t]*$/m.exec(fm[1]!) : null;
  return m ? m[1]!.replace(/^["']|["']$/g, '').replace(/\s+#.*$/, '') : undefined;
}

/** Lines of `text` that no edit touches, in order (an insertion at a line's start or end keeps it whole). */
function untouchedLines(text: string, edits: readonly TextEdit[]): string[] {
  const out: string[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const touched = edits.some((e) => (e.range.start === e.range.end ? start < e.range.start && e.range.start < end : e.range.start < end + 1 && e.range.end > start));
    if (!touched) out.push(text.slice(start, end).replace(/\r$/, ''));
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

function isSubsequence(sub: readonly string[], of: readonly string[]): number {
  let j = 0;
  for (let i = 0; i < sub.length; i++) {
    while (j < of.length && of[j] !== sub[i]) j++;
    if (j === of.length) return i;
    j++;
  }
  return -1;
}

/** Where an offset of the old text lands in the new one; 'left' keeps insertions at it after it. */
function mapOffset(x: number, edits: readonly TextEdit[], side: 'left' | 'right'): number | undefined {
  let shift = 0;
  for (const e of edits) {
    if (e.range.start < x && x < e.range.end) return undefined; // inside replaced text
    if (e.range.end < x || (e.range.end === x && e.range.start < x) || (e.range.start === x && e.range.end === x && side === 'right')) {
      shift += e.newText.length - (e.range.end - e.range.start);
    }
  }
  return x + shift;
}

/** Blocks by type, each from the start of its first line (an item inserted before a nested list starts on that line's indent) to its end. */
function blockNodes(text: string, root: MdNode): { type: string; start: number; end: number }[] {
  const out: { type: string; start: number; end: number }[] = [];
  const walk = (n: MdNode) => {
    if (BLOCKS.has(n.type) && n.position?.start.offset !== undefined && n.position.end.offset !== undefined) out.push({ type: n.type, start: text.lastIndexOf('\n', n.position.start.offset - 1) + 1, end: n.position.end.offset });
    for (const c of (n as Parent).children ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Checks (i)–(v) for one text; throws an assertion error naming `label` and what broke. */
export function assertFixClosure(input: CheckInput, label: string): ClosureReport {
  const before = check(input);
  const r = fixAll(input);
  // (v) convergence and idempotence.
  assert.ok(r.passes <= 3, `${label}: ${r.passes} passes`);
  assert.deepEqual(compatibleFixes(r.remaining.findings), [], `${label}: fix-all converged (safe fixes left: ${r.remaining.findings.filter((f) => f.fix && f.fix.safe !== false).map((f) => f.ruleId).join(', ')})`);
  assert.equal(fixAll({ ...input, text: r.text }).text, r.text, `${label}: a second fix-all changes nothing`);
  if (r.text === input.text) return { passes: r.passes, applied: r.applied, changed: false, placeholders: 0 };
  // (i) no finding added, other than "fill in" findings and the author's own values a rename revealed.
  const was = count(before.findings);
  const now = count(r.remaining.findings);
  const real = count(r.remaining.findings, (f) => f.meta?.['placeholder'] !== true && !(REVEALED.has(f.ruleId) && input.text.includes(r.text.slice(f.range.start, f.range.end))));
  for (const [id, n] of now) {
    const added = r.remaining.findings.filter((f) => f.ruleId === id).map((f) => `${id}: ${f.message}`).slice(0, 5).join('\n  ');
    if (WATCHED.test(id)) assert.ok(n <= (was.get(id) ?? 0), `${label}: fix-all added ${id} (${was.get(id) ?? 0} -> ${n}):\n  ${added}`);
    assert.ok((real.get(id) ?? 0) <= (was.get(id) ?? 0), `${label}: fix-all added ${id} findings that are not "fill in" (${was.get(id) ?? 0} -> ${real.get(id)}):\n  ${added}`);
  }
  // (ii) last_reviewed: kept as written, or a placeholder, never a date the author did not write.
  const lrBefore = lastReviewed(input.text);
  const lrAfter = lastReviewed(r.text);
  if (lrBefore !== undefined) assert.equal(lrAfter, lrBefore, `${label}: last_reviewed kept`);
  else if (lrAfter !== undefined && lrAfter !== 'YYYY-MM-DD') assert.ok(input.text.includes(lrAfter), `${label}: last_reviewed ${lrAfter} is a value the author wrote`);
  // (iii) and (iv), pass by pass.
  let text = input.text;
  for (const [i, edits] of r.edits.entries()) {
    const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
    const next = applySorted(text, sorted);
    const lines = untouchedLines(text, sorted);
    const missing = isSubsequence(lines, next.split(/\r?\n/));
    assert.equal(missing, -1, `${label}: pass ${i + 1} removed or reordered the author's line ${JSON.stringify(lines[missing])}`);
    const after = new Set(blockNodes(next, parseRunbook(next, input.path).mdast).map((n) => `${n.type}@${n.start}-${n.end}`));
    for (const n of blockNodes(text, parseRunbook(text, input.path).mdast)) {
      const starts = [mapOffset(n.start, sorted, 'left'), mapOffset(n.start, sorted, 'right')];
      const ends = [mapOffset(n.end, sorted, 'left'), mapOffset(n.end, sorted, 'right')];
      if (starts.includes(undefined) || ends.includes(undefined)) continue; // replaced by the fix itself
      const whole = starts.some((s) => ends.some((e) => after.has(`${n.type}@${s}-${e}`)));
      assert.ok(whole, `${label}: pass ${i + 1} broke the ${n.type} at ${JSON.stringify(text.slice(n.start, n.start + 60))}`);
    }
    text = next;
  }
  return { passes: r.passes, applied: r.applied, changed: true, placeholders: r.remaining.findings.filter((f) => f.meta?.['placeholder'] === true).length };
}

function applySorted(text: string, sorted: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.range.start) + e.newText;
    pos = e.range.end;
  }
  return out + text.slice(pos);
}
