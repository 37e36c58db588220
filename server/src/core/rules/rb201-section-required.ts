// RB201: a section the seed requires is missing (Summary, Inputs, Triage, Mitigation, Verification, Prevention).
import type { Rule } from '../types.js';
import type { Runbook } from '../model/runbook.js';
import { RANK, SECTION_ORDER, topSections } from '../sections.js';

const rule: Rule = {
  id: 'RB201',
  name: 'section-required',
  description: 'The runbook has the H2 sections Summary, Inputs, and Triage, Mitigation, Verification and Prevention steps.',
  rationale: 'The seed\'s format is Inputs → Commands/Checks → Interpretation → Next step, ending with verification and prevention.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const eol = rb.lines.eol;
    const tops = topSections(rb);
    const present = new Set(tops.map((s) => s.kind));
    const anchor = rb.h1?.range ?? { start: rb.bodyStart, end: Math.max(rb.bodyStart, rb.lines.lineEnd(rb.lines.positionAt(rb.bodyStart).line)) };
    const insertedAt = new Map<number, number>();
    for (const req of SECTION_ORDER) {
      if (present.has(req.kind)) continue;
      // Insert before the first present section that comes later in the seed's order, else at the end.
      const later = tops.find((s) => (RANK[s.kind] ?? -1) > req.rank);
      const before = tops.filter((s) => s.heading.step && (!later || s.range.start < later.range.start));
      const at = later ? later.range.start : rb.text.length;
      const already = insertedAt.get(at) ?? 0;
      insertedAt.set(at, already + 1);
      const stepNo = (before.length ? before[before.length - 1]!.heading.step!.number : 0) + 1 + already;
      let newText = req.skeleton(stepNo, eol);
      if (later) newText += eol;
      else {
        const tail = rb.text.slice(Math.max(0, at - 2 * eol.length));
        const prefix = already ? eol : tail.endsWith(eol + eol) ? '' : tail.endsWith(eol) ? eol : eol + eol;
        newText = prefix + newText;
      }
      // A document that ends inside an unclosed fence or comment would swallow the inserted text.
      const fixable = later || !endsInsideOpenBlock(rb);
      ctx.report({
        range: anchor,
        message: `The runbook lacks ${req.label} (seed format: Summary → Inputs → Triage → Diagnose → Mitigation → Verification → Prevention).`,
        fix: fixable ? { title: `Insert ${req.label}`, edits: [{ range: { start: at, end: at }, newText }] } : undefined,
      });
    }
  },
};

function endsInsideOpenBlock(rb: Runbook): boolean {
  const last = rb.mdast.children[rb.mdast.children.length - 1];
  if (!last || (last.position?.end.offset ?? 0) < rb.text.trimEnd().length) return false;
  const raw = rb.text.slice(last.position?.start.offset ?? 0).trimEnd();
  if (last.type === 'code') return /^ {0,3}(`{3,}|~{3,})/.test(raw) && !/\n {0,3}(`{3,}|~{3,})\s*$/.test(raw);
  if (last.type === 'html') return raw.startsWith('<!--') && !raw.endsWith('-->');
  return false;
}

export default rule;
