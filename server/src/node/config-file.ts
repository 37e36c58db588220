// Finding and reading `.runbook-lint.yaml` (searched upward; the nearest wins). Shared by the
// LSP server and the CLI; the parsing and validation itself is in the pure core.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfig, type ConfigError, type RawConfig } from '../core/config.js';
import { readTextFileSync } from './read-file.js';

/** A config file is a few hundred bytes; anything over this is not one (and is not read whole). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export const CONFIG_NAMES = ['.runbook-lint.yaml', '.runbook-lint.yml'];

export interface LoadedConfig {
  path: string;
  raw: RawConfig;
  errors: ConfigError[];
}

const cache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedConfig }>();

/** The nearest config file at or above `dir` (not above `stopAt` when given). */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let d = dir;
  for (;;) {
    for (const n of CONFIG_NAMES) {
      const p = join(d, n);
      try {
        // No exception for the usual "not here" (an Error with its stack per folder and name was
        // most of the cost of finding the configs of a few hundred files).
        if (statSync(p, { throwIfNoEntry: false })?.isFile()) return p;
      } catch {
        // unreadable: not here
      }
    }
    if (stopAt && d === stopAt) return undefined;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Reads and validates a config file; IO problems become a positioned error, not a throw. */
export function loadConfigFile(path: string): LoadedConfig {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return { path, raw: {}, errors: [{ message: `Cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }] };
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.loaded;
  const read = readTextFileSync(path, MAX_CONFIG_BYTES);
  if (!read.ok) return { path, raw: {}, errors: [{ message: `Cannot read the config file: it ${read.reason}`, start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }] };
  let parsed: { raw: RawConfig; errors: ConfigError[] };
  try {
    parsed = parseConfig(read.text);
  } catch (e) {
    // Never an "internal error" without a position: whatever the parser tripped on is a config error.
    parsed = { raw: {}, errors: [{ message: `The config could not be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }] };
  }
  const { raw, errors } = parsed;
  const loaded = { path, raw, errors };
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, loaded });
  return loaded;
}

export function forgetConfig(path?: string): void {
  if (path) cache.delete(path);
  else cache.clear();
}
