// RB210: the Prevention step lists follow-up items (alert, gate, runbook update).
import type { Rule } from '../types.js';
import { isFilled } from './rb204-summary-fields.js';

const rule: Rule = {
  id: 'RB210',
  name: 'prevention-followups',
  description: 'The Prevention / follow-ups step lists follow-up items (alerts, tests or gates, runbook updates).',
  rationale: 'The seed: a runbook is done when "the learning is captured (update runbook / add gate / add alert)".',
  dod: 'structure',
  defaultSeverity: 'warning',
  group: 'structure',
  presets: { strict: 'error', 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    for (const s of rb.allSections) {
      if (s.kind !== 'prevention' || s.heading.depth !== 2) continue;
      const has = rb.listItems.some((li) => isFilled(li.text) && li.range.start >= s.bodyRange.start && li.range.start < s.bodyRange.end);
      if (has) continue;
      ctx.report({ range: s.heading.range, message: `"${s.heading.text}" has no follow-up items: list what to add or change so this does not recur ("- [ ] Add alert on …").` });
    }
  },
};

export default rule;
