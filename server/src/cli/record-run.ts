// The engine's half of the whole-run record (format and replay: cli/run-record.ts). What a run depends on
// is not listed by hand: while a recordable run goes, node:fs itself — the one file-system host of the
// CLI, main thread and workers alike — and process.env are wrapped, so every path any code looks at and
// every variable it reads is written down, including what a future rule or option will read.
//   - Each path is stat()ed (lstat()ed, resolved) when it is first looked at, before the look itself:
//     a change after that shows in the next run's stat, never the other way round.
//   - Reads by file descriptor need the open() that gave the descriptor, which is recorded.
//   - Workers (cli/workers.ts) trace the same way and send what they looked at with each result; a path
//     two threads saw differently changed during the run: no record.
//   - An environment read by enumeration (a child process given the whole environment) makes the run
//     unrecordable: which variable mattered cannot be told.
// A run is recorded only when it exits 0 or 1 with nothing on stderr that the next run would not say
// again (a cache note, a rule's internal error), nothing it looked at changed within RACY_MS before it
// began, the date did not change while it ran, and no path it looked at holds a detected secret.
import fs from 'node:fs';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localToday } from '../core/today.js';
import { shownPath } from '../core/scrub.js';
import { changedAtMs, depState, encodeRecord, RACY_MS, RUN_RECORD_FILE, runKey, type DepKind } from './run-record.js';

/** node:fs functions that look at a path (first argument), and how a change to what they saw shows. */
const LOOKS: [string, DepKind][] = [
  ['stat', 's'],
  ['lstat', 'l'],
  ['exists', 's'],
  ['access', 's'],
  ['readFile', 's'],
  ['readdir', 's'],
  ['opendir', 's'],
  ['open', 's'],
  ['readlink', 'l'],
  ['realpath', 'r'],
  ['copyFile', 's'],
  ['cp', 's'],
];
/** Past this much output a run is not recorded (the record would be read on every run). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

type Fn = (...a: unknown[]) => unknown;
type Patchable = Record<string, unknown>;

function toAbs(p: unknown): string | undefined {
  if (typeof p === 'string') return resolve(p);
  if (Buffer.isBuffer(p)) return resolve(p.toString());
  if (p instanceof URL) return p.protocol === 'file:' ? fileURLToPath(p) : undefined;
  return undefined; // a file descriptor: its open() was recorded
}

/** What this thread looked at through node:fs (and process.env) since install(). */
export class FsTrace {
  readonly deps = new Map<string, string>();
  readonly envNames = new Set<string>();
  /** Why the trace cannot be trusted (the environment was enumerated, a path was seen two ways). */
  broken?: string;
  private fresh: [string, string][] = [];
  private freshEnv: string[] = [];
  private busy = false;
  private readonly undo: (() => void)[] = [];

  private note(kind: DepKind, p: unknown): void {
    if (this.busy) return;
    const abs = toAbs(p);
    if (abs === undefined) return;
    const key = kind + abs;
    if (this.deps.has(key)) return;
    this.busy = true;
    try {
      const state = depState(kind, abs);
      this.deps.set(key, state);
      this.fresh.push([key, state]);
    } finally {
      this.busy = false;
    }
  }

  private wrap(target: Patchable, name: string, kind: DepKind): void {
    const orig = target[name];
    if (typeof orig !== 'function') return;
    const note = (p: unknown) => this.note(kind, p);
    const deep = (o: unknown) => {
      // A recursive listing changes with any folder below, whose stats are not taken: not recordable.
      if ((name.startsWith('readdir') || name.startsWith('opendir') || name.startsWith('cp')) && typeof o === 'object' && o !== null && (o as { recursive?: unknown }).recursive) this.broken ??= `a recursive ${name}`;
    };
    const wrapped = function (this: unknown, ...args: unknown[]) {
      note(args[0]);
      deep(args[1]);
      return (orig as Fn).apply(this, args);
    };
    // realpath and realpathSync carry `.native`.
    const native = (orig as unknown as Patchable)['native'];
    if (typeof native === 'function') {
      (wrapped as unknown as Patchable)['native'] = function (this: unknown, ...args: unknown[]) {
        note(args[0]);
        return (native as Fn).apply(this, args);
      };
    }
    target[name] = wrapped;
    this.undo.push(() => (target[name] = orig));
  }

  install(): this {
    const f = fs as unknown as Patchable;
    for (const [name, kind] of LOOKS) {
      this.wrap(f, name, kind);
      this.wrap(f, `${name}Sync`, kind);
      this.wrap(fs.promises as unknown as Patchable, name, kind);
    }
    this.wrap(f, 'createReadStream', 's');
    const real = process.env;
    const seen = (k: string | symbol) => {
      if (typeof k === 'string' && !this.envNames.has(k)) {
        this.envNames.add(k);
        this.freshEnv.push(k);
      }
    };
    process.env = new Proxy(real, {
      get: (t, k) => (seen(k), Reflect.get(t, k)),
      has: (t, k) => (seen(k), Reflect.has(t, k)),
      getOwnPropertyDescriptor: (t, k) => (seen(k), Reflect.getOwnPropertyDescriptor(t, k)),
      ownKeys: (t) => {
        this.broken ??= 'the environment was read as a whole';
        return Reflect.ownKeys(t);
      },
      set: (t, k, v) => Reflect.set(t, k, v),
    });
    this.undo.push(() => (process.env = real));
    return this;
  }

