// A V8 code cache for the CLI bundle, kept in the `--cache` folder (what v8-compile-cache does; Node 20
// has no module.enableCompileCache). A warm `--cache` run is short enough that compiling the 1.5 MB
// bundle (dist/cli-main.js) and the functions it calls was a third of it. dist/cli.js (cli/entry.ts)
// compiles the bundle with the cached data when the command line asks for --cache; the run then writes
// the data (after it ran, so the functions it compiled on the way are in it) next to results.json.
//   - only with --cache, only into the folder the run uses for its results (the loader guesses it from
//     the command line; when the run settles elsewhere, nothing is written);
//   - the file starts with the sha256 of the bundle it was made from: V8 itself only checks the source's
//     length, so data of another build is never handed to V8; V8 rejects data of another V8 or flags;
//   - rewritten when missing, rejected or stale, and once more by the first run that checked nothing
//     (a cold run's data lacks the warm path's functions); written as temp + rename.
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
  /** The stored data was made by a run that checked nothing (it holds the warm path). */
  warm: boolean;
}

/** What dist/cli.js knew when it loaded the bundle; undefined when the bundle was started directly. */
export function loadedBundle(): LoadedBundle | undefined {
  return (globalThis as Record<symbol, LoadedBundle | undefined>)[KEY];
}

export function setLoadedBundle(b: LoadedBundle): void {
  (globalThis as Record<symbol, LoadedBundle | undefined>)[KEY] = b;
}

/** `<digest> <w|c>\n`: the header before V8's data. */
export function codeCacheHeader(digest: string, warm: boolean): string {
  return `${digest} ${warm ? 'w' : 'c'}\n`;
}
export const HEADER_BYTES = 64 + 3;

/**
 * After a `--cache` run whose results live in `cacheDir`: stores the bundle's compiled code there when
 * the loader found none (or a stale or rejected one), or when only a cold run's was there and this run
 * checked nothing. Never throws: the code cache only saves time.
 */
export function saveCodeCache(cacheDir: string, checkedNothing: boolean): void {
  const b = loadedBundle();
  if (!b || resolve(b.dir) !== resolve(cacheDir)) return;
  if (b.accepted && (b.warm || !checkedNothing)) return;
  const file = join(cacheDir, CODE_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(tmp, Buffer.concat([Buffer.from(codeCacheHeader(b.digest, checkedNothing)), b.script.createCachedData()]));
    renameSync(tmp, file);
  } catch {
    /* not written: the next run compiles the bundle as usual */
  } finally {
    rmSync(tmp, { force: true });
  }
}
