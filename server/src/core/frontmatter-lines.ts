// Front matter read line by line, for completion and hover: works while the YAML is half typed
// and does not parse (an open quote, an unclosed `[`, a key without its colon yet). Only the
// lines of the block are looked at, so the cost does not grow with the length of the document.
import { lineEndAt } from './model/frontmatter.js';
import type { Position } from './model/text.js';
import schemaJson from '../../../schemas/runbook.schema.json';

export interface FmBlock {
  /** Document lines 0..closeLine (index = line number); line 0 is the opening `---`. */
  lines: string[];
  /** Line of the closing delimiter, or the first line after the block when it is not closed. */
  closeLine: number;
  closed: boolean;
}

const OPEN = /^\uFEFF?---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
/** `key:` or `- key:` at the start of a line; group 3 is the rest after the colon. */
const KEY_LINE = /^(\s*)((?:-\s+)?)([A-Za-z_][\w.-]*)[ \t]*:(?=\s|$)(.*)$/;
const ITEM_LINE = /^(\s*)-(?:\s+|$)(.*)$/;

/** The front matter block at the top of `text`, or undefined when the text does not open with `---`. */
export function frontMatterBlock(text: string): FmBlock | undefined {
  const first = lineEndAt(text, 0);
  if (!OPEN.test(text.slice(0, first.contentEnd))) return undefined;
  const lines = [text.slice(0, first.contentEnd)];
  let pos = first.next;
  let prevBlank = false;
  while (pos < text.length) {
    const l = lineEndAt(text, pos);
    const line = text.slice(pos, l.contentEnd);
    if (CLOSE.test(line)) {
      lines.push(line);
      return { lines, closeLine: lines.length - 1, closed: true };
    }
    // Unclosed: the block ends at the first heading after a blank line (as the parser does).
    if (prevBlank && /^#{1,6}\s+\S/.test(line)) return { lines, closeLine: lines.length, closed: false };
    prevBlank = line.trim() === '';
    lines.push(line);
    pos = l.next;
  }
  // A text that ends with a line break has an empty last line, where the author types next.
  if (pos > 0 && /[\n\r]$/.test(text)) lines.push('');
  return { lines, closeLine: lines.length, closed: false };
}

export function inFrontMatter(fm: FmBlock, line: number): boolean {
  return line > 0 && line < fm.closeLine;
}

export interface ParsedLine {
  indent: number;
  /** A `- ` list item line (possibly `- key: value`). */
  item: boolean;
  key?: string;
  keyStart?: number;
  keyEnd?: number;
  /** Character where the value text starts (after `key:` and spaces, or after `- `). */
  valueStart: number;
  value: string;
  blank: boolean;
}

export function parseLine(text: string): ParsedLine {
  const indent = /^\s*/.exec(text)![0].length;
  const blank = text.trim() === '' || text.trimStart().startsWith('#');
  const k = KEY_LINE.exec(text);
  if (k) {
    const keyStart = k[1]!.length + k[2]!.length;
    const keyEnd = keyStart + k[3]!.length;
    const afterColon = text.indexOf(':', keyEnd) + 1;
    const valueStart = afterColon + /^\s*/.exec(text.slice(afterColon))![0].length;
    return { indent, item: k[2]!.length > 0, key: k[3]!, keyStart, keyEnd, valueStart, value: stripComment(text.slice(valueStart)), blank: false };
  }
  const it = ITEM_LINE.exec(text);
  if (it) {
    const valueStart = text.length - it[2]!.length;
    return { indent, item: true, valueStart, value: stripComment(it[2]!), blank: false };
  }
  return { indent, item: false, valueStart: indent, value: text.trim(), blank };
}

/** Removes a trailing ` # comment` that is outside quotes. */
function stripComment(v: string): string {
  let q = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#' && (i === 0 || /\s/.test(v[i - 1]!))) return v.slice(0, i).trimEnd();
  }
  return v.trimEnd();
}

/**
 * Key path of the mapping that holds a line at `indent` (`[]` for top level, `['safety']` inside
 * safety). For an item line, the key of the list it belongs to. Undefined when the line sits in
 * something this reader does not follow (lists of mappings, flow mappings).
 */
export function parentPath(fm: FmBlock, line: number, indent: number, item: boolean): string[] | undefined {
  if (indent === 0 && !item) return [];
  for (let i = line - 1; i > 0; i--) {
    const p = parseLine(fm.lines[i]!);
    if (p.blank) continue;
    const owns = p.indent < indent || (item && p.indent === indent && !p.item);
    if (!owns) continue;
    if (!p.key || p.item || p.value !== '') return undefined;
    const above = parentPath(fm, i, p.indent, false);
    return above ? [...above, p.key] : undefined;
  }
  return indent === 0 ? [] : undefined;
}

