// The whole-run record of `--cache` (git's untracked cache, applied to a whole run): a plain check run
// with `--cache` (cli/record-run.ts decides which and writes the record) leaves `run-record.bin` beside
// results.json with
//   key     sha256 over what the run was asked and where: the record format, Node's version, path and
//           flags, the arguments, the working directory, whether stdout/stderr are terminals, today's
//           local date (RB108's review age, RB104's "in the future"), the values of every
//           environment variable the run read (their names are listed; values only go into the digest)
//           and of those Node reads itself (locale, TZ, NODE_OPTIONS);
//   deps    every path the run looked at through node:fs, in the main thread and in its workers, with
//           what it found: a stat (type, device, inode, size, mtime and ctime in ns) of each file it
//           read or stat()ed and of each folder it listed (an added, removed or renamed entry changes
//           the folder's mtime), "absent" for each path it found missing (a config file that could be
//           above a folder, a link target), the real path of each path it resolved; plus dist/cli.js
//           and dist/cli-main.js themselves (a rebuilt tool);
//   output  the exact bytes it wrote to stdout and stderr, and its exit code.
// dist/cli.js (cli/entry.ts) calls replayRun() before it loads the engine: when the key is this run's and
// every dependency is still as recorded, it writes the stored bytes and exits with the stored code (a
// warm run over an unchanged repository: a few hundred stat()s); anything else runs the engine, which
// writes a new record. No stat taken less than RACY_MS after the file's last change is ever recorded
// (git's racily-clean rule: a second change in the same clock tick leaves the stat as it was): such a
// run writes no record. The output was already redacted (no detected secret is printed), the key is a
// digest and the record-writer refuses paths that hold a detected secret, so the record holds nothing
// the run did not print. Only node built-ins and core/today.ts: this file is part of the small loader.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, writeSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { localToday } from '../core/today.js';

export const RUN_RECORD_FILE = 'run-record.bin';
const MAGIC = 'runbook-lint run record 1\n';
/** A file changed this recently (ms) before a run began is not trusted by its stat (git's racily-clean rule). */
export const RACY_MS = 2000;

/** How a dependency was looked at: `s` stat (links followed), `l` lstat, `r` real path. */
export type DepKind = 's' | 'l' | 'r';

export interface RunContext {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface RecordHeader {
  key: string;
  /** Names of the environment variables the run read. */
  env: string[];
  /** [kind + absolute path, state] */
  deps: [string, string][];
  out: number;
  err: number;
  code: number;
}

/** `-` for a missing path, else type:dev:ino:size:mtimeNs:ctimeNs. */
export function statState(st: BigIntStats | undefined): string {
  if (!st) return '-';
  const type = st.isFile() ? 'f' : st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : 'o';
  return `${type}:${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** What a path looks like now, the way `kind` looks at it; `!CODE` for an error other than "not there". */
export function depState(kind: DepKind, abs: string): string {
  try {
    if (kind === 'r') return realpathSync.native(abs);
    return statState(kind === 'l' ? lstatSync(abs, { bigint: true, throwIfNoEntry: false }) : statSync(abs, { bigint: true, throwIfNoEntry: false }));
  } catch (e) {
    return `!${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** The last change (ms since the epoch) a stat state shows; 0 for none (missing path, real path). */
export function changedAtMs(state: string): number {
  const m = /^[fdlo]:\d+:\d+:\d+:(\d+):(\d+)$/.exec(state);
  if (!m) return 0;
  const [mtime, ctime] = [BigInt(m[1]!), BigInt(m[2]!)];
  return Number((mtime > ctime ? mtime : ctime) / 1_000_000n);
}

/**
 * Variables Node itself reads at startup, past process.env (so the run's trace cannot see them): the
 * locale ICU sorts and formats with (localeCompare orders the workspace facts), the time zone, options.
 */
const NATIVE_ENV = ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_COLLATE', 'LC_CTYPE', 'LC_MESSAGES', 'NODE_ICU_DATA', 'NODE_OPTIONS', 'TZ'];

/** The digest of everything besides the files that decides what a run prints. */
export function runKey(ctx: RunContext, envNames: readonly string[], today = localToday()): string {
  const env = [...NATIVE_ENV, ...envNames].map((n) => [n, ctx.env[n] ?? null]);
  return createHash('sha256')
    .update(JSON.stringify([MAGIC, process.version, process.execPath, process.execArgv, ctx.argv, ctx.cwd, isatty(1), isatty(2), today, env]))
    .digest('hex');
}

/** The bytes of a record file. */
export function encodeRecord(h: Omit<RecordHeader, 'out' | 'err'>, out: Buffer, err: Buffer): Buffer {
  const head = Buffer.from(JSON.stringify({ ...h, out: out.length, err: err.length }));
  return Buffer.concat([Buffer.from(`${MAGIC}${head.length}\n`), head, out, err]);
}

function isHeader(h: unknown): h is RecordHeader {
  const o = h as RecordHeader;
  const n = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  return (
    !!o &&
    typeof o.key === 'string' &&
    Array.isArray(o.env) &&
    o.env.every((e) => typeof e === 'string') &&
    Array.isArray(o.deps) &&
    o.deps.every((d) => Array.isArray(d) && typeof d[0] === 'string' && 'slr'.includes(d[0][0] ?? 'x') && typeof d[1] === 'string') &&
    n(o.out) &&
    n(o.err) &&
    n(o.code)
  );
}

function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) throw new Error('short');
    got += n;
  }
  return buf;
}

