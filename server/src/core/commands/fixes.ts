// Edits for the safety fixes: a confirmation fence before a write command (RB302, and RB301 when
// the step also lacks a rollback) and a `Rollback:` stub after it (RB301).
import type { Runbook } from '../model/runbook.js';
import type { TextEdit } from '../types.js';
import type { RunbookCommand } from './extract.js';

export const ROLLBACK_STUB = 'Rollback: <how to revert this change>';

/** Start offset of the block element holding the command: its code block, list item or paragraph. */
function elementStart(rb: Runbook, cmd: RunbookCommand): number {
  if (cmd.block) return rb.lines.lineStarts[rb.lines.positionAt(cmd.block.range.start).line]!;
  const item = rb.listItems.filter((li) => li.range.start <= cmd.range.start && cmd.range.start < li.range.end).pop();
  if (item) return rb.lines.lineStarts[rb.lines.positionAt(item.range.start).line]!;
  let line = rb.lines.positionAt(cmd.range.start).line;
  while (line > 0 && rb.lines.lineText(line - 1).trim() !== '' && !/^\s*#/.test(rb.lines.lineText(line - 1))) line--;
  return rb.lines.lineStarts[line]!;
}

/** End offset (end of the last line) of the block element holding the command. */
function elementEnd(rb: Runbook, cmd: RunbookCommand): number {
  if (cmd.block) return rb.lines.lineEnd(rb.lines.positionAt(Math.max(cmd.block.range.start, cmd.block.range.end - 1)).line);
  const item = rb.listItems.filter((li) => li.range.start <= cmd.range.start && cmd.range.start < li.range.end).pop();
  if (item) return rb.lines.lineEnd(rb.lines.positionAt(Math.max(item.range.start, item.range.end - 1)).line);
  let line = rb.lines.positionAt(cmd.range.end).line;
  while (line + 1 < rb.lines.lineCount && rb.lines.lineText(line + 1).trim() !== '' && !/^\s*(?:#|[-*+]\s|```|~~~|>)/.test(rb.lines.lineText(line + 1))) line++;
  return rb.lines.lineEnd(line);
}

function indentAt(rb: Runbook, offset: number): string {
  return /^[ \t]*/.exec(rb.lines.lineText(rb.lines.positionAt(offset).line))![0];
}

/** `> [!CAUTION]` fence with a confirm item (and a rollback line when the step has none), before the command. */
export function fenceEdit(rb: Runbook, cmd: RunbookCommand, withRollback: boolean): TextEdit {
  const at = elementStart(rb, cmd);
  const eol = rb.lines.eol;
  const ind = indentAt(rb, at);
  const lines = [
    '> [!CAUTION]',
    `> Write/change action (\`${cmd.cls.label}\`): confirm the target before running it.`,
    ...(withRollback ? [`> ${ROLLBACK_STUB}`] : []),
    '',
    '- [ ] Confirm the environment, namespace and target with the incident lead',
    '',
  ];
  const prevBlank = at === 0 || rb.lines.lineText(rb.lines.positionAt(at).line - 1).trim() === '';
  return { range: { start: at, end: at }, newText: (prevBlank ? '' : eol) + lines.map((l) => (l ? ind + l : '')).join(eol) + eol };
}

/** A `Rollback:` stub paragraph right after the element holding the command. */
export function rollbackEdit(rb: Runbook, cmd: RunbookCommand): TextEdit {
  const at = elementEnd(rb, cmd);
  const eol = rb.lines.eol;
  const line = rb.lines.positionAt(at).line;
  const nextBlank = line + 1 >= rb.lines.lineCount || rb.lines.lineText(line + 1).trim() === '';
  return { range: { start: at, end: at }, newText: eol + eol + indentAt(rb, elementStart(rb, cmd)) + ROLLBACK_STUB + (nextBlank ? '' : eol) };
}
