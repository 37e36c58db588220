// Steps and the references between them: "Step 2A — Diagnose x" headings, "If … → go to Step 2A"
// branches, go-to-step resolution (shared by RB203/RB206/RB207 and the LSP's go-to-definition
// and rename), and the renumbering that RB203's fix applies.
//
// Public API:
//   stepHeadings(rb)             step headings (H2 and deeper) in document order
//   findStepReferences(rb)       every "go to Step X" / "→ Step X" in prose, with ranges and target label
//   resolveStep(rb, label)       the heading a label ("2A", "step 2a", "3") points at, if any
//   branchesIn(rb, range)        "If … → go to Step X" branches (list items or lines) inside a range
//   renumberSteps(rb)            the consecutive numbering plus the edits rewriting headings and references
//   stepLabelAt(rb, offset)      the step label under the cursor (reference or heading)
//   renameStepEdits(rb, from, to) edits renaming a step and every reference to it
import type { Heading, Runbook } from './model/runbook.js';
import type { OffsetRange } from './model/text.js';
import type { TextEdit } from './types.js';
import { Cover, firstIndex, perModel } from './model/cover.js';
import { scanRegions, shiftSpan } from './regions.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per line, block, section or word of every check.
const STEP_PREFIX = /^\s*step\s+/i;
const DIGITS = /^\d+$/;
/** Line prefix (quote, list marker, checkbox, bold) and the rest. */
const BRANCH_LINE = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?(?:\*\*|__)?)(.*)$/;
/** Only used with replace. */
const EMPHASIS_MARKS = /\*\*|__/g;

export interface StepReference {
  /** The label as written, upper-cased ("2A"). */
  label: string;
  /** Range of "Step 2A" in the text. */
  range: OffsetRange;
  /** Range of the "2A" part (what rename and renumber rewrite). */
  labelRange: OffsetRange;
}

export interface Branch {
  /** The condition text ("If the pod is OOMKilled"), or "Else". */
  condition: string;
  /** What follows the arrow / "go to" ("go to Step 2A", "escalate to the on-call DBA"). */
  action: string;
  /** The step it names, when it names one. */
  target?: StepReference;
  range: OffsetRange;
}