/** Line of the key that opens `path` (a top-level key or one nested level), if present. */
export function keyLine(fm: FmBlock, path: string[]): number | undefined {
  let from = 1;
  let to = fm.closeLine;
  let minIndent = 0;
  let found: number | undefined;
  for (const seg of path) {
    found = undefined;
    let childIndent: number | undefined;
    for (let i = from; i < to; i++) {
      const p = parseLine(fm.lines[i]!);
      if (p.blank) continue;
      if (p.indent < minIndent) break;
      childIndent ??= p.indent;
      if (p.indent === childIndent && p.key === seg && !p.item) {
        found = i;
        break;
      }
    }
    if (found === undefined) return undefined;
    const ind = parseLine(fm.lines[found]!).indent;
    from = found + 1;
    to = blockEnd(fm, found, ind);
    minIndent = ind + 1;
  }
  return found;
}

/** First line after the block that a key line at `indent` opens. */
export function blockEnd(fm: FmBlock, line: number, indent: number): number {
  for (let i = line + 1; i < fm.closeLine; i++) {
    const p = parseLine(fm.lines[i]!);
    if (p.blank) continue;
    if (p.indent < indent || (p.indent === indent && !(p.item && indent === 0 && isListAt(fm, line)))) return i;
  }
  return fm.closeLine;
}

function isListAt(fm: FmBlock, keyLineNo: number): boolean {
  return parseLine(fm.lines[keyLineNo]!).value === '';
}

/** Keys present in the mapping at `path` (excluding the line `except`). */
export function keysAt(fm: FmBlock, path: string[], except?: number): Set<string> {
  const out = new Set<string>();
  let from = 1;
  let to = fm.closeLine;
  if (path.length) {
    const kl = keyLine(fm, path);
    if (kl === undefined) return out;
    from = kl + 1;
    to = blockEnd(fm, kl, parseLine(fm.lines[kl]!).indent);
  }
  let childIndent: number | undefined;
  for (let i = from; i < to; i++) {
    if (i === except) continue;
    const p = parseLine(fm.lines[i]!);
    if (p.blank) continue;
    childIndent ??= p.indent;
    if (p.indent === childIndent && p.key && !p.item) out.add(p.key);
  }
  if (path.length) {
    // `safety: {impact: x}` written as a flow mapping.
    const kl = keyLine(fm, path)!;
    const v = parseLine(fm.lines[kl]!).value;
    if (v.startsWith('{')) for (const m of v.matchAll(/([A-Za-z_][\w-]*)\s*:/g)) out.add(m[1]!);
  }
  return out;
}

/** Values of the list at `path`: block items below the key, or a flow list on its line. */
export function listValuesAt(fm: FmBlock, path: string[], except?: number): string[] {
  const kl = keyLine(fm, path);
  if (kl === undefined) return [];
  const head = parseLine(fm.lines[kl]!);
  const out: string[] = [];
  if (head.value.startsWith('[')) {
    return splitFlow(head.value.replace(/^\[/, '').replace(/\].*$/, '')).filter(Boolean);
  }
  for (let i = kl + 1; i < blockEnd(fm, kl, head.indent); i++) {
    if (i === except) continue;
    const p = parseLine(fm.lines[i]!);
    if (p.item && !p.key && p.value) out.push(unquote(p.value));
  }
  return out;
}

export function splitFlow(s: string): string[] {
  return s.split(',').map((x) => unquote(x.trim()));
}

