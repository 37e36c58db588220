// Hover: schema docs on front-matter keys and enum values, the other files using a runbook_id,
// the Prometheus rule behind an alert name (in related_alerts or in the body), and the heading a
// "go to Step 2A" reference points at.
//
// Public API: hover(input) -> HoverResult | undefined
import type { Position } from './model/text.js';
import type { Runbook } from './model/runbook.js';
import type { AlertFact, ResolvedConfig, WorkspaceFacts } from './types.js';
import { defaultConfig } from './config.js';
import { ID_PATTERN, nextFreeId } from './ids.js';
import { isTemplatePlaceholder } from './placeholders.js';
import { categoryOf } from './paths.js';
import { lineEndAt } from './model/frontmatter.js';
import { findStepReferences, resolveStep } from './steps.js';
import { enumOf, frontMatterBlock, placeAt, unquote } from './frontmatter-lines.js';
import { keyDoc } from './complete.js';

export interface HoverInput {
  text: string;
  position: Position;
  path?: string;
  config?: ResolvedConfig;
  workspace?: WorkspaceFacts;
  /** The parsed model of `text` (for step references); called only when the line names a step. */
  runbook?: Runbook | (() => Runbook);
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: { line: number; start: number; end: number };
}

export function hover(input: HoverInput): HoverResult | undefined {
  const ws = input.workspace ?? { runbooks: [], alerts: [] };
  const fm = frontMatterBlock(input.text);
  if (fm && input.position.line < fm.closeLine) {
    const place = placeAt(fm, input.position);
    if (!place) return undefined;
    const range = { line: place.line, start: place.start, end: place.end };
    if (place.kind === 'key') {
      if (!place.existing) return undefined;
      const path = [...place.parent, fm.lines[place.line]!.slice(place.start, place.end)];
      const doc = keyDoc(path);
      return doc ? { contents: doc, range } : undefined;
    }
    const raw = fm.lines[place.line]!.slice(place.start, place.end);
    const value = unquote(raw);
    if (!value) return undefined;
    const key = place.path.join('.');
    if (key === 'runbook_id') return { contents: idDoc(value, input, ws), range };
    if (key === 'related_alerts') {
      const a = ws.alerts.find((x) => x.name === value);
      return { contents: a ? alertDoc(a) : `**${value}**\n\nNo alerting rule named \`${value}\` was found in the workspace's Prometheus rule files.`, range };
    }
    const e = enumOf(place.path);
    const i = e ? e.values.indexOf(value) : -1;
    if (e && i >= 0 && e.descriptions[i]) return { contents: `**${value}** — ${e.descriptions[i]!.replace(/^\S+ — /, '')}`, range };
    return undefined;
  }
  return bodyHover(input, ws);
}

function idDoc(id: string, input: HoverInput, ws: WorkspaceFacts): string {
  const category = input.path ? categoryOf(input.path) : undefined;
  const nextId = () => nextFreeId(category, input.config ?? defaultConfig(), ws, input.path);
  // Runbooks that still carry the placeholder share it; that is not a duplicate (RB106 skips it too).
  if (isTemplatePlaceholder(id)) return `**${id}** — a placeholder runbook id: fill in a real one (the next free id here is \`${nextId()}\`).`;
  const others = ws.runbooks.filter((r) => r.runbookId === id && r.path !== input.path);
  const m = ID_PATTERN.exec(id);
  const head = `**${id}** — runbook id${m ? ` (area \`${m[1]}\`, number ${m[2]})` : ''}`;
  if (!others.length) return `${head}\n\nNo other runbook in the workspace uses this id.`;
  const next = nextId();
  const list = others.map((r) => `- \`${r.path}\`${r.title ? ` — ${r.title}` : ''}`).join('\n');
  return `${head}\n\nAlso used by:\n${list}\n\nIds must be unique; the next free id here is \`${next}\`.`;
}

export function alertDoc(a: AlertFact): string {
  const parts = [`**${a.name}** — Prometheus alert${a.severity ? ` (severity: \`${a.severity}\`)` : ''}`];
  if (a.expr) parts.push('```promql\n' + a.expr + '\n```');
  parts.push(`Defined in \`${a.path}\` line ${a.line + 1}.`);
  return parts.join('\n\n');
}

function bodyHover(input: HoverInput, ws: WorkspaceFacts): HoverResult | undefined {
  const { text, position } = input;
  const lineStart = lineStartOf(text, position.line);
  if (lineStart === undefined) return undefined;
  const lineText = text.slice(lineStart, lineEndAt(text, lineStart).contentEnd);
  if (input.runbook && /\bstep\s+\d/i.test(lineText)) {
    const rb = typeof input.runbook === 'function' ? input.runbook() : input.runbook;
    const offset = lineStart + Math.min(position.character, lineText.length);
    const ref = findStepReferences(rb).find((r) => r.range.start <= offset && offset <= r.range.end);
    if (ref) {
      const h = resolveStep(rb, ref.label);
      const lines = rb.lines;
      const s = lines.positionAt(ref.range.start);
      const range = { line: s.line, start: s.character, end: lines.positionAt(ref.range.end).character };
      return { contents: h ? `**${h.text}** (line ${lines.positionAt(h.range.start).line + 1})` : `No step labelled \`${ref.label}\` in this runbook.`, range };
    }
  }
  if (!ws.alerts.length) return undefined;
  const w = wordAt(lineText, position.character);
  if (!w) return undefined;
  const a = ws.alerts.find((x) => x.name === w.word);
  return a ? { contents: alertDoc(a), range: { line: position.line, start: w.start, end: w.end } } : undefined;
}

function wordAt(line: string, ch: number): { word: string; start: number; end: number } | undefined {
  let s = Math.min(ch, line.length);
  let e = s;
  while (s > 0 && /[\w:-]/.test(line[s - 1]!)) s--;
  while (e < line.length && /[\w:-]/.test(line[e]!)) e++;
  return e > s ? { word: line.slice(s, e), start: s, end: e } : undefined;
}

function lineStartOf(text: string, line: number): number | undefined {
  let pos = 0;
  for (let i = 0; i < line; i++) {
    const l = lineEndAt(text, pos);
    if (l.next === l.contentEnd) return undefined;
    pos = l.next;
  }
  return pos;
}
