// Alert rule files in the language server: RB601/RB602 as diagnostics, "Create runbook for this
// alert" as a code action built from the server's own check, the link edit after creation,
// runbook_url completion, go-to-definition both ways, and the "Alerts without runbooks" request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyLspEdits, startLsp } from '../helpers/lsp-client.js';
import { tempDir } from '../cli/helpers.js';

const CLEAN = readFileSync(join(import.meta.dirname, '..', 'fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const RULES = [
  'groups:',
  '  - name: platform',
  '    rules:',
  '      - alert: KubePodCrashLooping',
  '        expr: kube_pod_container_status_restarts_total > 3',
  '        labels:',
  '          severity: warning',
  '        annotations:',
  '          runbook_url: ../runbooks/platform/pod-crashloopbackoff.md',
  '      - alert: NodeDiskPressure',
  '        expr: kube_node_status_condition{condition="DiskPressure",status="true"} == 1',
  '        labels:',
  '          severity: critical',
  '        annotations:',
  '          summary: Node {{ $labels.node }} is under disk pressure.',
  '          description: The kubelet on {{ $labels.node }} evicts pods.',
  '          runbook_url: ../runbooks/platform/node-disk-pressure.md',
  '      - alert: EtcdNoLeader',
  '        expr: etcd_server_has_leader == 0',
  '        labels:',
  '          severity: critical',
  '',
].join('\n');

const workspace = tempDir;

test('a rule file gets RB601 and RB602; the code action is "Create runbook for this alert" with the pre-fill, from the server\'s own check', async () => {
  const dir = workspace({ 'infra/runbooks/platform/pod-crashloopbackoff.md': CLEAN, 'infra/alerts/platform.rules.yaml': RULES });
  const root = pathToFileURL(dir).href;
  const s = await startLsp({ rootUri: root });
  try {
    const uri = `${root}/infra/alerts/platform.rules.yaml`;
    void s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: RULES } });
    const d = await s.diagnostics(uri, (x) => x.length === 2);
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line, x.severity]), [['RB601', 16, 1], ['RB602', 17, 2]]);
    assert.match(String(d[0]!.message), /infra\/runbooks\/platform\/node-disk-pressure\.md`, which does not exist/);
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d[0]!.range, context: { diagnostics: [d[0]] } })) as { title: string; command?: { command: string; arguments: unknown[] }; edit?: unknown }[];
    assert.deepEqual(actions.map((a) => a.title), ['Create runbook for this alert', 'Disable RB601 for this line']);
    assert.deepEqual(actions[0]!.command?.command, 'runbooks.createRunbookForAlert');
    assert.deepEqual(actions[0]!.command?.arguments[0], {
      uri,
      alert: 'NodeDiskPressure',
      line: 9,
      severityLabel: 'critical',
      severity: 'P1',
      title: 'Node is under disk pressure',
      symptom: 'The kubelet on <node> evicts pods.',
      category: 'platform',
    });
    // A forged diagnostic (wrong range) gets nothing: actions come from the server's last check.
    const forged = { ...d[0]!, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } } };
    assert.deepEqual(await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: forged.range, context: { diagnostics: [forged] } }), []);
    // After "New Runbook…" created the file, the server writes the link in the old link's form.
    writeFileSync(join(dir, 'infra/runbooks/platform/relieve-disk-pressure.md'), CLEAN.replace('RB-PLAT-001', 'RB-PLAT-002'));
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${root}/infra/runbooks/platform/relieve-disk-pressure.md`, type: 1 }] });
    const edit = (await s.conn.sendRequest('runbooks/alertRunbookLink', { uri, alert: 'NodeDiskPressure', line: 9, runbookUri: `${root}/infra/runbooks/platform/relieve-disk-pressure.md` })) as { range: never; newText: string };
    assert.equal(edit.newText, '../runbooks/platform/relieve-disk-pressure.md');
    const fixed = applyLspEdits(RULES, [edit]);
    assert.ok(fixed.includes('runbook_url: ../runbooks/platform/relieve-disk-pressure.md'));
    void s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await s.diagnostics(uri, (x, p) => p.version === 2 && !x.some((y) => y.code === 'RB601'));
    assert.deepEqual(after.map((x) => x.code), ['RB602']);
    // An alert without any link gets runbook_url added.
    const add = (await s.conn.sendRequest('runbooks/alertRunbookLink', { uri, alert: 'EtcdNoLeader', line: 17, runbookUri: `${root}/infra/runbooks/platform/relieve-disk-pressure.md` })) as { range: never; newText: string };
    assert.equal(applyLspEdits(fixed, [add]).split('\n').slice(17).join('\n'), '      - alert: EtcdNoLeader\n        expr: etcd_server_has_leader == 0\n        labels:\n          severity: critical\n        annotations:\n          runbook_url: ../runbooks/platform/relieve-disk-pressure.md\n');
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runbook_url values complete from the runbook tree; definition goes from an alert to its runbook and from related_alerts to the rule', async () => {
  const dir = workspace({ 'infra/runbooks/platform/pod-crashloopbackoff.md': CLEAN, 'infra/alerts/platform.rules.yaml': RULES, 'infra/runbooks/storage/restore.md': CLEAN.replace('RB-PLAT-001', 'RB-STOR-001') });
  const root = pathToFileURL(dir).href;
  const s = await startLsp({ rootUri: root });
  try {
    const uri = `${root}/infra/alerts/platform.rules.yaml`;
    void s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: RULES } });
    await s.diagnostics(uri, (x) => x.length === 2);
    const list = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 24 } })) as { label: string; sortText: string }[] | { items: { label: string; sortText: string }[] };
    const items = Array.isArray(list) ? list : list.items;
    assert.deepEqual(items.map((i) => i.label).sort(), ['../runbooks/platform/pod-crashloopbackoff.md', '../runbooks/storage/restore.md']);
    assert.ok(items.find((i) => i.label.includes('pod-crash'))!.sortText < items.find((i) => i.label.includes('restore'))!.sortText, 'the runbook listing the alert comes first');
    assert.deepEqual(await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 14 } }), [], 'no completion on other lines');
    const def = (await s.conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 3, character: 20 } })) as { targetUri: string }[];
    assert.deepEqual(def.map((x) => x.targetUri), [`${root}/infra/runbooks/platform/pod-crashloopbackoff.md`]);
    const rb = `${root}/infra/runbooks/platform/pod-crashloopbackoff.md`;
    s.open(rb, CLEAN);
    await s.diagnostics(rb);
    const line = CLEAN.split('\n').findIndex((l) => l.includes('"KubePodCrashLooping"'));
    const back = (await s.conn.sendRequest('textDocument/definition', { textDocument: { uri: rb }, position: { line, character: 8 } })) as { targetUri: string; targetRange: { start: { line: number } } }[];
    assert.deepEqual(back.map((x) => [x.targetUri, x.targetRange.start.line]), [[uri, 3]]);
    const alerts = (await s.conn.sendRequest('runbooks/alertsWithoutRunbooks', {})) as { name: string; status: string; paging: boolean }[];
    assert.deepEqual(alerts.map((a) => [a.name, a.status, a.paging]), [['NodeDiskPressure', 'dangling', true], ['EtcdNoLeader', 'missing', true]]);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a YAML file that is no alert rule file (by name, without kind: PrometheusRule) gets no diagnostics; a PrometheusRule anywhere does', async () => {
  const dir = workspace({});
  const root = pathToFileURL(dir).href;
  const s = await startLsp({ rootUri: root });
  try {
    const plain = `${root}/deploy/values.yaml`;
    void s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: plain, languageId: 'yaml', version: 1, text: RULES } });
    assert.deepEqual(await s.diagnostics(plain), []);
    const crd = `${root}/deploy/monitoring.yaml`;
    void s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: crd, languageId: 'yaml', version: 1, text: `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n${RULES.replace(/^/gm, '  ')}` } });
    assert.deepEqual((await s.diagnostics(crd, (x) => x.length > 0)).map((x) => x.code), ['RB601', 'RB601', 'RB602'], 'no runbook exists here: both links dangle');
    const broken = `${root}/deploy/broken.rules.yaml`;
    void s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: broken, languageId: 'yaml', version: 1, text: 'groups:\n- rules:\n  - alert: X\n    expr: [up\n' } });
    const b = await s.diagnostics(broken, (x) => x.length > 0);
    assert.deepEqual(b.map((x) => [x.code, x.severity]), [['yaml', 3]]);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
