// The real runbook corpora in ../shared/corpora (389 public runbooks), shared by the tests that
// read them: robustness, false positives, incremental parsing and property-based mutations.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `../shared` beside the checkout (`/work/main` -> `/work/shared`); a git worktree sits one level
 * deeper (`/work/wt/<name>`), so the nearest ancestor holding `shared/corpora` is taken.
 */
function sharedDir(): string {
  let d = join(import.meta.dirname, '..', '..', '..');
  for (let i = 0; i < 3; i++, d = dirname(d)) if (existsSync(join(d, 'shared', 'corpora'))) return join(d, 'shared');
  return join(import.meta.dirname, '..', '..', '..', 'shared');
}

/** `RUNBOOK_SHARED` overrides where the shared data is. */
export const SHARED = process.env['RUNBOOK_SHARED'] || sharedDir();
export const CORPORA = join(SHARED, 'corpora');
/** Runbooks from four other teams, in their own formats (../shared/team-runbooks). */
export const TEAM_RUNBOOKS = join(SHARED, 'team-runbooks');

/** Every file below the corpora (or `root`, e.g. TEAM_RUNBOOKS) that `keep` accepts (default: Markdown files), sorted. */
export function corpusFiles(keep: (path: string, name: string) => boolean = (_p, name) => name.endsWith('.md'), root = CORPORA): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      // A tool run inside a corpus (`runbook-lint --cache` there, as a user would) leaves node_modules/.cache.
      if (statSync(p).isDirectory()) {
        if (e !== 'node_modules' && !e.startsWith('.')) walk(p);
      }
      else if (keep(p, e)) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** The texts of about `n` runbooks spread evenly over the corpora (none when they are absent). */
export function corpusSample(n: number): string[] {
  const out = corpusFiles((_p, e) => e.endsWith('.md') && e !== 'README.md');
  const step = Math.max(1, Math.floor(out.length / n));
  return out.filter((_, i) => i % step === 0).slice(0, n).map((f) => readFileSync(f, 'utf8'));
}
