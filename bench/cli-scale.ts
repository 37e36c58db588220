// Scale of the CLI in the file count (issue 21): `runbook-lint` over 20,000 runbooks (case cli.20k, target
// ≤ 60 s) and over 5,000 (cli.5k), each one whole process, once. The per-file cost of the two gives the
// linearity (cli.20k's `ratio`: per-file time at 20k / at 5k, ≈ 1 when linear; the issue measured 35 ms
// vs 12 ms, 2.9×). The runbooks are the corpora's, cycled, each with its own runbook_id, spread over
// category folders as a real repository is. Called by bench/run.ts; also runnable alone:
//   node --import tsx bench/cli-scale.ts            (BENCH_SCALE=2000,8000 for other sizes)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFiles, ROOT } from './lib/inputs.js';
import { round } from './lib/stats.js';
import { runWhenMain } from './lib/standalone.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const CATEGORIES = ['platform', 'storage', 'security', 'gitops', 'networking', 'observability', 'data', 'ci'];

/** A repository of `n` runbooks in a fresh temporary folder (removed by the caller). */
export function makeRepo(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), `rb-scale-${n}-`));
  const corpus = corpusFiles();
  for (let i = 0; i < n; i++) {
    const sub = join(dir, 'infra', 'runbooks', CATEGORIES[i % CATEGORIES.length]!, `team-${Math.floor(i / 200)}`);
    if (i % 200 < CATEGORIES.length) mkdirSync(sub, { recursive: true });
    const text = corpus[i % corpus.length]!.text.replace(/^runbook_id:.*$/m, `runbook_id: RB-SCALE-${i}`);
    writeFileSync(join(sub, `rb-${i}.md`), text);
  }
  return dir;
}

/** One whole-process run over `dir`: wall time and peak RSS (from GNU time when installed). */
export function runOnce(dir: string): { ms: number; maxRssMb?: number } {
  const time = existsSync('/usr/bin/time');
  const args = [CLI, 'infra', '--format', 'json'];
  const t0 = performance.now();
  const r = time
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`runbook-lint exited ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`);
  const kb = time ? Number((r.stderr ?? '').trim().split('\n').pop()) : NaN;
  return { ms, ...(Number.isFinite(kb) ? { maxRssMb: round(kb / 1024) } : {}) };
}

export async function benchCliScale(): Promise<{ cases: Record<string, Record<string, unknown>> }> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const [small, large] = (process.env.BENCH_SCALE ?? '5000,20000').split(',').map(Number) as [number, number];
  const out: Record<string, { ms: number; maxRssMb?: number }> = {};
  for (const n of [small, large]) {
    const dir = makeRepo(n);
    try {
      out[n] = runOnce(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const perFile = (n: number) => out[n]!.ms / n;
  const name = (n: number) => (n % 1000 === 0 ? `cli.${n / 1000}k` : `cli.${n}`);
  return {
    cases: {
      [name(small)]: { median_ms: round(out[small]!.ms), p95_ms: round(out[small]!.ms), samples: 1, ...(out[small]!.maxRssMb ? { max_mb: out[small]!.maxRssMb } : {}), note: `${small} runbooks, whole process, one run; ${round(perFile(small))} ms a file` },
      [name(large)]: {
        median_ms: round(out[large]!.ms),
        p95_ms: round(out[large]!.ms),
        samples: 1,
        ...(out[large]!.maxRssMb ? { max_mb: out[large]!.maxRssMb } : {}),
        peer: name(small),
        peer_median_ms: round(out[small]!.ms),
        // Linearity: per-file time at the large size over the small one (1.0 = linear).
        ratio: round(perFile(large) / perFile(small)),
        note: `${large} runbooks, whole process, one run; ${round(perFile(large))} ms a file; ratio = per-file time vs ${name(small)} (1.0 = linear)`,
      },
    },
  };
}

runWhenMain(import.meta.url, benchCliScale);
