// Budgets the parsers and rules cannot exceed (issue 21): a hostile or broken document — YAML nested
// thousands of levels, a line of ten thousand list markers, megabytes of emphasis delimiters — would
// otherwise crash the process or take minutes. Each budget is checked by a linear scan before the costly
// step; what is over budget is left out (not parsed, or parsed as plain text) and the model records a
// Degradation, which RB004 reports, so a degraded document is never silently half-checked.
import type { OffsetRange } from './model/text.js';

export interface Degradation {
  /** What was left out and why, as RB004 says it ("the front matter nests 7,000 levels deep, over 64"). */
  message: string;
  range: OffsetRange;
}

/** The limits. Real runbooks stay far below each (the corpora's maximum is given beside it). */
export const BUDGET = {
  /** `[` / `{` nesting of YAML flow collections (corpora: 2). */
  yamlFlowDepth: 64,
  /** Columns of indentation and compact `- ` / `? ` indicators before a YAML line's content (corpora: 10). */
  yamlIndentColumns: 256,
  /** Characters of front matter (corpora: under 3,000): 10,000s of keys take the YAML parser and schema seconds. */
  frontMatterChars: 128 * 1024,
} as const;

const n = (x: number) => x.toLocaleString('en-US');

/**
 * Where YAML text nests deeper than the budget, by a linear scan (no parse): flow collections by their
 * brackets outside quoted scalars and comments, block collections by the columns of a line's indentation
 * and indicators. Undefined when it stays within budget. The YAML parser recurses per level, so deeper
 * input could exhaust the stack (or V8's memory) before any error surfaces.
 */
export function yamlTooDeep(text: string): { offset: number; message: string } | undefined {
  let flow = 0;
  let quote = 0; // the quote character code while inside a quoted scalar
  let lineStart = true;
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      col = 0;
      if (quote === 39 /* ' */ && flow === 0) quote = 0; // a plain multi-line single quote is rare; do not let it hide brackets
      continue;
    }
    if (lineStart) {
      // Indentation and compact block indicators: `  - - ? x`.
      if (c === 32 || c === 9 || ((c === 45 || c === 63) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9))) {
        if (++col > BUDGET.yamlIndentColumns) return { offset: i, message: `nests more than ${n(BUDGET.yamlIndentColumns)} columns deep` };
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) i++; // '' inside '…'
        else quote = 0;
      } else if (quote === 34 && c === 92 /* \ */) i++;
      continue;
    }
    if (c === 34 || c === 39) {
      const prev = text.charCodeAt(i - 1);
      // A quote starts a scalar only where a scalar can start (not inside a plain word such as it's).
      if (i === 0 || prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58 || prev === 45 || prev === 10 || prev === 13) quote = c;
      continue;
    }
    if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
      continue;
    }
    if (c === 91 || c === 123) {
      if (++flow > BUDGET.yamlFlowDepth) return { offset: i, message: `nests more than ${n(BUDGET.yamlFlowDepth)} levels of [ ] / { } deep` };
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return undefined;
}

// --------------------------------------------------------------------------------------- Markdown body

