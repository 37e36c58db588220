// The health report over every real runbook we have (../shared/corpora + ../shared/team-runbooks,
// ~520 files): `runbook-lint report … --output report.html` as a fresh process, interleaved with a
// plain `runbook-lint` run over the same globs (its peer: the report should cost about what the
// check costs). Issue 20 asks for the page in under 5 s on this machine. Called by bench/run.ts;
// also runnable alone: node --import tsx bench/report.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPORA, ROOT } from './lib/inputs.js';
import { interleaved, round, summarize } from './lib/stats.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const SHARED = dirname(CORPORA);
const GLOBS = ['corpora/**/*.md', 'team-runbooks/**/*.md'];
const ITERATIONS = Number(process.env.BENCH_REPORT_ITERATIONS) || 5;

function spawnOk(label: string, args: string[], ok: number[]): () => void {
  return () => {
    const r = spawnSync(process.execPath, args, { cwd: SHARED, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status === null || !ok.includes(r.status)) throw new Error(`${label} exited ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`);
  };
}

export async function benchReport(): Promise<{ cases: Record<string, Record<string, unknown>> }> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  if (!existsSync(join(SHARED, 'team-runbooks'))) return { cases: { 'cli.report.corpora': { note: 'skipped: no ../shared/team-runbooks' } } };
  const dir = mkdtempSync(join(tmpdir(), 'rb-bench-report-'));
  const page = join(dir, 'report.html');
  try {
    const samples = interleaved(
      {
        report: spawnOk('runbook-lint report', [CLI, 'report', ...GLOBS, '--output', page], [0]),
        // Exit 1 = findings (these runbooks follow other teams' formats).
        check: spawnOk('runbook-lint', [CLI, ...GLOBS], [0, 1]),
      },
      ITERATIONS,
      1,
    );
    const a = summarize(samples['report']!);
    const b = summarize(samples['check']!);
    const kb = Math.round(statSync(page).size / 1024);
    return {
      cases: {
        'cli.report.corpora': {
          ...a,
          peer: 'cli.check.corpora',
          peer_median_ms: b.median_ms,
          ratio: round(a.median_ms / b.median_ms),
          target: 'median ≤ 5000 ms',
          met: a.median_ms <= 5000,
          note: `corpora + team-runbooks, whole process, HTML page ${kb} KB (the page's own load time in Chromium is e2e scenario 10)`,
        },
        'cli.check.corpora': { ...b, note: 'the same globs, plain check, whole process' },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchReport().then((r) => process.stdout.write(JSON.stringify(r) + '\n'), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
