// Creating a file that must not exist yet (`runbook-lint init`'s config, a first suppressions
// file): the text goes to a complete, synced temp file beside it, which is then hard-linked into
// place — the link fails when the name exists, so nothing is ever overwritten and no reader sees
// half a file. Replacing an existing file goes through write-file.ts (writeAtomic).
import { closeSync, fsyncSync, linkSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';

export type CreateOutcome = 'created' | 'exists';

export function createFile(abs: string, text: string): CreateOutcome {
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.runbook-lint.tmp`);
  const buf = Buffer.from(text, 'utf8');
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    let off = 0;
    while (off < buf.length) {
      const n = writeSync(fd, buf, off, buf.length - off, off);
      if (n <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      off += n;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, abs);
    return 'created';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}
