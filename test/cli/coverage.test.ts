// `runbook-lint coverage`: the whole alert <-> runbook picture of a repository, as CI sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run, tempDir } from './helpers.js';
import { CORPORA } from '../helpers/corpus.js';

/**
 * The fixture repositories are kept inert (every file named `*.in`) so that the project's own
 * workspace does not count their alerts and runbooks; a test copies one out with the names restored.
 */
function materialize(src: string, into = tempDir()): string {
  for (const e of readdirSync(src)) {
    const from = join(src, e);
    const to = join(into, e.replace(/\.in$/, ''));
    if (statSync(from).isDirectory()) {
      mkdirSync(to, { recursive: true });
      materialize(from, to);
    } else cpSync(from, to);
  }
  return into;
}

const REPO = materialize(join(ROOT, 'test/cli/data/coverage-repo'));
process.on('exit', () => rmSync(REPO, { recursive: true, force: true }));
const EXPECTED = join(ROOT, 'test/cli/data/coverage-repo.expected.json');
const UPSTREAM = join(ROOT, 'test/cli/data/upstream-rules');
const CORPUS_DIR = CORPORA;

test('the coverage JSON of the fixture repository equals the checked-in expectation', () => {
  const r = run(['coverage', REPO, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), JSON.parse(readFileSync(EXPECTED, 'utf8')));
  // Every status is present: the fixtures cover them all.
  const doc = JSON.parse(r.out) as { alerts: { status: string; runbook: string | null; runbookUrl: string | null }[]; runbooks: { relatedAlerts: { status: string }[] }[] };
  assert.deepEqual([...new Set(doc.alerts.map((a) => a.status))].sort(), ['covered', 'dangling', 'missing']);
  assert.deepEqual([...new Set(doc.runbooks.flatMap((x) => x.relatedAlerts.map((a) => a.status)))].sort(), ['defined', 'unknown']);
  assert.ok(doc.alerts.some((a) => a.status === 'covered' && a.runbook === null && a.runbookUrl), 'a link outside the repository is covered without a runbook path');
  assert.ok(doc.alerts.some((a) => a.status === 'covered' && a.runbook && a.runbookUrl === null), 'an alert listed in related_alerts is covered without a link');
  assert.match(r.err, /deploy\/broken\.rules\.yaml/, 'a rule file that does not parse is named on stderr');
});

test('text output: a table of alerts, runbooks with unknown related alerts, counts per severity', () => {
  const r = run(['coverage', REPO]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^alert\s+severity\s+status\s+runbook\s+rule$/m);
  assert.match(r.out, /^NodeDiskPressure\s+critical\s+dangling\s+infra\/runbooks\/platform\/node-disk-pressure\.md \(does not exist\)\s+infra\/alerts\/platform\.rules\.yaml:19$/m);
  assert.match(r.out, /^KubeletDown\s+critical\s+covered\s+infra\/runbooks\/platform\/node-not-ready\.md \(lists it in related_alerts\)/m);
  assert.match(r.out, /^KubeAPIErrorBudgetBurn\s+critical\s+covered\s+https:\/\/wiki\.example\.com\/\S+ \(outside this repository, not checked\)/m);
  assert.match(r.out, /infra\/runbooks\/storage\/object-store-restore\.md: MinioClusterDegraded/);
  assert.match(r.out, /^ {2}critical \(pages\)\s+8 alerts:\s+4 covered\s+1 missing\s+3 dangling$/m);
  assert.match(r.out, /^13 alerts: 7 covered, 3 missing, 3 dangling; 2 unknown related alerts$/m);
});

test('--fail-on: missing counts paging alerts only, dangling and unknown fail CI; usage errors exit 2', () => {
  for (const [what, code] of [['missing', 1], ['dangling', 1], ['unknown', 1], ['missing,dangling', 1]] as const) {
    const r = run(['coverage', REPO, '--fail-on', what]);
    assert.equal(r.code, code, `${what}: ${r.err}`);
  }
  assert.match(run(['coverage', REPO, '--fail-on', 'missing,dangling']).err, /2 paging alerts without a runbook, 3 dangling runbook links/);
  // Without paging severities nothing is "missing" for CI (the warning alerts without a runbook stay listed).
  const cfg = tempDir({ 'c.yaml': 'alerts:\n  repository: acme/infra\nurlTemplate: https://runbooks.example.com/{path}\nrules:\n  RB602:\n    severities: [sev0]\n' });
  assert.equal(run(['coverage', REPO, '--fail-on', 'missing', '--config', join(cfg, 'c.yaml')]).code, 0);
  rmSync(cfg, { recursive: true, force: true });
  assert.equal(run(['coverage', REPO, '--fail-on', 'everything']).code, 2);
  assert.equal(run(['coverage', REPO, '--format', 'sarif']).code, 2);
  assert.equal(run(['coverage', join(REPO, 'no-such-folder')]).code, 2);
  assert.match(run(['coverage', '--help']).out, /--fail-on <what>/);
});

