// RB302: a write/change command is fenced by an explicit confirmation right before it
// (`> [!CAUTION]` / `> [!WARNING]` block or a `- [ ] Confirm …` item).
import type { Rule } from '../types.js';
import { writeGuards } from '../commands/index.js';
import { fenceEdits } from '../commands/fixes.js';

const rule: Rule = {
  id: 'RB302',
  name: 'risky-action-confirmation',
  description: 'A write/change command has an explicit confirmation right before it: a `> [!CAUTION]`/`> [!WARNING]` block or a `- [ ] Confirm …` item.',
  rationale: 'The seed: "risky actions are fenced behind explicit confirmations and include rollback". A fence makes the operator stop and check the target before changing it. A confirmation covers the command(s) it directly precedes — the next code block or list item holding a write command, with only prose or read-only commands between — not every later command of the step: a second destructive command further down needs its own. A confirmation that is still a placeholder (`<…>`, `TODO`, the snippet\'s default wording) is reported as "fill in" and does not count. The fix inserts a placeholder confirmation before the block holding the command (for a command in a list item, a `- [ ] Confirm <…>` item right before that item, in the same list), never quoting the command.',
  dod: 'rollback',
  defaultSeverity: 'error',
  group: 'safety',
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const seen = new Set<number>();
    for (const g of writeGuards(rb)) {
      if (g.fenced || g.isRollback || seen.has(g.element.start)) continue;
      seen.add(g.element.start);
      if (g.confirmation === 'placeholder') {
        ctx.report({
          range: g.confirmationAt!,
          message: `Fill in the confirmation before \`${g.cmd.cls.label}\`: it is still a placeholder; say what to check before running it (environment, namespace, target).`,
          meta: { placeholder: true },
        });
        continue;
      }
      const edits = fenceEdits(rb, g, g.firstUnrolled && g.rollbackStatement === 'none');
      ctx.report({
        range: g.cmd.range,
        message: `\`${g.cmd.cls.label}\` changes live state without a confirmation right before it: add a "> [!CAUTION]" block or a "- [ ] Confirm …" item just above its block (a confirmation covers only the command block or list item it precedes).`,
        fix: edits.length ? { title: 'Insert a confirmation placeholder before the command', edits } : undefined,
      });
    }
  },
};

export default rule;
