// Edits for the safety fixes: a confirmation before a write command (RB302, and RB301 when the step
// also lacks a rollback) and a `Rollback:` stub after it (RB301).
//
// What they insert is a placeholder (`<…>`): RB302 and RB301 keep reporting it, worded "fill in",
// until a person writes the real confirmation and rollback. It never quotes the command (a quoted
// command in prose is one more command for RB303 to read). It never splits a list, table, block
// quote or code block: a rollback goes after the top-level block holding the command; a
// confirmation goes before that block, or, for a command in a list item, in the same list as an
// item right before that one (same marker and indent), so it covers exactly that item.
import type { Runbook } from '../model/runbook.js';
import type { OffsetRange } from '../model/text.js';
import { firstIndex, perModel } from '../model/cover.js';
import type { TextEdit } from '../types.js';
import type { Guard } from './extract.js';

export const ROLLBACK_STUB = 'Rollback: <how to revert this change>';
const CAUTION_STUB = '<what this changes, and what to check before running it>';
const CONFIRM_STUB = 'Confirm <the target: environment, namespace, resource>';

/** A list item's first line as written: indent, marker (`-`, `*`, `+`, `3.`, `3)`), and nothing quoted. */
const ITEM_LINE = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]/;

/** Start and end offsets of the document's top-level blocks, in order. */
const topBlocks = perModel((rb: Runbook): OffsetRange[] =>
  rb.mdast.children.flatMap((n) => (n.position?.start.offset !== undefined && n.position.end.offset !== undefined ? [{ start: n.position.start.offset, end: n.position.end.offset }] : [])),
);

/** The top-level block (a child of the document) holding an offset. */
function topBlockAt(rb: Runbook, offset: number): OffsetRange | undefined {
  const blocks = topBlocks(rb);
  const i = firstIndex(blocks.length, (k) => blocks[k]!.start > offset) - 1;
  return i >= 0 && offset < blocks[i]!.end ? blocks[i] : undefined;
}

/** The innermost list item holding the offset, when it is a plain (unquoted) list line. */
function listItemAt(rb: Runbook, offset: number): { range: OffsetRange; indent: string; marker: string } | undefined {
  let best: OffsetRange | undefined;
  for (const li of rb.listItems) {
    if (li.range.start > offset) break;
    if (offset < li.range.end) best = li.range;
  }
  if (!best) return undefined;
  const m = ITEM_LINE.exec(rb.lines.lineText(rb.lines.positionAt(best.start).line));
  return m ? { range: best, indent: m[1]!, marker: m[2]! } : undefined;
}

const lineStartOf = (rb: Runbook, offset: number) => rb.lines.lineStarts[rb.lines.positionAt(offset).line]!;
const lastLineEnd = (rb: Runbook, r: OffsetRange) => rb.lines.lineEnd(rb.lines.positionAt(Math.max(r.start, r.end - 1)).line);

/** A `Rollback:` stub paragraph after the top-level block holding the command. */
export function rollbackEdit(rb: Runbook, g: Guard): TextEdit {
  const at = lastLineEnd(rb, topBlockAt(rb, g.cmd.range.start) ?? g.element);
  const eol = rb.lines.eol;
  const line = rb.lines.positionAt(at).line;
  const nextBlank = line + 1 >= rb.lines.lineCount || rb.lines.lineText(line + 1).trim() === '';
  return { range: { start: at, end: at }, newText: eol + eol + ROLLBACK_STUB + (nextBlank ? '' : eol) };
}

/**
 * A confirmation right before the command's block, with a rollback stub when the step has none: a
 * `> [!CAUTION]` block (with the rollback line) before the top-level block, or a `- [ ] Confirm …`
 * item before the list item holding the command (then the rollback goes after the list). When an earlier write command shares
 * that block (two code blocks in one list item), the confirmation goes right before the command's
 * code block, at its indent, inside the item. Empty when no such place keeps every block whole.
 */
export function fenceEdits(rb: Runbook, g: Guard, withRollback: boolean): TextEdit[] {
  const eol = rb.lines.eol;
  const item = listItemAt(rb, g.cmd.range.start);
  if (item && item.range.start >= g.confirmationFrom) {
    const at = lineStartOf(rb, item.range.start);
    return [{ range: { start: at, end: at }, newText: `${item.indent}${item.marker} [ ] ${CONFIRM_STUB}${eol}` }, ...(withRollback ? [rollbackEdit(rb, g)] : [])];
  }
  const top = topBlockAt(rb, g.cmd.range.start) ?? g.element;
  if (!item && top.start >= g.confirmationFrom) return [caution(rb, lineStartOf(rb, top.start), '', withRollback)];
  // Right before the command's own code block, inside its container (never inside a quote).
  if (!g.cmd.block) return [];
  const first = rb.lines.lineText(rb.lines.positionAt(g.element.start).line);
  const indent = /^[ \t]*/.exec(first)![0];
  if (first.slice(indent.length).startsWith('>')) return [];
  return [caution(rb, lineStartOf(rb, g.element.start), indent, withRollback)];
}

/** A `> [!CAUTION]` placeholder block at `at` (a line start), indented, followed by a blank line. */
function caution(rb: Runbook, at: number, indent: string, withRollback: boolean): TextEdit {
  const eol = rb.lines.eol;
  const lines = ['> [!CAUTION]', `> ${CAUTION_STUB}`, ...(withRollback ? [`> ${ROLLBACK_STUB}`] : [])].map((l) => indent + l);
  const prevBlank = at === 0 || rb.lines.lineText(rb.lines.positionAt(at).line - 1).trim() === '';
  return { range: { start: at, end: at }, newText: (prevBlank ? '' : eol) + [...lines, ''].join(eol) + eol };
}
