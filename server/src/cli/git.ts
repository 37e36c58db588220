// `--changed`: which runbooks changed against a base, using the machine's `git`.
// Paths from git are relative to the repository root (POSIX separators).
import { execFileSync } from 'node:child_process';
import { UsageError } from './args.js';
import { findWorkTree } from './worktree.js';

export interface ChangedFile {
  /** Path in the working tree, relative to the repository root. */
  path: string;
  /** Path of the same file at the base (differs from `path` after a rename); undefined when added. */
  basePath?: string;
  /** Moved without a content change (R100): not an edit that needs a new review date. */
  renamedOnly?: boolean;
}

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function tryGit(cwd: string, args: string[]): string | undefined {
  try {
    return git(cwd, args);
  } catch {
    return undefined;
  }
}

/** The top of the git work tree holding `cwd`, or undefined outside a repository (or without git). */
export function gitRoot(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = findWorkTree(cwd, env);
  if (found !== 'ask git') return found;
  const out = tryGit(cwd, ['rev-parse', '--show-toplevel']);
  return out?.trim() || undefined;
}

function verifyCommit(root: string, rev: string): string | undefined {
  return tryGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])?.trim() || undefined;
}

/** The default branch ref: origin/HEAD, then main, then master (local or origin/). */
export function defaultBranch(root: string): string | undefined {
  const originHead = tryGit(root, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])?.trim();
  if (originHead && verifyCommit(root, originHead)) return originHead.replace(/^refs\/remotes\//, '');
  for (const b of ['main', 'master', 'origin/main', 'origin/master']) if (verifyCommit(root, b)) return b;
  return undefined;
}

export interface ResolvedBase {
  /** What the user named (or the default branch found). */
  name: string;
  /** The commit compared against: the merge base of that ref and HEAD. */
  commit: string;
}

/** Resolves `--changed [<base>]` to a commit; a UsageError (exit 2) outside a repo or for an unknown base. */
export function resolveBase(cwd: string, base: true | string): { root: string; base: ResolvedBase } {
  const root = gitRoot(cwd);
  if (!root) throw new UsageError(`--changed needs a git repository, and ${cwd} is not inside one`);
  const name = base === true ? defaultBranch(root) : base;
  if (!name) throw new UsageError('--changed found no default branch (origin/HEAD, main or master); name a base: --changed <base>');
  const commit = verifyCommit(root, name);
  if (!commit) throw new UsageError(`--changed: unknown base "${name}" (not a branch, tag or commit in this repository)`);
  const head = verifyCommit(root, 'HEAD');
  // The merge base, so commits that landed on the base branch after this branch forked are not "changes".
  const mb = head ? tryGit(root, ['merge-base', commit, head])?.trim() : undefined;
  return { root, base: { name, commit: mb || commit } };
}

/**
 * Files added, modified or renamed between the base commit and the working tree (so staged and
 * unstaged changes count), plus untracked files git does not ignore. Deleted files are left out.
 */
export function changedFiles(root: string, base: ResolvedBase): ChangedFile[] {
  const out = new Map<string, ChangedFile>();
  const diff = git(root, ['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', '--no-relative', base.commit, '--']);
  const parts = diff.split('\0');
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++];
    if (!status) continue;
    const kind = status[0];
    if (kind === 'R' || kind === 'C') {
      const from = parts[i++]!;
      const to = parts[i++]!;
      out.set(to, { path: to, basePath: kind === 'R' ? from : undefined, ...(status === 'R100' ? { renamedOnly: true } : {}) });
    } else {
      const p = parts[i++]!;
      if (kind === 'D') continue;
      out.set(p, { path: p, basePath: kind === 'A' ? undefined : p });
    }
  }
  const untracked = git(root, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name']);
  for (const p of untracked.split('\0')) if (p && !out.has(p)) out.set(p, { path: p });
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Text of `path` at `commit`, or undefined when it does not exist there. */
export function showAtBase(root: string, commit: string, path: string): string | undefined {
  return tryGit(root, ['show', `${commit}:${path}`]);
}

/**
 * Lines (1-based, of the working-tree file) that its diff against the base touches: with
 * `context` 0 the added and modified lines, else the hunks with their context lines. A deletion
 * touches the lines on both sides of it. 'all' for a file the base does not have.
 */
export function touchedLines(root: string, base: ResolvedBase, file: ChangedFile, context: number): Set<number> | 'all' {
  if (!file.basePath) return 'all';
  const paths = file.basePath === file.path ? [file.path] : [file.basePath, file.path];
  const out = git(root, ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-relative', `-U${context}`, '-M', base.commit, '--', ...paths]);
  const lines = new Set<number>();
  for (const m of out.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const n = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < n; i++) lines.add(start + i);
    if (n === 0) {
      lines.add(start);
      lines.add(start + 1);
    }
  }
  return lines;
}
