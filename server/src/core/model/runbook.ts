// Parse once: front matter (yaml with ranges) + body (mdast via remark-parse + gfm) -> Runbook.
// Every rule reads this model; nothing re-parses. All ranges are absolute offsets into `text`.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root, RootContent, Heading as MdHeading, PhrasingContent } from 'mdast';
import { LineIndex, lfForLoneCr, type OffsetRange } from './text.js';
import { firstIndex, TextCache } from './cover.js';
import { parseFrontMatter, type FrontMatter } from './frontmatter.js';
import { gatedGfmTable, withTableGate } from './table-gate.js';
import { planBody, type Degradation } from '../budget.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per node of every parse.
const FENCE_OPENING = /^ {0,3}(```|~~~)/;
const STEP_LABEL = /Step\s+(\d{1,4}[A-Z]?)/;

export interface Heading {
  depth: number;
  text: string;
  range: OffsetRange;
  /** Range of the heading's text (after the `#`s). */
  textRange: OffsetRange;
  /** The step parsed from the heading text, when it is a step heading. */
  step?: StepLabel;
}

export interface StepLabel {
  number: number;
  letter: string;
  /** "2A", "3". */
  label: string;
  name: string;
  /** Range of the "2A" part in the text. */
  labelRange: OffsetRange;
}

export type SectionKind = 'summary' | 'inputs' | 'triage' | 'diagnose' | 'mitigation' | 'verification' | 'prevention' | 'step' | 'other';

export interface Section {
  heading: Heading;
  kind: SectionKind;
  /** From the heading's start to the next heading of the same or higher level. */
  range: OffsetRange;
  /** From the end of the heading line to the end of the section. */
  bodyRange: OffsetRange;
  children: Section[];
}

export interface ChecklistItem {
  checked: boolean;
  text: string;
  range: OffsetRange;
}

export interface ListItem {
  text: string;
  range: OffsetRange;
  checked: boolean | null;
}

export interface CodeBlock {
  lang: string | null;
  value: string;
  range: OffsetRange;
  /** Offset of the first character of the code's content (after the opening fence line). */
  valueStart: number;
  fenced: boolean;
}

export interface InlineCode {
  value: string;
  range: OffsetRange;
}

export interface Link {
  url: string;
  text: string;
  range: OffsetRange;
  /** An image (`![alt](src)`): its source is checked like a link target. */
  image?: boolean;
}

export interface HtmlComment {
  /** Inner text of `<!-- ... -->`. */
  text: string;
  range: OffsetRange;
}

export interface Runbook {
  text: string;
  lines: LineIndex;
  /** Workspace-relative POSIX path, when known. */
  path?: string;
  frontMatter?: FrontMatter;
  /** Where the Markdown body starts (after the front matter). */
  bodyStart: number;
  mdast: Root;
  headings: Heading[];
  /** Top of the section tree: the H1 (if any) children flattened, so H2 sections are roots. */
  sections: Section[];
  /** All H2 (and deeper step) sections in document order. */
  allSections: Section[];
  h1?: Heading;
  listItems: ListItem[];
  codeBlocks: CodeBlock[];
  inlineCode: InlineCode[];
  links: Link[];
  htmlComments: HtmlComment[];
  /** Parts of the body over a parsing budget (core/budget.ts), left out or read as plain text: RB004. */
  degraded?: Degradation[];
}

/**
 * GFM without the autolink-literal extension: tables, task lists, footnotes and strikethrough.
 * Literal autolinks (bare `https://…`, `www.…`, e-mail addresses) cost more than the rest of the
 * parse together (on the corpora the parse took ~1.5× as long with them), and no rule needs them
 * as links: the rules that read links check relative targets, and RB501 accepts a bare URL itself.
 * Tables go through the gate of table-gate.ts, and a text without a possible delimiter row is parsed
 * without the table extension: the same result either way, at less cost.
 */
// Combined once (as remark-gfm does): micromark merges its extensions again on every parse.
const GFM_REST = [gfmFootnote(), gfmStrikethrough(), gfmTaskListItem()];
const GFM_SYNTAX = { tables: combineExtensions([...GFM_REST, gatedGfmTable()]), noTables: combineExtensions(GFM_REST) };
const GFM_MDAST = [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];

/**
 * micromark resolves `[` … `](` by looking back over every open label of the paragraph: a paragraph with
 * thousands of them (a pasted minified blob, a fuzzer) takes minutes. Such a document is parsed without
 * links and images instead, so the server stays responsive; no real runbook has that many in one block.
 */
