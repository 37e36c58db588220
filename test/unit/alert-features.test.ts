// Editor features of alert rule files in the core: the pre-fill of "Create runbook for this alert",
// the link edit after it, runbook_url completion and the definitions both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertRunbookAt, alertWords, completeRunbookLink, relatedAlertRulesAt, runbookLinkEdit, runbookPrefill, untemplate } from '../../server/src/core/alert-features.js';
import { resolveConfig } from '../../server/src/core/config.js';
import type { TextEdit, WorkspaceFacts } from '../../server/src/core/types.js';

const ws: WorkspaceFacts = {
  runbooks: [
    { path: 'infra/runbooks/platform/node-not-ready.md', title: 'Bring a NotReady node back', relatedAlerts: ['NodeNotReady'] },
    { path: 'infra/runbooks/storage/restore.md', title: 'Restore' },
  ],
  alerts: [],
  repository: 'acme/infra',
};
const config = resolveConfig({});
const FROM = 'infra/alerts/a.rules.yaml';
const apply = (text: string, e: TextEdit | { error: string }) => {
  assert.ok(!('error' in e), JSON.stringify(e));
  return text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
};
const rule = (annotations: string) => `groups:\n  - rules:\n      - alert: NodeDiskPressure\n        expr: x == 1\n        labels:\n          severity: critical\n${annotations}`;

test('the pre-fill: title from the summary without templates, symptom with <label> placeholders, severity from the map, category from the dangling link', () => {
  assert.equal(untemplate('Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping.', 'drop'), 'Pod is crash looping.');
  assert.equal(untemplate('Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping.'), 'Pod <namespace>/<pod> is crash looping.');
  assert.equal(untemplate('{{ printf "%.2f" $value }}% left on {{ $labels.device }}'), '% left on <device>');
  assert.equal(alertWords('NodeDiskPressure'), 'Node disk pressure');
  assert.equal(alertWords('KubeAPIErrorBudgetBurn'), 'Kube API error budget burn');
  assert.equal(alertWords('etcdNoLeader'), 'EtcdNoLeader'.replace('EtcdNoLeader', 'Etcd no leader'));
  const p = runbookPrefill({ name: 'NodeDiskPressure', path: FROM, line: 2, severity: 'Critical', summary: 'Node {{ $labels.node }} is under disk pressure.', runbookUrl: '../runbooks/platform/node-disk-pressure.md' }, { config, workspace: ws });
  assert.deepEqual(p, { alert: 'NodeDiskPressure', line: 2, severityLabel: 'Critical', severity: 'P1', title: 'Node is under disk pressure', symptom: 'Node <node> is under disk pressure.', category: 'platform' });
  // No summary, a label the map does not know: the alert's words, no severity.
  assert.deepEqual(runbookPrefill({ name: 'KubeQuotaExceeded', path: FROM, line: 0, severity: 'sev3' }, { config, workspace: ws }), { alert: 'KubeQuotaExceeded', line: 0, severityLabel: 'sev3', title: 'Kube quota exceeded' });
});

