// `--fix`: in-place writes (node/write-file.ts: atomic, never over a file changed since it was read), and
// the `--dry-run` diff, with lines holding a detected secret masked.
import { MAX_FULL_CHECK_BYTES } from '../core/check.js';
import { parseRunbook } from '../core/model/runbook.js';
import { LineIndex } from '../core/model/text.js';
import { documentSecrets } from '../core/scrub.js';
import { detectSecrets } from '../core/secrets/index.js';
import { unifiedDiff } from './diff.js';
export { writeAtomic, WriteRefused, type WriteOutcome } from '../node/write-file.js';

/**
 * 0-based lines of `text` that overlap a secret, to keep them out of diffs. Every value the detector finds
 * counts, whatever the config says: an allow-listed fingerprint, RB401 turned off or a suppression comment
 * silence the finding, never the masking (a diff is output like any other).
 */
function secretLines(text: string, path: string): Set<number> {
  const lines = new Set<number>();
  const idx = new LineIndex(text);
  const rb = parseRunbook(text, path, { skipMarkdown: text.length > MAX_FULL_CHECK_BYTES });
  for (const f of [...documentSecrets(rb), ...detectSecrets(rb.text)]) {
    const s = idx.positionAt(f.start).line;
    const e = idx.positionAt(Math.max(f.start, f.end - 1)).line;
    for (let l = s; l <= e; l++) lines.add(l);
  }
  return lines;
}

/**
 * The `--dry-run` diff: removed, added and context lines that hold a secret print as
 * `<line redacted: secret>`, and random-looking tokens in the other lines shown as `<masked>`.
 */
export function fixDiff(displayPath: string, oldText: string, newText: string, path: string): string {
  const oldSecrets = secretLines(oldText, path);
  const newSecrets = secretLines(newText, path);
  const mask = (set: Set<number>) => (l: number) => (set.has(l) ? '<line redacted: secret>' : undefined);
  return unifiedDiff(`a/${displayPath}`, `b/${displayPath}`, oldText, newText, { maskOld: mask(oldSecrets), maskNew: mask(newSecrets) });
}
