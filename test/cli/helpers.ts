// Shared by the CLI tests: run the bundled dist/cli.js as a user would, make temp folders and git repos.
import { after } from 'node:test';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');

export interface RunResult {
  code: number | null;
  out: string;
  err: string;
}

export function run(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const memo = new Map<string, RunResult>();
/** `run` for read-only runs over the repository's own files, done once per test file. */
export function runOnce(args: string[]): RunResult {
  const key = JSON.stringify(args);
  let r = memo.get(key);
  if (!r) memo.set(key, (r = run(args)));
  return r;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
}

export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbl-'));
  writeFiles(dir, files);
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A git repo on branch `main` with `files` committed. */
export function tempRepo(files: Record<string, string | Buffer>, branch = 'main'): string {
  const dir = tempDir(files);
  git(dir, 'init', '-q', '-b', branch);
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

export function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `tempDir` for one test file: every folder it makes is removed when the file's tests end. */
export function tempDirsRemovedAfter(): (files?: Record<string, string | Buffer>) => string {
  const made: string[] = [];
  after(() => made.forEach(remove));
  return (files = {}) => {
    const d = tempDir(files);
    made.push(d);
    return d;
  };
}

/** The clean runbook with another runbook_id/title so several can sit in one repo. */
export function cleanRunbook(n: number, lastReviewed?: string): string {
  let t = CLEAN.replace(/runbook_id: "?RB-PLAT-\d+"?/, `runbook_id: "RB-PLAT-${String(100 + n).padStart(3, '0')}"`);
  if (lastReviewed) t = t.replace(/last_reviewed: "?\d{4}-\d{2}-\d{2}"?/, `last_reviewed: "${lastReviewed}"`);
  return t;
}