const NO_LABELS = { disable: { null: ['labelStartLink', 'labelStartImage', 'labelEnd', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall'] } };

function markdownProcessor(syntax: unknown[]) {
  return unified()
    .use(remarkParse)
    .use(function gfmWithoutAutolinks(this: Processor) {
      const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
      (data.micromarkExtensions ??= []).push(...syntax);
      (data.fromMarkdownExtensions ??= []).push(...GFM_MDAST);
    });
}

/** By [labels flooded][tables possible]. */
const PROCESSORS = [
  [markdownProcessor([GFM_SYNTAX.noTables]), markdownProcessor([GFM_SYNTAX.tables])],
  [markdownProcessor([GFM_SYNTAX.noTables, NO_LABELS]), markdownProcessor([GFM_SYNTAX.tables, NO_LABELS])],
] as const;

/** Label starts (`[`) in one block (a run of non-blank lines) above which links are not parsed. */
export const MAX_LABELS_PER_BLOCK = 2000;

/** A blank line (only spaces or tabs) between two line endings (LF, CR or CRLF, as micromark counts them). */
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?=[\r\n])/g;

/** Whether some block of the text (a run of non-blank lines) holds more than MAX_LABELS_PER_BLOCK `[`. */
export function labelFlood(text: string): boolean {
  // No more `[` in the whole text than one block may hold (nearly every runbook): the native search
  // answers that without reading the text character by character (a 1 MB runbook: ~4 ms per keystroke).
  let total = 0;
  for (let at = text.indexOf('['); at >= 0 && total <= MAX_LABELS_PER_BLOCK; at = text.indexOf('[', at + 1)) total++;
  if (total <= MAX_LABELS_PER_BLOCK) return false;
  // From `[` to `[` with the native search, resetting the count when a blank line lies between two of
  // them; the next blank line is searched for again only once a `[` is past it (linear in the text).
  let count = 0;
  let blank = -1; // start of the next blank line at or after the previous `[`; text.length when none
  for (let at = text.indexOf('['), after = 0; at >= 0; after = at + 1, at = text.indexOf('[', after)) {
    if (blank < after) {
      BLANK_LINE.lastIndex = after;
      blank = BLANK_LINE.exec(text)?.index ?? text.length;
    }
    if (blank < at) count = 0;
    if (++count > MAX_LABELS_PER_BLOCK) return true;
  }
  return false;
}

/** `Step 2A — Diagnose x`, with em dash, en dash or hyphen. */
// The lookahead rules out a line break up front: without it, a heading text with a break
// after a long run of blanks backtracks quadratically (found by test/unit/redos.test.ts).
export const STEP_HEADING = /^(?![^\n\r\u2028\u2029]*[\n\r\u2028\u2029])Step\s+(\d{1,4})([A-Z])?\s*[—–-]+\s*(.*)$/;

export interface ParseOptions {
  /** Files over the size limit: index lines only, no YAML or Markdown parse. */
  skipMarkdown?: boolean;
}

export function parseRunbook(original: string, path?: string, opts: ParseOptions = {}): Runbook {
  const text = lfForLoneCr(original);
  const frontMatter = opts.skipMarkdown ? undefined : parseFrontMatter(text);
  const bodyStart = frontMatter ? frontMatter.range.end : 0;
  let mdast: Root;
  // Over a budget (nesting depth, delimiter floods, size): the parse is planned within it, and RB004 says so.
  const plan = opts.skipMarkdown ? undefined : planBody(text, bodyStart);
  try {
    mdast = opts.skipMarkdown ? { type: 'root', children: [] } : parseMarkdown(maskFrontMatter(plan ? plan.text : text, bodyStart));
  } catch {
    mdast = { type: 'root', children: [] };
  }
  const rb = emptyRunbook(text, path, frontMatter, bodyStart, mdast);
  if (plan?.degraded.length) rb.degraded = plan.degraded;
  collectNodes(rb, mdast.children, text);
  finishRunbook(rb);
  return rb;
}

/**
 * The Markdown parse (CommonMark + GFM) of a text; positions are offsets into that text. Links are parsed
 * unless the text is flooded with labels (labelFlood) or `labels` says otherwise (a piece of a flooded document).
 */
export function parseMarkdown(text: string, labels?: boolean): Root {
  const flooded = labels === undefined ? labelFlood(text) : !labels;
  const root = withTableGate(text, (tables) => PROCESSORS[flooded ? 1 : 0][tables ? 1 : 0].parse(text) as Root);
  if (text.charCodeAt(0) === 0xfeff) countBom(root);
  return root;
}

/** micromark drops a leading BOM from its positions; the model counts it (it is character 0 of line 0). */
function countBom(root: Root): void {
  const move = (pt: { line: number; column: number; offset?: number }) => ({ line: pt.line, column: pt.line === 1 ? pt.column + 1 : pt.column, offset: (pt.offset ?? 0) + 1 });
  const stack: (Root | RootContent)[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.position) n.position = { start: n === root ? { line: 1, column: 1, offset: 0 } : move(n.position.start), end: move(n.position.end) };
    if ('children' in n) for (const c of n.children) stack.push(c);
  }
}

/** Blanks the front matter (keeping line breaks) so mdast offsets are document offsets. */
export function maskFrontMatter(text: string, bodyStart: number): string {
  return bodyStart > 0 ? text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart) : text;
}

