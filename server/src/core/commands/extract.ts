// Commands in a runbook: shell-ish fenced blocks (bash, sh, console, no language), SQL blocks and
// inline code, each classified; plus the guard facts RB301/RB302 need (confirmation fence before
// the command, `Rollback:` in the same step).
import { sectionChain, type CodeBlock, type Runbook, type Section } from '../model/runbook.js';
import { firstIndex, perModel, startingIn } from '../model/cover.js';
import { textMemo } from '../memo.js';
import type { OffsetRange } from '../model/text.js';
import { hasPrompts, parseShell } from './shell.js';
import { classifyWords, isKnownTool, sqlEffect, stripWrappers, type Classification } from './classify.js';
import { isPlaceholderText, isTemplatePlaceholder, onlyPlaceholdersIn } from '../placeholders.js';
import { SQL_READ, SQL_WRITE } from './tables.js';

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
  const prompts = hasPrompts(text);
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

/** A Dockerfile: its `RUN` lines build an image, they change nothing live. */
const DOCKERFILE = /^\s*(?:#[^\n]*\n\s*)*FROM\s+\S+/;
const SQL_KEYWORDS = new Set([...SQL_READ, ...SQL_WRITE]);
const FIRST_WORD = /^\s*(?:--[^\n]*\n\s*)*([A-Za-z]+)\b[^;\n]*(;?)/;

/**
 * SQL pasted into a block without a language (`ALTER USER …;` at a database prompt): its first
 * statement starts with an SQL keyword written in capitals, or ends with `;` (a shell line rarely does).
 */
function isUntypedSql(text: string): boolean {
  const m = FIRST_WORD.exec(text);
  if (!m || !SQL_KEYWORDS.has(m[1]!.toUpperCase())) return false;
  return m[1] === m[1]!.toUpperCase() || m[2] === ';';
}

/** A list item's marker (and task box) before its text. */
const LIST_MARKER = /^[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;

/**
 * A command written as plain text in a list item (`- kubectl apply -f x.yaml`): the item's first
 * line, when it starts with a known tool and reads as a command of it.
 */
function listItemCommands(rb: Runbook): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const li of rb.listItems) {
    const line = rb.lines.positionAt(li.range.start).line;
    const lineText = rb.lines.lineText(line);
    const marker = LIST_MARKER.exec(lineText);
    if (!marker) continue;
    const content = lineText.slice(marker[0].length);
    // A command is typed in lower case, reads as one line of words and flags, not a phrase.
    const first = content.split(/\s/, 1)[0]!;
    if (content.includes('`') || first !== first.toLowerCase() || !isKnownTool(first) || PHRASE_PUNCTUATION.test(content)) continue;
    out.push({ text: content, start: rb.lines.lineStarts[line]! + marker[0].length });
  }
  return out;
}

/** Commas and sentence ends between words: prose (`service accounts, tokens`), not a command line. */
const PHRASE_PUNCTUATION = /[,;]\s|\.\s+[A-Z]|\s(?:and|or|the|if|of|for|to)\s/;

