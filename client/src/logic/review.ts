// Mark Reviewed Today: the edit that sets `last_reviewed` to today (inserting the key in its
// canonical place when it is missing). Reuses the core's front-matter model and key insertion.
import { parseRunbook } from '../../../server/src/core/model/runbook';
import { topLevelKeys } from '../../../server/src/core/model/frontmatter';
import { insertKeyEdit } from '../../../server/src/core/frontmatter-edit';
import type { TextEdit } from '../../../server/src/core/types';

/** The edit (offsets) or why none can be made. */
export function markReviewedEdit(text: string, today: string): TextEdit | { error: string } {
  const rb = parseRunbook(text);
  const fm = rb.frontMatter;
  if (!fm) return { error: 'This runbook has no front matter; insert the template first.' };
  const key = topLevelKeys(fm).find((k) => k.key === 'last_reviewed');
  const value = `"${today}"`;
  if (key) {
    if (key.valueRange.end > key.valueRange.start) return { range: key.valueRange, newText: value };
    return { range: { start: key.keyRange.end + 1, end: key.keyRange.end + 1 }, newText: ' ' + value };
  }
  if (fm.errors.length && !topLevelKeys(fm).length) return { error: 'The front matter does not parse; fix the YAML first.' };
  return insertKeyEdit(rb, 'last_reviewed', { id: '', today }) ?? { error: 'Could not find where to insert last_reviewed.' };
}
