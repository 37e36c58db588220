// RB602 (alert rule files): an alert of a paging severity has a runbook.
import type { Rule } from '../types.js';

export const DEFAULT_PAGING = ['critical', 'page'];

/** The paging severities of RB602's options (lower case). */
export function pagingSeverities(options: Record<string, unknown>): string[] {
  const v = options['severities'];
  return (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : DEFAULT_PAGING).map((x) => x.toLowerCase());
}

const rule: Rule = {
  id: 'RB602',
  name: 'alert-runbook-missing',
  description: 'In alert rule files: an alert of a paging severity (`severity` label `critical` or `page`, configurable) has a runbook.',
  rationale:
    'Whoever is paged needs to know what to do. An alert counts as having a runbook when its `runbook_url`/`runbook` annotation (or another annotation) ' +
    'links to one, or when a runbook lists it in `related_alerts`; a link that leads nowhere is RB601\'s. Which severities page is a team decision: ' +
    'set them with the `severities` option. In the editor, "Create runbook for this alert" creates one pre-filled from the alert and adds the `runbook_url`.',
  group: 'links',
  defaultSeverity: 'warning',
  presets: { strict: 'error' },
  fixable: false,
  appliesTo: 'alert-rules',
  optionsSchema: {
    type: 'object',
    properties: {
      severities: { type: 'array', items: { type: 'string' }, description: 'Values of the `severity` label that page someone (default: critical, page).' },
    },
  },
  check() {},
  checkAlerts(ctx) {
    const paging = pagingSeverities(ctx.options);
    for (const a of ctx.file.alerts) {
      if (!a.severity || !paging.includes(a.severity.toLowerCase())) continue;
      if (ctx.coverage(a).status !== 'missing') continue;
      ctx.report({
        range: a.nameRange,
        message: `Alert \`${a.name}\` pages (severity ${a.severity}) but has no runbook: add a \`runbook_url\` annotation, list it in a runbook's \`related_alerts\`, or create one ("Create runbook for this alert").`,
        meta: { alert: a.name },
      });
    }
  },
};

export default rule;
