// `runbook-lint --fix` and `--fix --dry-run`: in-place, atomic, idempotent; diffs that apply and never show a secret.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, tempRepo, remove, ROOT, cleanRunbook } from './helpers.js';
import { writeAtomic } from '../../server/src/cli/fix.js';
import { unifiedDiff } from '../../server/src/cli/diff.js';

const made: string[] = [];
after(() => made.forEach(remove));
function copyExamples(): string {
  const d = tempDir();
  made.push(d);
  cpSync(join(ROOT, 'examples'), d, { recursive: true });
  return d;
}
function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) m.set(join(e.parentPath, e.name).slice(dir.length), readFileSync(join(e.parentPath, e.name), 'latin1'));
  }
  return m;
}

interface Out {
  files: { path: string; fixed?: number; findings: { fixable: boolean }[] }[];
  summary: { fixed: number; filesFixed: number; errors: number; warnings: number; infos: number };
}

test('--fix applies the safe fixes in place, reports fixed vs remaining, and a second run changes nothing', () => {
  const dir = copyExamples();
  const before = snapshot(dir);
  const first = run(['.', '--fix', '--format', 'json'], dir);
  assert.notEqual(first.code, 2, first.err);
  const j1 = JSON.parse(first.out) as Out;
  assert.ok(j1.summary.fixed > 0, 'the examples have fixable findings');
  assert.ok(j1.summary.filesFixed >= 1);
  const afterFirst = snapshot(dir);
  const changed = [...afterFirst].filter(([p, c]) => before.get(p) !== c).map(([p]) => p);
  assert.equal(changed.length, j1.summary.filesFixed, 'exactly the reported files changed');
  assert.deepEqual([...afterFirst.keys()].sort(), [...before.keys()].sort(), 'no temp file left behind, none removed');
  // What remains is reported, and is what a plain check of the fixed files finds.
  const check = JSON.parse(run(['.', '--format', 'json'], dir).out) as Out;
  assert.equal(check.summary.errors, j1.summary.errors);
  assert.equal(check.summary.warnings + check.summary.infos, j1.summary.warnings + j1.summary.infos);

  const second = run(['.', '--fix', '--format', 'json'], dir);
  const j2 = JSON.parse(second.out) as Out;
  assert.equal(j2.summary.fixed, 0);
  assert.equal(j2.summary.filesFixed, 0);
  assert.deepEqual(snapshot(dir), afterFirst, 'idempotent: the second run writes nothing');
  const text = run(['.', '--fix'], dir);
  assert.match(text.out, /^Fixed 0 problems in 0 files; \d+ remaining(?: \(\d+ placeholders? to fill in\))?\.$/m);
});

