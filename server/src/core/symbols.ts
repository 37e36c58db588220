// Navigation over the parsed runbook: the outline (front matter, title, Summary, Inputs, steps),
// go-to-definition from "go to Step 2A" to its heading, the references of a step, and renaming a
// step label with every reference. Step parsing and reference finding live in steps.ts.
//
// Public API:
//   documentSymbols(rb)              outline tree
//   stepDefinition(rb, offset)       the heading a step reference at `offset` points at
//   stepReferencesAt(rb, offset)     heading + references of the step under `offset`
//   prepareStepRename(rb, offset)    the label range and current label, if `offset` is on one
//   renameStep(rb, offset, newName)  edits relabelling the step and its references, or an error
import type { Heading, Runbook, Section } from './model/runbook.js';
import type { OffsetRange } from './model/text.js';
import type { TextEdit } from './types.js';
import { topLevelKeys } from './model/frontmatter.js';
import { findStepReferences, resolveStep, stepHeadings, type StepReference } from './steps.js';

export type OutlineKind = 'frontmatter' | 'key' | 'title' | 'section' | 'step';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  range: OffsetRange;
  selectionRange: OffsetRange;
  children: OutlineSymbol[];
}

export function documentSymbols(rb: Runbook): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const fm = rb.frontMatter;
  if (fm) {
    const keys = topLevelKeys(fm);
    const id = fm.data?.['runbook_id'];
    out.push({
      name: 'Front matter',
      detail: typeof id === 'string' ? id : undefined,
      kind: 'frontmatter',
      range: fm.range,
      selectionRange: { start: fm.range.start, end: Math.min(fm.range.start + 3, fm.range.end) },
      children: keys.map((k) => ({
        name: k.key,
        kind: 'key' as const,
        range: { start: k.keyRange.start, end: Math.max(k.valueRange.end, k.keyRange.end) },
        selectionRange: k.keyRange,
        children: [],
      })),
    });
  }
  if (rb.h1) out.push({ name: rb.h1.text || '(untitled)', kind: 'title', range: rb.h1.range, selectionRange: rb.h1.textRange, children: [] });
  out.push(...rb.sections.map(sectionSymbol));
  return out;
}

function sectionSymbol(s: Section): OutlineSymbol {
  const h = s.heading;
  return {
    name: h.text || '(empty heading)',
    detail: s.kind === 'other' || s.kind === 'step' ? undefined : s.kind,
    kind: h.step ? 'step' : 'section',
    range: s.range,
    selectionRange: h.textRange.end > h.textRange.start ? h.textRange : h.range,
    children: s.children.map(sectionSymbol),
  };
}

export interface StepTarget {
  /** The "Step 2A" text the cursor was on. */
  origin: OffsetRange;
  heading: Heading;
}

function referenceAt(rb: Runbook, offset: number): StepReference | undefined {
  return findStepReferences(rb).find((r) => r.range.start <= offset && offset <= r.range.end);
}

function headingAt(rb: Runbook, offset: number): Heading | undefined {
  return stepHeadings(rb).find((h) => h.range.start <= offset && offset <= h.range.end);
}

export function stepDefinition(rb: Runbook, offset: number): StepTarget | undefined {
  const ref = referenceAt(rb, offset);
  if (!ref) return undefined;
  const heading = resolveStep(rb, ref.label);
  return heading ? { origin: ref.range, heading } : undefined;
}

/** The step under `offset` (its heading, or a reference to it) with every reference to it. */
export function stepReferencesAt(rb: Runbook, offset: number): { heading: Heading; references: StepReference[] } | undefined {
  const ref = referenceAt(rb, offset);
  const heading = ref ? resolveStep(rb, ref.label) : headingAt(rb, offset);
  if (!heading) return undefined;
  const references = findStepReferences(rb).filter((r) => resolveStep(rb, r.label) === heading);
  return { heading, references };
}

export function prepareStepRename(rb: Runbook, offset: number): { range: OffsetRange; label: string } | undefined {
  const ref = referenceAt(rb, offset);
  if (ref) return resolveStep(rb, ref.label) ? { range: ref.labelRange, label: ref.label } : undefined;
  const h = headingAt(rb, offset);
  return h ? { range: h.step!.labelRange, label: h.step!.label } : undefined;
}

export type RenameResult = { edits: TextEdit[] } | { error: string };

/** Relabels the step under `offset` ("2A" → "3") and every reference that names it by its label. */
export function renameStep(rb: Runbook, offset: number, newName: string): RenameResult {
  const ref = referenceAt(rb, offset);
  const heading = ref ? resolveStep(rb, ref.label) : headingAt(rb, offset);
  if (!heading) return { error: 'Put the cursor on a step heading\'s number or on a "go to Step" reference to rename a step.' };
  const to = newName.replace(/^\s*step\s+/i, '').trim().toUpperCase();
  if (!/^\d{1,4}[A-Z]?$/.test(to)) return { error: `"${newName}" is not a step label: use a number with an optional letter, such as 3 or 2B.` };
  const from = heading.step!.label;
  if (to === from) return { edits: [] };
  const clash = stepHeadings(rb).find((h) => h !== heading && h.step!.label === to);
  if (clash) return { error: `Step ${to} already exists ("${clash.text}"); pick a free label.` };
  const edits: TextEdit[] = [{ range: heading.step!.labelRange, newText: to }];
  for (const r of findStepReferences(rb)) if (r.label === from) edits.push({ range: r.labelRange, newText: to });
  return { edits: edits.sort((a, b) => a.range.start - b.range.start) };
}
