// Workspace index over temporary folders, and the rules that read its facts (RB106, RB107, RB503, RB505).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { WorkspaceIndex, parseCodeowners, parseAlerts } from '../../server/src/workspace/index.js';
import { ownersOf } from '../../server/src/core/rules/rb503-codeowners.js';
import { check } from '../../server/src/core/check.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rb-ws-'));
  dirs.push(root);
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), t);
  }
  return root;
}

const CLEAN = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'clean', 'pod-crashloopbackoff.md'), 'utf8');
const withId = (id: string, title = 'Recover a Deployment stuck in CrashLoopBackOff') => CLEAN.replace('runbook_id: RB-PLAT-001', `runbook_id: ${id}`).replace(/^title: .*$/m, `title: "${title}"`).replace('# Recover a Deployment stuck in CrashLoopBackOff', `# ${title}`);

const RULES = `groups:
  - name: pods
    rules:
      - alert: KubePodCrashLooping
        expr: rate(kube_pod_container_status_restarts_total[5m]) > 0
        labels:
          severity: warning
`;
const CRD = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: storage
spec:
  groups:
    - name: storage
      rules:
        - alert: ObjectStoreDown
          expr: up{job="minio"} == 0
          for: 5m
          labels:
            severity: critical
        - record: job:up:sum
          expr: sum(up)
