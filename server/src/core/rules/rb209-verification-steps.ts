// RB209: the Verification step lists checklist items (DoD: "Lists verification steps").
import type { Rule } from '../types.js';
import { isPlaceholderBlock } from '../placeholders.js';
import { startingIn } from '../model/cover.js';

const rule: Rule = {
  id: 'RB209',
  name: 'verification-steps',
  description: 'The Verification step has checklist items (`- [ ]`) saying how to confirm the fix: metrics, logs, user impact.',
  rationale: 'The seed\'s DoD: "Lists verification steps (metrics/logs/user impact)". A runbook is done when verified, not when the system looks green. Items that are placeholders (`<…>`, `TODO`, or the template\'s own "Smoke checks" / "Metrics trending back to baseline" without saying which) do not count: the finding then asks to fill them in, and RB208 leaves the step to this rule.',
  dod: 'verification',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    for (const s of rb.allSections) {
      if (s.kind !== 'verification' || s.heading.depth !== 2) continue;
      // As written: a `<placeholder>` item parses as inline HTML, which the item's text leaves out.
      const items = startingIn(rb.listItems, s.bodyRange).filter((li) => li.checked !== null);
      if (items.some((li) => !isPlaceholderBlock(rb.text.slice(li.range.start, li.range.end)))) continue;
      ctx.report(items.length
        ? { range: s.heading.range, message: `Fill in the checks of "${s.heading.text}": its items are placeholders; say which metric, log or user-facing test shows the fix worked.`, meta: { placeholder: true } }
        : { range: s.heading.range, message: `"${s.heading.text}" has no checklist items: list the checks ("- [ ] error rate back to baseline", "- [ ] smoke test passes").` });
    }
  },
};

export default rule;
