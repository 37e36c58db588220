// RB203: steps are numbered 1, 2, 2A/2B, 3 … with no gaps or duplicates; the fix renumbers them
// and rewrites every "go to Step X" reference with them.
import type { Rule } from '../types.js';
import { renumberSteps } from '../steps.js';

const rule: Rule = {
  id: 'RB203',
  name: 'step-numbering',
  description: 'Step headings (`Step <n>[A-Z] — <name>`) are numbered consecutively from 1, without gaps or duplicates.',
  rationale: 'Branches say "go to Step 2A"; a gap or a duplicate number makes the operator guess where to go. The fix renumbers every step and rewrites every reference to it.',
  dod: 'structure',
  defaultSeverity: 'warning',
  group: 'structure',
  presets: { strict: 'error', 'existing-repo': 'off' },
  fixable: true,
  check(ctx) {
    const { changes, edits } = renumberSteps(ctx.runbook);
    if (!changes.length) return;
    const fix = { title: 'Renumber the steps and their "go to Step" references', edits };
    for (const c of changes) {
      ctx.report({
        range: c.heading.step!.labelRange,
        message: `Step ${c.from} breaks the numbering (steps run 1, 2, 2A/2B, 3 … without gaps or duplicates): it should be Step ${c.to}.`,
        fix,
      });
    }
  },
};

export default rule;