/** The parts of a Runbook that `collectNodes` fills from mdast nodes. */
export type Collected = Pick<Runbook, 'headings' | 'listItems' | 'codeBlocks' | 'inlineCode' | 'links' | 'htmlComments'>;

export function emptyRunbook(text: string, path: string | undefined, frontMatter: FrontMatter | undefined, bodyStart: number, mdast: Root, lines = new LineIndex(text)): Runbook {
  return {
    text,
    lines,
    path,
    frontMatter,
    bodyStart,
    mdast,
    headings: [],
    sections: [],
    allSections: [],
    listItems: [],
    codeBlocks: [],
    inlineCode: [],
    links: [],
    htmlComments: [],
  };
}

/** Builds the derived parts that need the whole document: H1 and the section tree. */
export function finishRunbook(rb: Runbook): void {
  buildSections(rb);
}

function range(n: { position?: { start: { offset?: number }; end: { offset?: number } } }): OffsetRange {
  return { start: n.position?.start.offset ?? 0, end: n.position?.end.offset ?? 0 };
}

export function plainText(nodes: readonly (RootContent | PhrasingContent)[]): string {
  let s = '';
  for (const n of nodes) {
    if ('value' in n && typeof n.value === 'string' && n.type !== 'html') s += n.value;
    else if (n.type === 'break') s += ' ';
    if ('children' in n && Array.isArray(n.children)) s += plainText(n.children as RootContent[]);
  }
  return s;
}

/** Gathers headings, list items, code, links and comments from nodes (offsets into `text`), in document order. */
export function collectNodes(rb: Collected, nodes: readonly RootContent[], text: string): void {
  // Iterative walk: deeply nested input (10,000 levels of block quotes) must not overflow the stack.
  const stack: RootContent[] = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    switch (n.type) {
      case 'heading':
        rb.headings.push(makeHeading(text, n));
        break;
      case 'listItem': {
        const r = range(n);
        const firstPara = n.children.find((c) => c.type === 'paragraph');
        rb.listItems.push({ text: firstPara ? plainText([firstPara]).trim() : '', range: r, checked: n.checked ?? null });
        break;
      }
      case 'code': {
        const r = range(n);
        const fenceLineEnd = text.indexOf('\n', r.start);
        const fenced = FENCE_OPENING.test(text.slice(r.start, r.start + 8));
        rb.codeBlocks.push({
          lang: n.lang ?? null,
          value: n.value,
          range: r,
          valueStart: fenced ? (fenceLineEnd < 0 ? r.end : Math.min(fenceLineEnd + 1, r.end)) : r.start,
          fenced,
        });
        break;
      }
      case 'inlineCode':
        rb.inlineCode.push({ value: n.value, range: range(n) });
        break;
      case 'link':
        rb.links.push({ url: n.url, text: plainText(n.children).trim(), range: range(n) });
        break;
      case 'definition':
        rb.links.push({ url: n.url, text: n.label ?? '', range: range(n) });
        break;
      case 'image':
        rb.links.push({ url: n.url, text: n.alt ?? '', range: range(n), image: true });
        break;
      case 'html': {
        const r = range(n);
        // indexOf, not /<!--([\s\S]*?)-->/g: that regex is quadratic on many unclosed `<!--`.
        for (let open = n.value.indexOf('<!--'); open >= 0; ) {
          const close = n.value.indexOf('-->', open + 4);
          if (close < 0) break;
          rb.htmlComments.push({ text: n.value.slice(open + 4, close).trim(), range: { start: r.start + open, end: r.start + close + 3 } });
          open = n.value.indexOf('<!--', close + 3);
        }
        break;
      }
    }
    if ('children' in n && Array.isArray(n.children)) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as RootContent);
    }
  }
}

