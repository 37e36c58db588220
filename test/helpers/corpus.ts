// The real runbook corpora in ../shared/corpora (389 public runbooks), shared by the tests that
// read them: robustness, false positives, incremental parsing and property-based mutations.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CORPORA = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpora');

/** Every file below the corpora that `keep` accepts (default: Markdown files), sorted. */
export function corpusFiles(keep: (path: string, name: string) => boolean = (_p, name) => name.endsWith('.md')): string[] {
  if (!existsSync(CORPORA)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (keep(p, e)) out.push(p);
    }
  };
  walk(CORPORA);
  return out;
}

/** The texts of about `n` runbooks spread evenly over the corpora (none when they are absent). */
export function corpusSample(n: number): string[] {
  const out = corpusFiles((_p, e) => e.endsWith('.md') && e !== 'README.md');
  const step = Math.max(1, Math.floor(out.length / n));
  return out.filter((_, i) => i % step === 0).slice(0, n).map((f) => readFileSync(f, 'utf8'));
}