/** Limits of the Markdown parse (micromark). */
export const MARKDOWN_BUDGET = {
  /** Container markers (`>`, list markers) before a line's content: each is a nested container (corpora: 4). */
  prefixMarkers: 32,
  /** Columns of a line's container prefix, indentation included: nested lists by indentation (corpora: 24). */
  prefixColumns: 160,
  /**
   * Estimated parse cost: one unit per character, plus 20 per line (micromark spends about as much on a line
   * ending as on 20 characters of text), 100 per heading line and per `|` (a table cell), 20 per backtick
   * (code spans and fences: micromark's code-span search and events; 1 MB of `` `a``b `` took 4 s and 1 GB)
   * 10 per `[` (a possible link label), 20 per `<`, 100 per blank line after a blank line. 2.5 M units is about 1.3 MB
   * of ordinary runbook text (the corpora's largest runbook: 14 KB), 20,000 blank lines in a row, 25,000 table
   * cells or 120,000 backticks; past it the rest is not parsed as Markdown.
   */
  units: 2_500_000,
  /**
   * Heading lines (corpora: at most 40; a 1 MB runbook of real text, ~2,800): each is a section that several
   * rules judge and number, so 100,000 of them made 30,000 findings (issue 21: 100k headings, 12.5 s).
   */
  headings: 5000,
  /** Emphasis and strikethrough delimiters (`*`, `_`, `~`) in one block: micromark pairs them in quadratic time. */
  delimitersPerBlock: 2000,
  /**
   * Table cells (`|`) in one block (corpora: under 200). A table is one node that no parse can be cut inside, at
   * ~40 µs a cell: 25,000 cells (4.9 MB of a wide table, cut by the cost budget) were one 1-second parse step
   * during which the language server answered nothing.
   */
  cellsPerBlock: 5000,
  /**
   * Characters parsed after an HTML comment or a code fence that is never closed (`<!--` at a line start with no
   * `-->` after it; a fence at the start of a line with no closing fence): the rest of the document is one node
   * that no parse can be cut inside, at ~3 µs a character (380 KB of unclosed `<!--` lines: one 0.85 s parse
   * step). What follows would be hidden in that comment or code block anyway.
   */
  unclosedChars: 16 * 1024,
} as const;
const LINE_UNITS = 20;
/** A heading line (a section, a heading node, per-section rule work). */
const HEADING_UNITS = 100;
/**
 * A blank line after a blank line (a real runbook has a few hundred per MB): a run of them has no block to cut
 * the parse at, so megabytes of blank lines were one piece that stalled the editor for a second per change.
 */
const BLANK_RUN_UNITS = 100;
/**
 * Characters that cost more than one unit, besides line endings: `|` (a table cell: micromark and mdast spend
 * ~10 KB and 100 characters' time on each), a backtick, a `[`, a `<` (an HTML block or comment: 1 MB of
 * unclosed `<!--` lines took 490 MB).
 */
const WEIGHTED: readonly (readonly [string, number])[] = [
  ['|', 100],
  ['`', 20],
  ['[', 10],
  ['<', 20],
];
/** WEIGHTED as a table by character code (ASCII): the extra units of each character beyond its own one. */
const EXTRA = new Uint8Array(128);
for (const [ch, weight] of WEIGHTED) EXTRA[ch.charCodeAt(0)] = weight - 1;
/**
 * A line inside a list item or block quote, in piece sizing only (see pieceEnd): micromark's container
 * handling costs about three times what plain text does per character (a text of step headings each with a list
 * item: ~3 µs per character against ~1 for real runbook text, and more the longer one parse runs). Not part of
 * the budget: real runbooks are full of list items, and the budget bounds the whole parse, not one piece.
 */
const CONTAINER_LINE_UNITS = 150;

/**
 * Where a first-parse piece starting at `from` (a line start) should end: the start of the first line at which
 * the estimated parse cost of the lines from `from` reaches `units` (text.length if it never does). Sizing pieces
 * by this cost instead of characters keeps each synchronous parse step short on costly text (issue 21: 64 KB of
 * step headings and list items was one 400–500 ms step while the editor waited).
 */
export function pieceEnd(text: string, from: number, units: number): number {
  let spent = 0;
  let prevBlank = false;
  for (let at = from; at < text.length; ) {
    if (spent >= units) return at;
    const e = lineEnd(text, at);
    spent += e - at + 1 + lineUnits(text, at, e, prevBlank);
    for (let k = at; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c < 128) spent += EXTRA[c]!;
    }
    if (prefixOf(text, at).markers > 0) spent += CONTAINER_LINE_UNITS;
    prevBlank = isBlank(text, at, e);
    at = e + 1;
  }
  return text.length;
}

/** Runs of over-deep lines reported one by one; the rest in one finding. */
const MAX_REPORTED = 20;

export interface BodyPlan {
  /**
   * The text to parse: the input with over-deep lines blanked (same length: offsets unchanged) and cut where
   * the cost budget ends. Blanked lines are no-break spaces: not indentation (which the open containers would
   * each measure again), and empty to every rule that trims text.
   */
  text: string;
  /** The same, not cut: `text` is its prefix (the incremental parser plans an edit at the previous version's cut). */
  uncut: string;
  degraded: Degradation[];
}

const DEEP_PREFIX = /^[ \t>*+\-\d.)]{48,}/gm;
const DELIMITERS = /[*_~]/g;
const PIPES = /\|/g;
const COMMENT_OPEN = /^ {0,3}<!--/gm;
/** A blank line (only spaces or tabs) between two line endings. */
const BLANK = /\n[ \t]*(?=\n)/g;