function makeHeading(docText: string, n: MdHeading): Heading {
  const r = range(n);
  const text = plainText(n.children).trim();
  const first = n.children[0];
  const last = n.children[n.children.length - 1];
  const textRange = first && last ? { start: range(first).start, end: range(last).end } : { start: r.end, end: r.end };
  const h: Heading = { depth: n.depth, text, range: r, textRange };
  const m = STEP_HEADING.exec(text);
  if (m) {
    const raw = docText.slice(textRange.start, textRange.end);
    const lm = STEP_LABEL.exec(raw);
    const labelStart = lm ? textRange.start + lm.index + lm[0].length - lm[1]!.length : textRange.start;
    const label = m[1]! + (m[2] ?? '');
    h.step = {
      number: Number(m[1]),
      letter: m[2] ?? '',
      label,
      name: m[3]!.trim(),
      labelRange: { start: labelStart, end: labelStart + label.length },
    };
  }
  return h;
}

// Module-level: a regex literal inside a function is a new RegExp object at every evaluation
// (~0.1 µs and ~56 bytes each), and this runs for every heading of every check.
const SUMMARY_HEADING = /^summary\b/;
const INPUTS_HEADING = /^inputs?\b/;
/** Step or section names by kind, tried in this order. */
const KIND_WORDS: readonly [RegExp, SectionKind][] = [
  [/triage/, 'triage'],
  [/mitigat/, 'mitigation'],
  [/verif/, 'verification'],
  [/prevent|follow-?ups?/, 'prevention'],
  [/diagnos/, 'diagnose'],
];
/** Kinds by heading text (the kind depends on the text alone). */
const kinds = new TextCache<SectionKind>();

export function classifySection(h: Heading): SectionKind {
  return kinds.get(h.text) ?? kinds.put(h.text, kindOf(h));
}

function kindOf(h: Heading): SectionKind {
  const t = h.text.toLowerCase();
  const name = h.step ? h.step.name.toLowerCase() : t;
  if (!h.step) {
    if (SUMMARY_HEADING.test(t)) return 'summary';
    if (INPUTS_HEADING.test(t)) return 'inputs';
  }
  for (const [re, kind] of KIND_WORDS) if (re.test(name)) return kind;
  return h.step ? 'step' : 'other';
}

function buildSections(rb: Runbook): void {
  const hs = rb.headings;
  rb.h1 = hs.find((h) => h.depth === 1);
  const roots: Section[] = [];
  const open: Section[] = [];
  const end = rb.text.length;
  for (const h of hs) {
    if (h.depth === 1) {
      closeAll(open, h.range.start);
      continue;
    }
    while (open.length && open[open.length - 1]!.heading.depth >= h.depth) {
      open.pop()!.range.end = h.range.start;
    }
    const s: Section = { heading: h, kind: classifySection(h), range: { start: h.range.start, end }, bodyRange: { start: h.range.end, end }, children: [] };
    if (open.length) open[open.length - 1]!.children.push(s);
    else roots.push(s);
    open.push(s);
    rb.allSections.push(s);
  }
  closeAll(open, end);
  for (const s of rb.allSections) s.bodyRange.end = s.range.end;
  rb.sections = roots;
}

function closeAll(open: Section[], at: number): void {
  while (open.length) open.pop()!.range.end = at;
}

/**
 * The sections containing an offset, outermost first: a descent through the section tree with a
 * binary search among siblings (sections nest properly and siblings are in text order), so rules
 * can ask it per command or per finding without becoming quadratic on long runbooks.
 */
export function sectionChain(rb: Runbook, offset: number): Section[] {
  const chain: Section[] = [];
  let level = rb.sections;
  for (;;) {
    // The last sibling starting at or before the offset.
    const siblings = level;
    const s = siblings[firstIndex(siblings.length, (k) => siblings[k]!.range.start > offset) - 1];
    if (!s || offset >= s.range.end) return chain;
    chain.push(s);
    level = s.children;
  }
}

/** The innermost section containing an offset. */
export function sectionAt(rb: Runbook, offset: number): Section | undefined {
  const chain = sectionChain(rb, offset);
  return chain[chain.length - 1];
}

/** The H2-level section (or step section) containing an offset. */
export function topSectionAt(rb: Runbook, offset: number): Section | undefined {
  return sectionChain(rb, offset)[0];
}