---
kind: ConfigMap
`;

function tree(): string {
  return repo({
    'infra/runbooks/README.md': '# Runbooks\n',
    'infra/runbooks/_templates/runbook.md': withId('RB-<AREA>-<NNN>'),
    'infra/runbooks/platform/crashloop.md': withId('RB-PLAT-001'),
    'infra/runbooks/platform/other.md': withId('RB-PLAT-001', 'Other runbook'),
    'infra/runbooks/security/rotate.md': withId('RB-SEC-001', 'Rotate a leaked key'),
    'infra/runbooks/_assets/flow.png': 'png',
    '.github/CODEOWNERS': '# owners\n* @kfm/sre\n/infra/runbooks/security/ @kfm/security # security team\n',
    'deploy/alerts/pods.yaml': RULES,
    'deploy/alerts/storage.yml': CRD,
    'deploy/chart/templates/rules.yaml': 'groups:\n{{- if .Values.x }}\n  - rules:\n    - alert: HelmTemplated\n      expr: up == 0\n{{- end }}\n',
    'node_modules/x/runbooks/platform/ignored.md': withId('RB-PLAT-099'),
    '.git/runbooks/platform/ignored.md': withId('RB-PLAT-098'),
  });
}

test('builds runbook facts, CODEOWNERS and alerts from a folder, skipping README, templates, node_modules and .git', async () => {
  const idx = new WorkspaceIndex(tree());
  assert.equal(idx.ready, false);
  await idx.build();
  assert.equal(idx.ready, true);
  const f = idx.facts();
  assert.deepEqual(f.runbooks.map((r) => r.path), ['infra/runbooks/platform/crashloop.md', 'infra/runbooks/platform/other.md', 'infra/runbooks/security/rotate.md']);
  const sec = f.runbooks[2]!;
  assert.equal(sec.runbookId, 'RB-SEC-001');
  assert.equal(sec.title, 'Rotate a leaked key');
  assert.equal(sec.category, 'security');
  assert.equal(sec.owner, 'platform-sre');
  assert.deepEqual(sec.systems, ['cluster', 'api']);
  assert.equal(sec.severity, 'P2');
  assert.equal(sec.lastReviewed, '2026-11-02');
  assert.equal(sec.idLine, 1);
  assert.ok(sec.headings!.includes('Step 2A — Diagnose a bad release'));
  assert.ok(!sec.headings!.some((h) => h.startsWith('kubectl')), 'code is not a heading');
  assert.equal(f.codeowners?.path, '.github/CODEOWNERS');
  assert.deepEqual(f.codeowners?.rules.map((r) => [r.pattern, r.owners, r.line]), [['*', ['@kfm/sre'], 1], ['/infra/runbooks/security/', ['@kfm/security'], 2]]);
  assert.deepEqual(f.alerts.map((a) => [a.name, a.severity ?? null, a.path, a.line]), [
    ['KubePodCrashLooping', 'warning', 'deploy/alerts/pods.yaml', 3],
    ['ObjectStoreDown', 'critical', 'deploy/alerts/storage.yml', 8],
    ['HelmTemplated', null, 'deploy/chart/templates/rules.yaml', 3],
  ]);
  assert.equal(f.alerts.find((a) => a.name === 'ObjectStoreDown')?.expr, 'up{job="minio"} == 0');
  assert.equal(f.alerts.length, 3);
  assert.equal(f.exists!('infra/runbooks/_assets/flow.png'), true);
  assert.equal(f.exists!('infra/runbooks/_assets'), true);
  assert.equal(f.exists!('infra/runbooks/_assets/missing.png'), false);
  assert.equal(idx.exists('../outside'), false);
  assert.equal(idx.facts(), f, 'the snapshot is reused until something changes');
});

test('update and remove follow file changes; an editor buffer overrides the disk', async () => {
  const root = tree();
  const idx = new WorkspaceIndex(root);
  await idx.build();
  await idx.update(join(root, 'infra/runbooks/platform/other.md'), withId('RB-PLAT-002', 'Other runbook'));
  assert.equal(idx.facts().runbooks.find((r) => r.path.endsWith('other.md'))?.runbookId, 'RB-PLAT-002');
  mkdirSync(join(root, 'infra/runbooks/storage'), { recursive: true });
  writeFileSync(join(root, 'infra/runbooks/storage/restore.md'), withId('RB-STOR-001'));
  await idx.update('infra/runbooks/storage/restore.md');
  assert.ok(idx.facts().runbooks.some((r) => r.runbookId === 'RB-STOR-001'));
  writeFileSync(join(root, 'deploy/alerts/more.yaml'), RULES.replace('KubePodCrashLooping', 'KubeNodeNotReady'));
  await idx.update(join(root, 'deploy/alerts/more.yaml'));
  assert.ok(idx.facts().alerts.some((a) => a.name === 'KubeNodeNotReady'));
  idx.remove('deploy/alerts');
  assert.deepEqual(idx.facts().alerts.map((a) => a.name), ['HelmTemplated']);
  assert.equal(idx.exists('deploy/alerts/pods.yaml'), false);
  idx.remove(join(root, 'infra/runbooks/platform/crashloop.md'));
  assert.ok(!idx.facts().runbooks.some((r) => r.path.endsWith('crashloop.md')));
  await idx.update('CODEOWNERS', '/infra/ @kfm/infra\n');
  assert.equal(idx.facts().codeowners?.path, '.github/CODEOWNERS', '.github/CODEOWNERS takes precedence');
  idx.remove('.github/CODEOWNERS');
  assert.equal(idx.facts().codeowners?.path, 'CODEOWNERS');
  mkdirSync(join(root, 'infra/runbooks/cicd'));
  await idx.update('infra/runbooks/cicd');
  assert.equal(idx.exists('infra/runbooks/cicd'), true, 'a new folder exists');
  await idx.rebuild(['**/runbooks/security/*.md'], []);
  assert.deepEqual(idx.facts().runbooks.map((r) => r.path), ['infra/runbooks/security/rotate.md'], 'rebuild applies new globs');
  idx.setGlobs(['**/runbooks/platform/*.md'], []);
  await idx.whenReady();
  assert.deepEqual(idx.facts().runbooks.map((r) => r.path), ['infra/runbooks/platform/crashloop.md', 'infra/runbooks/platform/other.md'], 'setGlobs rescans the disk in the background');
  await idx.update('infra/runbooks/platform/gone.md');
  assert.ok(!idx.facts().runbooks.some((r) => r.path.endsWith('gone.md')), 'an update for a missing file removes it');
});

test('stays bounded: file and runbook caps stop the scan and say so; big files are skipped', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`infra/runbooks/platform/r${String(i).padStart(2, '0')}.md`] = withId(`RB-PLAT-${String(i + 1).padStart(3, '0')}`);
  files['infra/runbooks/platform/huge.md'] = withId('RB-PLAT-900') + 'x'.repeat(5000);
  const root = repo(files);
  const small = new WorkspaceIndex(root, { maxFiles: 10 });
  await small.build();
  assert.equal(small.stats().files, 10);
  assert.equal(small.stats().truncated, true);
  assert.equal(small.exists('infra/runbooks/platform/r39.md'), true, 'a capped index asks the disk');
  const few = new WorkspaceIndex(root, { maxRunbooks: 5, maxFileBytes: 4000 });
  await few.build();
  assert.equal(few.stats().runbooks, 5);
  assert.ok(!few.facts().runbooks.some((r) => r.runbookId === 'RB-PLAT-900'));
});

test('build yields to the event loop instead of blocking it', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 150; i++) files[`d${i % 10}/f${i}.txt`] = 'x';
  const idx = new WorkspaceIndex(repo(files), { yieldEvery: 10 });
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const building = idx.build();
  assert.equal(idx.ready, false, 'build returns before the scan is done');
  await building;
  clearInterval(timer);
  assert.ok(ticks > 0, `timers ran during the build (${ticks})`);
  assert.equal(idx.stats().files, 150);
});

test('blocking: true (the CLI) reads synchronously, never yields, and gives the same facts', async () => {
  const root = tree();
  const plain = new WorkspaceIndex(root);
  await plain.build();
  const blocking = new WorkspaceIndex(root, { blocking: true, yieldEvery: 1 });
  const realSetImmediate = globalThis.setImmediate;
  let yields = 0;
  globalThis.setImmediate = ((fn: () => void) => (yields++, realSetImmediate(fn))) as typeof setImmediate;
  try {
    await blocking.build();
  } finally {
    globalThis.setImmediate = realSetImmediate;
  }
  assert.equal(yields, 0, 'a blocking build does not yield per entry (yieldEvery: 1 would, 20+ times)');
  const { exists: _a, ...a } = plain.facts();
  const { exists: _b, ...b } = blocking.facts();
  assert.deepEqual(b, a);
  assert.ok(b.runbooks.length >= 3 && b.alerts.length >= 3, 'runbooks and alerts were read');
  assert.deepEqual(blocking.stats(), plain.stats());
});

test('CODEOWNERS patterns follow gitignore rules and the last match wins', () => {
  const rules = parseCodeowners('* @all\n/infra/runbooks/security/ @sec\ndocs/ @docs\n*.yaml @yaml\ninfra/runbooks/storage/*.md @stor\n/infra/runbooks/security/public.md\n[Section]\n');
  assert.deepEqual(ownersOf(rules, 'README.md'), ['@all']);
  assert.deepEqual(ownersOf(rules, 'infra/runbooks/security/rotate.md'), ['@sec']);
  assert.deepEqual(ownersOf(rules, 'infra/runbooks/security/public.md'), [], 'a rule without owners un-owns');
  assert.deepEqual(ownersOf(rules, 'a/docs/x.md'), ['@docs'], 'unanchored folder matches at any depth');
  assert.deepEqual(ownersOf(rules, 'deploy/x.yaml'), ['@yaml']);
  assert.deepEqual(ownersOf(rules, 'infra/runbooks/storage/restore.md'), ['@stor']);
  assert.deepEqual(ownersOf(rules, 'infra/runbooks/storage/deep/restore.md'), ['@all'], '* does not cross folders');
  assert.equal(ownersOf(parseCodeowners('/x/ @a\n'), 'y/z.md'), undefined);
});

test('reads alerts from templated YAML by line when it does not parse', () => {
  const a = parseAlerts('x.yaml', '{{- if .Values.on }}\n- alert: "DiskFull"\n  expr: x\n{{- end }}\n');
  assert.deepEqual(a.map((x) => [x.name, x.line]), [['DiskFull', 1]]);
});

test('RB106, RB107, RB503 and RB505 read the index facts', async () => {
  const root = tree();
  const idx = new WorkspaceIndex(root);
  await idx.build();
  const ws = idx.facts();
  const path = 'infra/runbooks/platform/crashloop.md';
  const text = readFileSync(join(root, path), 'utf8');
  const r = check({ text, path, workspace: ws, today: '2026-11-27' });
  const dup = r.findings.find((f) => f.ruleId === 'RB106');
  assert.ok(dup, 'duplicate id reported');
  assert.deepEqual(dup.related?.map((x) => [x.path, x.lineRange?.start.line]), [['infra/runbooks/platform/other.md', 1]]);
  assert.match(dup.message, /RB-PLAT-002/, 'suggests the next free id');

  const wrongArea = withId('RB-NET-004');
  const r2 = check({ text: wrongArea, path: 'infra/runbooks/security/x.md', workspace: ws, today: '2026-11-27' });
  const area = r2.findings.find((f) => f.ruleId === 'RB107');
  assert.ok(area);
  assert.equal(area.fix?.safe, false, 'changing an id is offered, not applied by fix-all');
  assert.equal(area.fix?.edits[0]?.newText, 'RB-SEC-002');
  assert.ok(!r2.findings.some((f) => f.ruleId === 'RB503'), 'security/ is covered by .github/CODEOWNERS');

  await idx.update('.github/CODEOWNERS', '/infra/runbooks/platform/ @kfm/platform\n');
  const r3 = check({ text: withId('RB-SEC-001'), path: 'infra/runbooks/security/rotate.md', workspace: idx.facts(), today: '2026-11-27' });
  assert.deepEqual(r3.findings.filter((f) => f.ruleId === 'RB503').map((f) => f.related?.[0]?.path), ['.github/CODEOWNERS']);
  idx.remove('.github/CODEOWNERS');
  const r4 = check({ text: withId('RB-SEC-001'), path: 'infra/runbooks/security/rotate.md', workspace: idx.facts(), today: '2026-11-27' });
  assert.match(r4.findings.find((f) => f.ruleId === 'RB503')?.message ?? '', /no CODEOWNERS file/);
  const r5 = check({ text: withId('RB-SEC-001'), path: 'infra/runbooks/security/rotate.md', today: '2026-11-27' });
  assert.ok(!r5.findings.some((f) => f.ruleId === 'RB503'), 'without workspace facts RB503 stays silent');

  const links = text.replace('## Step 5 — Prevention / follow-ups\n', '## Step 5 — Prevention / follow-ups\n- [ ] See [the flow](../_assets/flow.png), [gone](../_assets/gone.png), [other](other.md#step-3--mitigation-safe-first) and [bad anchor](other.md#nope)\n');
  const r6 = check({ text: links, path, workspace: idx.facts(), today: '2026-11-27', only: ['RB505'] });
  assert.deepEqual(r6.findings.map((f) => links.slice(f.range.start, f.range.end)), ['[gone](../_assets/gone.png)', '[bad anchor](other.md#nope)']);
});
