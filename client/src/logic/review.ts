// Mark Reviewed Today: the edit that sets `last_reviewed` to today, inserting the key after its
// canonical predecessor when it is missing. Line-based (core/frontmatter-lines.ts), so it works
// on front matter that does not parse and keeps the extension bundle free of the Markdown parser.
import { blockEnd, frontMatterBlock, keyLine, parseLine } from '../../../server/src/core/frontmatter-lines';
import { REQUIRED_KEYS } from '../../../server/src/core/frontmatter-edit';

/** An edit on one line: replace characters `start`..`end` of `line` with `newText`. */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  newText: string;
}

export function markReviewedEdit(text: string, today: string): LineEdit | { error: string } {
  const fm = frontMatterBlock(text);
  if (!fm) return { error: 'This runbook has no front matter; insert the template first.' };
  const value = `"${today}"`;
  const kl = keyLine(fm, ['last_reviewed']);
  if (kl !== undefined) {
    const line = fm.lines[kl]!;
    const p = parseLine(line);
    if (p.value) return { line: kl, start: p.valueStart, end: p.valueStart + p.value.length, newText: value };
    const colon = line.indexOf(':', p.keyEnd!) + 1;
    return { line: kl, start: colon, end: line.length, newText: ' ' + value };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // After the nearest key that comes before last_reviewed in the template (owner, title, runbook_id).
  const order = REQUIRED_KEYS as readonly string[];
  let at = 1;
  for (let i = order.indexOf('last_reviewed') - 1; i >= 0; i--) {
    const prev = keyLine(fm, [order[i]!]);
    if (prev !== undefined) {
      at = blockEnd(fm, prev, 0);
      break;
    }
  }
  return { line: at, start: 0, end: 0, newText: `last_reviewed: ${value}${eol}` };
}
