// RB209: the Verification step lists checklist items (DoD: "Lists verification steps").
import type { Rule } from '../types.js';

const rule: Rule = {
  id: 'RB209',
  name: 'verification-steps',
  description: 'The Verification step has checklist items (`- [ ]`) saying how to confirm the fix: metrics, logs, user impact.',
  rationale: 'The seed\'s DoD: "Lists verification steps (metrics/logs/user impact)". A runbook is done when verified, not when the system looks green.',
  dod: 'verification',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    for (const s of rb.allSections) {
      if (s.kind !== 'verification' || s.heading.depth !== 2) continue;
      const has = rb.listItems.some((li) => li.checked !== null && li.text.trim() !== '' && li.range.start >= s.bodyRange.start && li.range.start < s.bodyRange.end);
      if (has) continue;
      ctx.report({ range: s.heading.range, message: `"${s.heading.text}" has no checklist items: list the checks ("- [ ] error rate back to baseline", "- [ ] smoke test passes").` });
    }
  },
};

export default rule;
