// Bulk suppressions from the command line: --suppress-all, --suppress-rule, --prune-suppressions
// and runbook-lint-suppressions.json read on every later run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDirsRemovedAfter, remove, cleanRunbook, type RunResult } from './helpers.js';
import { leakedSubstring } from '../helpers/leak.js';

const repo = tempDirsRemovedAfter();

const FILE = 'runbook-lint-suppressions.json';
const OLD_A = cleanRunbook(1).replace('## Step 5 — Prevention', 'Remove the stuck pod:\n\n```sh\nkubectl delete pod web-0 -n shop\n```\n\n## Step 5 — Prevention');
const OLD_B = '# Restart the billing worker\n\nRestart it.\n';
const TOKEN = ['ghp', '_', 'Zq7Kw9Rt2Lm', 'XvB4nP8sYh6', 'JgT3cWd5Fk1', 'aQ9'].join('');

interface Json {
  files: { path: string; suppressed?: number; findings: { ruleId: string; range: { start: { line: number } } }[] }[];
  summary: { errors: number; suppressed: number };
}
const json = (r: RunResult) => JSON.parse(r.out) as Json;
const findings = (r: RunResult) => json(r).files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.range.start.line} ${x.ruleId}`)).sort();

function legacy(): string {
  return repo({ 'runbooks/platform/a.md': OLD_A, 'runbooks/platform/b.md': OLD_B });
}

test('--suppress-all records every finding, exits 0 and says how many; later runs read the file', () => {
  const dir = legacy();
  const before = run(['--format', 'json'], dir);
  assert.equal(before.code, 1);
  const total = json(before).files.reduce((n, f) => n + f.findings.length, 0);
  const r = run(['--suppress-all'], dir);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, new RegExp(`^2 files checked: 0 errors, 0 warnings, 0 infos \\(${total} suppressed\\)$`, 'm'));
  assert.match(r.err, new RegExp(`wrote ${FILE} \\(${total} suppressed findings in 2 files\\)`));
  const file = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as Record<string, Record<string, { count: number; fingerprints: string[] }>>;
  assert.deepEqual(Object.keys(file), ['runbooks/platform/a.md', 'runbooks/platform/b.md']);
  for (const rules of Object.values(file)) for (const e of Object.values(rules)) assert.equal(e.count, e.fingerprints.length);
  const again = run(['--format', 'json'], dir);
  assert.equal(again.code, 0, again.out);
  assert.equal(json(again).summary.suppressed, total);
  assert.deepEqual(findings(again), []);
});

test('after --suppress-all a new risky command or a token is reported alone (exit 1), and reverting it exits 0', () => {
  const dir = legacy();
  assert.equal(run(['--suppress-all'], dir).code, 0);
  const a = join(dir, 'runbooks/platform/b.md');
  writeFileSync(a, OLD_B + '\n## Clean up\n\n```sh\nkubectl delete namespace billing\n```\n');
  const risky = run(['--format', 'json'], dir);
  assert.equal(risky.code, 1);
  const got = findings(risky);
  // The fence (line 7: RB211 no "why") and the command (line 8), nothing from the old text.
  assert.ok(got.length > 0 && got.every((g) => /^runbooks\/platform\/b\.md:[78] /.test(g)), got.join('\n'));
  assert.ok(got.some((g) => g.endsWith('RB301')) && got.some((g) => g.endsWith('RB302')), got.join('\n'));
  writeFileSync(a, OLD_B + `\nexport GITHUB_TOKEN=${TOKEN}\n`);
  const leak = run(['--format', 'json'], dir);
  assert.equal(leak.code, 1);
  assert.deepEqual(findings(leak), ['runbooks/platform/b.md:5 RB401']);
  assert.equal(leakedSubstring(leak.out + leak.err + readFileSync(join(dir, FILE), 'utf8'), TOKEN), undefined);
  writeFileSync(a, OLD_B);
  assert.equal(run([], dir).code, 0);
});

test('moving a suppressed finding to another line keeps it suppressed', () => {
  const dir = legacy();
  assert.equal(run(['--suppress-all'], dir).code, 0);
  writeFileSync(join(dir, 'runbooks/platform/a.md'), OLD_A.replace('Remove the stuck pod:', 'Some context first.\n\nRemove the stuck pod:'));
  const r = run([], dir);
  assert.equal(r.code, 0, r.out);
});

test('--suppress-rule records one rule only; --prune-suppressions drops what no longer occurs', () => {
  const dir = legacy();
  const r = run(['--suppress-rule', 'RB301', '--format', 'json'], dir);
  const file = () => JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as Record<string, Record<string, { count: number }>>;
  assert.deepEqual(Object.keys(file()), ['runbooks/platform/a.md']);
  assert.deepEqual(Object.keys(file()['runbooks/platform/a.md']!), ['RB301']);
  assert.ok(!findings(r).some((f) => f.endsWith('RB301')), 'the suppressed rule is gone from the output');
  assert.ok(findings(r).some((f) => f.endsWith('RB302')), 'other rules still report');
  // The command is given a rollback: RB301 no longer occurs; pruning removes its entry.
  writeFileSync(join(dir, 'runbooks/platform/a.md'), OLD_A.replace('kubectl delete pod web-0 -n shop\n```\n', 'kubectl delete pod web-0 -n shop\n```\n\nRollback: the ReplicaSet recreates the pod.\n'));
  run(['--suppress-all'], dir);
  const before = file()['runbooks/platform/b.md'];
  const p = run(['--prune-suppressions', 'runbooks/platform/a.md'], dir);
  assert.equal(p.code, 0, p.out + p.err);
  assert.ok(!file()['runbooks/platform/a.md']?.['RB301']);
  assert.deepEqual(file()['runbooks/platform/b.md'], before, 'files not checked keep their entries');
});

test('--prune-suppressions drops files that no longer exist; a run without changes leaves the file untouched', () => {
  const dir = legacy();
  run(['--suppress-all'], dir);
  const text = readFileSync(join(dir, FILE), 'utf8');
  const same = run(['--prune-suppressions'], dir);
  assert.match(same.err, /unchanged/);
  assert.equal(readFileSync(join(dir, FILE), 'utf8'), text);
  remove(join(dir, 'runbooks/platform/b.md'));
  run(['--prune-suppressions'], dir);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as object), ['runbooks/platform/a.md']);
});

test('an invalid suppressions file is a one-line usage error (exit 2), never ignored', () => {
  const dir = legacy();
  writeFileSync(join(dir, FILE), '{"runbooks/platform/a.md": {"RB301": {"count": "many"}}}');
  const r = run([], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /^runbook-lint: invalid suppressions file .*RB301: expected \{ "count": <whole number> \}/);
  assert.equal(r.err.trim().split('\n').length, 1);
});

test('--suppressions-location puts the file elsewhere; --suppress-all with --suppress-rule or --dry-run is a usage error', () => {
  const dir = legacy();
  mkdirSync(join(dir, 'ci'));
  const r = run(['--suppress-all', '--suppressions-location', 'ci/baseline.json'], dir);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(dir, 'ci/baseline.json')) && !existsSync(join(dir, FILE)));
  assert.ok(Object.keys(JSON.parse(readFileSync(join(dir, 'ci/baseline.json'), 'utf8')) as object).includes('../runbooks/platform/a.md'));
  assert.equal(run(['--suppressions-location', 'ci/baseline.json'], dir).code, 0);
  assert.equal(run(['--suppress-all', '--suppress-rule', 'RB301'], dir).code, 2);
  assert.equal(run(['--suppress-all', '--fix', '--dry-run'], dir).code, 2);
});
