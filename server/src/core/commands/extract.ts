// Commands in a runbook: shell-ish fenced blocks (bash, sh, console, no language), SQL blocks and
// inline code, each classified; plus the guard facts RB301/RB302 need (confirmation fence before
// the command, `Rollback:` in the same step).
import type { CodeBlock, Runbook, Section } from '../model/runbook.js';
import type { OffsetRange } from '../model/text.js';
import { parseShell } from './shell.js';
import { classifyWords, isKnownTool, sqlEffect, stripWrappers, type Classification } from './classify.js';

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
  const closed = /^\s*(?:>\s*)*(?:```|~~~)/.test(rb.lines.lineText(lastLine)) && lastStart > b.valueStart;
  const end = closed ? lastStart : b.range.end;
  let text = rb.text.slice(b.valueStart, Math.max(b.valueStart, end));
  // Inside a block quote every line starts with `>`: blank the markers, keep the offsets.
  if (/^\s*>/.test(text)) text = text.replace(/^(\s*)((?:>\s?)+)/gm, (_m, a: string, q: string) => a + ' '.repeat(q.length));
  return { text, start: b.valueStart };
}

// Several rules ask for the same runbook's commands and guards: computed once per parsed model.
const commandCache = new WeakMap<Runbook, RunbookCommand[]>();
const guardCache = new WeakMap<Runbook, Guard[]>();

/** Every classified command of the runbook, in document order. */
export function runbookCommands(rb: Runbook): RunbookCommand[] {
  let cached = commandCache.get(rb);
  if (!cached) {
    cached = findCommands(rb);
    commandCache.set(rb, cached);
  }
  return cached;
}

function findCommands(rb: Runbook): RunbookCommand[] {
  const out: RunbookCommand[] = [];
  for (const b of rb.codeBlocks) {
    const lang = (b.lang ?? '').toLowerCase();
    const { text, start } = blockSource(rb, b);
    if (SQL_LANGS.has(lang)) {
      let pos = 0;
      for (const stmt of text.split(';')) {
        const lead = stmt.length - stmt.trimStart().length;
        const effect = sqlEffect(stmt);
        if (effect) {
          const kw = /^[A-Za-z]+/.exec(stmt.trim())?.[0]?.toUpperCase() ?? 'SQL';
          out.push({ text: stmt.trim(), range: { start: start + pos + lead, end: start + pos + stmt.trimEnd().length }, source: 'block', block: b, cls: { tool: 'sql', label: `SQL ${kw}`, effect } });
        }
        pos += stmt.length + 1;
      }
      continue;
    }
    if (!SHELL_LANGS.has(lang)) continue;
    const prompts = /^[ \t]*\$[ \t]/m.test(text);
    for (const c of parseShell(text, start, { prompts })) {
      const words = c.words.map((w) => w.text);
      const cls = classifyWords(words, c.stdin);
      if (cls) out.push({ text: words.join(' '), range: { start: c.start, end: c.end }, source: 'block', block: b, cls });
    }
  }
  for (const ic of rb.inlineCode) {
    const valueStart = rb.text.indexOf(ic.value.slice(0, 20), ic.range.start);
    const base = valueStart >= ic.range.start && valueStart < ic.range.end ? valueStart : ic.range.start;
    for (const c of parseShell(ic.value, base)) {
      const words = c.words.map((w) => w.text);
      const stripped = stripWrappers(words);
      // A bare tool name in prose (`shutdown`, `psql`) names a value or a tool, not a command.
      if (stripped.length < 2 || !isKnownTool(stripped[0]!)) continue;
      const cls = classifyWords(words, c.stdin);
      if (cls) out.push({ text: words.join(' '), range: { start: c.start, end: Math.min(c.end, ic.range.end) }, source: 'inline', cls });
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** The step a command belongs to: the innermost step section, else its H2 section, else the body. */
export function stepScope(rb: Runbook, offset: number): { range: OffsetRange; section?: Section } {
  let step: Section | undefined;
  let top: Section | undefined;
  for (const s of rb.allSections) {
    if (s.range.start <= offset && offset < s.range.end) {
      if (s.heading.step) step = s;
      if (s.heading.depth === 2 && !top) top = s;
    }
  }
  const section = step ?? top;
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

/** Per line: 1 = fence opener (`> [!CAUTION]`), 2 = rollback label, outside code blocks. */
function lineMarks(rb: Runbook): Uint8Array {
  const marks = new Uint8Array(rb.lines.lineCount);
  const code = new Uint8Array(rb.lines.lineCount);
  for (const c of rb.codeBlocks) {
    const a = rb.lines.positionAt(c.range.start).line;
    const b = rb.lines.positionAt(Math.max(c.range.start, c.range.end - 1)).line;
    for (let l = a; l <= b; l++) code[l] = 1;
  }
  for (let l = 0; l < marks.length; l++) {
    if (code[l]) continue;
    const text = rb.lines.lineText(l);
    if (FENCE_LINE.test(text)) marks[l]! |= 1;
    if (ROLLBACK_LABEL.test(text)) marks[l]! |= 2;
  }
  return marks;
}

/** Guard facts for every write/change command outside Summary and Inputs. */
export function writeGuards(rb: Runbook): Guard[] {
  let cached = guardCache.get(rb);
  if (!cached) {
    cached = findGuards(rb);
    guardCache.set(rb, cached);
  }
  return cached;
}

function findGuards(rb: Runbook): Guard[] {
  const out: Guard[] = [];
  let marks: Uint8Array | undefined;
  for (const cmd of runbookCommands(rb)) {
    if (cmd.cls.effect !== 'write') continue;
    // Summary and Inputs describe (a cause "a bad `helm upgrade`"); they hold no actions to guard.
    const top = rb.sections.find((s) => s.range.start <= cmd.range.start && cmd.range.start < s.range.end);
    if (top && (top.kind === 'summary' || top.kind === 'inputs')) continue;
    marks ??= lineMarks(rb);
    const { range: scope, section } = stepScope(rb, cmd.range.start);
    const firstLine = rb.lines.positionAt(scope.start).line;
    const cmdLine = rb.lines.positionAt(cmd.range.start).line;
    const lastLine = rb.lines.positionAt(Math.max(scope.start, scope.end - 1)).line;
    let fenced = false;
    let rollback = false;
    for (let l = firstLine; l <= lastLine; l++) {
      if (l < cmdLine && marks[l]! & 1) fenced = true;
      if (marks[l]! & 2) rollback = true;
    }
    if (!fenced) fenced = rb.listItems.some((li) => li.checked !== null && /^confirm\b/i.test(li.text) && li.range.start >= scope.start && li.range.start < cmd.range.start);
    if (!rollback) rollback = rb.allSections.some((s) => /^(?:rollback|roll back)\b/i.test(s.heading.text) && s.range.start >= scope.start && s.range.start < scope.end);
    out.push({ cmd, scope, section, fenced, rollback, isRollback: isRollbackCommand(rb, cmd) });
  }
  return out;
}

function isRollbackCommand(rb: Runbook, cmd: RunbookCommand): boolean {
  const inner = rb.allSections.filter((s) => s.range.start <= cmd.range.start && cmd.range.start < s.range.end);
  if (inner.some((s) => /^(?:rollback|roll back|undo)\b/i.test(s.heading.text))) return true;
  const line = rb.lines.positionAt(cmd.range.start).line;
  if (cmd.source === 'inline') {
    // The paragraph or list item holding it starts with a rollback label.
    for (let l = line; l >= 0 && l > line - 6; l--) {
      const t = rb.lines.lineText(l);
      if (l < line && t.trim() === '') break;
      if (ROLLBACK_LINE_START.test(t) || ROLLBACK_LABEL.test(t.slice(0, Math.max(0, (l === line ? cmd.range.start - rb.lines.lineStarts[l]! : t.length))))) return true;
      if (/^\s*(?:[-*+]|\d+[.)])\s/.test(t)) break;
    }
    return false;
  }
  // A block right after a "Rollback:" line.
  const blockLine = rb.lines.positionAt(cmd.block!.range.start).line;
  for (let l = blockLine - 1; l >= 0; l--) {
    const t = rb.lines.lineText(l);
    if (t.trim() === '') continue;
    return ROLLBACK_LINE_START.test(t) && /:\s*$/.test(t.replace(/\*\*|__/g, ''));
  }
  return false;
}
