// Reading `runbook-lint-suppressions.json` (bulk suppressions, core/baseline.ts) for the CLI and
// the language server; re-read only when its size or modification time changed.
import { statSync } from 'node:fs';
import { readSuppressions, type Suppressions } from '../core/baseline.js';
import { readTextFileSync } from './read-file.js';

export type LoadedSuppressions = { ok: true; value: Suppressions; /** The file's text; undefined when there is no file. */ text?: string } | { ok: false; reason: string };

const MAX_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedSuppressions }>();

/** No file is no suppressions; an unreadable or malformed one is a reason (never silently empty). */
export function loadSuppressions(path: string): LoadedSuppressions {
  let st;
  try {
    st = statSync(path);
  } catch {
    cache.delete(path);
    return { ok: true, value: {} };
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.loaded;
  const read = readTextFileSync(path, MAX_BYTES);
  let loaded: LoadedSuppressions;
  if (!read.ok) loaded = { ok: false, reason: read.reason };
  else {
    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch (e) {
      json = e;
    }
    const v = json instanceof Error ? { ok: false as const, reason: `not JSON (${json.message.split('\n')[0]})` } : readSuppressions(json);
    loaded = v.ok ? { ok: true, value: v.value, text: read.text } : { ok: false, reason: v.reason };
  }
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, loaded });
  return loaded;
}
