// A V8 code cache for the CLI bundle, kept in the `--cache` folder (what v8-compile-cache does; Node 20
// has no module.enableCompileCache). A warm `--cache` run is short enough that compiling the 1.5 MB
// bundle (dist/cli-main.js) and the functions it calls was a third of it. dist/cli.js (cli/entry.ts)
// compiles the bundle with the cached data when the command line asks for --cache; the run then writes
// the data (after it ran, so the functions it compiled on the way are in it) next to results.json.
//   - only with --cache, only into the folder the run uses for its results (the loader guesses it from
//     the command line; when the run settles elsewhere, nothing is written);
//   - the file starts with the sha256 of the bundle it was made from: V8 itself only checks the source's
//     length, so data of another build is never handed to V8; V8 rejects data of another V8 or flags;
//   - written when missing, rejected or stale (as temp + rename), else left alone: a cold run's data
//     already holds nearly all a warm run calls on the main thread (the checks run in workers), and
//     making it again cost a warm run ~15% (createCachedData of 1.2 MB).
// A sha256 and V8's own checks keep a stale or foreign file from being used; it is then replaced.
// Whoever can write the cache folder can also write node_modules itself: no new trust.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Script } from 'node:vm';

export const CODE_CACHE_FILE = 'v8-code-cache.bin';
const KEY = Symbol.for('runbook-lint.loaded-bundle');

export interface LoadedBundle {
  /** The folder the loader looked in (the run's --cache folder as the command line names it). */
  dir: string;
  /** sha256 (hex) of the bundle's bytes. */
  digest: string;
  script: Script;
  /** V8 took the stored data. */
  accepted: boolean;
  /** dist/cli.js and dist/cli-main.js (a whole-run record depends on them: cli/record-run.ts). */
  files: string[];
}

/** What dist/cli.js knew when it loaded the bundle; undefined when the bundle was started directly. */
export function loadedBundle(): LoadedBundle | undefined {
  return (globalThis as Record<symbol, LoadedBundle | undefined>)[KEY];
}

export function setLoadedBundle(b: LoadedBundle): void {
  (globalThis as Record<symbol, LoadedBundle | undefined>)[KEY] = b;
}

/** `<digest>\n`: the header before V8's data. */
export function codeCacheHeader(digest: string): string {
  return `${digest}\n`;
}
export const HEADER_BYTES = 64 + 1;

/**
 * After a `--cache` run whose results live in `cacheDir`: stores the bundle's compiled code there when
 * the loader found none there (or a stale or rejected one). Never throws: the code cache only saves time.
 */
export function saveCodeCache(cacheDir: string): void {
  const b = loadedBundle();
  if (!b || b.accepted || resolve(b.dir) !== resolve(cacheDir)) return;
  const file = join(cacheDir, CODE_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(tmp, Buffer.concat([Buffer.from(codeCacheHeader(b.digest)), b.script.createCachedData()]));
    renameSync(tmp, file);
  } catch {
    /* not written: the next run compiles the bundle as usual */
  } finally {
    rmSync(tmp, { force: true });
  }
}
