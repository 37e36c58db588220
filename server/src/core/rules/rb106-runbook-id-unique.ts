// RB106: no other runbook in the workspace uses the same `runbook_id` (related information points at it).
import type { Rule } from '../types.js';
import { rangeAtPath } from '../model/frontmatter.js';
import { nextFreeId } from '../ids.js';
import { isTemplatePlaceholder } from '../placeholders.js';

const rule: Rule = {
  id: 'RB106',
  name: 'runbook-id-unique',
  description: 'No other runbook in the workspace has the same `runbook_id`.',
  rationale: 'The seed wants `runbook_id` stable: alerts, tickets and audit records point at it. Two runbooks with one id send people to the wrong procedure. An id that is still a placeholder (`RB-PLAT-<NNN>`) is RB105\'s "fill in", not a duplicate, however many runbooks carry it.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'warning' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const fm = rb.frontMatter;
    const id = fm?.data?.['runbook_id'];
    // A placeholder id (`RB-PLAT-<NNN>`, as the inserted front matter leaves it) is RB105's "fill in":
    // many new runbooks share it until their authors choose ids, and that is not a duplicate.
    if (!fm || typeof id !== 'string' || !id.trim() || isTemplatePlaceholder(id)) return;
    const others = ctx.workspace.runbooks.filter((r) => r.runbookId === id && r.path !== rb.path);
    if (!others.length) return;
    const free = nextFreeId(ctx.category, ctx.config, ctx.workspace, rb.path);
    ctx.report({
      range: rangeAtPath(fm, ['runbook_id']) ?? fm.content,
      message: `\`runbook_id\` ${id} is also used by ${others.map((o) => o.path).join(', ')}: ids must be unique (the next free id here is ${free}).`,
      related: others.map((o) => ({
        message: `${id} is also the id of this runbook`,
        path: o.path,
        lineRange: { start: { line: o.idLine ?? 0, character: 0 }, end: { line: o.idLine ?? 0, character: 0 } },
      })),
    });
  },
};

export default rule;
