// Adopting runbook-lint on an existing repository, as a new user would, on copies of the six
// real repositories in ../shared: init, --suppress-all, then only new problems fail the run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, remove, type RunResult } from './helpers.js';
import { CORPORA, TEAM_RUNBOOKS } from '../helpers/corpus.js';
import { parseConfig } from '../../server/src/core/config.js';
import { leakedSubstring } from '../helpers/leak.js';

const made: string[] = [];
after(() => made.forEach(remove));

const REPOS = [
  join(CORPORA, 'openshift-runbooks'),
  join(CORPORA, 'prometheus-operator-runbooks'),
  join(TEAM_RUNBOOKS, 'agglayer-runbooks'),
  join(TEAM_RUNBOOKS, 'cloud-gov-ops'),
  join(TEAM_RUNBOOKS, 'govwifi-dev-docs'),
  join(TEAM_RUNBOOKS, 'longhorn-kb'),
];
const TOKEN = ['ghp', '_', 'Zq7Kw9Rt2Lm', 'XvB4nP8sYh6', 'JgT3cWd5Fk1', 'aQ9'].join('');

interface Json {
  files: { path: string; findings: { ruleId: string; range: { start: { line: number } } }[] }[];
  summary: { suppressed: number };
}
const findings = (r: RunResult) => (JSON.parse(r.out) as Json).files.flatMap((f) => f.findings.map((x) => ({ path: f.path, line: x.range.start.line, ruleId: x.ruleId })));

/** A writable copy of a repository under a folder of the same name. */
function copy(src: string): string {
  const dir = join(tempDir(), src.split('/').pop()!);
  made.push(join(dir, '..'));
  cpSync(src, dir, { recursive: true });
  return dir;
}

for (const src of REPOS) {
  const name = src.split('/').pop()!;
  test(`${name}: init writes a config that parses; after --suppress-all only a new risky command or token fails, and reverting passes`, { skip: !existsSync(src) && `no ${src}` }, () => {
    const dir = copy(src);
    const init = run(['init'], dir);
    assert.equal(init.code, 0, init.err);
    assert.match(init.out, /^Wrote \.runbook-lint\.yaml\.\nFound \d+ Markdown files, \d+ of them runbooks/);
    assert.deepEqual(parseConfig(readFileSync(join(dir, '.runbook-lint.yaml'), 'utf8')).errors, []);
    const sup = run(['--suppress-all'], dir);
    assert.equal(sup.code, 0, sup.out.slice(-500) + sup.err);
    const clean = run(['--format', 'json'], dir);
    assert.equal(clean.code, 0);
    assert.deepEqual(findings(clean), []);
    // A runbook of the repository (one whose code fences are all closed, so the addition stays prose).
    const listed = Object.keys(JSON.parse(readFileSync(join(dir, 'runbook-lint-suppressions.json'), 'utf8')) as object);
    const all = (JSON.parse(clean.out) as Json).files.map((f) => f.path);
    const target = all.find((p) => (readFileSync(join(dir, p), 'utf8').match(/^\s*(```|~~~)/gm) ?? []).length % 2 === 0) ?? all[0]!;
    assert.ok(listed.length > 0 && target);
    const file = join(dir, target);
    const original = readFileSync(file, 'utf8');
    const eol = original.includes('\r\n') ? '\r\n' : '\n';
    const base = original.endsWith('\n') ? original : original + eol;
    const at = base.split(/\r?\n/).length; // 1-based line of the first added line
    writeFileSync(file, base + ['', '## Clean up', '', '```sh', 'kubectl delete pod stuck-worker -n example', '```', ''].join(eol));
    const risky = run(['--format', 'json'], dir);
    assert.equal(risky.code, 1, `${target}: ${risky.err}`);
    const got = findings(risky);
    assert.ok(got.some((f) => f.ruleId === 'RB301') && got.some((f) => f.ruleId === 'RB302'), JSON.stringify(got));
    for (const f of got) assert.ok(f.path === target && f.line >= at && f.line <= at + 5, `only the new lines: ${JSON.stringify(f)}`);
    writeFileSync(file, base + ['', `export GITHUB_TOKEN=${TOKEN}`, ''].join(eol));
    const leak = run(['--format', 'json'], dir);
    assert.equal(leak.code, 1);
    assert.deepEqual(findings(leak), [{ path: target, line: at + 1, ruleId: 'RB401' }]);
    assert.equal(leakedSubstring(leak.out + leak.err, TOKEN), undefined);
    writeFileSync(file, original);
    const back = run([], dir);
    assert.equal(back.code, 0, back.out.slice(-300));
    assert.match(back.out, /\(\d+.* suppressed\)$/m);
  });
}

test('init on the alert-runbook and docs-site repositories: where the runbooks are, their categories, aliases and links', { skip: !existsSync(CORPORA) && 'no corpora' }, () => {
  const openshift = copy(join(CORPORA, 'openshift-runbooks'));
  const o = run(['init', '--dry-run'], openshift);
  assert.equal(o.code, 0, o.err);
  assert.ok(!existsSync(join(openshift, '.runbook-lint.yaml')), '--dry-run writes nothing');
  const oc = parseConfig(o.out).raw;
  assert.deepEqual(oc.include, ['alerts/**/*.md']);
  assert.equal(oc.extends, 'existing-repo');
  assert.equal(oc.areas?.['cluster-monitoring-operator'], 'CMO');
  assert.match(o.err, /alert-runbook layout \(Meaning \/ Impact \/ Diagnosis \/ Mitigation\)/);
  const prom = run(['init', '--dry-run'], copy(join(CORPORA, 'prometheus-operator-runbooks')));
  const pc = parseConfig(prom.out).raw;
  assert.deepEqual(pc.include, ['content/runbooks/**/*.md']);
  assert.deepEqual(pc.exclude, ['**/_index.md']);
  assert.equal(pc.links?.siteRoot, 'content');
  const wifi = run(['init', '--dry-run'], copy(join(TEAM_RUNBOOKS, 'govwifi-dev-docs')));
  const wc = parseConfig(wifi.out).raw;
  assert.deepEqual(wc.aliases, { last_reviewed_on: 'last_reviewed' });
  assert.ok(wc.include?.every((g) => g.startsWith('source/') && g.endsWith('.html.md.erb')), String(wc.include));
  assert.match(wifi.out, /^# Front-matter keys these runbooks use/m, 'the file explains each section');
});

test('init never replaces a config without --force; --preset chooses the preset; a folder argument is the repository', () => {
  const dir = tempDir({ 'ops/runbooks/restart.md': '# Restart\n\n## Mitigation\n\n```sh\nkubectl rollout restart deploy/web\n```\n', '.runbook-lint.yaml': 'rules:\n  RB101: off\n' });
  made.push(dir);
  const r = run(['init'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /^runbook-lint: \.runbook-lint\.yaml already exists; init never replaces it without --force/);
  assert.equal(readFileSync(join(dir, '.runbook-lint.yaml'), 'utf8'), 'rules:\n  RB101: off\n');
  const g = run(['init', dir, '--force', '--preset', 'strict'], join(dir, '..'));
  assert.equal(g.code, 0, g.err);
  const c = parseConfig(readFileSync(join(dir, '.runbook-lint.yaml'), 'utf8')).raw;
  assert.equal(c.extends, 'strict');
  assert.deepEqual(c.include, ['ops/runbooks/**/*.md']);
  assert.equal(run(['init', '--preset', 'lenient', '--dry-run'], dir).code, 2);
});
