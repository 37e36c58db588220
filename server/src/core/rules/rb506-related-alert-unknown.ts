// RB506: every `related_alerts` entry names an alert rule of the workspace (checked only when the
// workspace has alert rules at all: a repository without them cannot say a name is wrong).
import type { Rule } from '../types.js';
import { rangeAtPath } from '../model/frontmatter.js';
import { isTemplatePlaceholder } from '../placeholders.js';
import { nearest } from '../similar.js';

const rule: Rule = {
  id: 'RB506',
  name: 'related-alert-unknown',
  description: 'Every `related_alerts` entry names an alert rule found in the workspace (checked when the workspace has Prometheus rule files).',
  rationale:
    'On-call engineers reach a runbook from the alert that fired, and `runbook-lint coverage` matches alerts to runbooks by these names. ' +
    'A misspelt or renamed alert breaks that link silently. The message names the closest alert names; the quick fix renames the entry to the closest one (a suggestion, never applied by fix-all: which alert is meant is the author\'s call). ' +
    'Entries that are still template placeholders are RB105\'s.',
  group: 'links',
  defaultSeverity: 'warning',
  presets: { strict: 'error' },
  fixable: true,
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    const list = fm?.data?.['related_alerts'];
    const alerts = ctx.workspace.alerts;
    if (!fm || !Array.isArray(list) || !alerts.length) return;
    const names = alerts.map((a) => a.name);
    const known = new Set(names);
    list.forEach((entry, i) => {
      if (typeof entry !== 'string' || !entry.trim() || isTemplatePlaceholder(entry)) return;
      const name = entry.trim();
      if (known.has(name)) return;
      const range = rangeAtPath(fm, ['related_alerts', i]);
      if (!range) return;
      const guesses = nearest(name, names);
      const text = ctx.runbook.text;
      const quoted = /^["']/.test(text[range.start] ?? '') && range.end - range.start >= 2;
      const inner = quoted ? { start: range.start + 1, end: range.end - 1 } : range;
      ctx.report({
        range,
        message: `No alert rule named \`${name}\` in the workspace${guesses.length ? `: did you mean ${guesses.map((g) => `\`${g}\``).join(', ')}?` : ': fix the name or remove the entry.'}`,
        fix: guesses.length ? { title: `Rename to \`${guesses[0]}\``, edits: [{ range: inner, newText: guesses[0]! }], safe: false } : undefined,
        meta: { alert: name },
      });
    });
  },
};

export default rule;
