// The repository root is found by looking for `.git` upwards (no git process on every run); it must
// be git's own answer wherever git would answer, and git is asked where its answer could differ.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, tempDir, tempRepo, remove } from './helpers.js';
import { gitRoot } from '../../server/src/cli/git.js';
import { findWorkTree } from '../../server/src/cli/worktree.js';

const made: string[] = [];
after(() => made.forEach(remove));
const noGitEnv = { PATH: process.env['PATH'] };

test('a repository, a folder inside it, a worktree: the same root git names', () => {
  const repo = realpathSync(tempRepo({ 'runbooks/platform/a.md': '# A\n' }));
  made.push(repo);
  const inner = join(repo, 'runbooks', 'platform');
  for (const dir of [repo, inner]) {
    assert.equal(findWorkTree(dir, noGitEnv), repo, dir);
    assert.equal(gitRoot(dir, noGitEnv), git(dir, 'rev-parse', '--show-toplevel').trim(), dir);
  }
  // A linked worktree (and a submodule) has a `.git` file that points at the real git folder.
  const wt = join(realpathSync(tempDir()), 'wt');
  made.push(join(wt, '..'));
  git(repo, 'worktree', 'add', '-q', wt);
  assert.equal(findWorkTree(join(wt, 'runbooks'), noGitEnv), wt);
  assert.equal(gitRoot(join(wt, 'runbooks'), noGitEnv), git(join(wt, 'runbooks'), 'rev-parse', '--show-toplevel').trim());
});

test('no repository: undefined, like git; git is asked when GIT_DIR/GIT_WORK_TREE is set, inside .git, or for an odd .git', () => {
  const dir = realpathSync(tempDir({ 'runbooks/a.md': '# A\n' }));
  made.push(dir);
  assert.equal(findWorkTree(join(dir, 'runbooks'), noGitEnv), undefined);
  assert.equal(gitRoot(join(dir, 'runbooks'), noGitEnv), undefined);
  assert.equal(findWorkTree(dir, { ...noGitEnv, GIT_DIR: '/elsewhere/.git' }), 'ask git');
  assert.equal(findWorkTree(dir, { ...noGitEnv, GIT_WORK_TREE: '/elsewhere' }), 'ask git');
  const repo = realpathSync(tempRepo({ 'a.md': '# A\n' }));
  made.push(repo);
  assert.equal(findWorkTree(join(repo, '.git', 'refs'), noGitEnv), 'ask git');
  // A `.git` folder without HEAD, or a `.git` file that is not a `gitdir:` pointer: git decides.
  mkdirSync(join(dir, 'odd', '.git'), { recursive: true });
  assert.equal(findWorkTree(join(dir, 'odd'), noGitEnv), 'ask git');
  mkdirSync(join(dir, 'odd2'));
  writeFileSync(join(dir, 'odd2', '.git'), 'not a pointer\n');
  assert.equal(findWorkTree(join(dir, 'odd2'), noGitEnv), 'ask git');
});
