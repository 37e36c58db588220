// Commands in a runbook: shell-ish fenced blocks (bash, sh, console, no language), SQL blocks and
// inline code, each classified; plus the guard facts RB301/RB302 need (confirmation fence before
// the command, `Rollback:` in the same step).
import { sectionChain, type CodeBlock, type Runbook, type Section } from '../model/runbook.js';
import { firstIndex, perModel } from '../model/cover.js';
import { textMemo } from '../memo.js';
import type { OffsetRange } from '../model/text.js';
import { parseShell } from './shell.js';
import { classifyWords, isKnownTool, sqlEffect, stripWrappers, type Classification } from './classify.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per line, block, section or word of every check.
/** A line that may close a fence (also inside a block quote). */
const CLOSING_FENCE = /^\s*(?:>\s*)*(?:```|~~~)/;
const QUOTED = /^\s*>/;
/** Only used with replace (global: starts at 0 each time). */
const QUOTE_MARKERS = /^(\s*)((?:>\s?)+)/gm;
const CONFIRM_ITEM = /^confirm\b/i;
const ROLLBACK_HEADING = /^(?:rollback|roll back)\b/i;
const ROLLBACK_SECTION = /^(?:rollback|roll back|undo)\b/i;
const LIST_ITEM_LINE = /^\s*(?:[-*+]|\d+[.)])\s/;
const ENDS_WITH_COLON = /:\s*$/;
/** Only used with replace. */
const EMPHASIS_MARKS = /\*\*|__/g;

export interface RunbookCommand {
  /** The command as written (joined words), for internal use only: never put it in a message. */
  text: string;
  range: OffsetRange;
  source: 'block' | 'inline';
  block?: CodeBlock;
  cls: Classification;
}

const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'zsh', 'ksh', 'fish', 'console', 'shell-session', 'shellsession', 'terminal', 'cmd', 'bash-session']);
const SQL_LANGS = new Set(['sql', 'psql', 'pgsql', 'postgresql', 'postgres', 'mysql', 'plsql', 'tsql']);

function blockSource(rb: Runbook, b: CodeBlock): { text: string; start: number } {
  const lastLine = rb.lines.positionAt(Math.max(b.range.start, b.range.end - 1)).line;
  const lastStart = rb.lines.lineStarts[lastLine]!;
  const closed = CLOSING_FENCE.test(rb.lines.lineText(lastLine)) && lastStart > b.valueStart;
  const end = closed ? lastStart : b.range.end;
  let text = rb.text.slice(b.valueStart, Math.max(b.valueStart, end));
  // Inside a block quote every line starts with `>`: blank the markers, keep the offsets.
  if (QUOTED.test(text)) text = text.replace(QUOTE_MARKERS, (_m, a: string, q: string) => a + ' '.repeat(q.length));
  return { text, start: b.valueStart };
}

// Several rules ask for the same runbook's commands and guards: computed once per parsed model.
/** Every classified command of the runbook, in document order. */
export const runbookCommands: (rb: Runbook) => RunbookCommand[] = perModel((rb: Runbook) => findCommands(rb));

/** A command found in a piece of source, offsets relative to that source. */
interface FoundCommand {
  text: string;
  start: number;
  end: number;
  cls: Classification;
}

/**
 * Parsing and classifying depend only on the source text (and its language): on a keystroke every
 * unchanged code block and inline code span of a long runbook is answered from the document's last
 * check (core/memo.ts) without parsing.
 */
function sqlCommands(text: string): FoundCommand[] {
  const out: FoundCommand[] = [];
  let pos = 0;
  for (const stmt of text.split(';')) {
    const lead = stmt.length - stmt.trimStart().length;
    const effect = sqlEffect(stmt);
    if (effect) {
      const kw = /^[A-Za-z]+/.exec(stmt.trim())?.[0]?.toUpperCase() ?? 'SQL';
      out.push({ text: stmt.trim(), start: pos + lead, end: pos + stmt.trimEnd().length, cls: { tool: 'sql', label: `SQL ${kw}`, effect } });
    }
    pos += stmt.length + 1;
  }
  return out;
}

function shellCommands(text: string): FoundCommand[] {
  const out: FoundCommand[] = [];
  const prompts = /^[ \t]*\$[ \t]/m.test(text);
  for (const c of parseShell(text, 0, { prompts })) {
    const words = c.words.map((w) => w.text);
    const cls = classifyWords(words, c.stdin);
    if (cls) out.push({ text: words.join(' '), start: c.start, end: c.end, cls });
  }
  return out;
}

function inlineCommands(value: string): FoundCommand[] {
  const out: FoundCommand[] = [];
  for (const c of parseShell(value, 0)) {
    const words = c.words.map((w) => w.text);
    const stripped = stripWrappers(words);
    // A bare tool name in prose (`shutdown`, `psql`) names a value or a tool, not a command.
    if (stripped.length < 2 || !isKnownTool(stripped[0]!)) continue;
    const cls = classifyWords(words, c.stdin);
    if (cls) out.push({ text: words.join(' '), start: c.start, end: c.end, cls });
  }
  return out;
}

function findCommands(rb: Runbook): RunbookCommand[] {
  const blocks: RunbookCommand[] = [];
  const inlines: RunbookCommand[] = [];
  // One memo per kind of source, keyed by the text itself (a prefixed key would be a new string to hash).
  const shell = textMemo<readonly FoundCommand[]>('commands-shell', rb.path);
  const sqlMemo = textMemo<readonly FoundCommand[]>('commands-sql', rb.path);
  const inline = textMemo<readonly FoundCommand[]>('commands-inline', rb.path);
  for (const b of rb.codeBlocks) {
    const lang = (b.lang ?? '').toLowerCase();
    const sql = SQL_LANGS.has(lang);
    if (!sql && !SHELL_LANGS.has(lang)) continue;
    const { text, start } = blockSource(rb, b);
    const found = sql ? sqlMemo.get(text, () => sqlCommands(text)) : shell.get(text, () => shellCommands(text));
    for (const f of found) blocks.push({ text: f.text, range: { start: start + f.start, end: start + f.end }, source: 'block', block: b, cls: f.cls });
  }
  for (const ic of rb.inlineCode) {
    const valueStart = rb.text.indexOf(ic.value.slice(0, 20), ic.range.start);
    const base = valueStart >= ic.range.start && valueStart < ic.range.end ? valueStart : ic.range.start;
    for (const f of inline.get(ic.value, () => inlineCommands(ic.value))) {
      inlines.push({ text: f.text, range: { start: base + f.start, end: Math.min(base + f.end, ic.range.end) }, source: 'inline', cls: f.cls });
    }
  }
  shell.done();
  sqlMemo.done();
  inline.done();
  return mergeByStart(blocks, inlines);
}

/**
 * Both lists sorted by start, as one (blocks first at equal starts, as a stable sort gives). Each
 * list comes out in text order (blocks and inline code in document order, commands in order within
 * each), so this is a merge, not a sort of every command of the runbook per keystroke; a list out
 * of order is sorted first.
 */
export function mergeByStart<T extends { range: OffsetRange }>(a: T[], b: T[]): T[] {
  const byStart = (x: T, y: T) => x.range.start - y.range.start;
  const sorted = (l: T[]) => l.every((x, k) => k === 0 || l[k - 1]!.range.start <= x.range.start);
  if (!sorted(a)) a.sort(byStart);
  if (!sorted(b)) b.sort(byStart);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.range.start <= b[j]!.range.start) ? a[i++]! : b[j++]!);
  return out;
}

/** The step a command belongs to: the innermost step section, else its H2 section, else the body. */
export function stepScope(rb: Runbook, offset: number): { range: OffsetRange; section?: Section } {
  const chain = sectionChain(rb, offset);
  let step: Section | undefined;
  for (const s of chain) if (s.heading.step) step = s;
  const section = step ?? chain.find((s) => s.heading.depth === 2);
  return section ? { range: section.range, section } : { range: { start: rb.bodyStart, end: rb.text.length } };
}

const FENCE_LINE = /^\s*(?:>\s*)+\[!(?:CAUTION|WARNING)\]/i;
const ROLLBACK_LABEL = /(?:^|[\s>*_([-])rollback\s*(?:\*\*|__)?\s*:/i;
/** A line labelled as the rollback ("Rollback:", "**To roll back (if needed):**"); "Roll back the Deployment" is an action, not a label. */
const ROLLBACK_LINE_START = /^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]\]\s*)?(?:\*\*|__)?\s*(?:rollback|roll back|to roll back|undo)\b[^:\n`]{0,40}:/i;

