// Alert ↔ runbook coverage in the core: reading rule files, mapping runbook links to files,
// the coverage statuses, and what may be shown of a link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankTemplates, parseAlertRules, runbookAnnotation } from '../../server/src/core/alert-rules.js';
import { alertCoverage, coverageReport, displayLink, linkFor, normalizeRepository, relativePath, resolveRunbookLink, shownName, templatePath, type CoverageContext } from '../../server/src/core/coverage.js';
import { resolveConfig } from '../../server/src/core/config.js';
import type { AlertFact, WorkspaceFacts } from '../../server/src/core/types.js';
import { parseAlerts, runbookFact } from '../../server/src/workspace/sources.js';

const RUNBOOKS = ['infra/runbooks/platform/node-not-ready.md', 'infra/runbooks/storage/object-store-restore.md', 'content/runbooks/kubernetes/KubePodCrashLooping.md'];
const ws = (extra: Partial<WorkspaceFacts> = {}): WorkspaceFacts => ({
  runbooks: RUNBOOKS.map((path) => ({ path, ...(path.includes('node-not') ? { runbookId: 'RB-PLAT-001', relatedAlerts: ['NodeNotReady'] } : {}) })),
  alerts: [],
  exists: (p) => RUNBOOKS.includes(p) || p === 'docs/alerts.md',
  ...extra,
});
const ctx = (raw: Parameters<typeof resolveConfig>[0] = {}, w = ws()): CoverageContext => ({ config: resolveConfig(raw), workspace: w });
const FROM = 'infra/alerts/platform.rules.yaml';
const resolve = (url: string, c = ctx(), alert = 'NodeNotReady') => resolveRunbookLink(url, FROM, alert, c);

test('reads alerts with their annotations from a rule file, a PrometheusRule and several documents', () => {
  const text = [
    'groups:',
    '  - name: a',
    '    rules:',
    '      - alert: NodeNotReady',
    '        expr: up == 0',
    '        labels: { severity: critical }',
    '        annotations:',
    '          summary: "Node is not ready"',
    '          runbook_url: ../runbooks/platform/node-not-ready.md',
    '---',
    'kind: PrometheusRule',
    'spec:',
    '  groups:',
    '    - rules:',
    '        - alert: Second',
    '          expr: x',
    '',
  ].join('\n');
  const f = parseAlertRules(text);
  assert.equal(f.prometheusRule, true);
  assert.deepEqual(f.alerts.map((a) => [a.name, a.severity ?? null]), [['NodeNotReady', 'critical'], ['Second', null]]);
  const rb = runbookAnnotation(f.alerts[0]!)!;
  assert.equal(rb.key, 'runbook_url');
  assert.equal(text.slice(rb.valueRange.start, rb.valueRange.end), '../runbooks/platform/node-not-ready.md');
  assert.equal(text.slice(f.alerts[0]!.nameRange.start, f.alerts[0]!.nameRange.end), 'NodeNotReady');
  assert.equal(f.alerts[0]!.annotationsKey?.childIndent, 10);
  const facts = parseAlerts(FROM, text);
  assert.deepEqual(facts.map((a) => [a.name, a.line, a.runbookUrl ?? null, a.summary ?? null]), [
    ['NodeNotReady', 3, '../runbooks/platform/node-not-ready.md', 'Node is not ready'],
    ['Second', 14, null, null],
  ]);
});

test('Helm templates are blanked in place; a link next to a template counts as templated, a templated name is skipped', () => {
  const text = '{{- if .Values.on }}\ngroups:\n- rules:\n  - alert: A\n    expr: x\n    annotations:\n      runbook_url: {{ .Values.base }}/a\n  - alert: {{ .Values.prefix }}B\n    expr: y\n{{- end }}\n';
  assert.equal(blankTemplates(text).length, text.length);
  assert.equal(blankTemplates('a {{ x\n y }} b'), 'a     \n      b');
  const f = parseAlertRules(text);
  assert.deepEqual(f.alerts.map((a) => a.name), ['A']);
  const rb = runbookAnnotation(f.alerts[0]!)!;
  assert.equal(rb.templated, true);
  assert.equal(text.slice(rb.valueRange.start, rb.valueRange.end), '{{ .Values.base }}/a');
});

test('a document that does not parse gives its alert names line by line, marked unparsed', () => {
  const f = parseAlertRules('groups:\n  - rules:\n    - alert: Broken\n      expr: [x\n---\ngroups:\n- rules:\n  - alert: Fine\n    expr: y\n');
  assert.deepEqual(f.unparsed.map((u) => u.name), ['Broken']);
  assert.deepEqual(f.alerts.map((a) => a.name), ['Fine']);
  assert.equal(f.errors.length, 1);
});

