// runbook-lint as a user runs it: the bundled dist/cli.js in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tempRepo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbl-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

test('examples/: prints path:line:col severity RBxxx message lines and a summary, exits 1 on errors', () => {
  const r = run(['examples']);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0]!, /^examples\/infra\/runbooks\/\S+\.md {2}DoD \d\/7$/, 'a header line per file with its DoD score');
  assert.match(lines[1]!, /^examples\/infra\/runbooks\/\S+\.md:\d+:\d+ (error|warning|info) RB\d{3} \S/);
  assert.ok(r.out.includes('storage/object-store-restore.md:1:1 error RB103 Front matter is missing `owner`'));
  assert.match(lines[lines.length - 1]!, /^4 files checked: \d+ errors, \d+ warnings?, \d+ infos?/);
  assert.ok(!r.out.includes('platform/pod-crashloopbackoff.md:'), 'the clean example has no findings');
  assert.ok(!r.out.includes('gitops/argocd-sync-stuck.md:'), 'the clean example has no findings');
});

test('clean runbooks exit 0', () => {
  const r = run(['examples/infra/runbooks/platform', 'examples/infra/runbooks/gitops']);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^2 files checked: 0 errors, 0 warnings, 0 infos$/m);
});

test('--format json has the documented shape with 1-based positions and fixability', () => {
  const r = run(['examples', '--format', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out) as { version: number; files: { path: string; findings: { ruleId: string; severity: string; range: { start: { line: number; column: number } }; fixable: boolean; message: string }[] }[]; summary: { errors: number; files: number } };
  assert.equal(j.version, 1);
  assert.equal(j.summary.files, 4);
  const storage = j.files.find((f) => f.path.endsWith('object-store-restore.md'))!;
  const owner = storage.findings.find((f) => f.ruleId === 'RB103' && f.message.includes('owner'))!;
  assert.deepEqual(owner.range.start, { line: 1, column: 1 });
  assert.equal(owner.fixable, true);
  assert.equal(j.summary.errors, j.files.flatMap((f) => f.findings).filter((f) => f.severity === 'error').length);
});

test('usage errors exit 2 with a one-line reason', () => {
  for (const args of [['--format', 'xml', 'examples'], ['--bogus'], ['does/not/exist.md'], ['nothing-*.md']]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.err.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /^runbook-lint: /);
  }
});

test('an invalid .runbook-lint.yaml is a positioned error with exit 2, never a silent default', () => {
  const dir = tempRepo({
    '.runbook-lint.yaml': 'review:\n  maxAgeDays: soon\nrules:\n  RB999: off\n',
    'runbooks/platform/a.md': CLEAN,
  });
  const r = run(['.'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /invalid config .*\.runbook-lint\.yaml:2:\d+: `review\.maxAgeDays` should be a whole number/);
});

test('a valid config changes severities (rules: RB103: warning) and --config points at one', () => {
  const dir = tempRepo({
    'cfg/custom.yaml': 'rules:\n  front-matter-required: warning\n',
    'runbooks/platform/a.md': CLEAN.replace('owner: "platform-sre"\n', ''),
  });
  const without = run(['runbooks'], dir);
  assert.equal(without.code, 1);
  const withCfg = run(['runbooks', '--config', 'cfg/custom.yaml'], dir);
  assert.equal(withCfg.code, 0, withCfg.out + withCfg.err);
  assert.match(withCfg.out, /warning RB103/);
});

test('binary and non-UTF-8 files get a clear message and exit 2; other files are still checked', () => {
  const dir = tempRepo({
    'runbooks/platform/a.md': CLEAN,
    'runbooks/platform/bin.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    'runbooks/platform/latin1.md': Buffer.from('# Caf\xe9\n', 'latin1'),
  });
  const r = run(['runbooks'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /bin\.md looks binary/);
  assert.match(r.err, /latin1\.md is not valid UTF-8 \(first bad byte at offset 5\)/);
  assert.match(r.out, /1 file checked/);
});

test('a directory without runbooks is a clear usage error', () => {
  const dir = tempRepo({ 'docs/notes.md': '# Notes\n' });
  const r = run(['docs'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /no runbooks under docs/);
});
