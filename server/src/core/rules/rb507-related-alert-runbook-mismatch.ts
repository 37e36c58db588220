// RB507: an alert listed in `related_alerts` links (runbook_url) to this runbook, not to another one.
import type { Rule } from '../types.js';
import { rangeAtPath } from '../model/frontmatter.js';
import { isTemplatePlaceholder } from '../placeholders.js';
import { resolveRunbookLink } from '../coverage.js';

const rule: Rule = {
  id: 'RB507',
  name: 'related-alert-runbook-mismatch',
  description: 'An alert listed in `related_alerts` does not link (`runbook_url`) to a different runbook.',
  rationale:
    'When a runbook claims an alert but the alert\'s `runbook_url` sends the on-call engineer somewhere else, one of the two is stale. ' +
    'Only links that lead to another runbook of this repository count (see `urlTemplate` and `alerts.repository` for site and repository URLs); ' +
    'an alert without a link, or with a link outside the repository, is not reported here. Which side is right is the author\'s call, so there is no quick fix.',
  group: 'links',
  defaultSeverity: 'warning',
  presets: { strict: 'error' },
  fixable: false,
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    const list = fm?.data?.['related_alerts'];
    const self = ctx.runbook.path;
    if (!fm || !Array.isArray(list) || !self || !ctx.workspace.alerts.length) return;
    list.forEach((entry, i) => {
      if (typeof entry !== 'string' || isTemplatePlaceholder(entry)) return;
      const name = entry.trim();
      const elsewhere = ctx.workspace.alerts.flatMap((a) => {
        if (a.name !== name || !a.runbookUrl) return [];
        const r = resolveRunbookLink(a.runbookUrl, a.path, a.name, { config: ctx.config, workspace: ctx.workspace });
        return r.kind === 'runbook' && r.path !== self ? [{ alert: a, path: r.path }] : [];
      });
      if (!elsewhere.length) return;
      const targets = [...new Set(elsewhere.map((e) => e.path))];
      ctx.report({
        range: rangeAtPath(fm, ['related_alerts', i]) ?? fm.content,
        message: `Alert \`${name}\` links to ${targets.map((t) => `\`${t}\``).join(', ')}, not to this runbook: point its \`${elsewhere[0]!.alert.runbookKey ?? 'runbook_url'}\` here or remove it from \`related_alerts\`.`,
        related: elsewhere.map((e) => ({
          message: `${name} links to ${e.path}`,
          path: e.alert.path,
          lineRange: { start: { line: e.alert.line, character: 0 }, end: { line: e.alert.line, character: 0 } },
        })),
        meta: { alert: name },
      });
    });
  },
};

export default rule;
