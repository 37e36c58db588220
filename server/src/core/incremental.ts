// Incremental checking: re-parse only what an edit touched.
//
// The body is cut into chunks at root-level ATX headings (`#`..`######` that the parser itself put at the
// top level, so never inside a code fence, HTML block, list or block quote, and never in front matter).
// At such a heading the block parser has no open container and no open leaf, so the text from there on
// parses the same on its own as inside the whole document. Long stretches without headings are also cut before
// a root block that starts after a blank line (see afterBlankLine). Each chunk keeps its parse (mdast with positions
// relative to the chunk) and what `collectNodes` gathered from it. On an update, chunks whose text and
// following line are unchanged are reused (shifted), and only the changed region is parsed again, together
// with the first line after it: when that line does not come out as a root heading (an edit opened a fence
// or an HTML comment, say) the chunks before the last root heading the parse found are kept and the region
// grows, by twice as many chunks each time, until it does. Link reference and footnote
// definitions are document-wide (a definition in one chunk turns `[x][y]` in another into a link): the
// region is parsed with the definitions of the other chunks added after it (or before it, at the end of
// the text) and those nodes dropped again; when an edit changes the set of definitions, the whole text is
// parsed again. The rules then run on the assembled model, which equals `parseRunbook(text)`;
// test/unit/incremental.test.ts proves it on generated edit sequences.
import type { Root, RootContent } from 'mdast';
import { frontMatterBlock, parseFrontMatter, lineEndAt, type FrontMatter } from './model/frontmatter.js';
import { pieceEnd, planBody, type BodyPlan } from './budget.js';
import {
  collectNodes,
  emptyRunbook,
  finishRunbook,
  labelFlood,
  maskFrontMatter,
  parseMarkdown,
  parseRunbook,
  type Collected,
  type Runbook,
} from './model/runbook.js';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { Cover } from './model/cover.js';
import { LineIndex, lfForLoneCr } from './model/text.js';
import { check, drain, MAX_FULL_CHECK_BYTES, type CheckInput, type CheckResult } from './check.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per line of a first parse.
const DEFINITION_START = /^\[[^\]]+\]:/;
const FENCE_START = /^ {0,3}(`{3,}|~{3,})/;
const ATX_START = /^#{1,6}(?:[ \t\r]|$)/;

interface Chunk {
  /** Offsets in the document version the chunk was last placed in. */
  start: number;
  end: number;
  /** Line of `start` (0-based) in that version. */
  line: number;
  text: string;
  /** Line breaks in `text` (kept: counting them again for every chunk after an edit was ~3 ms per keystroke on 1 MB). */
  breaks: number;
  /** The line after the chunk (with its break) that proved its end is a clean cut; null: the chunk ends the text. */
  guard: string | null;
  /** Root children, positions relative to the chunk (offset 0, line 1). */
  nodes: RootContent[];
  /** collectNodes output, offsets relative to the chunk. */
  items: Collected;
  /** Link reference and footnote definitions in the chunk (document-wide meaning). */
  defs: Def[];
  /** `items` moved to document offsets for the chunk at `placedAt`: a chunk that did not move
   *  (every chunk before an edit) hands the same objects to the next model. */
  placed?: { at: number; items: Collected };
}

interface Def {
  /** `d:` or `f:` + normalized identifier. */
  key: string;
  /** A line that defines the same label, for parsing other chunks. */
  source: string;
  /** The identifier's first word, case-folded as micromark folds labels (see definitionsFor). */
  probe: string;
}

/** A link reference (`d`) or footnote (`f`) definition of `label`, whose normalized identifier (mdast's) is `id`. */
function def(kind: 'd' | 'f', id: string, label: string): Def {
  return { key: `${kind}:${id}`, source: kind === 'f' ? `[^${label}]: x` : `[${label}]: #`, probe: id.toUpperCase().split(' ')[0]! };
}

/** What a guarded parse whose cut did not hold proved: the text offset of the last root heading inside
 *  the region (-1: none) and, when the parse can be trusted up to it, the chunks before it. */
interface Miss {
  cut: number;
  chunks?: Chunk[];
}

/** How a version is parsed: the size of first-parse pieces, and whether links are parsed (see labelFlood). */
interface Opts {
  pieceChars: number;
  labels: boolean;
}

interface State {
  text: string;
  /** The document's links were parsed (see Opts). */
  labels: boolean;
  bodyStart: number;
  frontMatter: FrontMatter | undefined;
  chunks: Chunk[];
  /** The definitions every chunk was parsed with (see defsKey). */
  defsKey: string;
  /** uniqueDefs(chunks), for the parse of the next edit's region. */
  defs: Def[];
  lines: LineIndex;
}

