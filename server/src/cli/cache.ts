// `--cache`: results of earlier runs, reused when nothing they depend on changed (ESLint's --cache
// with its content strategy). One JSON file (`results.json` under --cache-location, default
// node_modules/.cache/runbook-lint at the repository root) maps each runbook's repository path to
//   task    sha256 over the tool (version + the running bundle's own bytes), the run (repository
//           root, today's date, --rule, the workspace facts: every runbook's id/title/headings,
//           CODEOWNERS, alerts) and the file's task (path, effective config, --changed facts, the
//           lines --filter-mode keeps);
//   text    sha256 of the file's text;
//   stat    the file's device, inode, size, mtime and ctime (ns) taken before it was read, when its
//           last change was over 2 s old then (git's "racily clean" rule: a change in the same
//           clock tick cannot hide behind an equal stat); a file whose stat is still that is not
//           read again, any other is read and hashed;
//   exists  the answer of every "does this path exist?" question the rules asked (link targets,
//           site-generator files), asked again on reuse;
//   result  what the check gave (before bulk suppressions, which stay live);
// and each runbook's workspace facts (id, title, headings …) under the digest of its text, so the
// workspace index of a warm run reads and hashes instead of parsing front matter.
// So a warm run over an unchanged repository stats the files (and reads and hashes those touched
// since, and the runbooks the workspace index reads) and asks a few stat()s;
// a file whose text, config or workspace context changed is checked again. An unreadable or
// malformed cache file, or a malformed entry, is ignored (that file is checked and the cache
// rewritten); the file is replaced atomically (temp + rename), so a killed run never leaves half
// of one. --fix runs neither read nor write it. Messages are the redacted ones every output
// shows, and an entry or fact that would hold a detected secret anyway (a file name, a link target
// the text names, the facts of a runbook whose text holds one) is not stored (that file is checked, its facts taken, on every run):
// no detected secret is stored.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResolvedConfig, RunbookFact } from '../core/types.js';
import { runbookFact } from '../workspace/sources.js';
import { readRunbookWithin } from '../node/read-file.js';
import { shownPath } from '../core/scrub.js';
import { detectSecrets } from '../core/secrets/index.js';
import { VERSION } from './args.js';
import { loadedBundle } from './code-cache.js';
// A file changed this recently (ms) when it was stat()ed is read and hashed on every run until it is older.
import { RACY_MS } from './run-record.js';
import type { FileResult, OutFinding, PlainFacts, Task } from './check-file.js';

export const CACHE_FILE = 'results.json';
const FORMAT = 2;

interface Entry {
  task: string;
  text: string;
  stat?: string;
  exists: [string, boolean][];
  result: Omit<FileResult, 'index' | 'display'>;
}

interface CacheData {
  format: number;
  /** tool(): results of another build are never reused. */
  tool: string;
  entries: Record<string, Entry>;
  facts: Record<string, { digest: string; fact: RunbookFact }>;
}

export function defaultCacheLocation(root: string): string {
  return join(root, 'node_modules', '.cache', 'runbook-lint');
}

let toolDigest: string | undefined;
/** The version plus a digest of the running bundle: a rebuilt tool never reuses an older one's results. */
function tool(): string {
  if (toolDigest === undefined) {
    // dist/cli.js already read and hashed the bundle when it loaded it.
    let digest = loadedBundle()?.digest;
    if (digest === undefined) {
      let bytes: Buffer | string = '';
      try {
        bytes = readFileSync(__filename);
      } catch {
        /* not a file (REPL, bundler-less eval): the version alone */
      }
      digest = createHash('sha256').update(bytes).digest('hex');
    }
    toolDigest = `${VERSION}:${digest}`;
  }
  return toolDigest;
}

