// `--changed` mode facts for RB108: did a changed runbook's `last_reviewed` change against the base?
import { parseFrontMatter } from '../core/model/frontmatter.js';
import { readRunbookWithin } from '../node/read-file.js';
import { showAtBase, type ChangedFile } from './git.js';

function lastReviewed(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const v = parseFrontMatter(text)?.data?.['last_reviewed'];
  if (v === undefined || v === null) return undefined;
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
}

/**
 * True when the working copy's `last_reviewed` differs from the base version's (a new file, or
 * one whose base version had none, counts as updated when it has a value now).
 */
export function lastReviewedChanged(root: string, baseCommit: string, file: ChangedFile, abs: string): boolean {
  const read = readRunbookWithin(abs, root);
  const now = lastReviewed(read.ok ? read.text : undefined);
  if (!file.basePath) return true;
  const before = lastReviewed(showAtBase(root, baseCommit, file.basePath));
  return now !== before;
}
