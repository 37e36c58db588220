// RB301: `safety.rollback` is filled, and every step with a write/change command states its rollback.
import type { Rule } from '../types.js';
import { rangeAtPath, topLevelKeys } from '../model/frontmatter.js';
import { writeGuards } from '../commands/index.js';
import { fenceEdits, rollbackEdit } from '../commands/fixes.js';

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every(isEmpty);
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

const rule: Rule = {
  id: 'RB301',
  name: 'rollback-required',
  description: '`safety.rollback` is not empty, and every step with a write/change command (kubectl apply/delete/scale…, helm upgrade, terraform apply, SQL writes, rm -rf, …) states a `Rollback:` in that step.',
  rationale: 'The seed\'s DoD: "Includes a rollback for any write/change action". Knowing how to undo a change before making it is what makes a mitigation safe-first. A step\'s rollback (a `Rollback:` line, or a Rollback heading) covers every write command of the step, but only when it is real content: `Rollback: <how to revert this change>`, `TODO` or an empty label is a placeholder, reported as "fill in" (no fix) and the rollback DoD item stays failed; one inside an HTML comment is not seen by the reader and covers nothing. A step with several write commands and no rollback is one finding, at its first command. The fix inserts that placeholder after the block holding the command (never inside a list, table, quote or code block), or, when the command has no confirmation either, the same confirmation RB302 inserts, with the rollback line. A `safety.rollback` that is still a template placeholder is RB105\'s "fill in".',
  dod: 'rollback',
  defaultSeverity: 'error',
  group: 'safety',
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const fm = rb.frontMatter;
    const safety = fm?.data?.['safety'];
    if (fm && safety && typeof safety === 'object' && !Array.isArray(safety) && 'rollback' in safety && isEmpty((safety as Record<string, unknown>)['rollback'])) {
      const key = topLevelKeys(fm).find((k) => k.key === 'safety');
      const r = rangeAtPath(fm, ['safety', 'rollback']) ?? key?.keyRange ?? fm.content;
      ctx.report({ range: r, message: '`safety.rollback` is empty: say how to revert the changes this runbook makes.' });
    }
    for (const g of writeGuards(rb)) {
      if (!g.firstUnrolled) continue;
      const where = g.section ? `"${g.section.heading.text}"` : 'this part of the runbook';
      if (g.rollbackStatement === 'placeholder') {
        ctx.report({
          range: g.rollbackAt!,
          message: `Fill in the rollback of ${where}: it is still a placeholder; say how to undo \`${g.cmd.cls.label}\` and the step's other changes.`,
          meta: { placeholder: true },
        });
        continue;
      }
      // Same edits as RB302's when the command has no confirmation either, so fix-all inserts one fence.
      const fence = g.confirmation === 'none' ? fenceEdits(rb, g, true) : [];
      ctx.report({
        range: g.cmd.range,
        message: `\`${g.cmd.cls.label}\` changes live state but ${where} states no rollback: add a "Rollback:" line saying how to undo it.`,
        fix: fence.length
          ? { title: 'Insert a confirmation with a "Rollback:" placeholder before the command', edits: fence }
          : { title: 'Insert a "Rollback:" placeholder after the command\'s block', edits: [rollbackEdit(rb, g)] },
      });
    }
  },
};

export default rule;
