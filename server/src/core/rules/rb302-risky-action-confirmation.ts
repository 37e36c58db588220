// RB302: a write/change command is fenced by an explicit confirmation before it
// (`> [!CAUTION]` / `> [!WARNING]` block or a `- [ ] Confirm …` item) in its step.
import type { Rule } from '../types.js';
import { writeGuards } from '../commands/index.js';
import { fenceEdit } from '../commands/fixes.js';

const rule: Rule = {
  id: 'RB302',
  name: 'risky-action-confirmation',
  description: 'A write/change command has an explicit confirmation before it in its step: a `> [!CAUTION]`/`> [!WARNING]` block or a `- [ ] Confirm …` item.',
  rationale: 'The seed: "risky actions are fenced behind explicit confirmations and include rollback". A fence makes the operator stop and check the target before changing it.',
  dod: 'rollback',
  defaultSeverity: 'error',
  group: 'safety',
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const seen = new Set<number>();
    for (const g of writeGuards(rb)) {
      if (g.fenced || g.isRollback || seen.has(g.scope.start)) continue;
      seen.add(g.scope.start);
      ctx.report({
        range: g.cmd.range,
        message: `\`${g.cmd.cls.label}\` changes live state without a confirmation before it: add a "> [!CAUTION]" block or a "- [ ] Confirm …" item above it.`,
        fix: { title: 'Insert a confirmation fence before the command', edits: [fenceEdit(rb, g.cmd, !g.rollback)] },
      });
    }
  },
};

export default rule;
