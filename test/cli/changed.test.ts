// `runbook-lint --changed`: temporary git repos built with the machine's git.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, git, type RunResult, tempRepo, tempDir, writeFiles, remove, cleanRunbook } from './helpers.js';

const made: string[] = [];
after(() => made.forEach(remove));
function repo(files: Record<string, string>, branch = 'main'): string {
  const d = tempRepo(files, branch);
  made.push(d);
  return d;
}

interface JsonOut {
  files: { path: string; findings: { ruleId: string; message: string }[] }[];
}
function parse(r: RunResult): JsonOut {
  assert.ok(r.out.trim(), `no output (exit ${r.code}): ${r.err}`);
  return JSON.parse(r.out) as JsonOut;
}
const paths = (r: RunResult) => parse(r).files.map((f) => f.path).sort();
const hasRule = (id: string) => run(['--list-rules']).out.includes(`${id} `);

test('--changed lists added, modified, renamed, staged, unstaged and untracked runbooks; deletions and non-runbooks are ignored', () => {
  const dir = repo({
    'runbooks/platform/a.md': cleanRunbook(1),
    'runbooks/platform/b.md': cleanRunbook(2),
    'runbooks/platform/c.md': cleanRunbook(3),
    'runbooks/platform/d.md': cleanRunbook(4),
    'runbooks/platform/same.md': cleanRunbook(5),
    'docs/notes.md': '# notes\n',
  });
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFiles(dir, { 'runbooks/platform/new-committed.md': cleanRunbook(6) });
  writeFileSync(join(dir, 'runbooks/platform/a.md'), cleanRunbook(1) + '\nMore words.\n');
  git(dir, 'mv', 'runbooks/platform/c.md', 'runbooks/platform/c-renamed.md');
  git(dir, 'rm', '-q', 'runbooks/platform/d.md');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'feature work');
  // Not committed: staged, unstaged, untracked, a deletion in the working tree, a non-runbook.
  writeFiles(dir, { 'runbooks/platform/staged.md': cleanRunbook(7) });
  git(dir, 'add', 'runbooks/platform/staged.md');
  writeFileSync(join(dir, 'runbooks/platform/b.md'), cleanRunbook(2) + '\nUnstaged edit.\n');
  writeFiles(dir, { 'runbooks/platform/untracked.md': cleanRunbook(8), 'docs/notes.md': '# notes\nchanged\n' });
  const r = run(['--changed', '--format', 'json'], dir);
  assert.notEqual(r.code, 2, r.err);
  assert.deepEqual(paths(r), [
    'runbooks/platform/a.md',
    'runbooks/platform/b.md',
    'runbooks/platform/c-renamed.md',
    'runbooks/platform/new-committed.md',
    'runbooks/platform/staged.md',
    'runbooks/platform/untracked.md',
  ]);
});

test('--changed follows a rename with edits and ignores a file deleted only in the working tree', () => {
  const dir = repo({ 'runbooks/platform/old-name.md': cleanRunbook(1), 'runbooks/platform/gone.md': cleanRunbook(2) });
  git(dir, 'checkout', '-q', '-b', 'feature');
  renameSync(join(dir, 'runbooks/platform/old-name.md'), join(dir, 'runbooks/platform/new-name.md'));
  writeFileSync(join(dir, 'runbooks/platform/new-name.md'), readFileSync(join(dir, 'runbooks/platform/new-name.md'), 'utf8') + '\nEdited after the move.\n');
  git(dir, 'add', '-A');
  unlinkSync(join(dir, 'runbooks/platform/gone.md'));
  const r = run(['--changed', 'main', '--format', 'json'], dir);
  assert.notEqual(r.code, 2, r.err);
  assert.deepEqual(paths(r), ['runbooks/platform/new-name.md']);
});

test('--changed uses the merge base: a runbook changed only on main since the branch forked is not reported', () => {
  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1), 'runbooks/platform/b.md': cleanRunbook(2) });
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'runbooks/platform/a.md'), cleanRunbook(1) + '\nfeature edit\n');
  git(dir, 'commit', '-q', '-am', 'feature');
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(join(dir, 'runbooks/platform/b.md'), cleanRunbook(2) + '\nmain edit\n');
  git(dir, 'commit', '-q', '-am', 'main moves on');
  git(dir, 'checkout', '-q', 'feature');
  for (const args of [['--changed'], ['--changed', 'main'], ['--changed=main']]) {
    const r = run([...args, '--format', 'json'], dir);
    assert.deepEqual(paths(r), ['runbooks/platform/a.md'], args.join(' '));
  }
});

test('--changed finds the default branch: origin/HEAD first, then main, then master', () => {
  // origin/HEAD -> origin/trunk wins over a local main.
  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1), 'runbooks/platform/b.md': cleanRunbook(2) }, 'trunk');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'update-ref', 'refs/remotes/origin/trunk', base);
  git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
  writeFileSync(join(dir, 'runbooks/platform/a.md'), cleanRunbook(1) + '\nedit on trunk\n');
  git(dir, 'commit', '-q', '-am', 'x');
  git(dir, 'branch', 'main'); // a local main at HEAD would hide the change if it were chosen
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'runbooks/platform/b.md'), cleanRunbook(2) + '\nedit on feature\n');
  let r = run(['--changed'], dir);
  assert.match(r.out, /^Runbooks changed against origin\/trunk \([0-9a-f]{12}\) \(--filter-mode added: [^)]+\):$/m);
  r = run(['--changed', '--format', 'json'], dir);
  assert.deepEqual(paths(r), ['runbooks/platform/a.md', 'runbooks/platform/b.md']);

  // No origin: main.
  git(dir, 'update-ref', '-d', 'refs/remotes/origin/HEAD');
  r = run(['--changed', '--format', 'json'], dir);
  assert.deepEqual(paths(r), ['runbooks/platform/b.md']);

  // Only master.
  const m = repo({ 'runbooks/platform/a.md': cleanRunbook(1) }, 'master');
  git(m, 'checkout', '-q', '-b', 'topic');
  writeFiles(m, { 'runbooks/platform/n.md': cleanRunbook(2) });
  r = run(['--changed'], m);
  assert.match(r.out, /^Runbooks changed against master /m);
  assert.match(r.out, /^1 file checked/m);
});

