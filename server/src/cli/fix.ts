// `--fix`: atomic in-place writes that never touch a file changed since it was read, and the
// `--dry-run` diff, with lines holding a detected secret masked.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { check } from '../core/check.js';
import { LineIndex } from '../core/model/text.js';
import type { ResolvedConfig } from '../core/types.js';
import { unifiedDiff } from './diff.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export type WriteOutcome = 'written' | 'changed-on-disk';

/** The file's text as the reader decodes it (BOM dropped), or undefined when unreadable. */
function currentText(abs: string): { text: string; bom: boolean } | undefined {
  try {
    const buf = readFileSync(abs);
    const bom = buf.subarray(0, 3).equals(BOM);
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), bom };
  } catch {
    return undefined;
  }
}

/**
 * Writes `newText` over `abs` through a temp file in the same folder and a rename, so readers
 * see the old or the new file, never half of one. Refuses (and leaves the file alone) when its
 * content is no longer `readText`. Keeps the file mode and a leading BOM.
 */
export function writeAtomic(abs: string, readText: string, newText: string): WriteOutcome {
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.runbook-lint.tmp`);
  const mode = statSync(abs).mode & 0o7777;
  const before = currentText(abs);
  if (!before || before.text !== readText) return 'changed-on-disk';
  const fd = openSync(tmp, 'wx', mode);
  try {
    if (before.bom) writeSync(fd, BOM);
    writeSync(fd, newText, null, 'utf8');
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  // Last look right before the rename: someone may have saved the file meanwhile.
  const now = currentText(abs);
  if (!now || now.text !== readText) {
    unlinkSync(tmp);
    return 'changed-on-disk';
  }
  renameSync(tmp, abs);
  return 'written';
}

const SECRET_RULE = 'RB401';

/** 0-based lines of `text` that overlap a detected secret (RB401), to keep them out of diffs. */
function secretLines(text: string, path: string, config: ResolvedConfig, today: string): Set<number> {
  const lines = new Set<number>();
  const idx = new LineIndex(text);
  // Masking does not depend on the rule's configured severity: a secret is never printed.
  const on: ResolvedConfig = { ...config, rules: { ...config.rules, [SECRET_RULE]: { severity: 'error', options: config.rules[SECRET_RULE]?.options ?? {} } } };
  for (const f of check({ text, path, config: on, today, only: [SECRET_RULE] }).findings) {
    if (f.ruleId !== SECRET_RULE) continue;
    const s = idx.positionAt(f.range.start).line;
    const e = idx.positionAt(Math.max(f.range.start, f.range.end - 1)).line;
    for (let l = s; l <= e; l++) lines.add(l);
  }
  return lines;
}

/** The `--dry-run` diff: removed, added and context lines that hold a secret print as `<line redacted: secret>`. */
export function fixDiff(displayPath: string, oldText: string, newText: string, path: string, config: ResolvedConfig, today: string): string {
  const oldSecrets = secretLines(oldText, path, config, today);
  const newSecrets = secretLines(newText, path, config, today);
  const mask = (set: Set<number>) => (l: number) => (set.has(l) ? '<line redacted: secret>' : undefined);
  return unifiedDiff(`a/${displayPath}`, `b/${displayPath}`, oldText, newText, { maskOld: mask(oldSecrets), maskNew: mask(newSecrets) });
}
