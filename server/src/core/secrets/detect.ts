// The secret detector: one synchronous pass over the whole text.
//   1. Prefilter: two combined scans (token prefixes exactly, keywords ignoring case) find
//      every anchor occurrence. Their cost depends on the text, not on the number of kinds.
//   2. Only the kinds owning an anchor that occurred are tried, sticky, at that spot.
//   3. Values go through each kind's check (entropy gate, look-alike/placeholder filter).
//   4. Overlaps resolve to the most specific kind; allow-listed fingerprints are dropped.
// Findings carry the value's exact range and fingerprint, never the value itself.
import { KINDS, type SecretKind, type Candidate } from './kinds.js';
import { fingerprint } from './hash.js';
import { KNOWN_PUBLIC_FINGERPRINTS } from './lookalike.js';
import { DisjointRanges } from './intervals.js';

export interface SecretFinding {
  /** Kind id from the table (`github-token`). */
  kind: string;
  /** Human title of the kind (`GitHub token`). */
  title: string;
  /** Range of the VALUE (for a private key block: its body). */
  start: number;
  end: number;
  /** First 12 hex digits of SHA-256 of the value (what `allow.secrets` lists). */
  fingerprint: string;
}

/**
 * The anchors of every kind in two tries over ASCII (exact token prefixes; keywords folded to
 * lower case). One walk from each text position reports every anchor that starts there, so
 * the prefilter costs the same whatever the number of kinds and anchors.
 */
class AnchorTrie {
  /** next[node * 128 + charCode] = child node (0: none; node 0 is the root). */
  private next = new Int32Array(128 * 64);
  private size = 1;
  private terminalSparse = new Map<number, number[]>();
  /** Kind indexes ending at each node (dense, null where none). */
  private terminal: (number[] | null)[] = [];
  /** Nodes whose kinds all need a non-alphanumeric character right before the anchor. */
  private boundarySparse = new Map<number, boolean>();
  private boundaryOnly: boolean[] = [];

  /** pairs[c0 * 128 + c1] = 1 when some anchor starts with these two characters (as written for
   *  exact anchors, in lower case for keywords; any c1 for one-character anchors): checked before
   *  a walk, since a prefilter hit may belong to the other trie. */
  readonly pairs = new Uint8Array(128 * 128);

  constructor(private readonly fold: boolean) {}

  add(anchor: string, kindIndex: number, needsBoundary: boolean): void {
    const a = this.fold ? anchor.toLowerCase() : anchor;
    const c0 = a.charCodeAt(0);
    if (a.length === 1) for (let c1 = 0; c1 < 128; c1++) this.pairs[c0 * 128 + c1] = 1;
    else this.pairs[c0 * 128 + a.charCodeAt(1)] = 1;
    let n = 0;
    for (const ch of a) {
      const c = ch.charCodeAt(0);
      if (c >= 128) throw new Error(`non-ASCII anchor ${anchor}`);
      let k = this.next[n * 128 + c]!;
      if (!k) {
        if ((this.size + 1) * 128 > this.next.length) {
          const grown = new Int32Array(this.next.length * 2);
          grown.set(this.next);
          this.next = grown;
        }
        k = this.size++;
        this.next[n * 128 + c] = k;
      }
      n = k;
    }
    const t = this.terminalSparse.get(n) ?? [];
    if (!t.includes(kindIndex)) t.push(kindIndex);
    this.terminalSparse.set(n, t);
    this.boundarySparse.set(n, (this.boundarySparse.get(n) ?? true) && needsBoundary);
  }

  /** Makes the dense per-node tables once, after the last add (rebuilding them on every add was
   *  quadratic: ~15 ms of the first scan, which every CLI run pays for its first path name). */
  seal(): void {
    this.terminal = Array.from({ length: this.size }, (_, i) => this.terminalSparse.get(i) ?? null);
    this.boundaryOnly = Array.from({ length: this.size }, (_, i) => this.boundarySparse.get(i) ?? false);
  }