export interface IncrementalStats {
  /** Characters handed to the Markdown parser by the last update. */
  parsedChars: number;
  chunks: number;
  reusedChunks: number;
  /** The whole document was parsed in one piece (first parse, a changed set of definitions, or a parser error). */
  full: boolean;
}

const states = new WeakMap<Runbook, State>();

/**
 * The model of `text`, reusing the parse of `prev` (a model returned by this function or `parseRunbook`
 * for an earlier version of the same document) where the text is unchanged. Equals `parseRunbook(text, path)`.
 */
export function parseRunbookIncremental(prev: Runbook | undefined, text: string, path?: string, stats?: IncrementalStats, opts: { pieceChars?: number } = {}): Runbook {
  return drain(parseSteps(prev, text, path, stats, opts));
}

/** parseRunbookIncremental() in steps: the generator yields after each parse of a piece or region. */
export function* parseSteps(prev: Runbook | undefined, original: string, path?: string, stats?: IncrementalStats, opts: { pieceChars?: number } = {}): Generator<void, Runbook, void> {
  const text = lfForLoneCr(original); // as parseRunbook does
  const st = stats ?? { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  st.parsedChars = 0;
  st.reusedChunks = 0;
  st.full = false;
  let old = prev ? states.get(prev) : undefined;
  let built: { rb: Runbook; state: State } | undefined;
  try {
    // Over a Markdown budget (core/budget.ts): the planned text is parsed in pieces (linear, whatever its
    // size) and the model re-homed on the real text. The state kept is the planned text's, so the next
    // version's plan is parsed from it like any edit (issue 21: every keystroke in a degraded 5 MB document
    // parsed the whole planned text again, ~1.5 s during which the editor's requests on it waited).
    const bodyStart = frontMatterBlock(text)?.end ?? 0;
    const plan = planBody(text, bodyStart);
    // A document that parseRunbook parses without links (see labelFlood: decided on the body it parses) is
    // parsed so in every piece; a change of that decision parses everything again. (It was parsed in one
    // piece: 5,000 step headings with task-list items took ~6 s in one synchronous parse.)
    const o: Opts = { pieceChars: opts.pieceChars ?? PIECE_CHARS, labels: !labelFlood((plan ? plan.text : text).slice(bodyStart)) };
    if (old && old.labels !== o.labels) old = undefined;
    if (plan) {
      yield; // planning scanned the whole text (up to ~0.1 s on 5 MB): a turn before the parse
      const part = yield* update(yield* atOldCut(prev, old, text, plan, st, o), plan.text, path, st, o);
      // The mdast ends where the planned text does, as parseRunbook's does.
      const rb = assemble(text, path, part.state.frontMatter, part.state.bodyStart, part.state.chunks, new LineIndex(text), plan.text.length);
      if (plan.degraded.length) rb.degraded = plan.degraded;
      states.set(rb, part.state);
      st.chunks = part.state.chunks.length;
      return rb;
    }
    built = yield* update(old, text, path, st, o);
  } catch {
    built = undefined;
  }
  if (!built) {
    st.full = true;
    st.parsedChars = text.length;
    st.chunks = 0;
    return parseRunbook(text, path);
  }
  states.set(built.rb, built.state);
  st.chunks = built.state.chunks.length;
  return built.rb;
}

/**
 * The state to parse a planned text from. An edit before the previous version's cut moves the cut (the text
 * before it costs more or less), so the old and new planned texts differ at both the edit and their ends, and
 * parsing one from the other re-parsed everything from the edit on. In two steps instead: first the new text
 * planned up to the old cut (moved by the edit), which differs from the old planned text only at the edit, then
 * the real plan, which differs from that only at its end.
 */
function* atOldCut(prev: Runbook | undefined, old: State | undefined, text: string, plan: BodyPlan, st: IncrementalStats, o: Opts): Generator<void, State | undefined, void> {
  if (!prev || !old || old.text.length >= prev.text.length) return old; // no previous cut
  const oldCut = old.text.length;
  const p = commonPrefix(prev.text, text);
  const s = commonSuffix(prev.text, text, Math.min(prev.text.length, text.length) - p);
  const moved = oldCut + text.length - prev.text.length;
  if (prev.text.length - s > oldCut || moved === plan.text.length || moved > plan.uncut.length) return old; // the edit is not wholly before the old cut, or the cut did not move
  return (yield* update(old, plan.uncut.slice(0, moved), undefined, st, o)).state;
}

/** Keeps the previous model of one document and checks each new version incrementally. */
export class IncrementalChecker {
  private prev: Runbook | undefined;
  readonly stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };

  update(input: CheckInput): CheckResult {
    if (input.runbook) {
      this.prev = undefined;
      return check(input);
    }
    return check({ ...input, runbook: this.model(input.text, input.path) });
  }

  /**
   * The model of `text`: the last one when the text is the same, else parsed from it incrementally and
   * kept for the next call. An editor's cursor requests and the next check share one parse per version.
   */
  model(text: string, path?: string): Runbook {
    return drain(this.modelSteps(text, path));
  }

  /** model() in steps (see parseSteps). */
  *modelSteps(text: string, path?: string): Generator<void, Runbook, void> {
    if (text.length > MAX_FULL_CHECK_BYTES) {
      // Only the secret checks run on such a text (see check): no Markdown parse, nothing to keep.
      this.prev = undefined;
      return parseRunbook(text, path, { skipMarkdown: true });
    }
    if (this.prev && this.prev.text === text && this.prev.path === path) return this.prev;
    const runbook = yield* parseSteps(this.prev, text, path, this.stats);
    this.prev = runbook;
    return runbook;
  }

  reset(): void {
    this.prev = undefined;
  }
}