/** Words that make "Step X" a reference to another step. */
const REF = /(?:→|->|=>|\b(?:then\s+)?go(?:\s+|-)?to|\bgoto|\bcontinue\s+(?:with|at|to)|\bproceed\s+(?:to|with)|\bjump\s+to|\bback\s+to|\breturn\s+to|\brepeat|\bskip\s+to|\bsee)\s*(?:\*\*|__|\[)?\s*(Step\s+(\d{1,4}[A-Za-z]?))\b/gi;

/** A branch: a line that starts with a condition word and leads somewhere. */
const BRANCH_START = /^(?:if|else|otherwise|when|unless|in all other cases)\b/i;
const BRANCH_ARROW = /\s*(?:→|->|=>|\bthen\s+go\s+to\b|\bgo\s+to\b|\bthen\b|:\s)\s*/i;

interface StepIndex {
  steps: Heading[];
  byLabel: Map<string, Heading>;
  byNumber: Map<string, Heading>;
}

const stepIndex = perModel((rb: Runbook): StepIndex => {
  const steps = rb.headings.filter((h) => h.step && h.depth >= 2);
  const byLabel = new Map<string, Heading>();
  const byNumber = new Map<string, Heading>();
  for (const h of steps) {
    if (!byLabel.has(h.step!.label)) byLabel.set(h.step!.label, h);
    if (!byNumber.has(String(h.step!.number))) byNumber.set(String(h.step!.number), h);
  }
  return { steps, byLabel, byNumber };
});

export function stepHeadings(rb: Runbook): Heading[] {
  return stepIndex(rb).steps.slice();
}

/** Offsets where prose is not: code, inline code, HTML comments, front matter. */
export function codeRanges(rb: Runbook): OffsetRange[] {
  const out: OffsetRange[] = [...rb.codeBlocks.map((c) => c.range), ...rb.inlineCode.map((c) => c.range), ...rb.htmlComments.map((c) => c.range)];
  if (rb.frontMatter) out.push(rb.frontMatter.range);
  return out.sort((a, b) => a.start - b.start);
}

/** codeRanges as a Cover (asked per match by several rules), built once per model. */
export const codeCover = perModel((rb: Runbook) => new Cover(codeRanges(rb)));

/** Code blocks, HTML comments and front matter (not inline code): where no branch line starts. */
const blockCover = perModel((rb: Runbook) => {
  const ranges = [...rb.codeBlocks.map((c) => c.range), ...rb.htmlComments.map((c) => c.range)];
  if (rb.frontMatter) ranges.push(rb.frontMatter.range);
  return new Cover(ranges);
});

/** "go to Step X" matches in a text (one region of a runbook, see core/regions.ts), offsets relative to it. */
function referencesIn(text: string): StepReference[] {
  const out: StepReference[] = [];
  const re = new RegExp(REF.source, REF.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const stepStart = m.index + m[0].length - m[1]!.length;
    const labelStart = m.index + m[0].length - m[2]!.length;
    out.push({
      label: m[2]!.toUpperCase(),
      range: { start: stepStart, end: m.index + m[0].length },
      labelRange: { start: labelStart, end: labelStart + m[2]!.length },
    });
  }
  return out;
}

const references = perModel((rb: Runbook): StepReference[] => {
  const skip = codeCover(rb);
  const headings = new Cover(rb.headings.filter((h) => h.step).map((h) => h.range));
  const shift = (r: StepReference, by: number): StepReference => ({ label: r.label, range: shiftSpan(r.range, by), labelRange: shiftSpan(r.labelRange, by) });
  // Matches in code, front matter, comments and step headings themselves are not references.
  return scanRegions(rb, 'step-references', referencesIn, shift).filter((r) => !skip.has(r.range.start) && !headings.has(r.range.start));
});

export function findStepReferences(rb: Runbook): StepReference[] {
  return references(rb).slice();
}

/** The step heading a label names: exact ("2A"), or the first of its group ("2" → 2A). */
export function resolveStep(rb: Runbook, label: string): Heading | undefined {
  const l = label.replace(STEP_PREFIX, '').trim().toUpperCase();
  const ix = stepIndex(rb);
  return ix.byLabel.get(l) ?? (DIGITS.test(l) ? ix.byNumber.get(l) : undefined);
}

/** Branches inside a range: list items, or lines, starting with If/Else/Otherwise/When/Unless. */
export function branchesIn(rb: Runbook, range: OffsetRange): Branch[] {
  const refs = references(rb);
  const skip = blockCover(rb);
  const out: Branch[] = [];
  const first = rb.lines.positionAt(range.start).line;
  const last = rb.lines.positionAt(Math.max(range.start, range.end - 1)).line;
  for (let line = first; line <= last; line++) {
    const start = rb.lines.lineStarts[line]!;
    if (skip.has(start)) continue;
    const raw = rb.lines.lineText(line);
    const m = BRANCH_LINE.exec(raw)!;
    const body = m[2]!.replace(EMPHASIS_MARKS, '');
    if (!BRANCH_START.test(body)) continue;
    const a = BRANCH_ARROW.exec(body);
    if (!a) continue;
    const condition = body.slice(0, a.index).trim();
    const action = body.slice(a.index + a[0].length).trim();
    if (!action) continue;
    const lineEnd = rb.lines.lineEnd(line);
    const target = firstReferenceIn(refs, start, lineEnd);
    out.push({ condition, action, target, range: { start: start + m[1]!.length, end: lineEnd } });
  }
  return out;
}

/** The first reference inside [start, end) of references in text order (binary search). */
function firstReferenceIn(refs: StepReference[], start: number, end: number): StepReference | undefined {
  for (let i = firstIndex(refs.length, (k) => refs[k]!.range.start >= start); i < refs.length && refs[i]!.range.start < end; i++) if (refs[i]!.range.end <= end) return refs[i];
  return undefined;
}

export interface Renumbering {
  /** Old label -> new label, for every step heading whose label changes. */
  changes: { heading: Heading; from: string; to: string }[];
  /** Edits rewriting the changed headings and every reference to them. */
  edits: TextEdit[];
}

/**
 * Consecutive numbering from 1 in document order. Steps sharing a number and all carrying
 * letters form one group (2A, 2B) and are lettered A, B, … in order; a repeated plain number
 * becomes a step of its own. References follow their step (a bare "Step 2" follows the group).
 */
export function renumberSteps(rb: Runbook): Renumbering {
  const steps = stepHeadings(rb);
  const groups: Heading[][] = [];
  for (const h of steps) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (g && prev && prev.step!.letter && h.step!.letter && prev.step!.number === h.step!.number) g.push(h);
    else groups.push([h]);
  }
  const newLabel = new Map<Heading, string>();
  const byOld = new Map<string, string>();
  groups.forEach((g, i) => {
    const n = i + 1;
    const lettered = g.length > 1 || g[0]!.step!.letter !== '';
    g.forEach((h, j) => {
      const letter = !lettered ? '' : g.length === 1 ? h.step!.letter : String.fromCharCode(65 + j);
      const to = `${n}${letter}`;
      newLabel.set(h, to);
      if (!byOld.has(h.step!.label)) byOld.set(h.step!.label, to);
    });
    const bare = String(g[0]!.step!.number);
    if (!byOld.has(bare)) byOld.set(bare, String(n));
  });
  const changes: Renumbering['changes'] = [];
  const edits: TextEdit[] = [];
  for (const h of steps) {
    const to = newLabel.get(h)!;
    if (to !== h.step!.label) {
      changes.push({ heading: h, from: h.step!.label, to });
      edits.push({ range: h.step!.labelRange, newText: to });
    }
  }
  if (changes.length) {
    for (const r of findStepReferences(rb)) {
      const to = byOld.get(r.label);
      if (to !== undefined && to !== r.label) edits.push({ range: r.labelRange, newText: to });
    }
  }
  edits.sort((a, b) => a.range.start - b.range.start);
  return { changes, edits };
}

/** The step label under an offset: a "Step 2A" reference or the label of a step heading (for go-to-definition, rename). */
export function stepLabelAt(rb: Runbook, offset: number): { label: string; range: OffsetRange } | undefined {
  for (const h of stepHeadings(rb)) {
    const r = h.step!.labelRange;
    if (r.start <= offset && offset <= r.end) return { label: h.step!.label, range: r };
  }
  const ref = findStepReferences(rb).find((r) => r.range.start <= offset && offset <= r.range.end);
  return ref ? { label: ref.label, range: ref.labelRange } : undefined;
}

/** Edits renaming one step label in its heading and in every reference to it (LSP rename). */
export function renameStepEdits(rb: Runbook, from: string, to: string): TextEdit[] {
  const target = resolveStep(rb, from);
  if (!target) return [];
  const edits: TextEdit[] = [{ range: target.step!.labelRange, newText: to }];
  for (const r of findStepReferences(rb)) if (resolveStep(rb, r.label) === target) edits.push({ range: r.labelRange, newText: to });
  return edits.sort((a, b) => a.range.start - b.range.start);
}
