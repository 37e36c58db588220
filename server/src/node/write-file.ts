// Replacing a file's content without ever losing data: `runbook-lint --fix` writes through here.
//
// The new text goes to a temp file in the same folder, which is written completely (short writes are
// continued, a full disk is an error), read back, given the original's mode and owner, synced, and only
// then renamed over the file — so a reader sees the old or the new file, never half of one, and on any
// error the original stays as it was. The file must still hold exactly what was checked, right before the
// rename; a write that slips in after that last look lands in the original inode, which the writer holds
// open and keeps reachable through a hard link: the rename is then undone and the file left alone.
//
// Refused with a reason (and nothing written): a file that is not a regular file, has other hard links
// (a rename would split them), is read-only, whose owner cannot be kept, or — for a symbolic link — whose
// target lies outside the repository. A link inside it is followed: the target is fixed, the link stays.
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { resolveWithin } from './read-file.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);


export type WriteOutcome = 'written' | 'changed-on-disk';

/** A file --fix will not write, with the reason shown to the user (exit 2). */
export class WriteRefused extends Error {}

/** Points in a write where the tests interfere (a concurrent edit, a fault). Not for production use. */
export interface WriteHooks {
  /** After the temp file is complete, before the last look at the original. */
  beforeLastLook?: (target: string) => void;
  /** After the last look, right before the rename. */
  beforeRename?: (target: string) => void;
  /** Right after the rename, before the original inode is looked at again. */
  afterRename?: (target: string) => void;
}

/** Up to `size + 1` bytes from the start of a file: one more than expected means it grew. */
function readAll(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size + 1);
  let total = 0;
  while (total < buf.length) {
    const n = readSync(fd, buf, total, buf.length - total, total);
    if (n === 0) break;
    total += n;
  }
  return buf.subarray(0, total);
}