test('the link edit keeps the form of the old link: relative, quoted, repository URL, site template', () => {
  const p = 'infra/runbooks/platform/relieve-disk-pressure.md';
  const edit = (text: string, c = config) => apply(text, runbookLinkEdit({ text, path: FROM, alert: 'NodeDiskPressure', line: 2, runbookPath: p, config: c, workspace: ws }));
  assert.match(edit(rule('        annotations:\n          runbook_url: ../runbooks/platform/gone.md\n')), /runbook_url: \.\.\/runbooks\/platform\/relieve-disk-pressure\.md\n$/);
  assert.match(edit(rule("        annotations:\n          runbook_url: '/infra/runbooks/gone.md' # old\n")), /runbook_url: '\/infra\/runbooks\/platform\/relieve-disk-pressure\.md' # old\n$/);
  assert.match(edit(rule('        annotations:\n          runbook_url: "https://github.com/acme/infra/blob/main/infra/runbooks/gone.md"\n')), /runbook_url: "https:\/\/github\.com\/acme\/infra\/blob\/main\/infra\/runbooks\/platform\/relieve-disk-pressure\.md"\n$/);
  const site = resolveConfig({ urlTemplate: 'https://runbooks.example.com/{path}' });
  assert.match(edit(rule('        annotations:\n          runbook_url: https://runbooks.example.com/platform/gone\n'), site), /runbook_url: https:\/\/runbooks\.example\.com\/platform\/relieve-disk-pressure\n$/);
  // No link yet: added to the annotations, or with an annotations block; with a site template, as a site URL.
  assert.equal(edit(rule('        annotations:\n          summary: x\n')), rule('        annotations:\n          runbook_url: ../runbooks/platform/relieve-disk-pressure.md\n          summary: x\n'));
  assert.equal(edit(rule('')), rule('        annotations:\n          runbook_url: ../runbooks/platform/relieve-disk-pressure.md\n'));
  assert.equal(edit(rule(''), site), rule('        annotations:\n          runbook_url: https://runbooks.example.com/platform/relieve-disk-pressure\n'));
  // Inline annotations and templated links are left to the author, with a reason.
  assert.match(JSON.stringify(runbookLinkEdit({ text: rule('        annotations: { summary: x }\n'), path: FROM, alert: 'NodeDiskPressure', line: 2, runbookPath: p, config, workspace: ws })), /inline/);
  assert.match(JSON.stringify(runbookLinkEdit({ text: rule('        annotations:\n          runbook_url: "{{ .Values.base }}/x"\n'), path: FROM, alert: 'NodeDiskPressure', line: 2, runbookPath: p, config, workspace: ws })), /templated/);
  assert.match(JSON.stringify(runbookLinkEdit({ text: rule(''), path: FROM, alert: 'Gone', line: 2, runbookPath: p, config, workspace: ws })), /no longer in this file/);
});

test('runbook_url completion offers every runbook, the alert\'s own first; definitions go alert -> runbook and related_alerts -> rule', () => {
  const text = rule('        annotations:\n          runbook_url: \n').replace('NodeDiskPressure', 'NodeNotReady');
  const items = completeRunbookLink({ text, path: FROM, position: { line: 7, character: 23 }, config, workspace: ws })!;
  assert.deepEqual(items.map((i) => [i.label, i.sortText[0]]), [['../runbooks/platform/node-not-ready.md', '0'], ['../runbooks/storage/restore.md', '1']]);
  assert.deepEqual(items[0]!.range, { line: 7, start: 23, end: 23 });
  assert.equal(completeRunbookLink({ text, path: FROM, position: { line: 5, character: 20 }, config, workspace: ws }), undefined);
  const linked = rule('        annotations:\n          runbook_url: ../runbooks/storage/restore.md\n');
  assert.deepEqual(alertRunbookAt({ text: linked, path: FROM, offset: linked.indexOf('NodeDisk') + 2, config, workspace: ws })?.runbook, 'infra/runbooks/storage/restore.md');
  assert.deepEqual(alertRunbookAt({ text: linked, path: FROM, offset: linked.indexOf('restore.md'), config, workspace: ws })?.runbook, 'infra/runbooks/storage/restore.md');
  assert.equal(alertRunbookAt({ text: linked, path: FROM, offset: linked.indexOf('expr'), config, workspace: ws }), undefined);
  const rb = '---\nrelated_alerts:\n  - "NodeNotReady"\n  - Unknown\n---\n# T\n';
  const rules = [{ name: 'NodeNotReady', path: FROM, line: 4 }, { name: 'NodeNotReady', path: 'b.yaml', line: 1 }];
  assert.deepEqual(relatedAlertRulesAt(rb, rb.indexOf('NodeNot') + 1, rules)?.rules.map((r) => r.path), [FROM, 'b.yaml']);
  assert.equal(relatedAlertRulesAt(rb, rb.indexOf('Unknown'), rules), undefined);
});

test('a credential in an alert\'s annotations never reaches the pre-fill (input box, new runbook)', () => {
  const token = ['xoxb', '-', '2847261938', '-', '9182736450123', '-', 'Zq8Wm3Lp7Nx2Rv5Tc9Kd4Hj6'].join('');
  const p = runbookPrefill({ name: 'SlackDown', path: FROM, line: 0, summary: `Webhook ${token} fails`, description: `POST with ${token} returns 500` }, { config, workspace: ws });
  for (const v of [p.title, p.symptom ?? '']) {
    for (let i = 0; i + 8 <= token.length; i++) assert.ok(!v.includes(token.slice(i, i + 8)), v);
  }
  assert.match(p.symptom ?? '', /<REDACTED:[a-z-]+>/);
});