test('relative, root and repository-root links resolve to files; missing ones are dangling with their target', () => {
  assert.deepEqual(resolve('../runbooks/platform/node-not-ready.md'), { kind: 'runbook', path: 'infra/runbooks/platform/node-not-ready.md', form: { kind: 'relative' } });
  assert.deepEqual(resolve('/infra/runbooks/platform/node-not-ready.md#step-1'), { kind: 'runbook', path: 'infra/runbooks/platform/node-not-ready.md', form: { kind: 'root' } });
  assert.deepEqual(resolve('infra/runbooks/platform/node-not-ready.md'), { kind: 'runbook', path: 'infra/runbooks/platform/node-not-ready.md', form: { kind: 'root' } });
  assert.deepEqual(resolve('../runbooks/platform/gone.md'), { kind: 'dangling', target: 'infra/runbooks/platform/gone.md', form: { kind: 'relative' } });
  assert.deepEqual(resolve('RB-PLAT-001'), { kind: 'runbook', path: 'infra/runbooks/platform/node-not-ready.md', form: { kind: 'relative' } });
  assert.deepEqual(resolve('See the platform wiki'), { kind: 'external' });
  assert.deepEqual(resolve('{{ .Values.base }}/x'), { kind: 'templated' });
});

test('GitHub and GitLab links of this repository resolve (refs with slashes too); other repositories are external', () => {
  const mine = ctx({}, ws({ repository: 'acme/infra' }));
  const url = 'https://github.com/acme/infra/blob/release/1.2/infra/runbooks/platform/node-not-ready.md';
  assert.deepEqual(resolve(url, mine), { kind: 'runbook', path: 'infra/runbooks/platform/node-not-ready.md', form: { kind: 'repo', prefix: 'https://github.com/acme/infra/blob/release/1.2/' } });
  assert.deepEqual(resolve('https://github.com/Acme/Infra/blob/main/infra/runbooks/x.md', mine), { kind: 'dangling', target: 'infra/runbooks/x.md', form: { kind: 'repo', prefix: 'https://github.com/Acme/Infra/blob/main/' } });
  assert.deepEqual(resolve('https://github.com/other/repo/blob/main/infra/runbooks/x.md', mine), { kind: 'external' });
  assert.equal(resolve('https://gitlab.com/acme/infra/-/blob/main/docs/alerts.md', mine).kind, 'runbook');
  // Repository unknown: an existing path still resolves, a missing one cannot be judged.
  assert.equal(resolve('https://github.com/whoever/x/blob/main/docs/alerts.md').kind, 'runbook');
  assert.deepEqual(resolve('https://github.com/whoever/x/blob/main/docs/nothing.md'), { kind: 'external' });
  // The config names the repository when git does not.
  assert.equal(resolve('https://github.com/acme/infra/blob/main/nothing.md', ctx({ alerts: { repository: 'acme/infra' } })).kind, 'dangling');
});

test('urlTemplate maps site URLs: {path} below the runbooks folder (ignoring case as a last resort), {alert} by name or related_alerts', () => {
  const c = ctx({ urlTemplate: ['https://runbooks.example.com/alerts/{alert}', 'https://runbooks.example.com/{path}'] });
  assert.deepEqual(resolve('https://runbooks.example.com/storage/object-store-restore', c), { kind: 'runbook', path: 'infra/runbooks/storage/object-store-restore.md', form: { kind: 'template', template: 'https://runbooks.example.com/{path}' } });
  assert.equal((resolve('https://runbooks.example.com/kubernetes/kubepodcrashlooping/', c) as { path: string }).path, 'content/runbooks/kubernetes/KubePodCrashLooping.md');
  assert.deepEqual(resolve('https://runbooks.example.com/storage/nothing', c), { kind: 'dangling', target: 'infra/runbooks/storage/nothing.md', form: { kind: 'template', template: 'https://runbooks.example.com/{path}' } });
  assert.equal((resolve('https://runbooks.example.com/alerts/NodeNotReady', c) as { path: string }).path, 'infra/runbooks/platform/node-not-ready.md');
  assert.equal((resolve('https://runbooks.example.com/alerts/{{ $labels.alertname }}', c, 'KubePodCrashLooping') as { path: string }).path, 'content/runbooks/kubernetes/KubePodCrashLooping.md');
  assert.deepEqual(resolve('https://elsewhere.example.org/x', c), { kind: 'external' });
});

