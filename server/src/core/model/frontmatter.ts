// Front matter: the `---` block at the very top, parsed with `yaml` keeping node ranges so
// every finding and fix can point at the exact key or value.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { lfForLoneCr, type OffsetRange } from './text.js';
import { BUDGET, yamlTooDeep, type Degradation } from '../budget.js';

export interface YamlIssue {
  message: string;
  range: OffsetRange;
}

export interface FrontMatter {
  /** Whole block including both delimiter lines (end is after the closing line's break). */
  range: OffsetRange;
  /** The YAML text between the delimiters. */
  content: OffsetRange;
  /** False when the opening `---` has no closing line. */
  closed: boolean;
  doc: Document.Parsed;
  /** Plain JS value of the document (undefined when it is not a mapping). */
  data: Record<string, unknown> | undefined;
  errors: YamlIssue[];
  /** Offsets of `# ...` comment lines inside the block, for suppressions. */
  comments: { text: string; range: OffsetRange }[];
  /** Set when the YAML was over a budget (core/budget.ts) and not parsed: `data` is then undefined. */
  degraded?: Degradation;
}

const DELIM = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** Where the front matter block is, without reading its YAML: undefined when the text does not open with `---`. */
export function frontMatterBlock(text: string): { bom: number; contentStart: number; contentEnd: number; closed: boolean; end: number } | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineEndAt(text, bom);
  if (!DELIM.test(text.slice(bom, firstEnd.contentEnd))) return undefined;
  const contentStart = firstEnd.next;
  let pos = contentStart;
  let closeStart = -1;
  let closeNext = text.length;
  while (pos < text.length) {
    const l = lineEndAt(text, pos);
    if (CLOSE.test(text.slice(pos, l.contentEnd))) {
      closeStart = pos;
      closeNext = l.next;
      break;
    }
    pos = l.next;
  }
  const closed = closeStart >= 0;
  // Unclosed: the block ends before the first Markdown heading that follows a blank line, so the
  // body is still checked as Markdown instead of being swallowed as YAML.
  const contentEnd = closed ? closeStart : unclosedEnd(text, contentStart);
  return { bom, contentStart, contentEnd, closed, end: closed ? closeNext : contentEnd };
}

/** Finds and parses front matter; `undefined` when the text does not open with `---`. */
export function parseFrontMatter(text: string): FrontMatter | undefined {
  const block = frontMatterBlock(text);
  if (!block) return undefined;
  const { bom, contentStart, contentEnd, closed } = block;
  const yamlText = lfForLoneCr(text.slice(contentStart, contentEnd));
  const shift = (r: OffsetRange): OffsetRange => ({ start: r.start + contentStart, end: r.end + contentStart });
  // Nesting over the budget is not handed to the YAML parser at all (it recurses per level): RB004 says so.
  const big = yamlText.length > BUDGET.frontMatterChars;
  const deep = big ? { offset: 0, message: `is ${Math.round(yamlText.length / 1024).toLocaleString('en-US')} KB long, more than ${BUDGET.frontMatterChars / 1024} KB` } : yamlTooDeep(yamlText);
  const degraded = deep ? { message: `The front matter ${deep.message}, over the budget: it was not read as YAML, so no front-matter rule ran`, range: shift({ start: deep.offset, end: deep.offset + 1 }) } : undefined;
  // Duplicate keys are found below in one pass: yaml's own uniqueKeys check compares each key with every
  // earlier one (10,000 keys: seconds).
  const doc = parseDocument(deep ? '' : yamlText, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const errors: YamlIssue[] = [];
  for (const e of doc.errors) {
    const [s, en] = e.pos ?? [0, 0];
    errors.push({ message: cleanYamlMessage(e.message), range: shift({ start: s, end: Math.max(en, s + 1) }) });
  }
  for (const r of duplicateKeys(doc.contents as Node | null)) errors.push({ message: 'Map keys must be unique', range: shift(r) });
  errors.sort((a, b) => a.range.start - b.range.start);
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0 && isMap(doc.contents)) {
    try {
      const js = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (js && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
    } catch (e) {
      errors.push({ message: e instanceof Error ? cleanYamlMessage(e.message) : 'YAML could not be read', range: shift({ start: 0, end: 1 }) });
    }
  } else if (errors.length === 0 && doc.contents === null && !degraded) {
    data = {};
  }
  const comments: FrontMatter['comments'] = [];
  let p = contentStart;
  while (p < contentEnd) {
    const l = lineEndAt(text, p);
    const line = text.slice(p, Math.min(l.contentEnd, contentEnd));
    const m = /^\s*#(.*)$/.exec(line);
    if (m) comments.push({ text: m[1]!.trim(), range: { start: p, end: Math.min(l.contentEnd, contentEnd) } });
    p = l.next;
  }
  return {
    range: { start: bom, end: block.end },
    content: { start: contentStart, end: contentEnd },
    closed,
    doc,
    data,
    errors,
    comments,
    ...(degraded ? { degraded } : {}),
  };
}

/** Keys a mapping repeats (scalars equal by value, as yaml's uniqueKeys compares them), in one walk. */
function duplicateKeys(root: Node | null): OffsetRange[] {
  const out: OffsetRange[] = [];
  const stack: (Node | null | undefined)[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<unknown>();
      for (const p of n.items) {
        const k = p.key as Node | null;
        if (isScalar(k) && k.range) {
          if (seen.has(k.value)) out.push({ start: k.range[0], end: Math.max(k.range[1], k.range[0] + 1) });
          else seen.add(k.value);
        } else if (k) stack.push(k);
        stack.push(p.value as Node | null);
      }
    } else if (isSeq(n)) for (const it of n.items) stack.push(it as Node | null);
  }
  return out;
}

