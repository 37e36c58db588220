// RB208: a required section holds nothing but placeholders (`...`, `<cause A>`, TBD).
import type { Rule } from '../types.js';
import type { Runbook, Section } from '../model/runbook.js';
import { isTemplatePlaceholder } from '../placeholders.js';

const REQUIRED = new Set(['summary', 'inputs', 'triage', 'diagnose', 'mitigation', 'verification', 'prevention']);

/** True when the section body (sub-sections included) has no real content. */
export function onlyPlaceholders(rb: Runbook, s: Section): boolean {
  const body = rb.text.slice(s.bodyRange.start, s.bodyRange.end).replace(/<!--[\s\S]*?-->/g, ' ');
  for (const raw of body.split(/\r\n|\r|\n/)) {
    let t = raw.trim();
    if (!t || /^#{1,6}\s/.test(t) || /^(?:```|~~~)\s*\w*$/.test(t)) continue;
    t = t.replace(/^(?:>\s*)*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?/, '').replace(/\*\*|__|`/g, '').trim();
    if (!t || /^(?:\.\.\.|…|tbd|todo|tba|n\/a|-+)$/i.test(t) || isTemplatePlaceholder(t)) continue;
    return false;
  }
  return true;
}

const rule: Rule = {
  id: 'RB208',
  name: 'section-empty',
  description: 'A required section (Summary, Inputs, triage/diagnose/mitigation/verification/prevention steps) holds real content, not only placeholders.',
  rationale: 'A heading over `...` looks complete in a table of contents but leaves the operator with nothing to do.',
  dod: 'structure',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    for (const s of rb.allSections) {
      if (!REQUIRED.has(s.kind)) continue;
      // A sub-section of a required section is judged with its parent.
      if (rb.allSections.some((p) => p !== s && p.children.includes(s) && REQUIRED.has(p.kind))) continue;
      if (!onlyPlaceholders(rb, s)) continue;
      ctx.report({ range: s.heading.range, message: `"${s.heading.text}" holds only placeholders: write what the operator does here.` });
    }
  },
};

export default rule;
