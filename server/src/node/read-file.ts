// Reading files from disk with the checks the core cannot do. Every read in the server and the CLI goes
// through readRegularFile(Sync): only regular files (a FIFO, a device such as /dev/zero, a socket or a
// directory is refused without blocking or reading it), never more than a size cap (a file that grows while
// it is read stops at the cap), and for runbooks binary content and invalid UTF-8 are refused too.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };
export type BytesResult = { ok: true; buf: Buffer } | { ok: false; reason: string };

/** Files larger than this are not read at all (RB003 handles 5–50 MB with secrets only). */
export const MAX_READ_BYTES = 50 * 1024 * 1024;

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer (the check below then refuses it);
// it changes nothing for regular files.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a regular file; not read';
  if (st.isSocket()) return 'is a socket, not a regular file; not read';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file; not read';
  return 'is not a regular file; not read';
}

/** Why a file is not read: not a regular file, or over the cap. */
function refusal(st: Stats, maxBytes: number): string | undefined {
  if (!st.isFile()) return kindOf(st);
  if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
  return undefined;
}

function tooLarge(size: number, maxBytes: number): string {
  return `is ${mb(size)}, over the ${mb(maxBytes)} read limit`;
}

/**
 * A buffer filled by reads up to the end of a file: sized from its stat (one read for a file that does not
 * change), grown when the file turns out longer, and never past the cap (`over()` then says so).
 */
class Filling {
  private buf: Buffer;
  total = 0;

  constructor(
    size: number,
    private readonly maxBytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  }

  over(): boolean {
    return this.total > this.maxBytes;
  }

  room(): [Buffer, number, number] {
    if (this.total === this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(this.buf.length * 2, this.maxBytes + 1));
      this.buf.copy(bigger, 0, 0, this.total);
      this.buf = bigger;
    }
    return [this.buf, this.total, this.buf.length - this.total];
  }

  commit(n: number): void {
    if (n > 0) this.total += n;
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.total);
  }
}

/** The bytes of a regular file of at most `maxBytes`, or why not. Never blocks on a pipe. */
export function readRegularFileSync(path: string, maxBytes = MAX_READ_BYTES): BytesResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return { ok: false, reason: describeIoError(e) };
  }
  try {
    const st = fstatSync(fd);
    const no = refusal(st, maxBytes);
    if (no) return { ok: false, reason: no };
    const into = new Filling(st.size, maxBytes);
    for (let n = -1; n !== 0; into.commit(n)) {
      if (into.over()) return { ok: false, reason: tooLarge(into.total, maxBytes) };
      const [b, off, len] = into.room();
      n = readSync(fd, b, off, len, null);
    }
    return { ok: true, buf: into.bytes() };
  } catch (e) {
    return { ok: false, reason: describeIoError(e) };
  } finally {
    closeSync(fd);
  }
}

/** readRegularFileSync without blocking the event loop. */
export async function readRegularFile(path: string, maxBytes = MAX_READ_BYTES): Promise<BytesResult> {
  let h;
  try {
    h = await open(path, OPEN_FLAGS);
  } catch (e) {
    return { ok: false, reason: describeIoError(e) };
  }
  try {
    const st = await h.stat();
    const no = refusal(st, maxBytes);
    if (no) return { ok: false, reason: no };
    const into = new Filling(st.size, maxBytes);
    for (let n = -1; n !== 0; into.commit(n)) {
      if (into.over()) return { ok: false, reason: tooLarge(into.total, maxBytes) };
      const [b, off, len] = into.room();
      n = (await h.read(b, off, len, null)).bytesRead;
    }
    return { ok: true, buf: into.bytes() };
  } catch (e) {
    return { ok: false, reason: describeIoError(e) };
  } finally {
    await h.close().catch(() => undefined);
  }
}

/** A regular file's text (UTF-8, a BOM kept as read), for configs and other small files. */
export function readTextFileSync(path: string, maxBytes: number): ReadResult {
  const r = readRegularFileSync(path, maxBytes);
  return r.ok ? { ok: true, text: r.buf.toString('utf8') } : r;
}

/** readTextFileSync without blocking the event loop. */
export async function readTextFile(path: string, maxBytes: number): Promise<ReadResult> {
  const r = await readRegularFile(path, maxBytes);
  return r.ok ? { ok: true, text: r.buf.toString('utf8') } : r;
}

export function readRunbookFile(path: string): ReadResult {
  const r = readRegularFileSync(path, MAX_READ_BYTES);
  return r.ok ? decodeRunbook(r.buf) : r;
}

export async function readRunbookFileAsync(path: string): Promise<ReadResult> {
  const r = await readRegularFile(path, MAX_READ_BYTES);
  return r.ok ? decodeRunbook(r.buf) : r;
}

/** A runbook's bytes as text: binary content (NUL bytes) and invalid UTF-8 are refused with a reason. */
export function decodeRunbook(buf: Buffer): ReadResult {
  const probe = buf.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, reason: 'looks binary (NUL bytes), not a Markdown runbook' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const bad = firstInvalidUtf8(buf);
    return { ok: false, reason: `is not valid UTF-8 (first bad byte at offset ${bad})` };
  }
  return { ok: true, text };
}

function firstInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  const dec = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n));
      return true;
    } catch {
      return false;
    }
  };
  // Binary search the longest valid prefix (a cut mid-character also fails, so allow 3 bytes slack).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dec(mid) || dec(Math.min(buf.length, mid + 1)) || dec(Math.min(buf.length, mid + 2)) || dec(Math.min(buf.length, mid + 3))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether `abs` lies inside `dir` (lexically; not `dir` itself). */
export function isInside(abs: string, dir: string): boolean {
  const rel = relative(dir, abs);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

/**
 * Where a path inside the repository `root` really leads when it (or a folder on the way) is a symbolic
 * link: `{ real }` inside the repository, `{ outside: true }` when it resolves outside it (never read or
 * written: a committed link must not make the tool print or change files elsewhere). Paths that are not
 * inside `root` to begin with are not judged here.
 */
export function resolveWithin(abs: string, root: string): { real: string; outside: false } | { real: string; outside: true } | { error: string } {
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch (e) {
    return { error: describeIoError(e) };
  }
  if (real === abs || !isInside(abs, root)) return { real, outside: false };
  return isInside(real, realRoot(root)) ? { real, outside: false } : { real, outside: true };
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    try {
      r = realpathSync.native(root);
    } catch {
      r = root;
    }
    realRoots.set(root, r);
  }
  return r;
}

/** readRunbookFile for a file of the repository `root`: a link that leads outside it is not followed. */
export function readRunbookWithin(abs: string, root: string): ReadResult {
  const r = resolveWithin(abs, root);
  if ('error' in r) return { ok: false, reason: r.error };
  if (r.outside) return { ok: false, reason: 'is a symbolic link to a file outside the repository; not read' };
  return readRunbookFile(abs);
}

export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'is a symbolic link loop';
    default:
      return `cannot be read (${code ?? String(e)})`;
  }
}