  uninstall(): void {
    for (const u of this.undo.splice(0).reverse()) u();
  }

  /** What was looked at since the last take (a worker sends it with each result). */
  take(): { deps: [string, string][]; env: string[]; broken?: string } {
    const t = { deps: this.fresh, env: this.freshEnv, ...(this.broken ? { broken: this.broken } : {}) };
    this.fresh = [];
    this.freshEnv = [];
    return t;
  }

  /** Adds what a worker looked at. */
  merge(t: { deps: [string, string][]; env: string[]; broken?: string }): void {
    if (t.broken) this.broken ??= `a worker: ${t.broken}`;
    for (const n of t.env) this.envNames.add(n);
    for (const [key, state] of t.deps) {
      const had = this.deps.get(key);
      if (had === undefined) this.deps.set(key, state);
      else if (had !== state) this.broken ??= 'a file changed while the run read it';
    }
  }
}

let active: FsTrace | undefined;
/** The trace of the running recordable run, if any (cli/workers.ts asks its workers to trace then). */
export function activeTrace(): FsTrace | undefined {
  return active;
}

/** A worker's own trace (it reports to the main thread's). */
export function startWorkerTrace(): FsTrace {
  return new FsTrace().install();
}

/** `stream` as it is, with every byte written through it also kept in `sink` (up to MAX_OUTPUT_BYTES). */
function capturing(stream: NodeJS.WriteStream, sink: { chunks: Buffer[]; bytes: number }): NodeJS.WriteStream {
  return new Proxy(stream, {
    get(t, k) {
      if (k === 'write') {
        return (chunk: string | Uint8Array, ...rest: unknown[]) => {
          if (sink.bytes <= MAX_OUTPUT_BYTES) {
            const b = typeof chunk === 'string' ? Buffer.from(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8') : Buffer.from(chunk);
            sink.chunks.push(b);
            sink.bytes += b.length;
          }
          return (t.write as Fn).apply(t, [chunk, ...rest]);
        };
      }
      const v = Reflect.get(t, k) as unknown;
      return typeof v === 'function' ? (v as Fn).bind(t) : v;
    },
  });
}

/** One recordable run: its output streams (which keep what they print) and, at the end, its record. */
export class RunRecorder {
  private readonly started = Date.now();
  private readonly today = localToday();
  private readonly trace = new FsTrace();
  private readonly outSink = { chunks: [] as Buffer[], bytes: 0 };
  private readonly errSink = { chunks: [] as Buffer[], bytes: 0 };
  private readonly ignored: string[];
  private spoiled?: string;
  readonly out: NodeJS.WriteStream;
  readonly err: NodeJS.WriteStream;

  /**
   * Starts tracing. `dir` is where dist/cli.js looks for the record (the run's cache folder as the command
   * line names it); `tool` the files of the tool itself (a rebuild is a change).
   */
  constructor(
    private readonly dir: string,
    private readonly argv: string[],
    private readonly cwd: string,
    private readonly tool: string[],
  ) {
    this.ignored = [dir];
    this.out = capturing(process.stdout, this.outSink);
    this.err = capturing(process.stderr, this.errSink);
    this.trace.install();
    active = this.trace;
  }

  /** The run's own cache files: what they hold changes how fast it is, never what it prints. */
  ignore(dir: string): void {
    this.ignored.push(dir);
  }

  /** This run must not be replayed (its stderr says something the next run would not, …). */
  spoil(why: string): void {
    this.spoiled ??= why;
  }

  private isIgnored(abs: string): boolean {
    return this.ignored.some((d) => abs === d || abs.startsWith(d.endsWith(sep) ? d : d + sep));
  }

  /** Why this run cannot be replayed, or undefined; then the header's deps. */
  private deps(code: number): { why: string } | { deps: [string, string][] } {
    if (code !== 0 && code !== 1) return { why: `exit code ${code}` };
    if (this.spoiled) return { why: this.spoiled };
    if (this.trace.broken) return { why: this.trace.broken };
    if (this.outSink.bytes + this.errSink.bytes > MAX_OUTPUT_BYTES) return { why: 'too much output' };
    if (localToday() !== this.today) return { why: 'the date changed during the run' };
    const deps: [string, string][] = [];
    for (const [key, state] of this.trace.deps) if (!this.isIgnored(key.slice(1))) deps.push([key, state]);
    for (const f of this.tool) deps.push([`s${f}`, depState('s', f)]);
    const racy = this.started - RACY_MS;
    for (const [key, state] of deps) {
      if (changedAtMs(state) >= racy) return { why: 'a file changed less than 2 s before the run' };
      if (shownPath(key.slice(1)) !== key.slice(1)) return { why: 'a path holds a detected secret' };
    }
    return { deps };
  }

  /** Stops tracing; writes the record (temp file + rename), or removes a stale one when this run cannot be replayed. Never throws. */
  finish(code: number): void {
    this.trace.uninstall();
    active = undefined;
    const file = join(this.dir, RUN_RECORD_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      const d = this.deps(code);
      if ('why' in d) {
        rmSync(file, { force: true });
        return;
      }
      const env = [...this.trace.envNames].sort();
      const bytes = encodeRecord({ key: runKey({ argv: this.argv, cwd: this.cwd, env: process.env }, env, this.today), env, deps: d.deps, code }, Buffer.concat(this.outSink.chunks), Buffer.concat(this.errSink.chunks));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    } catch {
      /* no record: the next run runs the engine */
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