function* update(old: State | undefined, text: string, path: string | undefined, st: IncrementalStats, o: Opts): Generator<void, { rb: Runbook; state: State }, void> {
  // The common prefix and suffix of the two versions: one comparison each, shared by the chunks and the line index.
  const p = old ? commonPrefix(old.text, text) : 0;
  const s = old ? commonSuffix(old.text, text, Math.min(old.text.length, text.length) - p) : 0;
  const frontMatter = old && reusableFrontMatter(old, text, p) ? old.frontMatter : parseFrontMatter(text);
  const bodyStart = frontMatter ? frontMatter.range.end : 0;
  const reused: Reused = old ? yield* reuse(old, text, bodyStart, p, s, st, o) : { chunks: yield* whole(text, bodyStart, st, o) };
  const chunks = reused.chunks;
  const lines = old ? LineIndex.edited(old.lines, text, p, s) : new LineIndex(text);
  const state = { text, bodyStart, frontMatter, labels: o.labels, chunks, defsKey: reused.defsKey ?? defsKey(chunks), defs: reused.defs ?? uniqueDefs(chunks), lines };
  return { rb: assemble(text, path, frontMatter, bodyStart, chunks, lines), state };
}

/** Texts longer than twice this are first parsed in pieces of at most about this many characters (see whole). */
export const PIECE_CHARS = 64 * 1024;
/**
 * And of at most about this estimated parse cost (budget.ts pieceEnd): ~60 KB of real runbook text, ~30 KB of
 * step headings with list items (~100–150 ms of parse each on a quiet machine), so no piece holds the editor's
 * event loop for long whatever the text is made of.
 */
export const PIECE_UNITS = 150_000;

/**
 * Whether a first parse of `text` from `from` goes in pieces (see whole): longer than two pieces, or costing
 * more than two pieces' worth of the estimate (120 KB of step headings with list items took 1.6 s in one parse).
 */
export function inPieces(text: string, from: number, pieceChars = PIECE_CHARS): boolean {
  return text.length > 2 * pieceChars || pieceEnd(text, from, 2 * PIECE_UNITS) < text.length;
}

/**
 * The first parse. micromark's cost grows faster than the text (with the block containers in one
 * parse: a 1 MB runbook took ~9 s), so a long text is parsed in pieces of about `pieceChars` or PIECE_UNITS of
 * estimated cost, whichever ends first, each
 * cut at a line starting with `#` and kept only when that line comes out as a root heading (the
 * guard reuse uses; otherwise the piece's chunks up to its last real root heading are kept and the
 * next piece starts there, or, with no root heading in it, the piece grows twice as far). Link reference definitions
 * have document-wide meaning: every piece is parsed with the definitions that lines of the whole
 * text look like, and when the definitions the pieces really hold differ, once more with those.
 */
function* whole(text: string, bodyStart: number, st: IncrementalStats, o: Opts): Generator<void, Chunk[], void> {
  st.full = true;
  if (!inPieces(text, bodyStart, o.pieceChars)) return parseRegion(text, bodyStart, bodyStart, text.length, linesBefore(text, bodyStart), st, o, false, []);
  let defs = definitionLines(text);
  for (;;) {
    const chunks = yield* pieces(text, bodyStart, st, o, defs);
    if (defsKey(chunks) === keyOf(defs)) return chunks;
    defs = uniqueDefs(chunks);
  }
}