/** The record in `dir` when it is this run's and every dependency is as it was; else undefined. Never throws. */
export function validRecord(dir: string, ctx: RunContext): { header: RecordHeader; out: Buffer; err: Buffer } | undefined {
  let fd: number;
  try {
    fd = openSync(join(dir, RUN_RECORD_FILE), 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const first = readAt(fd, Math.min(size, 64 * 1024), 0);
    if (first.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const nl = first.indexOf(10, MAGIC.length);
    const length = nl < 0 ? NaN : Number(first.toString('latin1', MAGIC.length, nl));
    if (!Number.isSafeInteger(length) || nl + 1 + length > size) return undefined;
    const start = nl + 1;
    const headBytes = start + length <= first.length ? first.subarray(start, start + length) : readAt(fd, length, start);
    const header: unknown = JSON.parse(headBytes.toString('utf8'));
    if (!isHeader(header) || start + length + header.out + header.err !== size) return undefined;
    if (header.key !== runKey(ctx, header.env)) return undefined;
    for (const [dep, state] of header.deps) if (depState(dep[0] as DepKind, dep.slice(1)) !== state) return undefined;
    const body = readAt(fd, header.out + header.err, start + length);
    return { header, out: body.subarray(0, header.out), err: body.subarray(header.out) };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `buf` to fd 1 or 2; false when the reader went away (EPIPE). */
function writeAll(fd: 1 | 2, buf: Buffer): boolean {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      if (code !== 'EAGAIN') throw e;
      // A non-blocking pipe that is full: the stream queues the rest and Node flushes it before exiting.
      (fd === 1 ? process.stdout : process.stderr).write(buf.subarray(off));
      return true;
    }
  }
  return true;
}

/**
 * dist/cli.js, before it loads the engine: prints what the recorded run printed and sets its exit code
 * when the record in `dir` still holds (see the top of this file); false (nothing printed) otherwise.
 */
export function replayRun(dir: string, ctx: RunContext): boolean {
  const r = validRecord(dir, ctx);
  if (!r) return false;
  process.exitCode = r.header.code;
  // `runbook-lint … | head`: a closed pipe ends the replay quietly, as it ends a run.
  if (writeAll(1, r.out)) writeAll(2, r.err);
  return true;
}