export interface Guard {
  cmd: RunbookCommand;
  scope: OffsetRange;
  section?: Section;
  /** A `> [!CAUTION]`/`> [!WARNING]` block or a `- [ ] Confirm …` item stands before it in its step. */
  fenced: boolean;
  /** The step states a rollback (`Rollback:` line, or a Rollback heading). */
  rollback: boolean;
  /** The command is itself the rollback (on a `Rollback:` line, under a Rollback heading or label). */
  isRollback: boolean;
}

/** Per line, computed when first asked: 1 = fence opener (`> [!CAUTION]`), 2 = rollback label, outside code blocks. */
function lineMarks(rb: Runbook): (line: number) => number {
  const marks = new Int8Array(rb.lines.lineCount).fill(-1);
  for (const c of rb.codeBlocks) {
    const a = rb.lines.positionAt(c.range.start).line;
    const b = rb.lines.positionAt(Math.max(c.range.start, c.range.end - 1)).line;
    for (let l = a; l <= b; l++) marks[l] = 0;
  }
  return (l) => {
    let m = marks[l]!;
    if (m < 0) {
      const text = rb.lines.lineText(l);
      m = (FENCE_LINE.test(text) ? 1 : 0) | (ROLLBACK_LABEL.test(text) ? 2 : 0);
      marks[l] = m;
    }
    return m;
  };
}

