// Whole-process timing: `runbook-lint` (dist/cli.js) vs `markdownlint-cli2` over the same list of
// ../shared/corpora files, each a fresh `node` process, interleaved so background load hits both
// alike. Called by bench/run.ts (`npm run bench`, which builds dist/ first); also runnable alone:
//   node --import tsx bench/cli.ts
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { corpusFiles, CORPORA, ROOT } from './lib/inputs.js';
import { interleaved, summarize, round } from './lib/stats.js';
import { runWhenMain } from './lib/standalone.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const MDL = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const ITERATIONS = 10;

export interface Ms {
  median: number;
  p95: number;
}

function spawnOk(label: string, args: string[], ok: number[]): () => void {
  return () => {
    const r = spawnSync(process.execPath, args, { cwd: CORPORA, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status === null || !ok.includes(r.status)) throw new Error(`${label} exited ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`);
  };
}

export async function benchCli(): Promise<{
  runbookLintMs: Ms;
  markdownlintCli2Ms: Ms;
  files: number;
  iterations: number;
  cases: Record<string, Record<string, unknown>>;
}> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  // The same explicit file list for both tools (389 runbooks; the corpora README is not one).
  const files = corpusFiles().map((f) => relative(CORPORA, f.path));
  const samples = interleaved(
    {
      // Exit 1 = findings (the corpora do not follow the KFM format); 2 would be a usage/IO problem.
      runbookLint: spawnOk('runbook-lint', [CLI, ...files], [0, 1]),
      // A leading ":" makes markdownlint-cli2 take each argument as a literal path, not a glob.
      markdownlintCli2: spawnOk('markdownlint-cli2', [MDL, ...files.map((f) => ':' + f)], [0, 1]),
    },
    ITERATIONS,
    1,
  );
  const a = summarize(samples['runbookLint']!);
  const b = summarize(samples['markdownlintCli2']!);
  const cached = { ...benchCache(files), ...benchCacheWithConfig(files) };
  return {
    runbookLintMs: { median: a.median_ms, p95: a.p95_ms },
    markdownlintCli2Ms: { median: b.median_ms, p95: b.p95_ms },
    files: files.length,
    iterations: ITERATIONS,
    // The shape bench/run.ts merges into its results (cli.corpus is judged against markdownlint-cli2).
    cases: {
      'cli.corpus': { ...a, peer: 'cli.markdownlint-cli2', peer_median_ms: b.median_ms, ratio: round(a.median_ms / b.median_ms), note: `${files.length} files, whole process` },
      'cli.markdownlint-cli2': { ...b, note: `${files.length} files, whole process` },
      ...cached,
    },
  };
}

/**
 * cli.corpus.cached: `runbook-lint --cache` over the same files, warm (the cache of an earlier run
 * over unchanged files) against cold (the cache folder removed first), whole process, interleaved.
 * The two runs' output must be identical. A warm run of the same command over unchanged files is a
 * replay of the run's record (cli/run-record.ts); cli.corpus.cached.files is a warm run with that
 * record removed first: the per-file cache alone, as after any change to the repository.
 */
export function benchCache(files: string[], iterations = ITERATIONS, cwd = CORPORA, name = 'cli.corpus.cached', what = ''): Record<string, Record<string, unknown>> {
  const location = mkdtempSync(join(tmpdir(), 'rbl-bench-cache-'));
  const args = [CLI, '--cache', '--cache-location', location, '--format', 'json', ...files];
  const once = () => {
    const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`runbook-lint --cache exited ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`);
    return r.stdout;
  };
  try {
    const perFile = () => {
      rmSync(join(location, 'run-record.bin'), { force: true });
      return once();
    };
    rmSync(location, { recursive: true, force: true });
    const first = once();
    if (once() !== first) throw new Error('runbook-lint --cache: the warm run printed something else than the cold one');
    if (perFile() !== first) throw new Error('runbook-lint --cache: the warm run without its record printed something else than the cold one');
    const samples = interleaved(
      {
        cold: () => {
          rmSync(location, { recursive: true, force: true });
          once();
        },
        warm: () => void once(),
        ...(name === 'cli.corpus.cached' ? { files: () => void perFile() } : {}),
      },
      iterations,
      1,
    );
    const cold = summarize(samples['cold']!);
    const warm = summarize(samples['warm']!);
    const coldName = name.replace(/\.cached/, '.cold');
    const alone = samples['files'] ? summarize(samples['files']) : undefined;
    return {
      [name]: { ...warm, peer: coldName, peer_median_ms: cold.median_ms, ratio: round(warm.median_ms / cold.median_ms), note: `${files.length} files${what}, --cache warm vs cold, whole process, identical output` },
      [coldName]: { ...cold, note: `${files.length} files${what}, --cache with no cache yet` },
      ...(alone ? { [`${name}.files`]: { ...alone, peer: coldName, peer_median_ms: cold.median_ms, ratio: round(alone.median_ms / cold.median_ms), note: `${files.length} files, --cache warm without the run record (the per-file cache alone, as after any change), whole process, identical output` } } : {}),
    };
  } finally {
    rmSync(location, { recursive: true, force: true });
  }
}

/**
 * cli.corpus.cached.config: the same over a copy of the corpora with a .runbook-lint.yaml, as a
 * repository has after `runbook-lint init` (every run then validates the config against its schema).
 */
export function benchCacheWithConfig(files: string[], iterations = ITERATIONS): Record<string, Record<string, unknown>> {
  const copy = mkdtempSync(join(tmpdir(), 'rbl-bench-corpora-'));
  try {
    cpSync(CORPORA, copy, { recursive: true });
    writeFileSync(join(copy, '.runbook-lint.yaml'), 'extends: existing-repo\ninclude:\n  - "**/*.md"\nexclude:\n  - "**/_index.md"\nareas:\n  openshift-runbooks: OR\n  prometheus-operator-runbooks: POR\n');
    return benchCache(files, iterations, copy, 'cli.corpus.cached.config', ' with a .runbook-lint.yaml (existing-repo)');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, benchCli);