/** The digest of a file's text. Workers compute it over the text they checked. */
export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The file's identity and times before it is read, or undefined when it changed within RACY_MS of `now` (or is no file). */
export function statSignature(abs: string, now: number): string | undefined {
  let st;
  try {
    st = statSync(abs, { bigint: true });
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const last = st.mtimeMs > st.ctimeMs ? st.mtimeMs : st.ctimeMs;
  if (Number(last) > now - RACY_MS) return undefined;
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

function isFinding(f: unknown): f is OutFinding {
  if (!f || typeof f !== 'object') return false;
  const o = f as Record<string, unknown>;
  const pos = (p: unknown) => !!p && typeof (p as { line: unknown }).line === 'number' && typeof (p as { character: unknown }).character === 'number';
  return typeof o['ruleId'] === 'string' && typeof o['message'] === 'string' && typeof o['fingerprint'] === 'string' && ['error', 'warning', 'info'].includes(o['severity'] as string) && pos(o['start']) && pos(o['end']);
}

function isEntry(e: unknown): e is Entry {
  if (!e || typeof e !== 'object') return false;
  const o = e as Partial<Entry>;
  return (
    typeof o.task === 'string' &&
    typeof o.text === 'string' &&
    (o.stat === undefined || typeof o.stat === 'string') &&
    Array.isArray(o.exists) &&
    o.exists.every((x) => Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'boolean') &&
    !!o.result &&
    typeof o.result.path === 'string' &&
    Array.isArray(o.result.findings) &&
    o.result.findings.every(isFinding)
  );
}

/** Whether any of these strings holds a detected secret (one scan over them all, a line each). */
function holdsSecret(strings: string[]): boolean {
  return detectSecrets(strings.join('\n')).length > 0;
}

const isFact = (f: unknown, path: string): f is RunbookFact => !!f && typeof f === 'object' && (f as RunbookFact).path === path && (f as RunbookFact).headings?.every((h) => typeof h === 'string') !== false;

export class ResultCache {
  private data: CacheData = { format: FORMAT, tool: tool(), entries: {}, facts: {} };
  private dirty = false;
  private run = '';
  private readonly configKeys = new WeakMap<ResolvedConfig, string>();
  private readonly existsMemo = new Map<string, boolean>();
  /** Each task's stat signature, taken in lookup (before any read of this run). */
  private readonly signatures = new Map<string, string | undefined>();
  private readonly now = Date.now();
  /** Why the cache file was not used, for one line on stderr. */
  readonly problem?: string;
  hits = 0;

  private constructor(
    readonly file: string,
    private readonly root: string,
  ) {
    if (!existsSync(file)) return;
    const record = (o: unknown) => !!o && typeof o === 'object' && !Array.isArray(o);
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheData>;
      if (parsed?.format !== FORMAT || !record(parsed.entries) || !record(parsed.facts)) throw new Error('not a runbook-lint cache of this version');
      // Another build of the tool: start afresh (quietly: that is what a cache does after an upgrade).
      if (parsed.tool === tool()) this.data = { format: FORMAT, tool: tool(), entries: parsed.entries!, facts: parsed.facts! };
      else this.dirty = true;
    } catch (e) {
      this.problem = `ignored the unreadable cache ${file} (${(e as Error).message.split('\n')[0]}); it is rebuilt`;
      this.dirty = true;
    }
  }

  static open(location: string, cwd: string, root: string): ResultCache {
    return new ResultCache(join(resolve(cwd, location), CACHE_FILE), root);
  }

  /** A runbook's workspace facts, from the cache when its text is the one they were taken from. */
  fact(path: string, text: string): RunbookFact {
    const digest = createHash('sha256').update(text).digest('hex');
    const hit = this.data.facts[path];
    if (hit?.digest === digest && isFact(hit.fact, path)) return hit.fact;
    const fact = runbookFact(path, text);
    // Facts are taken from the text (headings as the index normalises them: a token there may no longer
    // look like one), so a runbook with any secret in its text keeps its facts out of the file.
    if (holdsSecret([path, text])) return fact;
    this.data.facts[path] = { digest, fact };
    this.dirty = true;
    return fact;
  }

  /** Everything this run's results depend on besides each file's own task and text; call before taskKey. */
  begin(today: string, only: string[] | undefined, workspace: PlainFacts): void {
    this.run = createHash('sha256')
      .update(JSON.stringify([FORMAT, tool(), this.root, today, only ?? null, workspace]))
      .digest('hex');
  }

  /** The key of a task without its text (sent to whoever checks it). */
  taskKey(task: Task): string {
    // The config's digest, once per config (hashing its ~5 KB of JSON for every file cost more than the file).
    let config = this.configKeys.get(task.config);
    if (config === undefined) this.configKeys.set(task.config, (config = createHash('sha256').update(JSON.stringify(task.config)).digest('hex')));
    return createHash('sha256')
      .update(JSON.stringify([this.run, task.path, task.changed ?? null, task.touched ?? null, config]))
      .digest('hex');
  }

  private exists(rel: string): boolean {
    let v = this.existsMemo.get(rel);
    if (v === undefined) this.existsMemo.set(rel, (v = existsSync(join(this.root, rel))));
    return v;
  }

  /** The stored result for a task whose file, context and link targets are as they were; else undefined. */
  lookup(task: Task & { cacheKey: string }): FileResult | undefined {
    // Taken before anything reads the file (the workers too): a later change shows in the next run's stat.
    const signature = statSignature(task.abs, this.now);
    this.signatures.set(task.path, signature);
    const entry = this.data.entries[task.path];
    if (!entry) return undefined;
    if (!isEntry(entry)) {
      delete this.data.entries[task.path];
      this.dirty = true;
      return undefined;
    }
    if (entry.task !== task.cacheKey) return undefined;
    if (signature === undefined || entry.stat !== signature) {
      const read = readRunbookWithin(task.abs, this.root);
      if (!read.ok || entry.text !== textDigest(read.text)) return undefined;
      // Same text, new stat (touched, copied, checked out again): remember the new one.
      if (entry.stat !== signature) {
        if (signature === undefined) delete entry.stat;
        else entry.stat = signature;
        this.dirty = true;
      }
    }
    if (!entry.exists.every(([p, v]) => this.exists(p) === v)) return undefined;
    this.hits++;
    return { ...entry.result, index: task.index, display: shownPath(task.display) };
  }

  /** Keeps a fresh result for a task (one without IO or rule errors, checked with a cache key). */
  store(task: Task & { cacheKey: string }, r: FileResult): void {
    if (!r.cache || r.error || r.internalErrors?.length) return;
    if (holdsSecret([task.path, ...r.cache.exists.map(([p]) => p)])) return;
    const { index: _i, display: _d, cache, ...result } = r;
    const stat = this.signatures.get(task.path);
    this.data.entries[task.path] = { task: task.cacheKey, text: cache.text, ...(stat ? { stat } : {}), exists: cache.exists, result };
    this.dirty = true;
  }

  /** Writes the file when the run changed it (entries of files that are gone are dropped). */
  save(): void {
    if (!this.dirty) return;
    for (const p of Object.keys(this.data.entries)) if (!existsSync(join(this.root, p))) delete this.data.entries[p];
    for (const p of Object.keys(this.data.facts)) if (!existsSync(join(this.root, p))) delete this.data.facts[p];
    const dir = join(this.file, '..');
    mkdirSync(dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(this.data));
      renameSync(tmp, this.file);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}

/**
 * The results of `tasks` in their order: stored ones where the cache has them, the others from
 * `check` (given the missing tasks renumbered from 0, as runTasks wants them) and then stored.
 */
export async function* withCache(tasks: (Task & { cacheKey: string })[], cache: ResultCache, check: (misses: Task[]) => AsyncGenerator<FileResult>): AsyncGenerator<FileResult> {
  const hits = tasks.map((t) => cache.lookup(t));
  const misses = tasks.filter((_, i) => !hits[i]);
  const fresh = check(misses.map((t, index) => ({ ...t, index })));
  try {
    for (let i = 0; i < tasks.length; i++) {
      const hit = hits[i];
      if (hit) {
        yield hit;
        continue;
      }
      const n = await fresh.next();
      if (n.done) throw new Error('a checked file is missing from the results');
      const r = { ...n.value, index: tasks[i]!.index };
      cache.store(tasks[i]!, r);
      yield r;
    }
  } finally {
    // Ends the checking generator (its cleanup: the worker pool), which was asked for exactly one result per miss.
    await fresh.return(undefined);
  }
}
