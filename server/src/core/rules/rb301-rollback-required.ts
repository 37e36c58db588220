// RB301: `safety.rollback` is filled, and every step with a write/change command states its rollback.
import type { Rule } from '../types.js';
import { rangeAtPath, topLevelKeys } from '../model/frontmatter.js';
import { writeGuards } from '../commands/index.js';
import { fenceEdit, rollbackEdit } from '../commands/fixes.js';

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
  rationale: 'The seed\'s DoD: "Includes a rollback for any write/change action". Knowing how to undo a change before making it is what makes a mitigation safe-first.',
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
    const seen = new Set<number>();
    for (const g of writeGuards(rb)) {
      if (g.rollback || g.isRollback || seen.has(g.scope.start)) continue;
      seen.add(g.scope.start);
      const where = g.section ? `"${g.section.heading.text}"` : 'this part of the runbook';
      ctx.report({
        range: g.cmd.range,
        message: `\`${g.cmd.cls.label}\` changes live state but ${where} states no rollback: add a "Rollback:" line saying how to undo it.`,
        // Same edit as RB302's when the step has neither fence nor rollback, so fix-all inserts one fence.
        fix: g.fenced
          ? { title: 'Insert a "Rollback:" stub after the command', edits: [rollbackEdit(rb, g.cmd)] }
          : { title: 'Insert a confirmation fence with a "Rollback:" line before the command', edits: [fenceEdit(rb, g.cmd, true)] },
      });
    }
  },
};

export default rule;