/** Sorted offsets; true when one lies in [start, end). */
function anyIn(sorted: number[], start: number, end: number): boolean {
  const i = firstIndex(sorted.length, (k) => sorted[k]! >= start);
  return i < sorted.length && sorted[i]! < end;
}

/** Guard facts for every write/change command outside Summary and Inputs. */
export const writeGuards: (rb: Runbook) => Guard[] = perModel((rb: Runbook) => findGuards(rb));

function findGuards(rb: Runbook): Guard[] {
  const out: Guard[] = [];
  let marks: ((line: number) => number) | undefined;
  let confirms: number[] | undefined;
  let rollbackHeadings: number[] | undefined;
  for (const cmd of runbookCommands(rb)) {
    if (cmd.cls.effect !== 'write') continue;
    const chain = sectionChain(rb, cmd.range.start);
    // Summary and Inputs describe (a cause "a bad `helm upgrade`"); they hold no actions to guard.
    const top = chain[0];
    if (top && (top.kind === 'summary' || top.kind === 'inputs')) continue;
    marks ??= lineMarks(rb);
    const { range: scope, section } = stepScope(rb, cmd.range.start);
    const firstLine = rb.lines.positionAt(scope.start).line;
    const cmdLine = rb.lines.positionAt(cmd.range.start).line;
    const lastLine = rb.lines.positionAt(Math.max(scope.start, scope.end - 1)).line;
    let fenced = false;
    let rollback = false;
    for (let l = firstLine; l <= lastLine && !(fenced && rollback); l++) {
      const m = marks(l);
      if (l < cmdLine && m & 1) fenced = true;
      if (m & 2) rollback = true;
    }
    if (!fenced) {
      confirms ??= rb.listItems.filter((li) => li.checked !== null && CONFIRM_ITEM.test(li.text)).map((li) => li.range.start).sort((a, b) => a - b);
      fenced = anyIn(confirms, scope.start, cmd.range.start);
    }
    if (!rollback) {
      rollbackHeadings ??= rb.allSections.filter((s) => ROLLBACK_HEADING.test(s.heading.text)).map((s) => s.range.start).sort((a, b) => a - b);
      rollback = anyIn(rollbackHeadings, scope.start, scope.end);
    }
    out.push({ cmd, scope, section, fenced, rollback, isRollback: isRollbackCommand(rb, cmd, chain) });
  }
  return out;
}

function isRollbackCommand(rb: Runbook, cmd: RunbookCommand, inner: Section[]): boolean {
  if (inner.some((s) => ROLLBACK_SECTION.test(s.heading.text))) return true;
  const line = rb.lines.positionAt(cmd.range.start).line;
  if (cmd.source === 'inline') {
    // The paragraph or list item holding it starts with a rollback label.
    for (let l = line; l >= 0 && l > line - 6; l--) {
      const t = rb.lines.lineText(l);
      if (l < line && t.trim() === '') break;
      if (ROLLBACK_LINE_START.test(t) || ROLLBACK_LABEL.test(t.slice(0, Math.max(0, (l === line ? cmd.range.start - rb.lines.lineStarts[l]! : t.length))))) return true;
      if (LIST_ITEM_LINE.test(t)) break;
    }
    return false;
  }
  // A block right after a "Rollback:" line.
  const blockLine = rb.lines.positionAt(cmd.block!.range.start).line;
  for (let l = blockLine - 1; l >= 0; l--) {
    const t = rb.lines.lineText(l);
    if (t.trim() === '') continue;
    return ROLLBACK_LINE_START.test(t) && ENDS_WITH_COLON.test(t.replace(EMPHASIS_MARKS, ''));
  }
  return false;
}