test('--changed with paths limits the run to changed runbooks under them', () => {
  const dir = repo({ 'team-a/runbooks/platform/a.md': cleanRunbook(1), 'team-b/runbooks/platform/b.md': cleanRunbook(2) });
  writeFileSync(join(dir, 'team-a/runbooks/platform/a.md'), cleanRunbook(1) + '\nx\n');
  writeFileSync(join(dir, 'team-b/runbooks/platform/b.md'), cleanRunbook(2) + '\nx\n');
  const r = run(['--changed', 'main', 'team-b', '--format', 'json'], dir);
  assert.deepEqual(paths(r), ['team-b/runbooks/platform/b.md']);
  // `--changed team-b`: an existing path is a target, not a base.
  const r2 = run(['--changed', 'team-b', '--format', 'json'], dir);
  assert.deepEqual(paths(r2), ['team-b/runbooks/platform/b.md']);
});

test('--changed with nothing changed checks no file and exits 0', () => {
  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1) });
  const r = run(['--changed'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^0 files checked: 0 errors/m);
  assert.match(r.err, /no changed runbooks against main/);
});

test('--changed outside a git repository, or with an unknown base, exits 2 with a one-line reason', () => {
  const plain = tempDir({ 'runbooks/platform/a.md': cleanRunbook(1) });
  made.push(plain);
  const outside = run(['--changed'], plain);
  assert.equal(outside.code, 2);
  assert.match(outside.err, /^runbook-lint: --changed needs a git repository/);
  assert.equal(outside.err.trim().split('\n').length, 1);

  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1) });
  const unknown = run(['--changed', 'no-such-branch'], dir);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.err, 'runbook-lint: --changed: unknown base "no-such-branch" (not a branch, tag or commit in this repository)\n');

  const nodefault = repo({ 'runbooks/platform/a.md': cleanRunbook(1) }, 'develop');
  const none = run(['--changed'], nodefault);
  assert.equal(none.code, 2);
  assert.match(none.err, /found no default branch .*--changed <base>/);
});

test('RB108 in changed mode: a changed runbook whose last_reviewed was not updated is reported; updating it clears that', (t) => {
  if (!hasRule('RB108')) {
    t.skip('RB108 (review-stale) is not in the rule registry yet');
    return;
  }
  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1, '2026-11-02'), 'runbooks/platform/b.md': cleanRunbook(2, '2026-11-02') });
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'runbooks/platform/a.md'), cleanRunbook(1, '2026-11-02') + '\nEdited, review date kept.\n');
  writeFileSync(join(dir, 'runbooks/platform/b.md'), cleanRunbook(2, '2026-11-20') + '\nEdited, review date updated.\n');
  writeFiles(dir, { 'runbooks/platform/c.md': cleanRunbook(3, '2026-11-02') });
  // Renames are followed: the base version is the old path's, so a kept date is still reported
  // after an edit; a pure move (no content change) is not an edit that needs a new review date.
  writeFiles(dir, { 'runbooks/platform/d.md': cleanRunbook(4, '2026-11-02'), 'runbooks/platform/e.md': cleanRunbook(5, '2026-11-02') });
  git(dir, 'add', 'runbooks/platform/d.md', 'runbooks/platform/e.md');
  git(dir, 'commit', '-q', '-m', 'd and e');
  git(dir, 'branch', '-f', 'main');
  git(dir, 'mv', 'runbooks/platform/d.md', 'runbooks/platform/d-moved.md');
  writeFileSync(join(dir, 'runbooks/platform/d-moved.md'), cleanRunbook(4, '2026-11-02') + '\nMoved and edited.\n');
  git(dir, 'mv', 'runbooks/platform/e.md', 'runbooks/platform/e-moved.md');
  const r = run(['--changed', '--format', 'json', '--rule', 'RB108'], dir);
  const files = parse(r).files;
  const rb108 = (p: string) => files.find((f) => f.path === p)!.findings.filter((f) => f.ruleId === 'RB108');
  assert.equal(rb108('runbooks/platform/a.md').length, 1, 'edited but last_reviewed unchanged');
  assert.equal(rb108('runbooks/platform/b.md').length, 0, 'last_reviewed updated');
  assert.equal(rb108('runbooks/platform/c.md').length, 0, 'a new runbook');
  assert.equal(rb108('runbooks/platform/d-moved.md').length, 1, 'renamed and edited, last_reviewed unchanged');
  assert.equal(rb108('runbooks/platform/e-moved.md').length, 0, 'moved only');
  // Outside changed mode the same file is fine (the date is recent).
  const plain = run(['runbooks/platform/a.md', '--format', 'json', '--rule', 'RB108'], dir);
  assert.equal(parse(plain).files[0]!.findings.length, 0);
});