function unclosedEnd(text: string, from: number): number {
  let p = from;
  let prevBlank = false;
  while (p < text.length) {
    const l = lineEndAt(text, p);
    const line = text.slice(p, l.contentEnd);
    if (prevBlank && /^#{1,6}\s+\S/.test(line)) return p;
    prevBlank = line.trim() === '';
    p = l.next;
  }
  return text.length;
}

function cleanYamlMessage(m: string): string {
  // yaml appends a source excerpt after the first line; the position is reported separately.
  return m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

export function lineEndAt(text: string, pos: number): { contentEnd: number; next: number } {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) return { contentEnd: i, next: i + 1 };
    if (c === 13) return { contentEnd: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { contentEnd: text.length, next: text.length };
}

/** Top-level key pairs of the front matter mapping, with absolute ranges. */
export interface KeyInfo {
  key: string;
  keyRange: OffsetRange;
  /** Range of the value node, or the key's end when the value is empty. */
  valueRange: OffsetRange;
  pair: Pair;
}

export function topLevelKeys(fm: FrontMatter): KeyInfo[] {
  return mapKeys(fm, fm.doc.contents as Node | null);
}

export function mapKeys(fm: FrontMatter, node: Node | null | undefined): KeyInfo[] {
  if (!node || !isMap(node)) return [];
  const out: KeyInfo[] = [];
  for (const item of node.items) {
    const k = item.key as Node | null;
    if (!k || !isScalar(k) || !k.range) continue;
    const keyRange = { start: k.range[0] + fm.content.start, end: k.range[1] + fm.content.start };
    const v = item.value as Node | null;
    const valueRange = v && v.range
      ? { start: v.range[0] + fm.content.start, end: Math.max(v.range[1], v.range[0]) + fm.content.start }
      : { start: keyRange.end, end: keyRange.end };
    out.push({ key: String(k.value), keyRange, valueRange, pair: item as Pair });
  }
  return out;
}

/** Absolute range of the node at a data path (e.g. ['safety', 'rollback'] or ['environments', 0]). */
export function rangeAtPath(fm: FrontMatter, path: (string | number)[]): OffsetRange | undefined {
  let node = fm.doc.contents as Node | null;
  let keyRange: OffsetRange | undefined;
  for (const seg of path) {
    if (!node) return keyRange;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return keyRange ?? rangeOf(fm, node);
      const k = pair.key as Node;
      keyRange = rangeOf(fm, k);
      node = pair.value as Node | null;
      if (!node) return keyRange;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return rangeOf(fm, node);
      node = item;
    } else {
      return rangeOf(fm, node);
    }
  }
  return node ? rangeOf(fm, node) : keyRange;
}

function rangeOf(fm: FrontMatter, n: Node): OffsetRange | undefined {
  if (!n.range) return undefined;
  return { start: n.range[0] + fm.content.start, end: Math.max(n.range[1], n.range[0]) + fm.content.start };
}
