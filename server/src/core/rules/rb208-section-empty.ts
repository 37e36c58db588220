// RB208: a required section holds nothing but placeholders (`...`, `<cause A>`, TBD).
import type { Rule } from '../types.js';
import type { Runbook, Section } from '../model/runbook.js';
import { onlyPlaceholdersIn } from '../placeholders.js';

const REQUIRED = new Set(['summary', 'inputs', 'triage', 'diagnose', 'mitigation', 'verification', 'prevention']);

/** True when the section body (sub-sections included) has no real content. */
export function onlyPlaceholders(rb: Runbook, s: Section): boolean {
  return onlyPlaceholdersIn(rb.text, s.bodyRange.start, s.bodyRange.end);
}

/**
 * Sections a more specific rule already reports when they hold only placeholders (one mistake, one
 * finding): the Summary (RB204), a triage or diagnose step (RB206), the Verification (RB209) and
 * Prevention (RB210) steps.
 */
function reportedElsewhere(s: Section): boolean {
  if (s.kind === 'summary') return true;
  if ((s.kind === 'triage' || s.kind === 'diagnose') && s.heading.step) return true;
  return (s.kind === 'verification' || s.kind === 'prevention') && s.heading.depth === 2;
}

const rule: Rule = {
  id: 'RB208',
  name: 'section-empty',
  description: 'A required section (Summary, Inputs, triage/diagnose/mitigation/verification/prevention steps) holds real content, not only placeholders.',
  rationale: 'A heading over `...` looks complete in a table of contents but leaves the operator with nothing to do. A placeholder is `...`, `TBD`/`TODO`, `<…>`, a label with nothing real after it (`Why: <why>`), or the template\'s own wording ("Lowest-risk mitigation first"). The Summary, triage/diagnose steps, Verification and Prevention are left to RB204, RB206, RB209 and RB210, which say what to fill in.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    // A sub-section of a required section is judged with its parent.
    const judgedWithParent = new Set<Section>();
    for (const p of rb.allSections) if (REQUIRED.has(p.kind)) for (const c of p.children) if (c !== p) judgedWithParent.add(c);
    for (const s of rb.allSections) {
      if (!REQUIRED.has(s.kind)) continue;
      if (judgedWithParent.has(s)) continue;
      if (reportedElsewhere(s) || !onlyPlaceholders(rb, s)) continue;
      ctx.report({ range: s.heading.range, message: `Fill in "${s.heading.text}": it holds only placeholders; write what the operator does here.`, meta: { placeholder: true } });
    }
  },
};

export default rule;