  /** Walks the trie from `i`, reporting every anchor that starts there. */
  walk(text: string, i: number, hit: (kindIndex: number, at: number) => void): void {
    const next = this.next;
    const term = this.terminal;
    const len = text.length;
    let c = text.charCodeAt(i);
    if (this.fold && c >= 65 && c <= 90) c |= 0x20;
    let n = next[c]!;
    let j = i + 1;
    // Token prefixes glued to a word (`pods.`, `BACKUP`) cannot start a token.
    const glued = i > 0 && isWordChar(text.charCodeAt(i - 1));
    while (n) {
      const t = term[n];
      if (t && !(glued && this.boundaryOnly[n])) for (const k of t) hit(k, i);
      if (j >= len) break;
      c = text.charCodeAt(j++);
      if (c >= 128) break;
      if (this.fold && c >= 65 && c <= 90) c |= 0x20;
      n = next[n * 128 + c]!;
    }
  }

}

/**
 * The prefilter: one bit per 3-character prefix, where each character is first reduced to a
 * 6-bit class: one class per (case-folded) character that occurs in the first three characters
 * of some anchor or in a `next` set, class 0 for everything else. 2^18 bits (32 KiB, exact, no
 * hashing) stay in the L1 cache; a rolling index over the text costs one table read per
 * position, and only where the bit is set are the tries walked. Shorter anchors are expanded:
 * two characters with every class as third, one character with the two next characters its
 * kind allows (`next`).
 */
class Prefilter {
  readonly bits = new Int32Array(1 << 13);
  /** Class of every UTF-16 code unit (0: no anchor starts with it). */
  readonly cls = new Uint8Array(65536);
  private classes = 1;

  /** Gives a class to every character an anchor or `next` set uses (call before `add`). */
  classify(chars: string): void {
    for (const ch of chars.toLowerCase()) {
      const c = ch.charCodeAt(0);
      if (this.cls[c]) continue;
      if (this.classes === 64) throw new Error('more than 63 anchor characters: widen the prefilter classes');
      const k = this.classes++;
      this.cls[c] = k;
      if (c >= 97 && c <= 122) this.cls[c - 32] = k;
    }
  }

  add(anchor: string, next: string | undefined): void {
    const cls = this.cls;
    const [c0, c1, c2] = [...anchor.slice(0, 3)].map((ch) => cls[ch.charCodeAt(0)]!);
    if (anchor.length === 1) {
      if (!next) throw new Error(`one-character anchor ${JSON.stringify(anchor)} needs \`next\``);
      for (const a of next) for (const b of next) this.set(c0!, cls[a.charCodeAt(0)]!, cls[b.charCodeAt(0)]!);
    } else if (anchor.length === 2) {
      for (let k = 0; k < 64; k++) this.set(c0!, c1!, k);
    } else this.set(c0!, c1!, c2!);
  }

  private set(a: number, b: number, c: number): void {
    const h = (a << 12) | (b << 6) | c;
    this.bits[h >>> 5]! |= 1 << (h & 31);
  }
}

/** ASCII lower case of a 7-bit code. */
const LOWER = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c | 32 : c));

function scanAnchors(text: string, pre: Prefilter, exact: AnchorTrie, folded: AnchorTrie, hit: (kindIndex: number, at: number) => void): void {
  const bits = pre.bits;
  const cls = pre.cls;
  const len = text.length;
  if (len === 0) return;
  // h holds the classes of the characters at i, i+1, i+2 (0 past the end), 6 bits each.
  let h = (cls[text.charCodeAt(0)]! << 6) | (len > 1 ? cls[text.charCodeAt(1)]! : 0);
  const last = len - 2;
  for (let i = 0; i < len; i++) {
    h = ((h << 6) | (i < last ? cls[text.charCodeAt(i + 2)]! : 0)) & 0x3ffff;
    if (((bits[h >>> 5]! >>> (h & 31)) & 1) === 0) continue;
    const a = text.charCodeAt(i) & 127;
    const b = i + 1 < len ? text.charCodeAt(i + 1) & 127 : 0;
    if (exact.pairs[(a << 7) | b] !== 0) exact.walk(text, i, hit);
    if (folded.pairs[(LOWER[a]! << 7) | LOWER[b]!] !== 0) folded.walk(text, i, hit);
  }
}

