// "Create runbook for this alert" in the client logic (no vscode): the template filled from an
// alert, a workspace template filled the same way, and how the Runbooks view shows the alert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { fillUserTemplate, newRunbookText } from '../../client/src/logic/template.js';
import { alertsNodeDescription, describeAlert } from '../../client/src/logic/tree.js';
import { SHARED } from '../helpers/corpus.js';

const SEED = readFileSync(join(SHARED, 'seed', 'infra-runbooks-README.md'), 'utf8');

test('a runbook for an alert names it in related_alerts, takes the picked severity and the symptom; nothing else is invented', () => {
  const text = newRunbookText({ id: 'RB-PLAT-007', title: 'Node is under disk pressure', today: '2026-11-27', relatedAlerts: ['NodeDiskPressure'], severity: 'P1', symptom: 'The kubelet on <node> evicts pods.' });
  assert.match(text, /^severity: "P1"$/m);
  assert.match(text, /^related_alerts:\n {2}- "NodeDiskPressure"\nprerequisites:/m);
  assert.match(text, /^- \*\*Symptom:\*\* The kubelet on <node> evicts pods\.$/m);
  assert.match(text, /^owner: "<Team or role>"$/m, 'the owner stays a placeholder for the author');
  const ids = new Set(check({ text, path: 'infra/runbooks/platform/node-is-under-disk-pressure.md', today: '2026-11-27' }).findings.map((f) => f.ruleId + ' ' + f.message));
  for (const f of ids) assert.doesNotMatch(f, /severity|related_alerts|Symptom/, f);
  // Without an alert, the template is unchanged: severity and related_alerts are still the author's to fill.
  assert.match(newRunbookText({ id: 'RB-PLAT-007', title: 'T', today: '2026-11-27' }), /^severity: "<P0\|P1\|P2\|P3\|P4>"$/m);
});

test('a workspace template written like the seed gets the alert, severity and symptom too', () => {
  const template = /```markdown\n([\s\S]*?)```/.exec(SEED)?.[1];
  assert.ok(template, 'the seed README has its template');
  const t = fillUserTemplate(template, { id: 'RB-PLAT-007', title: 'Node is under disk pressure', today: '2026-11-27', relatedAlerts: ['NodeDiskPressure'], severity: 'P1', symptom: 'The kubelet evicts pods.' });
  assert.match(t, /^ {2}- "NodeDiskPressure"$/m);
  assert.match(t, /^severity: "P1"$/m);
  assert.match(t, /^- \*\*Symptom:\*\* The kubelet evicts pods\.$/m);
});

test('the Runbooks view shows an alert without a runbook with its severity, what is wrong and where', () => {
  const base = { uri: 'file:///w/infra/alerts/a.rules.yaml', line: 9, create: { uri: 'file:///w/infra/alerts/a.rules.yaml', alert: 'X', line: 9, title: 'X' } };
  const dangling = { ...base, name: 'NodeDiskPressure', severity: 'critical', status: 'dangling' as const, paging: true, target: 'infra/runbooks/platform/node-disk-pressure.md' };
  const missing = { ...base, name: 'KubeQuotaExceeded', status: 'missing' as const, paging: false };
  assert.deepEqual(describeAlert(dangling, 'infra/alerts/a.rules.yaml'), {
    label: 'NodeDiskPressure',
    description: 'critical (pages) · dangling link',
    tooltip: 'NodeDiskPressure: runbook_url leads nowhere (infra/runbooks/platform/node-disk-pressure.md)\ninfra/alerts/a.rules.yaml:10\nCreate Runbook for This Alert (inline button) creates one pre-filled from the alert.',
  });
  assert.equal(describeAlert(missing, 'x.yaml').description, 'no severity · no runbook');
  assert.equal(alertsNodeDescription([dangling, missing]), '2 (1 paging)');
});