function* pieces(text: string, bodyStart: number, st: IncrementalStats, o: Opts, defs: Def[]): Generator<void, Chunk[], void> {
  const pieceChars = o.pieceChars;
  const out: Chunk[] = [];
  let from = bodyStart;
  let line = linesBefore(text, bodyStart);
  const take = (chunks: Chunk[], end: number) => {
    out.push(...chunks);
    const last = chunks[chunks.length - 1];
    line = last ? last.line + last.breaks : line;
    from = end;
  };
  while (from < text.length) {
    let to = nextCut(text, from, Math.max(Math.min(from + pieceChars, pieceEnd(text, from, PIECE_UNITS)), bodyStart + 1));
    // The farthest cut tried, and the cuts that did not hold: a cut the parse proved inside a region can still
    // fail as a region's end (a footnote definition added before the region swallows an indented first line),
    // and trying it again after each growth went back and forth between the same two cuts forever.
    let far = to;
    const failed = new Set<number>();
    for (;;) {
      if (to >= text.length) {
        take(parseRegion(text, bodyStart, from, text.length, line, st, o, false, defs), text.length);
        break;
      }
      const miss: Miss = { cut: -1 };
      const parsed = parseRegion(text, bodyStart, from, to, line, st, o, true, defs, miss);
      yield;
      if (parsed) {
        take(parsed, to);
        break;
      }
      // The guessed cut did not hold (a fence or container the guess did not see). Keep what the parse
      // proved (everything before its last root heading) and go on from there; with no root heading,
      // try a cut twice as far: growing by one heading at a time re-parsed the same text again and
      // again (a 1 MB real-text runbook took ~30 s to open).
      if (miss.chunks?.length) {
        take(miss.chunks, miss.cut);
        break;
      }
      failed.add(to);
      to = miss.cut > from && !failed.has(miss.cut) ? miss.cut : nextCut(text, from, far + Math.max(pieceChars, far - from));
      far = Math.max(far, to);
    }
  }
  return out;
}

/** A definition cannot interrupt a paragraph: the line before is blank, a heading or a definition. */
function afterBreak(text: string, lineStart: number): boolean {
  if (lineStart === 0) return true;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = text.slice(prevStart, lineStart - 1).trim();
  return prev === '' || prev.startsWith('#') || DEFINITION_START.test(prev);
}

/** Code fences found line by line (a guess, as in nextCut). */
function fenceRanges(text: string): Cover {
  const ranges: { start: number; end: number }[] = [];
  let open = -1;
  let fence = '';
  for (const m of text.matchAll(/^ {0,3}(`{3,}|~{3,})/gm)) {
    if (open < 0) {
      open = m.index;
      fence = m[1]!;
    } else if (m[1]![0] === fence[0] && m[1]!.length >= fence.length) {
      ranges.push({ start: open, end: m.index + 1 });
      open = -1;
    }
  }
  if (open >= 0) ranges.push({ start: open, end: text.length });
  return new Cover(ranges);
}

/** Lines that look like link reference or footnote definitions (`[x]: …`, `[^x]: …`). */
const DEFINITION_LINE = /^ {0,3}\[(\^?)((?:[^\\[\]\n\r]|\\.){1,999})\]:/gm;

function definitionLines(text: string): Def[] {
  const out: Def[] = [];
  const fences = fenceRanges(text);
  for (const m of text.matchAll(DEFINITION_LINE)) {
    if (fences.has(m.index) || !afterBreak(text, m.index)) continue;
    const label = m[2]!;
    const id = normalizeIdentifier(label).toLowerCase(); // as mdast's `identifier`
    if (!id) continue;
    out.push(def(m[1] ? 'f' : 'd', id, label));
  }
  const seen = new Set<string>();
  return out.filter((d) => !seen.has(d.key) && seen.add(d.key));
}

/**
 * A likely clean cut: the start of the first line at or after `at` that looks like an ATX heading, or a
 * paragraph (a letter) after a blank line, or any line after a fence closed at the first column, outside a code fence, tracking fences from `from` (a clean cut
 * itself); text.length if none. Only a guess that saves parses: the guard in parseRegion decides.
 */
function nextCut(text: string, from: number, at: number): number {
  let fence = '';
  let i = from;
  let blank = false; // the line before i is blank
  let closed = false; // the line before i closed a fence opened at the first column
  while (i < text.length) {
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = text.length;
    const c = text.charCodeAt(i);
    if (closed && i >= at && c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    closed = false;
    if (c === 35 /* # */ || c === 96 /* ` */ || c === 126 /* ~ */ || c === 32) {
      const line = text.slice(i, Math.min(eol, i + 16));
      const f = FENCE_START.exec(line);
      if (f) {
        if (!fence) fence = f[1]!;
        else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) {
          fence = '';
          closed = c !== 32;
        }
      } else if (!fence && i >= at && ATX_START.test(line)) return i;
    } else if (!fence && blank && i >= at && ((c | 32) >= 97 && (c | 32) <= 122)) return i;
    blank = blankLine(text, i, eol);
    i = eol + 1;
  }
  return text.length;
}

