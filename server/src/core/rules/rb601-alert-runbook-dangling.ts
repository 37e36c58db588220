// RB601 (alert rule files): an alert's `runbook_url` leads to a runbook that exists.
import type { Rule } from '../types.js';
import { runbookAnnotation } from '../alert-rules.js';
import { displayLink } from '../coverage.js';

const rule: Rule = {
  id: 'RB601',
  name: 'alert-runbook-dangling',
  description: 'In alert rule files: an alert\'s `runbook_url` (or `runbook`) annotation leads to a runbook that exists in the repository.',
  rationale:
    'A runbook link that 404s is found at the worst moment: when the alert pages someone. Links are mapped to files through relative paths, ' +
    'repository URLs of this repository (`https://github.com/<org>/<repo>/blob/<ref>/<path>`; the repository comes from git\'s `origin` or `alerts.repository`) ' +
    'and the site URLs of `urlTemplate` (`https://runbooks.example.com/{path}`, `{alert}`). Links to other sites or repositories, and templated links ' +
    '(`{{ .Values.x }}`), cannot be checked here and are not reported. In the editor, "Create runbook for this alert" runs New Runbook… pre-filled from the ' +
    'alert (name in `related_alerts`, title and symptom from its `summary`/`description`, severity offered from `alerts.severityMap`) and points the link at the new file. ' +
    'Alert rule files are the YAML files matching `alerts.files` (default `**/*.rules.y*ml`, `**/*alerts*.y*ml`) and any `kind: PrometheusRule` document. ' +
    'Suppress with a YAML comment: `# runbook-lint-disable-next-line RB601 -- reason`.',
  group: 'links',
  defaultSeverity: 'error',
  fixable: false,
  appliesTo: 'alert-rules',
  check() {},
  checkAlerts(ctx) {
    for (const a of ctx.file.alerts) {
      const c = ctx.coverage(a);
      if (c.status !== 'dangling' || c.resolution?.kind !== 'dangling') continue;
      const ann = runbookAnnotation(a)!;
      const where = c.resolution.target ? `\`${displayLink(c.resolution.target)}\`, which does not exist` : `no runbook in this repository (${displayLink(ann.value.trim())})`;
      ctx.report({
        range: ann.valueRange,
        message: `The ${ann.key} of alert \`${a.name}\` leads to ${where}: create the runbook ("Create runbook for this alert") or fix the link.`,
        meta: { alert: a.name, ...(c.resolution.target ? { target: displayLink(c.resolution.target) } : {}) },
      });
    }
  },
};

export default rule;