export function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t.replace(/^["']/, '');
}

/** Where the cursor is inside the front matter, in terms completion and hover understand. */
export type FmPlace =
  /** Typing a key (or on an empty line) in the mapping at `parent`. */
  | { kind: 'key'; parent: string[]; line: number; start: number; end: number; typed: string; existing: boolean }
  /** The value of `path` (a scalar, after `key: `). */
  | { kind: 'value'; path: string[]; line: number; start: number; end: number; typed: string; quote: string; spaceNeeded: boolean }
  /** An entry of the list at `path` (block `- x` or flow `[a, x]`). */
  | { kind: 'item'; path: string[]; line: number; start: number; end: number; typed: string; quote: string; flow: boolean; dash: boolean; spaceNeeded: boolean };

/** What sits at `pos` in the front matter; `start`/`end` are characters on `pos.line` to replace. */
export function placeAt(fm: FmBlock, pos: Position): FmPlace | undefined {
  if (!inFrontMatter(fm, pos.line)) return undefined;
  const line = pos.line;
  const text = fm.lines[line]!;
  const ch = Math.min(Math.max(0, pos.character), text.length);
  const before = text.slice(0, ch);
  if (before.trimStart().startsWith('#')) return undefined;
  const p = parseLine(text);
  // Indentation and at most a word before the cursor: a key (being typed, or already there).
  const keyTyping = /^(\s*)([A-Za-z_][\w-]*)?$/.exec(before);
  if (keyTyping && !(p.item && !p.key)) {
    const start = keyTyping[1]!.length;
    const parent = parentPath(fm, line, start, false);
    if (!parent) return undefined;
    if (p.key && !p.item) return { kind: 'key', parent, line, start, end: p.keyEnd!, typed: before.slice(start), existing: true };
    const end = Math.max(ch, start + /^[\w-]*/.exec(text.slice(start))![0].length);
    // Indented under a list key: a new `- item` of that list.
    if (parent.length && isListKey(parent)) return { kind: 'item', path: parent, line, start, end, typed: before.slice(start), quote: '', flow: false, dash: true, spaceNeeded: false };
    return { kind: 'key', parent, line, start, end, typed: before.slice(start), existing: false };
  }
  if (p.item && !p.key) return ch > p.indent ? itemPlace(fm, line, text, ch, p) : undefined;
  if (!p.key || p.item) return undefined;
  const keyPath = parentPath(fm, line, p.indent, false);
  if (!keyPath) return undefined;
  const path = [...keyPath, p.key];
  const colon = text.indexOf(':', p.keyEnd!);
  if (ch <= colon) return undefined;
  const spaceNeeded = p.valueStart === colon + 1;
  if (text.slice(p.valueStart).startsWith('[') && ch >= p.valueStart + 1) return flowPlace(path, line, text, ch, p.valueStart + 1);
  const start = Math.min(p.valueStart, ch);
  const typed = text.slice(start, ch);
  const quote = /^["']/.exec(typed)?.[0] ?? '';
  const end = Math.max(ch, start + rawValueLength(text.slice(start)));
  return { kind: 'value', path, line, start, end, typed, quote, spaceNeeded };
}

function itemPlace(fm: FmBlock, line: number, text: string, ch: number, p: ParsedLine): FmPlace | undefined {
  const path = parentPath(fm, line, p.indent, true);
  if (!path || !path.length) return undefined;
  if (ch < p.valueStart) return undefined;
  const start = p.valueStart;
  const typed = text.slice(start, ch);
  const quote = /^["']/.exec(typed)?.[0] ?? '';
  const spaceNeeded = text[start - 1] === '-';
  return { kind: 'item', path, line, start, end: Math.max(ch, start + rawValueLength(text.slice(start))), typed, quote, flow: false, dash: false, spaceNeeded };
}

function flowPlace(path: string[], line: number, text: string, ch: number, open: number): FmPlace {
  // The token under the cursor: from after the previous `[` or `,` to the next `,` or `]`.
  let s = ch;
  while (s > open && text[s - 1] !== ',' && text[s - 1] !== '[') s--;
  while (s < ch && /\s/.test(text[s]!)) s++;
  let e = ch;
  while (e < text.length && text[e] !== ',' && text[e] !== ']') e++;
  while (e > ch && /\s/.test(text[e - 1]!)) e--;
  const typed = text.slice(s, ch);
  return { kind: 'item', path, line, start: s, end: e, typed, quote: /^["']/.exec(typed)?.[0] ?? '', flow: true, dash: false, spaceNeeded: false };
}

/** Length of a scalar value up to a trailing comment. */
function rawValueLength(v: string): number {
  return stripComment(v).length;
}

// --- schema ---------------------------------------------------------------------------------

export interface PropSchema {
  type?: string;
  description?: string;
  enum?: string[];
  'x-enumDescriptions'?: string[];
  'x-placeholder'?: string;
  pattern?: string;
  format?: string;
  items?: PropSchema;
  properties?: Record<string, PropSchema>;
  required?: string[];
  minItems?: number;
  uniqueItems?: boolean;
}

export const RUNBOOK_SCHEMA = schemaJson as unknown as PropSchema & { required: string[]; properties: Record<string, PropSchema> };

/** Schema of the mapping or value at a key path (`[]` is the whole front matter). */
export function schemaAt(path: string[]): PropSchema | undefined {
  let s: PropSchema | undefined = RUNBOOK_SCHEMA;
  for (const seg of path) s = s?.properties?.[seg];
  return s;
}

export function isListKey(path: string[]): boolean {
  return schemaAt(path)?.type === 'array';
}

/** Allowed values of a key or of its list items, with what each means. */
export function enumOf(path: string[]): { values: string[]; descriptions: string[] } | undefined {
  const s = schemaAt(path);
  if (!s) return undefined;
  if (s.enum) return { values: s.enum, descriptions: s['x-enumDescriptions'] ?? [] };
  if (s.items?.enum) return { values: s.items.enum, descriptions: s['x-enumDescriptions'] ?? s.items['x-enumDescriptions'] ?? [] };
  return undefined;
}