/** text[start, end) holds only spaces, tabs and a carriage return. */
function blankLine(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * A cut before a line that is not a heading (issue 21: a text without headings was one piece, so a change in
 * 200 KB of it stalled the server for seconds): the line starts a root block at its first column and follows a
 * blank line. No paragraph is open there (the blank line closed it), and the block starting at the root means
 * the line closed every list, quote and fence before it, so the text from there parses the same on its own.
 */
function afterBlankLine(text: string, at: number): boolean {
  if (at === 0 || text.charCodeAt(at - 1) !== 10) return false;
  const c = text.charCodeAt(at);
  if (c === 32 || c === 9 || c === 10 || c === 13) return false;
  return blankLine(text, text.lastIndexOf('\n', at - 2) + 1, at - 1);
}

/**
 * A cut right after a code fence closed at the root (issue 21: 300 KB of fenced blocks without a blank line
 * between them was one piece, a 0.7 s parse step): `prev` is a fenced code node at the first column that ends on
 * the line before `at`. A root node ends before the end of the parse only when its fence was closed (an open
 * fence runs to the end), and after a closed fence at the root nothing is open, so the text from `at` on parses
 * the same on its own.
 */
function afterClosedFence(src: string, prev: RootContent | undefined, at: number): boolean {
  if (!prev || prev.type !== 'code' || prev.position!.start.column !== 1) return false;
  const c = src.charCodeAt(off(prev, 'start'));
  if (c !== 96 && c !== 126) return false;
  const gap = src.slice(off(prev, 'end'), at);
  return gap === '\n' || gap === '\r\n';
}

/**
 * Chunks are cut after a blank line (afterBlankLine) only once they are this long (4 KB with 64 KB pieces):
 * headings stay the usual cut, and a runbook of real text is not split into thousands of paragraph chunks.
 */
const blankCut = (pieceChars: number) => Math.max(1, pieceChars >> 4);

function defsKey(chunks: readonly Chunk[]): string {
  return keyOf(chunks.flatMap((c) => c.defs));
}

/** The set of definition keys of `defs`, as one comparable string. */
function keyOf(defs: readonly Def[]): string {
  return [...new Set(defs.map((d) => d.key))].sort().join('\n');
}

function uniqueDefs(chunks: readonly Chunk[]): Def[] {
  const seen = new Map<string, Def>();
  for (const c of chunks) for (const d of c.defs) if (!seen.has(d.key)) seen.set(d.key, d);
  return [...seen.values()];
}

/** A closed front matter block that ends before the first change is the same block. */
function reusableFrontMatter(old: State, text: string, p: number): boolean {
  if (old.text === text) return true;
  if (!old.frontMatter) {
    // Not front matter: the first line is not `---`; still so while the first line and its break are unchanged.
    const first = lineEndAt(old.text, 0);
    return first.next > first.contentEnd && p >= first.next;
  }
  // Strictly after the block: a closing line's break could otherwise grow (`\r` + `\n`).
  return old.frontMatter.closed && p > old.frontMatter.range.end;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  // Compare in slices first (native), then narrow down.
  let step = 4096;
  while (step >= 1) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
    step >>= 4;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  let step = 4096;
  while (step >= 1) {
    while (i + step <= max && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
    step >>= 4;
  }
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Chunks of the new text; defsKey and defs when they are known to equal the old ones. */
interface Reused {
  chunks: Chunk[];
  defsKey?: string;
  defs?: Def[];
}

function* reuse(old: State, text: string, bodyStart: number, prefix: number, s: number, st: IncrementalStats, o: Opts): Generator<void, Reused, void> {
  const oc = old.chunks;
  const same = { defsKey: old.defsKey, defs: old.defs };
  if (old.text === text) return { chunks: oc, ...same };
  const oldLen = old.text.length;
  const delta = text.length - oldLen;
  const p = bodyStart === old.bodyStart ? prefix : 0;
  // Prefix: the chunk and the line that proved its end are both unchanged.
  let i = 0;
  while (i < oc.length && oc[i]!.guard !== null && oc[i]!.end + oc[i]!.guard!.length <= p) i++;
  // Suffix: chunks wholly inside the unchanged tail (their guard lies after them, so it is unchanged too).
  let j = i;
  while (j < oc.length && !(oc[j]!.start >= oldLen - s && oc[j]!.start + delta >= bodyStart)) j++;
  const regionStart = i > 0 ? oc[i - 1]!.end : bodyStart;
  const out: Chunk[] = oc.slice(0, i);
  st.reusedChunks = i;
  if (i === oc.length) return { chunks: out, ...same };
  const parsed: Chunk[] = [];
  // Whether chunks i..j-1, replaced by the parse, defined nothing: then the other chunks' definitions
  // are the old ones (the common keystroke; building them from every chunk cost ~2 ms on 1 MB).
  const noneReplaced = () => oc.slice(i, j).every((c) => c.defs.length === 0);
  let from = regionStart;
  let fromLine = i > 0 ? oc[i - 1]!.line + oc[i - 1]!.breaks : linesBefore(text, bodyStart);
  for (let grow = 1; ; grow *= 2) {
    const regionEnd = j < oc.length ? oc[j]!.start + delta : text.length;
    const defs = noneReplaced() ? old.defs : uniqueDefs([...out, ...parsed, ...oc.slice(j)]);
    const miss: Miss = { cut: -1 };
    const got = parseRegion(text, bodyStart, from, regionEnd, fromLine, st, o, j < oc.length, defs, miss);
    yield;
    if (got) {
      parsed.push(...got);
      break;
    }
    if (miss.chunks?.length) {
      // What the parse proved (up to its last root heading) is kept; the rest is parsed again from there.
      parsed.push(...miss.chunks);
      const last = miss.chunks[miss.chunks.length - 1]!;
      from = miss.cut;
      fromLine = last.line + last.breaks;
    }
    // The cut at regionEnd did not hold: take more chunks in, twice as many each time (an opened
    // fence can swallow the rest of the document; one chunk at a time re-parsed it once per chunk).
    j = Math.min(oc.length, j + grow);
  }
  // A changed set of definitions can change every other chunk's links: parse everything again.
  const unchanged = noneReplaced() && parsed.every((c) => c.defs.length === 0);
  if (!unchanged && defsKey([...out, ...oc.slice(j), ...parsed]) !== old.defsKey) return { chunks: yield* whole(text, bodyStart, st, o) };
  out.push(...parsed);
  const lastLine = out.length ? out[out.length - 1]! : undefined;
  let line = lastLine ? lastLine.line + lastLine.breaks : linesBefore(text, bodyStart);
  for (let k = j; k < oc.length; k++) {
    const c = oc[k]!;
    out.push({ ...c, start: c.start + delta, end: c.end + delta, line });
    line += c.breaks;
    st.reusedChunks++;
  }
  return unchanged ? { chunks: out, ...same } : { chunks: out };
}

/**
 * The lines before the body: the chunks start there, so the front matter is never handed to micromark (masked as
 * blank lines it was parsed line by line: 5 MB of front-matter keys took ~3 s and 850 MB).
 */
function linesBefore(text: string, bodyStart: number): number {
  return bodyStart > 0 ? lineCount(text.slice(0, bodyStart)) : 0;
}

function lineCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * Parses text[from, to) (a region that starts at a clean cut) with the definitions of the other chunks,
 * and splits it at root ATX headings. With `guarded`, the line at `to` is parsed too and must come out as
 * a root heading; otherwise returns undefined.
 */
function parseRegion(text: string, bodyStart: number, from: number, to: number, fromLine: number, st: IncrementalStats, o: Opts, guarded: boolean, defs: Def[], miss?: Miss): Chunk[] | undefined;
function parseRegion(text: string, bodyStart: number, from: number, to: number, fromLine: number, st: IncrementalStats, o: Opts, guarded: false, defs: Def[]): Chunk[];
function parseRegion(text: string, bodyStart: number, from: number, to: number, fromLine: number, st: IncrementalStats, o: Opts, guarded: boolean, allDefs: Def[], miss?: Miss): Chunk[] | undefined {
  const minBlankCut = blankCut(o.pieceChars);
  let guard: string | null = null;
  if (guarded) {
    const l = lineEndAt(text, to);
    guard = text.slice(to, l.next);
  }
  let region = text.slice(from, to);
  if (from < bodyStart) region = maskFrontMatter(region, bodyStart - from);
  const defs = definitionsFor(region, allDefs);
  const preamble = defs.map((d) => d.source + '\n\n').join('');
  // Definitions go before the region (it starts at a clean cut, and the blank line after them closes
  // every block), so they parse apart even when the guard does not hold, and the chunks before the
  // region's last root heading can be kept (after the guard, they were swallowed by whatever the guard
  // line left open, and the whole region was parsed again: ~25% of a 1 MB real-text runbook's first
  // parse). Only a leading BOM must stay at the start of the text: there they go after the guard.
  const bom = from === 0 && text.charCodeAt(0) === 0xfeff;
  const before = preamble && !(guarded && bom) ? preamble : '';
  const after = preamble && guarded && bom ? (guard!.endsWith('\n') ? '\n' : guard!.endsWith('\r') ? '\r\n' : '\n\n') + preamble : '';
  const src = before + region + (guard ?? '') + after;
  const base = before.length;
  st.parsedChars += src.length;
  const nodes = parseMarkdown(src, o.labels).children;
  const len = to - from;
  let defsApart = true;
  if (defs.length) {
    const extra = before ? nodes.slice(0, defs.length) : nodes.slice(nodes.length - defs.length);
    const lo = before ? 0 : src.length - after.length;
    const hi = before ? base : src.length;
    defsApart = extra.length === defs.length && !extra.some((n) => (n.type !== 'definition' && n.type !== 'footnoteDefinition') || off(n, 'start') < lo || off(n, 'end') > hi);
    // After the guard line they can only fail to parse apart when that line did not end the region
    // cleanly (it opened or continued a block): the cut does not hold.
    if (!defsApart && !guarded) throw new Error('definitions did not parse apart');
    if (defsApart) nodes.splice(before ? 0 : nodes.length - defs.length, defs.length);
  }
  let held = defsApart;
  if (guarded && held) {
    const last = nodes[nodes.length - 1];
    const prev = nodes[nodes.length - 2];
    const at = last ? off(last, 'start') : -1;
    held = !!last && ((last.type === 'heading' && isAtx(src, last) && at >= base + len && at <= base + len + 3) || (at === base + len && (afterBlankLine(text, to) || afterClosedFence(src, prev, at)))) && !(prev && off(prev, 'end') > base + len);
    if (held) {
      nodes.pop();
      if (len === 0) return [];
    }
  }
  // Cut points (offsets in src): the region's start, and the line starts of root ATX headings after it, and of
  // root blocks after a blank line once the chunk is minBlankCut long.
  const baseLine = before ? lineCount(before) : 0;
  const cuts: { at: number; line: number; index: number }[] = [{ at: base, line: baseLine + 1, index: 0 }];
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k]!;
    const heading = n.type === 'heading' && isAtx(src, n);
    if (!heading && (n.position!.start.column !== 1 || off(n, 'start') - cuts[cuts.length - 1]!.at < minBlankCut)) continue;
    const at = off(n, 'start') - (n.position!.start.column - 1);
    if (at <= base || at >= base + len) continue;
    if (!heading && !afterBlankLine(text, from + at - base) && !afterClosedFence(src, nodes[k - 1], at)) continue;
    cuts.push({ at, line: n.position!.start.line, index: k });
  }
  if (guarded && !held) {
    // The cut at `to` did not hold, but every root heading inside the region is a clean cut (the block
    // parser had nothing open there, whatever follows). Tell the caller the last one, and hand over the
    // chunks before it when the definitions parsed apart (else its references may not have resolved).
    if (miss && cuts.length > 1) {
      miss.cut = from + cuts[cuts.length - 1]!.at - base;
      if (defsApart) miss.chunks = chunksAt(cuts.slice(0, -1), cuts[cuts.length - 1]!);
    }
    return undefined;
  }
  return chunksAt(cuts);

  /** The chunks between consecutive cuts (the last one up to `end`, or to the region's end). */
  function chunksAt(cuts: { at: number; line: number; index: number }[], end?: { at: number; index: number }): Chunk[] {
    const chunks: Chunk[] = [];
    for (let c = 0; c < cuts.length; c++) {
      const cut = cuts[c]!;
      const next = cuts[c + 1] ?? end;
      const endRel = (next ? next.at : base + len) - base;
      const startRel = cut.at - base;
      const own = nodes.slice(cut.index, next ? next.index : nodes.length);
      const found = rebase(own, cut.at, cut.line - 1);
      const chunkText = text.slice(from + startRel, from + endRel);
      const items: Collected = { headings: [], listItems: [], codeBlocks: [], inlineCode: [], links: [], htmlComments: [] };
      collectNodes(items, own, chunkText);
      chunks.push({
        start: from + startRel,
        end: from + endRel,
        line: fromLine + cut.line - 1 - baseLine,
        text: chunkText,
        breaks: lineCount(chunkText),
        guard: next ? text.slice(from + endRel, lineEndAt(text, from + endRel).next) : guard,
        nodes: own,
        items,
        defs: found,
      });
    }
    return chunks;
  }
}

/**
 * The definitions a region's references can name: those whose label's first word occurs in the region,
 * both case-folded as micromark folds labels (lower, then upper case). The rest cannot change how the
 * region parses, and each one cost the parse of a keystroke's region a definition (the 1 MB bench
 * runbook has ~100 of them: ~5 ms per keystroke).
 */
function definitionsFor(region: string, defs: Def[]): Def[] {
  if (defs.length === 0) return defs;
  const folded = region.toLowerCase().toUpperCase();
  return defs.filter((d) => folded.includes(d.probe));
}

function off(n: RootContent, which: 'start' | 'end'): number {
  return n.position?.[which].offset ?? 0;
}

function isAtx(src: string, n: RootContent): boolean {
  const o = off(n, 'start');
  return src.charCodeAt(o) === 35 /* # */;
}

/** Moves positions of freshly parsed nodes by -offset / -lines (in place); returns the definitions among them. */
function rebase(nodes: RootContent[], offset: number, lines: number): Def[] {
  const defs: Def[] = [];
  const stack: RootContent[] = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'definition') defs.push(def('d', n.identifier, n.label ?? n.identifier));
    else if (n.type === 'footnoteDefinition') defs.push(def('f', n.identifier, n.label ?? n.identifier));
    const p = n.position;
    if (p && (offset || lines)) {
      n.position = {
        start: { line: p.start.line - lines, column: p.start.column, offset: (p.start.offset ?? 0) - offset },
        end: { line: p.end.line - lines, column: p.end.column, offset: (p.end.offset ?? 0) - offset },
      };
    }
    if ('children' in n) for (const c of n.children) stack.push(c as RootContent);
  }
  return defs;
}