/** Headings of parts that describe what happened or what is seen, not what to do. */
const DESCRIPTIVE_SECTION = /^(?:symptoms?|causes?|root[ -]cause|background|reasons?|explanation|problem|issue|error messages?|what happened|history|context)\b/i;
/** A clause that describes a situation (`When modifying … via`), before the command in its sentence. */
const NARRATIVE_CLAUSE = /(?:^|[.;:!?]\s+|\n)\s*(?:[-*+]\s+)?(?:when|while|whenever|after|before|once|if)\s+(?:you\s+(?:are\s+)?)?\w+ing\b(?![^.;:!?\n]*\b(?:run|use|execute|type|apply|issue|invoke)\b)[^.;:!?\n]*$/i;
/** Past events and third persons: someone ran it, a user runs it (incident narrative, how it works). */
const PAST_RUN = /\b(?:ran|executed|typed|invoked|issued|(?:was|were|had been|has been|had) (?:run|executed|applied|issued)|(?:user|operator|someone|client|developer|administrator|admin|it|he|she|they|who) (?:runs|executes|types|issues|invokes|calls))\b[^.;:!?\n]*$/i;
/** Inline code followed by "command", "tool" …: it names the command (`use the `cast send` command`). */
const NAMES_IT = /^`*\s*(?:command|sub-?command|tool|cli|utility|binary|program)\b/i;

const NARRATIVE_WINDOW = 400;

/** Whether inline code at `start` is told, not asked for: a description of a situation or a past event. */
function isNarrative(rb: Runbook, start: number, end: number): boolean {
  if (NAMES_IT.test(rb.text.slice(end, end + 24))) return true;
  const lineStart = rb.text.lastIndexOf('\n', start - 1) + 1;
  // At most 400 characters: the sentence around the command, and a bound for the two patterns below
  // (each scans from a keyword to the end of this text, so a long line full of keywords would be quadratic).
  const before = rb.text.slice(Math.max(0, lineStart - 200, start - NARRATIVE_WINDOW), start);
  if (NARRATIVE_CLAUSE.test(before) || PAST_RUN.test(before)) return true;
  const section = sectionChain(rb, start).at(-1);
  return !!section && DESCRIPTIVE_SECTION.test(section.heading.text.trim());
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
    if (!SQL_LANGS.has(lang) && !SHELL_LANGS.has(lang)) continue;
    const { text, start } = blockSource(rb, b);
    if (lang === '' && DOCKERFILE.test(text)) continue;
    const sql = SQL_LANGS.has(lang) || (lang === '' && isUntypedSql(text));
    const found = sql ? sqlMemo.get(text, () => sqlCommands(text)) : shell.get(text, () => shellCommands(text));
    for (const f of found) blocks.push({ text: f.text, range: { start: start + f.start, end: start + f.end }, source: 'block', block: b, cls: f.cls });
  }
  for (const ic of rb.inlineCode) {
    const valueStart = rb.text.indexOf(ic.value.slice(0, 20), ic.range.start);
    const base = valueStart >= ic.range.start && valueStart < ic.range.end ? valueStart : ic.range.start;
    const found = inline.get(ic.value, () => inlineCommands(ic.value));
    if (!found.length || isNarrative(rb, ic.range.start, ic.range.end)) continue;
    for (const f of found) {
      inlines.push({ text: f.text, range: { start: base + f.start, end: Math.min(base + f.end, ic.range.end) }, source: 'inline', cls: f.cls });
    }
  }
  for (const li of listItemCommands(rb)) {
    for (const f of inline.get(li.text, () => inlineCommands(li.text))) {
      inlines.push({ text: f.text, range: { start: li.start + f.start, end: li.start + f.end }, source: 'inline', cls: f.cls });
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
/** Only used with replace: the alert marker of a `> [!CAUTION]` line. */
const ALERT_MARKER = /\[!(?:CAUTION|WARNING)\]/i;
const QUOTE_LINE = /^\s*>/;
const ROLLBACK_LABEL = /(?:^|[\s>*_([-])rollback\s*(?:\*\*|__)?\s*:/i;
/** A line labelled as the rollback ("Rollback:", "**To roll back (if needed):**"); "Roll back the Deployment" is an action, not a label. */
const ROLLBACK_LINE_START = /^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]\]\s*)?(?:\*\*|__)?\s*(?:rollback|roll back|to roll back|undo)\b[^:\n`]{0,40}:/i;
const OPENING_FENCE = /^\s*(?:>\s*)*(?:```|~~~)/;
/** Only used with replace: "Confirm" at the start of a confirmation item's text. */
const CONFIRM_WORD = /^(\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s*)?(?:\*\*|__)?)confirm\b/i;

/** Whether a confirmation or rollback is there, and written by a person or still a placeholder. */
export type Coverage = 'real' | 'placeholder' | 'none';

export interface Guard {
  cmd: RunbookCommand;
  scope: OffsetRange;
  section?: Section;
  /** The block holding the command: its code block, innermost list item, or paragraph / table. */
  element: OffsetRange;
  /**
   * The confirmation right before the command's element (`> [!CAUTION]`/`> [!WARNING]` block or
   * `- [ ] Confirm …` item) with no other write command between them: it covers the command(s) it
   * directly precedes (the next code block or list item), not everything after it in the step.
   */
  confirmation: Coverage;
  /** Where the covering confirmation stands (a placeholder one is where to fill it in). */
  confirmationAt?: OffsetRange;
  /** Where a confirmation for this command may start: after the last write command before it in the step. */
  confirmationFrom: number;
  /** The step's rollback statement (`Rollback:` line, or a Rollback heading). */
  rollbackStatement: Coverage;
  rollbackAt?: OffsetRange;
  /** A real confirmation covers it. */
  fenced: boolean;
  /** The step states a real rollback. */
  rollback: boolean;
  /** The command is itself the rollback (on a `Rollback:` line, under a Rollback heading or label). */
  isRollback: boolean;
  /** The first command of its step that needs a rollback and has none: RB301 reports here. */
  firstUnrolled: boolean;
}

interface Mark {
  range: OffsetRange;
  real: boolean;
}

/** Confirmations and rollback statements of one step, each real or a placeholder; sorted by start. */
interface Marks {
  confirmations: Mark[];
  rollbacks: Mark[];
}

/** Lines inside code blocks (never a confirmation or a rollback label). */
/**
 * Lines a reader does not see as prose: inside code blocks, or wholly inside HTML comments. A
 * `Rollback:` or `> [!CAUTION]` there (commented out, or a note to maintainers) fences nothing.
 */
const hiddenLines = perModel((rb: Runbook): Uint8Array => {
  const hidden = new Uint8Array(rb.lines.lineCount);
  for (const c of rb.codeBlocks) {
    const a = rb.lines.positionAt(c.range.start).line;
    const b = rb.lines.positionAt(Math.max(c.range.start, c.range.end - 1)).line;
    for (let l = a; l <= b; l++) hidden[l] = 1;
  }
  for (const c of rb.htmlComments) {
    const a = rb.lines.positionAt(c.range.start).line;
    const b = rb.lines.positionAt(c.range.end).line;
    // The first and last lines only when the comment is all they hold.
    const from = rb.lines.lineText(a).slice(0, c.range.start - rb.lines.lineStarts[a]!).trim() ? a + 1 : a;
    const to = rb.lines.lineText(b).slice(c.range.end - rb.lines.lineStarts[b]!).trim() ? b - 1 : b;
    for (let l = from; l <= to; l++) hidden[l] = 1;
  }
  return hidden;
});

/** `- [ ] Confirm …` items of the runbook, real or placeholder, by start. */
const confirmItems = perModel((rb: Runbook): Mark[] => {
  const out: Mark[] = [];
  for (const li of rb.listItems) {
    if (li.checked === null || !CONFIRM_ITEM.test(li.text)) continue;
    // As written: a `<placeholder>` parses as inline HTML, which the item's text leaves out.
    const rest = rb.lines.lineText(rb.lines.positionAt(li.range.start).line).replace(CONFIRM_WORD, '$1');
    out.push({ range: li.range, real: !isPlaceholderText(rest) && !isTemplatePlaceholder(li.text) });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
});

/** The confirmations and rollback statements inside one step (its lines are read only when it holds a write command). */
function stepMarks(rb: Runbook, scope: OffsetRange): Marks {
  const hidden = hiddenLines(rb);
  const confirmations: Mark[] = [];
  const rollbacks: Mark[] = [];
  const firstLine = rb.lines.positionAt(scope.start).line;
  const lastLine = rb.lines.positionAt(Math.max(scope.start, scope.end - 1)).line;
  for (let l = firstLine; l <= lastLine; l++) {
    if (hidden[l]) continue;
    const text = rb.lines.lineText(l);
    if (FENCE_LINE.test(text)) {
      // The alert block: this line and the quoted lines under it. Real when a line other than the
      // marker and its rollback says something (a title after the marker counts).
      let end = l;
      let real = !isPlaceholderText(text.replace(ALERT_MARKER, ''));
      while (end + 1 <= lastLine && QUOTE_LINE.test(rb.lines.lineText(end + 1))) {
        end++;
        const t = rb.lines.lineText(end);
        if (!real && !ROLLBACK_LABEL.test(t)) real = !isPlaceholderText(t);
      }
      confirmations.push({ range: { start: rb.lines.lineStarts[l]!, end: rb.lines.lineEnd(end) }, real });
    }
    const label = ROLLBACK_LABEL.exec(text);
    if (label) rollbacks.push({ range: { start: rb.lines.lineStarts[l]!, end: rb.lines.lineEnd(l) }, real: rollbackIsReal(rb, l, text.slice(label.index + label[0].length)) });
  }
  const items = confirmItems(rb);
  confirmations.push(...startingIn(items, scope));
  for (const s of rb.allSections) {
    if (s.range.start >= scope.start && s.range.start < scope.end && ROLLBACK_HEADING.test(s.heading.text)) {
      rollbacks.push({ range: s.heading.range, real: !onlyPlaceholdersIn(rb.text, s.bodyRange.start, s.bodyRange.end) });
    }
  }
  const byStart = (a: Mark, b: Mark) => a.range.start - b.range.start;
  return { confirmations: confirmations.sort(byStart), rollbacks: rollbacks.sort(byStart) };
}

/** What follows a rollback label: on its line, or else the next non-blank line (or code block). */
function rollbackIsReal(rb: Runbook, line: number, after: string): boolean {
  if (after.replace(EMPHASIS_MARKS, '').trim() !== '') return !isPlaceholderText('Rollback: ' + after);
  for (let l = line + 1; l < rb.lines.lineCount; l++) {
    const t = rb.lines.lineText(l);
    if (t.trim() === '') continue;
    if (OPENING_FENCE.test(t)) {
      const start = rb.lines.lineStarts[l]!;
      const block = rb.codeBlocks.find((c) => c.range.start <= start + t.length && c.range.end > start);
      return !!block && block.value.trim() !== '' && !isTemplatePlaceholder(block.value.trim());
    }
    return !HEADING_START.test(t) && !isPlaceholderText(t);
  }
  return false;
}

const HEADING_START = /^\s{0,3}#{1,6}\s/;

/** Real wins over a placeholder; the last one before the command is where to fill it in. */
function coverage(marks: Mark[], start: number, end: number): { state: Coverage; at?: OffsetRange } {
  let at: OffsetRange | undefined;
  for (let i = firstIndex(marks.length, (k) => marks[k]!.range.start >= start); i < marks.length && marks[i]!.range.start < end; i++) {
    if (marks[i]!.real) return { state: 'real', at: marks[i]!.range };
    at = marks[i]!.range;
  }
  return at ? { state: 'placeholder', at } : { state: 'none' };
}

/** For each list item (document order), the largest end of it and every item before it. */
const itemReach = perModel((rb: Runbook): number[] => {
  let max = -1;
  return rb.listItems.map((li) => (max = Math.max(max, li.range.end)));
});

/** The block holding a command: its code block, the innermost list item around it, or its paragraph (table). */
function elementOf(rb: Runbook, cmd: RunbookCommand): OffsetRange {
  if (cmd.block) return cmd.block.range;
  const items = rb.listItems;
  const reach = itemReach(rb);
  // Items are in document order (a parent before its children): going back from the last item that
  // starts at or before the command, the first one around it is the innermost. Once no earlier
  // item reaches the command, none holds it.
  for (let i = firstIndex(items.length, (k) => items[k]!.range.start > cmd.range.start) - 1; i >= 0 && reach[i]! > cmd.range.start; i--) {
    const r = items[i]!.range;
    if (r.start <= cmd.range.start && cmd.range.start < r.end) return r;
  }
  let first = rb.lines.positionAt(cmd.range.start).line;
  let last = first;
  while (first > 0 && rb.lines.lineText(first - 1).trim() !== '' && !HEADING_START.test(rb.lines.lineText(first))) first--;
  while (last + 1 < rb.lines.lineCount && rb.lines.lineText(last + 1).trim() !== '' && !HEADING_START.test(rb.lines.lineText(last + 1))) last++;
  return { start: rb.lines.lineStarts[first]!, end: rb.lines.lineEnd(last) };
}

/** Guard facts for every write/change command outside Summary and Inputs. */
export const writeGuards: (rb: Runbook) => Guard[] = perModel((rb: Runbook) => findGuards(rb));

function findGuards(rb: Runbook): Guard[] {
  const out: Guard[] = [];
  /** Per step (by start): its marks, the write elements seen so far, and whether RB301's command was picked. */
  const steps = new Map<number, { marks: Marks; elements: OffsetRange[]; unrolledSeen: boolean }>();
  for (const cmd of runbookCommands(rb)) {
    if (cmd.cls.effect !== 'write') continue;
    const chain = sectionChain(rb, cmd.range.start);
    // Summary and Inputs describe (a cause "a bad `helm upgrade`"); they hold no actions to guard.
    const top = chain[0];
    if (top && (top.kind === 'summary' || top.kind === 'inputs')) continue;
    const { range: scope, section } = stepScope(rb, cmd.range.start);
    let step = steps.get(scope.start);
    if (!step) steps.set(scope.start, (step = { marks: stepMarks(rb, scope), elements: [], unrolledSeen: false }));
    const element = elementOf(rb, cmd);
    // The window of the confirmation: after the last write element that ends before this one.
    let from = scope.start;
    for (const e of step.elements) if (e.end <= element.start && e.end > from) from = e.end;
    if (!step.elements.some((e) => e.start === element.start && e.end === element.end)) step.elements.push(element);
    const fence = coverage(step.marks.confirmations, from, Math.min(element.start, cmd.range.start) + (cmd.block ? 0 : 1));
    const rb2 = coverage(step.marks.rollbacks, scope.start, scope.end);
    const isRollback = isRollbackCommand(rb, cmd, chain);
    const firstUnrolled = rb2.state !== 'real' && !isRollback && !step.unrolledSeen;
    if (firstUnrolled) step.unrolledSeen = true;
    out.push({
      cmd,
      scope,
      section,
      element,
      confirmation: fence.state,
      confirmationAt: fence.at,
      confirmationFrom: from,
      rollbackStatement: rb2.state,
      rollbackAt: rb2.at,
      fenced: fence.state === 'real',
      rollback: rb2.state === 'real',
      isRollback,
      firstUnrolled,
    });
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