test('github format: RB601 on dangling links, RB602 on paging alerts without a runbook, RB506 on unknown related alerts', () => {
  const r = run(['coverage', REPO, '--format', 'github']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  const ann = lines.filter((l) => l.startsWith('::'));
  assert.deepEqual(ann.map((l) => /^::(\w+) file=([^,]+),line=(\d+),.*title=(RB\d+)/.exec(l)!.slice(1).join(' ')), [
    'error deploy/chart/templates/alerts.yaml 24 RB601',
    'warning deploy/monitoring/gitops.yaml 28 RB602',
    'error deploy/monitoring/storage-prometheusrule.yaml 23 RB601',
    'error infra/alerts/platform.rules.yaml 27 RB601',
    'warning infra/alerts/platform.rules.yaml 38 RB602',
    'warning infra/runbooks/platform/pod-crashloopbackoff.md 15 RB506',
    'warning infra/runbooks/storage/object-store-restore.md 15 RB506',
  ]);
  assert.ok(!r.out.includes('KubeQuotaExceeded'), 'a warning-severity alert without a runbook is no annotation');
  assert.match(lines.at(-1)!, /^13 alerts: /);
});

test('a token in a runbook_url never appears in any coverage output', () => {
  const token = ['glpat', '-', 'Xq7Vm2Nc9Lp4Rt8Wz1Ky'].join('');
  const dir = tempDir({
    'infra/alerts/a.rules.yaml': `groups:\n- rules:\n  - alert: A\n    expr: up == 0\n    labels: { severity: critical }\n    annotations:\n      runbook_url: https://ci:${token}@git.example.com/acme/infra/-/blob/main/infra/runbooks/x.md?private_token=${token}\n  - alert: B\n    expr: up == 0\n    labels: { severity: critical }\n    annotations:\n      runbook_url: ../runbooks/${token}.md\n`,
    '.runbook-lint.yaml': 'alerts:\n  repository: acme/infra\n',
  });
  try {
    for (const format of ['text', 'json', 'github']) {
      const r = run(['coverage', dir, '--format', format]);
      assert.equal(r.code, 0, r.err);
      for (let i = 0; i + 8 <= token.length; i++) assert.ok(!(r.out + r.err).includes(token.slice(i, i + 8)), `${format} output holds part of the token: ${r.out}`);
      assert.match(r.out, /dangling|RB601/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('upstream-style rule files (kube-prometheus, mixins, OpenShift, KubeVirt) resolve every runbook_url to the corpus runbooks', { skip: !existsSync(CORPUS_DIR) && 'corpora not present' }, () => {
  const dir = tempDir();
  try {
    cpSync(join(CORPUS_DIR, 'openshift-runbooks/alerts'), join(dir, 'alerts'), { recursive: true });
    mkdirSync(join(dir, 'content'));
    cpSync(join(CORPUS_DIR, 'prometheus-operator-runbooks/content/runbooks'), join(dir, 'content/runbooks'), { recursive: true });
    materialize(UPSTREAM, dir);
    const r = run(['coverage', dir, '--format', 'json', '--fail-on', 'missing,dangling,unknown']);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as { alerts: { name: string; status: string; runbook: string | null }[]; summary: Record<string, number> };
    assert.equal(doc.alerts.length, 19);
    for (const a of doc.alerts) {
      assert.equal(a.status, 'covered', a.name);
      assert.ok(a.runbook && existsSync(join(dir, a.runbook)), `${a.name} resolves to a corpus file: ${a.runbook}`);
      assert.ok(a.runbook.split('/').pop()!.toLowerCase().startsWith(a.name.toLowerCase()), `${a.name} -> ${a.runbook}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on the corpora (runbooks, no rule files) nothing new fires', { skip: !existsSync(CORPUS_DIR) && 'corpora not present' }, () => {
  const cov = run(['coverage', CORPUS_DIR, '--format', 'json', '--fail-on', 'missing,dangling,unknown']);
  assert.equal(cov.code, 0, cov.err);
  assert.deepEqual(JSON.parse(cov.out).summary, { alerts: 0, covered: 0, missing: 0, dangling: 0, unknownRelated: 0 });
  const cfg = tempDir({ 'c.yaml': 'include: ["**/*.md"]\n' });
  try {
    const r = run(['--format', 'json', '--config', join(cfg, 'c.yaml'), '--rule', 'RB506', '--rule', 'RB507', '--rule', 'RB601', '--rule', 'RB602', CORPUS_DIR]);
    const doc = JSON.parse(r.out) as { files: { findings: unknown[] }[] };
    assert.ok(doc.files.length > 380, `checked ${doc.files.length} corpus files`);
    assert.deepEqual(doc.files.flatMap((f) => f.findings), []);
  } finally {
    rmSync(cfg, { recursive: true, force: true });
  }
});