/** A deep copy of nodes with positions moved by +offset / +lines (the chunk's place in the document). */
function placed(nodes: readonly RootContent[], offset: number, lines: number): RootContent[] {
  const copy = (n: RootContent): RootContent => {
    const out = { ...n } as RootContent;
    const p = n.position;
    if (p) {
      out.position = {
        start: { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset },
        end: { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset },
      };
    }
    return out;
  };
  // Iterative copy: nesting can be 10,000 levels deep.
  const roots = nodes.map(copy);
  const stack: RootContent[] = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if ('children' in n) {
      const kids = (n.children as RootContent[]).map(copy);
      (n as { children: RootContent[] }).children = kids;
      for (const k of kids) stack.push(k);
    }
  }
  return roots;
}

function assemble(text: string, path: string | undefined, frontMatter: FrontMatter | undefined, bodyStart: number, chunks: Chunk[], lines: LineIndex, end = text.length): Runbook {
  const rb = emptyRunbook(text, path, frontMatter, bodyStart, { type: 'root', children: [] }, lines);
  for (const c of chunks) {
    if (c.placed?.at !== c.start) c.placed = { at: c.start, items: shifted(c.items, c.start) };
    const it = c.placed.items;
    for (const k of ITEM_KINDS) for (const x of it[k]) (rb[k] as unknown[]).push(x);
  }
  finishRunbook(rb);
  // The mdast is built only when a reader asks for it: most checks read the collected model.
  let mdast: Root | undefined;
  Object.defineProperty(rb, 'mdast', {
    enumerable: true,
    configurable: true,
    get(): Root {
      if (!mdast) {
        const children: RootContent[] = [];
        for (const c of chunks) children.push(...placed(c.nodes, c.start, c.line));
        mdast = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(rb, end) } };
      }
      return mdast;
    },
    set(v: Root) {
      mdast = v;
    },
  });
  return rb;
}

function endPoint(rb: Runbook, end: number): { line: number; column: number; offset: number } {
  const p = rb.lines.positionAt(end);
  return { line: p.line + 1, column: p.character + 1, offset: end };
}

const ITEM_KINDS = ['headings', 'listItems', 'codeBlocks', 'inlineCode', 'links', 'htmlComments'] as const;

function shifted(it: Collected, d: number): Collected {
  const r = (x: { start: number; end: number }) => ({ start: x.start + d, end: x.end + d });
  return {
    headings: it.headings.map((h) => ({
      ...h,
      range: r(h.range),
      textRange: r(h.textRange),
      ...(h.step ? { step: { ...h.step, labelRange: r(h.step.labelRange) } } : {}),
    })),
    listItems: it.listItems.map((x) => ({ ...x, range: r(x.range) })),
    codeBlocks: it.codeBlocks.map((x) => ({ ...x, range: r(x.range), valueStart: x.valueStart + d })),
    inlineCode: it.inlineCode.map((x) => ({ ...x, range: r(x.range) })),
    links: it.links.map((x) => ({ ...x, range: r(x.range) })),
    htmlComments: it.htmlComments.map((x) => ({ ...x, range: r(x.range) })),
  };
}
