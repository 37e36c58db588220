// dist/cli.js, the `runbook-lint` command: a small loader for the CLI bundle dist/cli-main.js
// (cli/main.ts). With `--cache` on the command line it first looks for a record of this very run in the
// cache folder (cli/run-record.ts): when nothing the run depends on changed, it prints the recorded
// output and exits without loading the engine. Otherwise it compiles the bundle through the V8 code
// cache in that folder (cli/code-cache.ts), which the run itself writes; without --cache it just
// requires it. Only node built-ins, cli/worktree.ts, cli/run-record.ts and core/today.ts are bundled
// here: this file must load in no time.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { CODE_CACHE_FILE, HEADER_BYTES, codeCacheHeader, setLoadedBundle } from './code-cache.js';
import { replayRun } from './run-record.js';
import { findWorkTree } from './worktree.js';

const BUNDLE = join(__dirname, 'cli-main.js');
const SUBCOMMANDS = new Set(['graph', 'init', 'migrate', 'report', 'coverage']);

/** The cache folder a lint run with these arguments uses, as far as the command line tells; else undefined. */
export function codeCacheDir(argv: string[], cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (SUBCOMMANDS.has(argv[0] ?? '')) return undefined;
  let cache = false;
  let location: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--cache') cache = true;
    else if (a === '--fix') return undefined; // --fix neither reads nor writes the cache
    else if (a === '--cache-location') location = argv[++i];
    else if (a.startsWith('--cache-location=')) location = a.slice('--cache-location='.length);
  }
  if (!cache) return undefined;
  if (location !== undefined) return resolve(cwd, location);
  const root = findWorkTree(cwd, env);
  return root === 'ask git' ? undefined : join(root ?? cwd, 'node_modules', '.cache', 'runbook-lint');
}

interface CliBundle {
  cliEntry(): void;
}

function load(dir: string | undefined): CliBundle {
  if (dir === undefined) return createRequire(__filename)(BUNDLE) as CliBundle;
  const bytes = readFileSync(BUNDLE);
  const digest = createHash('sha256').update(bytes).digest('hex');
  let cachedData: Buffer | undefined;
  try {
    const stored = readFileSync(join(dir, CODE_CACHE_FILE));
    if (stored.subarray(0, HEADER_BYTES).toString('latin1') === codeCacheHeader(digest)) cachedData = stored.subarray(HEADER_BYTES);
  } catch {
    /* none yet */
  }
  const script = new Script(Module.wrap(bytes.toString('utf8')), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const accepted = !!cachedData && !script.cachedDataRejected;
  setLoadedBundle({ dir, digest, script, accepted, files: [__filename, BUNDLE] });
  // The bundle as a CommonJS module of its own, as require() would make it.
  const m = new Module(BUNDLE, module);
  m.filename = BUNDLE;
  m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(BUNDLE));
  (script.runInThisContext() as (...a: unknown[]) => void).call(m.exports, m.exports, createRequire(BUNDLE), m, BUNDLE, dirname(BUNDLE));
  m.loaded = true;
  return m.exports as CliBundle;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const cwd = process.cwd();
  const dir = codeCacheDir(argv, cwd, process.env);
  if (dir === undefined || !replayRun(dir, { argv, cwd, env: process.env })) load(dir).cliEntry();
}
