// RB210: the Prevention step lists follow-up items (alert, gate, runbook update).
import type { Rule } from '../types.js';
import { isPlaceholderBlock } from '../placeholders.js';
import { startingIn } from '../model/cover.js';

const rule: Rule = {
  id: 'RB210',
  name: 'prevention-followups',
  description: 'The Prevention / follow-ups step lists follow-up items (alerts, tests or gates, runbook updates).',
  rationale: 'The seed: a runbook is done when "the learning is captured (update runbook / add gate / add alert)". Items that are placeholders (`<…>`, `TODO`, or the template\'s own "Add/adjust alert" without saying which) do not count: the finding then asks to fill them in, and RB208 leaves the step to this rule.',
  dod: 'structure',
  defaultSeverity: 'warning',
  group: 'structure',
  presets: { strict: 'error', 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    for (const s of rb.allSections) {
      if (s.kind !== 'prevention' || s.heading.depth !== 2) continue;
      // As written: a `<placeholder>` item parses as inline HTML, which the item's text leaves out.
      const items = startingIn(rb.listItems, s.bodyRange);
      if (items.some((li) => !isPlaceholderBlock(rb.text.slice(li.range.start, li.range.end)))) continue;
      ctx.report(items.length
        ? { range: s.heading.range, message: `Fill in the follow-ups of "${s.heading.text}": its items are placeholders; name the alert, test or gate, or runbook change this incident calls for.`, meta: { placeholder: true } }
        : { range: s.heading.range, message: `"${s.heading.text}" has no follow-up items: list what to add or change so this does not recur ("- [ ] Add alert on …").` });
    }
  },
};

export default rule;