/** Writes every byte (a short write is continued; a write that makes no progress is a full disk). */
function writeAll(fd: number, buf: Buffer, append = false): void {
  let off = 0;
  while (off < buf.length) {
    const n = writeSync(fd, buf, off, buf.length - off, append ? null : off);
    if (n <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    off += n;
  }
}

const same = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

function tempName(target: string, kind: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.runbook-lint.${kind}`);
}

function statIfAny(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function tryUnlink(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    /* already gone */
  }
}

function decode(buf: Buffer): { text: string; bom: boolean } | undefined {
  try {
    const bom = buf.subarray(0, 3).equals(BOM);
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), bom };
  } catch {
    return undefined;
  }
}

/** Which file a write to `abs` changes: the file itself, or the target of a link that stays inside `root`. */
export function writeTarget(abs: string, root: string | undefined): string {
  let st: Stats;
  try {
    st = lstatSync(abs);
  } catch (e) {
    throw new WriteRefused(`could not be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); left as it is`);
  }
  const r = root ? resolveWithin(abs, root) : undefined;
  if (r && 'error' in r) throw new WriteRefused(`could not be written (${r.error}); left as it is`);
  if (r?.outside) throw new WriteRefused('is a symbolic link to a file outside the repository; not fixed');
  if (!st.isSymbolicLink() && !r) return abs;
  return r ? r.real : abs;
}

/**
 * Replaces the content of `abs` (a file whose content was `readText`) with `newText`: 'written', or
 * 'changed-on-disk' when the file no longer holds `readText` (someone saved it meanwhile; it is left as
 * it is). Throws WriteRefused for files it will not write and an errno error when writing fails; in both
 * cases the original is untouched. A leading BOM is kept; mode and owner are kept.
 */
export function writeAtomic(abs: string, readText: string, newText: string, opts: { root?: string; hooks?: WriteHooks } = {}): WriteOutcome {
  const hooks = opts.hooks ?? {};
  const target = writeTarget(abs, opts.root);
  const fd0 = openSync(target, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    const st0 = fstatSync(fd0);
    if (!st0.isFile()) throw new WriteRefused('is not a regular file; not fixed');
    if (st0.nlink > 1) throw new WriteRefused(`has ${st0.nlink} hard links, which a fix would split; left as it is (fix it by hand)`);
    if ((st0.mode & 0o222) === 0) throw new WriteRefused('is read-only; left as it is');
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw new WriteRefused('is read-only for this user; left as it is');
    }
    const original = readAll(fd0, st0.size);
    const before = decode(original);
    if (!before || before.text !== readText) return 'changed-on-disk';

    const bytes = before.bom ? Buffer.concat([BOM, Buffer.from(newText, 'utf8')]) : Buffer.from(newText, 'utf8');
    const { tmp, fd } = writeTemp(target, bytes, st0);
    let renamed = false;
    try {
      hooks.beforeLastLook?.(target);
      // Last look, right before the rename: the same inode, untouched, with the same content.
      const st1 = fstatSync(fd0);
      const now = readAll(fd0, st1.size);
      const path1 = statIfAny(target);
      if (!same(st0, st1) || !path1 || !same(st1, path1) || !now.equals(original)) return 'changed-on-disk';
      // Keep the original reachable until it is certain nobody wrote to it after the look.
      let keep: string | undefined = tempName(target, 'orig');
      try {
        linkSync(target, keep);
      } catch {
        keep = undefined; // a file system without hard links: undo() copies instead
      }
      try {
        hooks.beforeRename?.(target);
        renameSync(tmp, target);
      } catch (e) {
        if (keep) tryUnlink(keep);
        throw e;
      }
      renamed = true;
      hooks.afterRename?.(target);
      // A writer that opened the file just before the rename writes into the original a moment later:
      // give it that moment (about 1 ms per written file) before the original is looked at again.
      pause();
      // The link and the rename changed its ctime and link count; a write changes its size, mtime or bytes.
      const st2 = fstatSync(fd0);
      if (st2.size !== st1.size || st2.mtimeMs !== st1.mtimeMs || !readAll(fd0, st2.size).equals(original)) {
        undo(target, keep, fd0, fd, bytes, st0);
        return 'changed-on-disk';
      }
      if (keep) tryUnlink(keep);
      syncDir(dirname(target));
      return 'written';
    } finally {
      closeSync(fd);
      if (!renamed) tryUnlink(tmp);
    }
  } finally {
    closeSync(fd0);
  }
}

const GRACE = new Int32Array(new SharedArrayBuffer(4));
function pause(): void {
  Atomics.wait(GRACE, 0, 0, 1);
}

/**
 * A write reached the original after the last look, so the fix yields: the original goes back in place
 * (by its kept link, so writers holding it open stay attached to the file), followed by whatever reached
 * the new file while it was in place. A file someone replaced or rewrote meanwhile is theirs and stays.
 */
function undo(target: string, keep: string | undefined, fd0: number, fd: number, bytes: Buffer, owner: Stats): void {
  const ours = fstatSync(fd);
  const cur = readAll(fd, ours.size);
  const at = statIfAny(target);
  if (!at || at.ino !== ours.ino || at.dev !== ours.dev || !cur.subarray(0, bytes.length).equals(bytes)) {
    if (keep) tryUnlink(keep);
    return;
  }
  const extra = cur.subarray(bytes.length);
  if (keep) {
    appendTo(keep, extra);
    renameSync(keep, target);
  } else {
    replaceWith(target, Buffer.concat([readAll(fd0, fstatSync(fd0).size), extra]), owner);
  }
  // Writers that opened the new file before it was moved away finish into it a moment later.
  pause();
  const late = readAll(fd, fstatSync(fd).size);
  if (late.length > cur.length) appendTo(target, late.subarray(cur.length));
}

function appendTo(path: string, buf: Buffer): void {
  if (!buf.length) return;
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0));
  try {
    writeAll(fd, buf, true);
  } finally {
    closeSync(fd);
  }
}

/** Without a hard link: the original's bytes go back through a temp file too. */
function replaceWith(target: string, buf: Buffer, owner: Stats): void {
  const { tmp, fd } = writeTemp(target, buf, owner);
  closeSync(fd);
  renameSync(tmp, target);
}

/**
 * A complete, synced temp file beside `target` holding `bytes`, with the mode and owner of `like`; read
 * back before it is trusted. On any error it is removed and the error thrown. The caller closes `fd`.
 */
function writeTemp(target: string, bytes: Buffer, like: Stats): { tmp: string; fd: number } {
  const tmp = tempName(target, 'tmp');
  const fd = openSync(tmp, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    writeAll(fd, bytes);
    // The mode as it was (open's mode is cut by the umask), and the owner as it was.
    fchmodSync(fd, like.mode & 0o7777);
    const st = fstatSync(fd);
    if (st.uid !== like.uid || st.gid !== like.gid) {
      try {
        fchownSync(fd, like.uid, like.gid);
      } catch {
        throw new WriteRefused('belongs to another user, which a fix would change; left as it is');
      }
      fchmodSync(fd, like.mode & 0o7777); // chown may clear set-id bits
    }
    fsyncSync(fd);
    // Read back what the disk holds: a short or failed write must never be renamed into place.
    if (!readAll(fd, bytes.length).equals(bytes)) throw Object.assign(new Error('the written file differs from what was written'), { code: 'EIO' });
    return { tmp, fd };
  } catch (e) {
    closeSync(fd);
    tryUnlink(tmp);
    throw e;
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported on every platform: the rename itself is already atomic */
  }
}