interface Compiled {
  pre: Prefilter;
  exact: AnchorTrie;
  folded: AnchorTrie;
  sticky: (RegExp | undefined)[];
}

let compiled: Compiled | undefined;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function compile(): Compiled {
  const pre = new Prefilter();
  const exact = new AnchorTrie(false);
  const folded = new AnchorTrie(true);
  const sticky: (RegExp | undefined)[] = [];
  for (const k of KINDS) {
    for (const a of k.anchors) pre.classify(a.slice(0, 3));
    pre.classify(k.next ?? '');
  }
  KINDS.forEach((k, i) => {
    for (const a of k.anchors) {
      (k.ignoreCase ? folded : exact).add(a, i, k.boundary !== false && !k.back && !k.scan);
      pre.add(a, k.next);
    }
    if (k.pattern) {
      const flags = new Set(k.pattern.flags.split(''));
      flags.add('y');
      flags.delete('g');
      sticky[i] = new RegExp(k.pattern.source, [...flags].join(''));
    }
  });
  exact.seal();
  folded.seal();
  return { pre, exact, folded, sticky };
}

/** Every kind of the table (id, title, category) — for docs and tests. */
export function secretKinds(): readonly SecretKind[] {
  return KINDS;
}

/** Every anchor as a regex alternation (for tests that cross-check the trie scan). */
export function anchorPattern(fold: boolean): RegExp {
  const words = [...new Set(KINDS.filter((k) => !!k.ignoreCase === fold).flatMap((k) => k.anchors))];
  return new RegExp(words.sort((a, b) => b.length - a.length).map(escape).join('|'), fold ? 'gi' : 'g');
}

/** The compiled sticky pattern of every kind (exposed for the ReDoS test). */
export function kindPatterns(): { kind: string; re: RegExp }[] {
  compiled ??= compile();
  const c = compiled;
  return KINDS.flatMap((k, i) => (c.sticky[i] ? [{ kind: k.id, re: c.sticky[i]! }] : []));
}

/** Every (kind id, offset) anchor occurrence the prefilter and tries report; with `everywhere`
 *  the tries are walked at every position instead (the reference the tests compare with). */
export function anchorHits(text: string, everywhere = false): [string, number][] {
  const c = (compiled ??= compile());
  const out: [string, number][] = [];
  const hit = (ki: number, at: number) => out.push([KINDS[ki]!.id, at]);
  if (!everywhere) scanAnchors(text, c.pre, c.exact, c.folded, hit);
  else
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) >= 128) continue;
      c.exact.walk(text, i, hit);
      c.folded.walk(text, i, hit);
    }
  return out;
}