test('--fix --dry-run prints a unified diff that patch applies to the same result as --fix, and writes nothing', () => {
  const a = copyExamples();
  const b = copyExamples();
  const before = snapshot(a);
  const dry = run(['.', '--fix', '--dry-run'], a);
  assert.notEqual(dry.code, 2, dry.err);
  assert.deepEqual(snapshot(a), before, 'dry run writes nothing');
  assert.match(dry.out, /^--- a\/infra\/runbooks\/storage\/object-store-restore\.md\n\+\+\+ b\/infra\/runbooks\/storage\/object-store-restore\.md\n@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  assert.match(dry.out, /^Would fix \d+ problems in \d+ files; \d+ remaining \(\d+ placeholders? to fill in\)\.$/m, 'the placeholders the fixes insert are counted as remaining, and said so');
  const dryJson = JSON.parse(run(['.', '--fix', '--dry-run', '--format', 'json'], a).out) as { files: { path: string; diff: string }[] };
  const storage = dryJson.files.find((f) => f.path.endsWith('object-store-restore.md'))!;
  assert.ok(storage.diff.startsWith('--- a/infra/runbooks/storage/object-store-restore.md\n'), 'JSON carries the same diff');
  assert.ok(dry.out.includes(storage.diff));
  assert.equal(dryJson.files.find((f) => f.path.endsWith('pod-crashloopbackoff.md'))!.diff, '');
  const p = spawnSync('patch', ['-p1', '--quiet'], { cwd: a, input: dry.out, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr + p.stdout);
  run(['.', '--fix'], b);
  assert.deepEqual(snapshot(a), snapshot(b));
});

test('--fix keeps the file mode and a leading BOM, and leaves clean files untouched (same mtime)', () => {
  const broken = cleanRunbook(1).replace('environments:', 'environment:');
  const dir = tempDir({ 'runbooks/platform/a.md': '\ufeff' + broken, 'runbooks/platform/clean.md': cleanRunbook(2) });
  made.push(dir);
  const a = join(dir, 'runbooks/platform/a.md');
  const clean = join(dir, 'runbooks/platform/clean.md');
  chmodSync(a, 0o640);
  const cleanMtime = statSync(clean).mtimeMs;
  const r = run(['runbooks', '--fix'], dir);
  assert.notEqual(r.code, 2, r.err);
  const text = readFileSync(a, 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'BOM kept');
  assert.match(text, /^environments:$/m, 'the unknown-key rename fix was applied');
  assert.equal(statSync(a).mode & 0o777, 0o640);
  assert.equal(statSync(clean).mtimeMs, cleanMtime);
});

test('writeAtomic refuses to touch a file whose content changed since it was read, and leaves no temp file', () => {
  const dir = tempDir({ 'a.md': 'edited by someone else\n' });
  made.push(dir);
  const f = join(dir, 'a.md');
  assert.equal(writeAtomic(f, 'what we read\n', 'our fix\n'), 'changed-on-disk');
  assert.equal(readFileSync(f, 'utf8'), 'edited by someone else\n');
  assert.deepEqual(readdirSync(dir), ['a.md']);
  assert.equal(writeAtomic(f, 'edited by someone else\n', 'our fix\n'), 'written');
  assert.equal(readFileSync(f, 'utf8'), 'our fix\n');
  assert.deepEqual(readdirSync(dir), ['a.md']);
});

test('unifiedDiff: hunks with context, no-newline markers, and masked lines', () => {
  // Expected outputs are GNU diff -u's for the same inputs.
  const old = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
  assert.equal(
    unifiedDiff('a/x', 'b/x', old, 'a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk'),
    '--- a/x\n+++ b/x\n@@ -1,11 +1,11 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n i\n j\n-k\n+k\n\\ No newline at end of file\n',
  );
  assert.equal(
    unifiedDiff('a/x', 'b/x', old + 'l\nm\n', 'a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nM\n'),
    '--- a/x\n+++ b/x\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n@@ -10,4 +10,4 @@\n j\n k\n l\n-m\n+M\n',
  );
  assert.equal(unifiedDiff('a/x', 'b/x', 'x\n', 'x\ny\n'), '--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n x\n+y\n');
  assert.equal(unifiedDiff('a/x', 'b/x', '', 'y\n'), '--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+y\n');
  assert.equal(unifiedDiff('a', 'b', old, old), '');
  const masked = unifiedDiff('a/x', 'b/x', 'key: s3cr3t-value\nok\n', 'key: <REDACTED>\nok\n', { maskOld: (l) => (l === 0 ? '<line redacted: secret>' : undefined) });
  assert.ok(!masked.includes('s3cr3t'));
  assert.match(masked, /^-<line redacted: secret>$/m);
  assert.match(masked, /^\+key: <REDACTED>$/m);
});

test('--fix --dry-run never prints a detected secret: lines with an RB401 finding are masked', (t) => {
  if (!run(['--list-rules']).out.includes('RB401 ')) {
    t.skip('RB401 (secret) is not in the rule registry yet');
    return;
  }
  // Built at run time so the repository holds no secret-looking literal.
  const key = ['ghp_', 'aB3dE6gH9jK2', 'mN5pQ8sT1vW4', 'yZ7bC0eF3hJ6'].join('');
  const secretLine = `Deploy token: ${key} (from the vault).`;
  const text = cleanRunbook(1).replace('# Recover a Deployment', `${secretLine}\n\n# Recover a Deployment`);
  const dir = tempDir({ 'runbooks/platform/a.md': text });
  made.push(dir);
  for (const args of [['--format', 'json'], ['--fix', '--dry-run'], ['--format', 'sarif'], ['--format', 'github'], []]) {
    const r = run(['runbooks', ...args], dir);
    if (args[1] === 'json') assert.ok(r.out.includes('"RB401"'), 'the key is detected');
    assert.ok(!r.out.includes(key.slice(4)) && !r.err.includes(key.slice(4)), `${args.join(' ') || 'text'} does not print the secret`);
  }
  const dry = run(['runbooks', '--fix', '--dry-run'], dir);
  assert.match(dry.out, /^-<line redacted: secret>$/m, 'the removed line is masked');
  assert.match(dry.out, /^\+Deploy token: <REDACTED/m, 'the redaction itself is shown');
  assert.equal(readFileSync(join(dir, 'runbooks/platform/a.md'), 'utf8'), text, 'dry run wrote nothing');
});

test('--fix and --changed --fix never stamp last_reviewed; --fix --rule RB108 does, as the author asked', () => {
  const stale = cleanRunbook(1, '2025-01-02');
  const dir = tempRepo({ 'runbooks/platform/a.md': stale });
  made.push(dir);
  const file = join(dir, 'runbooks/platform/a.md');
  writeFileSync(file, stale.replace('## Summary', 'An edit.\n\n## Summary'));
  const edited = readFileSync(file, 'utf8');
  for (const args of [['runbooks', '--fix'], ['--changed', 'HEAD', '--fix']]) {
    const r = run(args, dir);
    assert.notEqual(r.code, 2, r.err);
    assert.match(r.out, /RB108/, `${args.join(' ')}: RB108 still reported`);
    assert.equal(readFileSync(file, 'utf8'), edited, `${args.join(' ')}: the review date is left as written`);
  }
  const named = run(['runbooks', '--fix', '--rule', 'RB108'], dir);
  assert.notEqual(named.code, 2, named.err);
  assert.match(readFileSync(file, 'utf8'), /^last_reviewed: "\d{4}-\d{2}-\d{2}"$/m);
  assert.doesNotMatch(readFileSync(file, 'utf8'), /2025-01-02/, 'named explicitly, the suggestion is applied');
});

test('counts agree: "fixable" is what --fix applies; suggestions (RB402, RB108) are labelled so in text, JSON and SARIF', () => {
  const text = cleanRunbook(1, '2025-01-02')
    .replace('## Summary', 'Dashboard: http://10.20.30.40:3000/d/pods\n\n## Summary')
    .replace('environments:', 'environment:');
  const dir = tempDir({ 'runbooks/platform/a.md': text });
  made.push(dir);
  const j = JSON.parse(run(['runbooks', '--format', 'json'], dir).out) as { files: { findings: { ruleId: string; fixable: boolean; fix?: string }[] }[]; summary: { fixable: number; suggestions: number } };
  const fs = j.files[0]!.findings;
  const by = (id: string) => fs.find((f) => f.ruleId === id)!;
  assert.deepEqual([by('RB402').fix, by('RB402').fixable], ['suggestion', false]);
  assert.deepEqual([by('RB108').fix, by('RB108').fixable], ['suggestion', false]);
  assert.deepEqual([by('RB103').fix, by('RB103').fixable], ['safe', true]);
  assert.equal(j.summary.fixable, fs.filter((f) => f.fix === 'safe').length);
  assert.equal(j.summary.suggestions, fs.filter((f) => f.fix === 'suggestion').length);
  const sarif = JSON.parse(run(['runbooks', '--format', 'sarif'], dir).out) as { runs: { results: { properties: { fix?: string; fixable: boolean } }[] }[] };
  assert.equal(sarif.runs[0]!.results.filter((r) => r.properties.fix === 'safe' && r.properties.fixable).length, j.summary.fixable);
  assert.equal(sarif.runs[0]!.results.filter((r) => r.properties.fix === 'suggestion' && !r.properties.fixable).length, j.summary.suggestions);
  const plain = run(['runbooks'], dir).out;
  assert.match(plain, new RegExp(`\\(${j.summary.fixable} fixable with --fix, ${j.summary.suggestions} with a suggested fix\\)$`, 'm'));
  // After the fixes, nothing left is called fixable: the remaining findings are suggestions or need a person.
  const dry = run(['runbooks', '--fix', '--dry-run'], dir).out;
  assert.match(dry, /^Would fix \d+ problems? in 1 file; \d+ remaining/m);
  assert.doesNotMatch(dry, /fixable/, dry.split('\n').slice(-3).join('\n'));
  assert.match(dry, /\(2 with a suggested fix\)$/m);
});