/** Container markers and columns of the prefix of the line at `at`. */
function prefixOf(text: string, at: number): { markers: number; columns: number; end: number } {
  let markers = 0;
  let columns = 0;
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32) columns++;
    else if (c === 9) columns += 4 - (columns % 4);
    else if (c === 62 /* > */) {
      markers++;
      columns++;
    } else if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
      markers++;
      columns++;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < i + 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if ((d === 46 || d === 41) && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)) {
        markers++;
        columns += j - i + 1;
        i = j;
      } else break;
    } else break;
    i++;
  }
  return { markers, columns, end: i };
}

/** text[start, end) holds only spaces, tabs and a carriage return. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** The units of the line text[at, e) beyond its characters: the line, a heading, a blank line in a run. */
function lineUnits(text: string, at: number, e: number, prevBlank: boolean): number {
  return LINE_UNITS + (text.charCodeAt(at) === 35 /* # */ ? HEADING_UNITS : 0) + (prevBlank && isBlank(text, at, e) ? BLANK_RUN_UNITS : 0);
}

function lineEnd(text: string, at: number): number {
  const e = text.indexOf('\n', at);
  return e < 0 ? text.length : e;
}

/** The blocks (runs of non-blank lines) of `text` from `from` on holding more than `max` of the characters `re` finds. */
function floodedBlocks(text: string, from: number, re: RegExp, max: number): OffsetRange[] {
  let total = 0;
  re.lastIndex = from;
  while (re.exec(text) && ++total <= max);
  if (total <= max) return [];
  const out: OffsetRange[] = [];
  let count = 0;
  let blockStart = from;
  let blank = -1; // the next blank line at or after the previous hit
  let after = from;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index;
    if (blank < after) {
      BLANK.lastIndex = after;
      blank = BLANK.exec(text)?.index ?? text.length;
    }
    if (blank < at) {
      count = 0;
      blockStart = blank + 1;
      blank = -1;
    }
    if (++count === max + 1) {
      BLANK.lastIndex = at;
      const end = BLANK.exec(text)?.index ?? text.length;
      out.push({ start: blockStart, end });
      re.lastIndex = end; // the rest of this block is flooded anyway
      count = 0;
    }
    after = at + 1;
  }
  return out;
}

/** Full-width stand-ins for the emphasis delimiters and table pipes: same length, no Markdown meaning. */
const STAND_IN: Record<string, string> = { '*': '\uff0a', _: '\uff3f', '~': '\uff5e', '|': '\uff5c' };

/**
 * Where the parse must stop after an HTML comment or a code fence that is never closed: the line start
 * `unclosedChars` after the first `<!--` at a line start that no `-->` follows, or after the opening line of a
 * fence left open at the end (openers at the first column only, so a fence inside a list item, which its item
 * closes, is not taken for one; any fence line of the same kind closes). Undefined when there is none or the
 * rest is shorter.
 */
function unclosedCut(text: string, from: number): { open: number; what: string; cut: number } | undefined {
  COMMENT_OPEN.lastIndex = Math.max(from, text.lastIndexOf('-->') + 1);
  const comment = COMMENT_OPEN.exec(text);
  // Fence lines, found by native searches for ``` and ~~~ (a regular expression per line start cost ~4 ms per
  // keystroke on 1 MB): the run must start a line, after at most 3 spaces.
  let fence = -1;
  let marker = 0;
  let markerLen = 0;
  let nb = text.indexOf('```', from);
  let nt = text.indexOf('~~~', from);
  while (nb >= 0 || nt >= 0) {
    const at = nb < 0 ? nt : nt < 0 ? nb : Math.min(nb, nt);
    const ch = text.charCodeAt(at);
    let end = at;
    while (text.charCodeAt(end) === ch) end++;
    let ls = at;
    while (ls > from && text.charCodeAt(ls - 1) === 32 && at - ls < 4) ls--;
    if (at - ls <= 3 && (ls === 0 || text.charCodeAt(ls - 1) === 10 || text.charCodeAt(ls - 1) === 13)) {
      if (fence < 0) {
        if (ls === at) {
          fence = at;
          marker = ch;
          markerLen = end - at;
        }
      } else if (ch === marker && end - at >= markerLen && isBlank(text, end, lineEnd(text, end))) fence = -1;
    }
    if (ch === 96) nb = text.indexOf('```', end);
    else nt = text.indexOf('~~~', end);
  }
  const open = comment && (fence < 0 || comment.index < fence) ? comment.index : fence;
  if (open < 0 || text.length - open <= MARKDOWN_BUDGET.unclosedChars) return undefined;
  const e = text.indexOf('\n', open + MARKDOWN_BUDGET.unclosedChars);
  return e < 0 ? undefined : { open, what: open === comment?.index ? 'HTML comment (no `-->` after it)' : 'code fence (no closing fence after it)', cut: e + 1 };
}