interface Hit extends Candidate {
  kind: SecretKind;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Per-scan state: how far each kind has already judged a value. */
interface ScanState {
  /** A kind is not retried inside a value it already matched (pass or fail): keeps runs of
   *  repeated anchors linear instead of re-reading the same long value at every anchor. */
  judgedUntil: Int32Array;
}

function tryKind(text: string, k: SecretKind, ki: number, at: number, re: RegExp | undefined, out: Hit[], st: ScanState): void {
  if (k.scan) {
    for (const c of k.scan(text, at)) out.push({ ...c, kind: k });
    return;
  }
  if (!re) return;
  for (const back of k.back ?? [0]) {
    const start = at - back;
    if (start < 0) continue;
    if (k.boundary !== false && start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
    if (start < st.judgedUntil[ki]!) return;
    if (k.quick && !k.quick(text, start)) continue;
    re.lastIndex = start;
    const m = re.exec(text);
    if (!m) continue;
    st.judgedUntil[ki] = start + m[0].length;
    const g = m.groups ?? {};
    let value: string | undefined;
    let vStart = start;
    for (const name of ['v', 'v2', 'v3', 'w', 'x', 'u']) {
      const gv = g[name];
      if (gv !== undefined) {
        value = gv;
        vStart = valueOffset(m, name, start, gv);
        break;
      }
    }
    if (value === undefined) {
      value = m[0];
      vStart = start;
    }
    // Trailing sentence punctuation is not part of an unquoted value.
    if (g['u'] !== undefined) value = trimUnquoted(value);
    if (!value) continue;
    if (k.validate && !k.validate(value, { text, start, match: m })) continue;
    // A block's body: report it without the line breaks (or JSON `\n` escapes) around it.
    const lead = /^(?:\s|\\[nr])*/.exec(value)![0].length;
    const body = value.slice(lead);
    const trail = /(?:\s|\\[nr])*$/.exec(body)![0].length;
    out.push({ start: vStart + lead, end: vStart + lead + body.length - trail, kind: k });
    return;
  }
}

/** Drops sentence punctuation and unbalanced closing brackets from the end of an unquoted value. */
function trimUnquoted(v: string): string {
  let s = v.replace(/[.,!?:]+$/, '');
  for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
    while (s.endsWith(close) && s.split(open).length < s.split(close).length) s = s.slice(0, -1);
  }
  return s || v;
}

/** Offset of a named group's text: with the `d` flag unavailable everywhere, search it. */
function valueOffset(m: RegExpExecArray, _name: string, start: number, value: string): number {
  // The value is the last occurrence of its text in the match when the group is at the end,
  // which holds for every pattern of the table (the value comes last, after the key/prefix).
  const rel = m[0].lastIndexOf(value);
  return start + (rel < 0 ? 0 : rel);
}

/** Finds credential material anywhere in `text`. Synchronous, one pass, linear in practice. */
/** Every secret in `text`, before any allow-list (RB401 applies `allow.secrets` to the fingerprints). */
export function detectSecrets(text: string): SecretFinding[] {
  compiled ??= compile();
  const c = compiled;
  const hits: Hit[] = [];
  const st: ScanState = { judgedUntil: new Int32Array(KINDS.length) };
  const hit = (ki: number, at: number) => tryKind(text, KINDS[ki]!, ki, at, c.sticky[ki], hits, st);
  scanAnchors(text, c.pre, c.exact, c.folded, hit);
  return resolve(text, hits);
}

/** Vendor token formats first, then context kinds (URL userinfo, headers), then generic ones. */
function rank(k: SecretKind): number {
  return k.generic ? 2 : k.contextual ? 1 : 0;
}

function resolve(text: string, hits: Hit[]): SecretFinding[] {
  // Sweep clusters of overlapping candidates (O(n log n)); inside a cluster specific kinds beat
  // generic ones, then longer values, then earlier ones.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  let i = 0;
  while (i < hits.length) {
    let j = i + 1;
    let end = hits[i]!.end;
    while (j < hits.length && hits[j]!.start < end) end = Math.max(end, hits[j++]!.end);
    const cluster = hits.slice(i, j).filter((h) => h.end > h.start);
    cluster.sort((a, b) => rank(a.kind) - rank(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const taken = new DisjointRanges();
    const chosen = cluster.filter((h) => taken.add(h.start, h.end));
    kept.push(...chosen.sort((a, b) => a.start - b.start));
    i = j;
  }
  const out: SecretFinding[] = [];
  for (const h of kept) {
    const fp = fingerprint(text.slice(h.start, h.end));
    if (KNOWN_PUBLIC_FINGERPRINTS.has(fp)) continue;
    out.push({ kind: h.kind.id, title: h.kind.title, start: h.start, end: h.end, fingerprint: fp });
  }
  return out;
}
