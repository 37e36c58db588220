// The git work tree around a folder, found without starting git (the CLI's startup path and its
// dist/cli.js loader use it; cli/git.ts asks git itself when this says 'ask git').
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/**
 * The folder above `cwd` holding a `.git` folder (with a HEAD) or a `.git` file (`gitdir: …`, as
 * worktrees and submodules have), found without starting git (a spawn costs 5-15 ms of every CLI
 * run); undefined when there is none up to the file-system root. 'ask git' when git's own answer
 * may differ: GIT_DIR / GIT_WORK_TREE set, `cwd` inside a .git folder, or a `.git` that is neither.
 */
export function findWorkTree(cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined | 'ask git' {
  if (env['GIT_DIR'] || env['GIT_WORK_TREE'] || cwd.split(sep).includes('.git')) return 'ask git';
  for (let d = cwd; ; d = dirname(d)) {
    const dotGit = join(d, '.git');
    let st;
    try {
      st = statSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) return isFile(join(dotGit, 'HEAD')) ? d : 'ask git';
    if (st?.isFile()) return startsWithGitdir(dotGit) ? d : 'ask git';
    if (dirname(d) === d) return undefined;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function startsWithGitdir(p: string): boolean {
  try {
    return readFileSync(p, 'utf8').startsWith('gitdir:');
  } catch {
    return false;
  }
}
