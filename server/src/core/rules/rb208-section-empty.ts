// RB208: a required section holds nothing but placeholders (`...`, `<cause A>`, TBD).
import type { Rule } from '../types.js';
import type { Runbook, Section } from '../model/runbook.js';
import { isTemplatePlaceholder } from '../placeholders.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per line, block, section or word of every check.
/** Only used with replace. */
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HEADING_LINE = /^#{1,6}\s/;
const FENCE_LINE = /^(?:```|~~~)\s*\w*$/;
const ITEM_PREFIX = /^(?:>\s*)*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?/;
/** Only used with replace. */
const MARKUP = /\*\*|__|`/g;
const PLACEHOLDER_TEXT = /^(?:\.\.\.|…|tbd|todo|tba|n\/a|-+)$/i;

const REQUIRED = new Set(['summary', 'inputs', 'triage', 'diagnose', 'mitigation', 'verification', 'prevention']);

/** True when the section body (sub-sections included) has no real content. */
export function onlyPlaceholders(rb: Runbook, s: Section): boolean {
  // Line by line from the top, stopping at the first real content: a large section costs only
  // as much as its leading placeholders. HTML comments count as blank (they may span lines).
  const text = rb.text;
  const end = s.bodyRange.end;
  let pos = s.bodyRange.start;
  let inComment = false;
  while (pos < end) {
    let eol = pos;
    while (eol < end && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    let raw = text.slice(pos, eol);
    pos = eol + (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? 2 : 1);
    if (inComment) {
      const close = raw.indexOf('-->');
      if (close < 0) continue;
      raw = raw.slice(close + 3);
      inComment = false;
    }
    raw = raw.replace(HTML_COMMENT, ' ');
    const open = raw.indexOf('<!--');
    if (open >= 0) {
      raw = raw.slice(0, open);
      inComment = true;
    }
    let t = raw.trim();
    if (!t || HEADING_LINE.test(t) || FENCE_LINE.test(t)) continue;
    t = t.replace(ITEM_PREFIX, '').replace(MARKUP, '').trim();
    if (!t || PLACEHOLDER_TEXT.test(t) || isTemplatePlaceholder(t)) continue;
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
      if (!onlyPlaceholders(rb, s)) continue;
      ctx.report({ range: s.heading.range, message: `"${s.heading.text}" holds only placeholders: write what the operator does here.` });
    }
  },
};

export default rule;