/**
 * The Markdown parse of a body within budget: undefined when nothing is over it (nearly every document: a
 * few native searches decide that). Otherwise lines nested deeper than the budget are blanked, emphasis is
 * left unparsed where delimiters flood a block, and the text is cut where the cost budget runs out; each
 * says so as a Degradation. `from` is where the body starts (front-matter lines are not judged).
 */
export function planBody(text: string, from: number): BodyPlan | undefined {
  const B = MARKDOWN_BUDGET;
  let units = text.length - from;
  let headings = 0;
  for (let at = from, prevBlank = false; at < text.length && units <= B.units && headings <= B.headings; ) {
    const e = lineEnd(text, at);
    units += lineUnits(text, at, e, prevBlank);
    if (text.charCodeAt(at) === 35 /* # */) headings++;
    prevBlank = isBlank(text, at, e);
    at = e + 1;
  }
  for (const [ch, weight] of WEIGHTED) for (let at = text.indexOf(ch, from); at >= 0 && units <= B.units; at = text.indexOf(ch, at + 1)) units += weight - 1;
  const overCost = units > B.units || headings > B.headings;
  DEEP_PREFIX.lastIndex = from;
  const deepCandidate = DEEP_PREFIX.exec(text);
  const flooded = floodedBlocks(text, from, DELIMITERS, B.delimitersPerBlock);
  const tables = floodedBlocks(text, from, PIPES, B.cellsPerBlock);
  const comment = unclosedCut(text, from);
  if (!overCost && !deepCandidate && !flooded.length && !tables.length && !comment) return undefined;

  const degraded: Degradation[] = [];
  // 1-based line numbers of increasing offsets, counted on from the previous one (linear overall).
  let lineOffset = 0;
  let lineNo = 1;
  const lineAt = (offset: number) => {
    if (offset < lineOffset) {
      lineOffset = 0;
      lineNo = 1;
    }
    for (let at = text.indexOf('\n', lineOffset); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
      lineNo++;
      lineOffset = at + 1;
    }
    return lineNo;
  };
  // Over-deep lines: blanked (spaces), merged into runs for the findings.
  let out = text;
  if (deepCandidate) {
    const parts: string[] = [];
    let copied = 0;
    let run: { start: number; end: number } | undefined;
    let runs = 0;
    const flush = () => {
      if (!run) return;
      if (++runs > MAX_REPORTED) {
        run = undefined;
        return;
      }
      degraded.push({ message: `Lines ${n(lineAt(run.start))}–${n(lineAt(run.end))} nest lists or block quotes deeper than the budget (${B.prefixMarkers} levels or ${B.prefixColumns} columns): they were read as empty lines, so no structure rule saw them`, range: { start: run.start, end: run.end } });
      run = undefined;
    };
    DEEP_PREFIX.lastIndex = from;
    for (let m = DEEP_PREFIX.exec(text); m; m = DEEP_PREFIX.exec(text)) {
      const p = prefixOf(text, m.index);
      const end = lineEnd(text, m.index);
      DEEP_PREFIX.lastIndex = Math.max(end, m.index + 1);
      if (p.markers <= B.prefixMarkers && p.columns <= B.prefixColumns) continue;
      parts.push(text.slice(copied, m.index), '\u00a0'.repeat(end - m.index));
      copied = end;
      if (run && m.index === run.end + 1) run.end = end;
      else {
        flush();
        run = { start: m.index, end };
      }
    }
    flush();
    if (runs > MAX_REPORTED) degraded.push({ message: `${n(runs - MAX_REPORTED)} more runs of lines nest deeper than the budget: read as empty lines too`, range: degraded[degraded.length - 1]!.range });
    if (parts.length) out = parts.join('') + text.slice(copied);
  }
  // The cost budget: cut at the last line end within it (or where a comment never closed has run long enough).
  let cut = text.length;
  /** Why the parse stops at `cut` (RB004's message), when it does. */
  let cutWhy: string | undefined;
  if (overCost || comment) {
    let spent = 0;
    let heads = 0;
    let at = from;
    // The next weighted character of each kind (searched on from the last one: linear overall).
    const next = WEIGHTED.map(([ch]) => text.indexOf(ch, from));
    let prevBlank = false;
    while (at < text.length) {
      const e = lineEnd(text, at);
      const heading = text.charCodeAt(at) === 35;
      spent += e - at + 1 + lineUnits(text, at, e, prevBlank);
      prevBlank = isBlank(text, at, e);
      for (let k = 0; k < WEIGHTED.length; k++) {
        const [ch, weight] = WEIGHTED[k]!;
        let p = next[k]!;
        for (; p >= 0 && p < e; p = text.indexOf(ch, p + 1)) spent += weight - 1;
        next[k] = p;
      }
      if (comment && at >= comment.cut) {
        cut = at;
        cutWhy = `The ${comment.what} opened on line ${n(lineAt(comment.open))} is never closed, so the rest of the document would be one block: past the budget of ${n(B.unclosedChars / 1024)} KB after it, from line ${n(lineAt(cut))} on, it was not parsed as Markdown, so only the text checks (secrets, URLs, identifiers) ran there`;
        break;
      }
      if (heading && ++heads > B.headings) {
        cut = at;
        cutWhy = `The document has more than ${n(B.headings)} headings (the Markdown parsing budget): from line ${n(lineAt(cut))} on it was not parsed as Markdown, so only the text checks (secrets, URLs, identifiers) ran there`;
        break;
      }
      if (spent > B.units) {
        cut = at;
        cutWhy = `The document is larger than the Markdown parsing budget (about 1.3 MB of ordinary text; a line counts as 20 characters, a heading or a \`|\` as 100, a backtick or a \`<\` as 20, a \`[\` as 10, a blank line after a blank line as 100): from line ${n(lineAt(cut))} on it was not parsed as Markdown, so only the text checks (secrets, URLs, identifiers) ran there`;
        break;
      }
      at = e + 1;
    }
  }
  // Flooded blocks: their delimiters become stand-ins (the same text to every rule, no emphasis to pair);
  // blocks with too many table cells, their pipes (read as text, not as a table).
  // Only up to a little past the cut: the rest is not parsed (the incremental parser may plan an edit a little
  // past it, see BodyPlan.uncut), and 1.2 M stand-ins for a 4.9 MB table took ~0.5 s and ~1 s of garbage collection.
  const limit = Math.min(text.length, cut + 64 * 1024);
  const standIns = (blocks: OffsetRange[], replace: (s: string) => string, what: (b: OffsetRange) => string) => {
    if (!blocks.length) return;
    const parts: string[] = [];
    let copied = 0;
    for (const b of blocks) {
      const end = Math.min(b.end, limit);
      if (end > b.start) {
        parts.push(out.slice(copied, b.start), replace(out.slice(b.start, end)));
        copied = end;
      }
      if (degraded.length < MAX_REPORTED) degraded.push({ message: what(b), range: { start: b.start, end: Math.min(b.end, b.start + 200) } });
    }
    out = parts.join('') + out.slice(copied);
  };
  standIns(flooded, (s) => s.replace(DELIMITERS, (d) => STAND_IN[d]!), (b) => `Lines ${n(lineAt(b.start))}–${n(lineAt(b.end))} hold more than ${n(B.delimitersPerBlock)} emphasis delimiters (* _ ~) in one block: emphasis and strikethrough were not parsed there`);
  standIns(tables, (s) => s.replaceAll('|', STAND_IN['|']!), (b) => `Lines ${n(lineAt(b.start))}–${n(lineAt(b.end))} hold more than ${n(B.cellsPerBlock)} table cells (|) in one block, the budget of one table: they were read as text, not as a table`);
  if (cutWhy) degraded.push({ message: cutWhy, range: { start: cut, end: Math.min(lineEnd(text, cut), cut + 200) } });
  if (cut < text.length) return { text: out.slice(0, cut), uncut: out, degraded };
  return { text: out, uncut: out, degraded };
}
