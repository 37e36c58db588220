// `--fix`: in-place writes (node/write-file.ts: atomic, never over a file changed since it was read), and
// the `--dry-run` diff, with lines holding a detected secret masked.
import { check } from '../core/check.js';
import { LineIndex } from '../core/model/text.js';
import type { ResolvedConfig } from '../core/types.js';
import { unifiedDiff } from './diff.js';
export { writeAtomic, WriteRefused, type WriteOutcome } from '../node/write-file.js';

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
