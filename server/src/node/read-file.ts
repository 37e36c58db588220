// Reading a runbook from disk with the checks the core cannot do: size, binary content, UTF-8.
import { readFileSync, statSync } from 'node:fs';

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Files larger than this are not read at all (RB003 handles 5–50 MB with secrets only). */
export const MAX_READ_BYTES = 50 * 1024 * 1024;

export function readRunbookFile(path: string): ReadResult {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, reason: 'is a directory' };
    size = st.size;
  } catch (e) {
    return { ok: false, reason: describeIoError(e) };
  }
  if (size > MAX_READ_BYTES) return { ok: false, reason: `is ${(size / 1024 / 1024).toFixed(0)} MB, over the ${MAX_READ_BYTES / 1024 / 1024} MB read limit` };
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return { ok: false, reason: describeIoError(e) };
  }
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
    default:
      return `cannot be read (${code ?? String(e)})`;
  }
}