test('coverage: annotation, other annotation, related_alerts, missing and dangling; the report counts them', () => {
  const alert = (name: string, extra: Partial<AlertFact> = {}): AlertFact => ({ name, path: FROM, line: 1, severity: 'critical', ...extra });
  const w = ws({
    alerts: [
      alert('NodeNotReady'),
      alert('A', { runbookUrl: '../runbooks/storage/object-store-restore.md' }),
      alert('B', { links: ['../runbooks/storage/object-store-restore.md'] }),
      alert('C', { runbookUrl: '../runbooks/gone.md' }),
      alert('D'),
      alert('E', { unparsed: true }),
    ],
    runbooks: [...ws().runbooks, { path: 'infra/runbooks/x/a-longer-path-than-the-other.md', relatedAlerts: ['NodeNotReady', 'Nope'] }],
  });
  const c = ctx({}, w);
  assert.deepEqual(w.alerts.slice(0, 5).map((a) => { const r = alertCoverage(a, c); return [a.name, r.status, r.runbook, r.via]; }), [
    ['NodeNotReady', 'covered', 'infra/runbooks/platform/node-not-ready.md', 'related'],
    ['A', 'covered', 'infra/runbooks/storage/object-store-restore.md', 'annotation'],
    ['B', 'covered', 'infra/runbooks/storage/object-store-restore.md', 'link'],
    ['C', 'dangling', null, 'annotation'],
    ['D', 'missing', null, 'none'],
  ]);
  const report = coverageReport(c);
  assert.deepEqual(report.summary, { alerts: 5, covered: 3, missing: 1, dangling: 1, unknownRelated: 1 });
  assert.deepEqual(report.runbooks.find((r) => r.path === 'infra/runbooks/x/a-longer-path-than-the-other.md')?.relatedAlerts, [{ name: 'NodeNotReady', status: 'defined' }, { name: 'Nope', status: 'unknown' }]);
  // Without alert rules nothing is "unknown" in the summary (as RB506).
  assert.equal(coverageReport(ctx({}, ws({ runbooks: w.runbooks }))).summary.unknownRelated, 0);
});

test('related_alerts of a runbook are read without placeholders', () => {
  const f = runbookFact('infra/runbooks/a/b.md', '---\nrelated_alerts:\n  - "X"\n  - "<alert name/id>"\n  - Y\n---\n# T\n');
  assert.deepEqual(f.relatedAlerts, ['X', 'Y']);
});

test('a new runbook is linked the way the old link was written', () => {
  const p = 'infra/runbooks/platform/disk-pressure.md';
  assert.equal(linkFor({ kind: 'relative' }, p, FROM, 'X'), '../runbooks/platform/disk-pressure.md');
  assert.equal(linkFor(undefined, p, 'deploy/a/b/c.yaml', 'X'), '../../../infra/runbooks/platform/disk-pressure.md');
  assert.equal(linkFor({ kind: 'root' }, p, FROM, 'X'), '/infra/runbooks/platform/disk-pressure.md');
  assert.equal(linkFor({ kind: 'repo', prefix: 'https://github.com/a/b/blob/main/' }, p, FROM, 'X'), 'https://github.com/a/b/blob/main/infra/runbooks/platform/disk-pressure.md');
  assert.equal(linkFor({ kind: 'template', template: 'https://rb.example.com/{path}' }, p, FROM, 'X'), 'https://rb.example.com/platform/disk-pressure');
  assert.equal(templatePath('docs/x.md'), 'docs/x');
  assert.equal(relativePath('a/b.yaml', 'a/c/d.md'), 'c/d.md');
});

test('repositories are normalized from remotes and config values', () => {
  for (const r of ['git@github.com:Acme/Infra.git', 'https://github.com/acme/infra', 'https://user@github.com/acme/infra.git', 'acme/infra', 'ssh://git@github.com/acme/infra.git']) {
    assert.equal(normalizeRepository(r), 'acme/infra', r);
  }
  assert.equal(normalizeRepository('https://gitlab.example.com/group/sub/repo.git'), 'group/sub/repo');
});

test('a link is shown without credentials: user-info, query values and detected tokens are redacted', () => {
  const token = ['ghp', '_', 'Zx8Qw2Lm4Np6Rt0Vb3Kc5Hd7Jf9Gs1Ay2Eu4Io'].join('');
  assert.equal(displayLink('https://bob:hunter22@runbooks.example.com/a?ref=abc123&x=1'), 'https://<redacted>@runbooks.example.com/a?ref=<redacted>&x=<redacted>');
  const shown = displayLink(`https://runbooks.example.com/${token}/a`);
  assert.ok(!shown.includes(token.slice(4, 12)), shown);
  assert.match(shown, /<REDACTED:/);
  // A token that the whole link hides from the detector (dots join it to `.md`) is found segment by segment.
  const vault = ['hvs', '.', 'CAESIP2jTxc9S2K7Z6CtcFWQv7-044m_oSsxnPE1H3nF89l3GiYKHGh2cy5sQmlIZVNyTWJNcDR'].join('');
  assert.equal(displayLink(`../runbooks/storage/${vault}.md`), '../runbooks/storage/<REDACTED:hashicorp-vault-token>.md');
  // Ordinary runbook names stay as they are.
  for (const l of ['../runbooks/platform/kube-api-error-budget-burn.md', 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping', 'infra/runbooks/storage/object-store-restore.md']) assert.equal(displayLink(l), l);
});

test('an alert name that is a token is shown redacted; other names as they are', () => {
  const token = ['glpat', '-', 'Xq7Vm2Nc9Lp4Rt8Wz1Ky'].join('');
  assert.equal(shownName(token), '<REDACTED:gitlab-token>');
  assert.equal(shownName('KubePodCrashLooping'), 'KubePodCrashLooping');
});
