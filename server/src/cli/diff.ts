// A small unified diff (Myers, line-based) for `--fix --dry-run`; no dependency. What it shows is masked:
// lines the caller names (detected secrets) are replaced whole, and random-looking tokens in every other
// line shown (see maskRandomTokens).
import { entropy } from '../core/secrets/index.js';
import { myers, splitLines, type Op } from '../core/line-diff.js';

export interface DiffOptions {
  context?: number;
  /** Replaces the shown text of a line (0-based index in the old or new text) when it returns a string. */
  maskOld?: (line: number) => string | undefined;
  maskNew?: (line: number) => string | undefined;
  /** Applied to every line shown (context and changed) that no mask replaced: default maskRandomTokens. */
  scrub?: (line: string) => string;
}

/** Runs of token characters long enough to be a credential. */
const TOKEN = /[A-Za-z0-9+/=_.~-]{16,}/g;
const TOKEN_EDGE = /^[-_=/+.~]+|[-_=/+.~]+$/g;
const WORDISH = /[A-Z]?[a-z]{3,}/g;

/**
 * Replaces every token that looks machine-generated with `<masked>`: the safety net under the secret
 * detector for what it misses (a 40-character key in a table cell). A token of 16+ characters with two of
 * lower case, upper case and digits is masked unless it reads as words (CamelCase identifiers, paths, host
 * names: at least half of it in runs of 3+ letters) or repeats its characters (entropy under 70% of the
 * most its alphabet allows). UUIDs, hashes and opaque ids are masked too: they cost the diff nothing.
 */
export function maskRandomTokens(line: string): string {
  return line.replace(TOKEN, (tok) => {
    const core = tok.replace(TOKEN_EDGE, '');
    return looksRandom(core) ? tok.replace(core, '<masked>') : tok;
  });
}

function looksRandom(t: string): boolean {
  if (t.length < 16) return false;
  const classes = (/[a-z]/.test(t) ? 1 : 0) + (/[A-Z]/.test(t) ? 1 : 0) + (/\d/.test(t) ? 1 : 0);
  if (classes < 2) return false;
  let words = 0;
  for (const m of t.matchAll(WORDISH)) words += m[0].length;
  if (words * 2 > t.length) return false;
  const alphabet = /^[0-9a-f]+$/i.test(t) ? 16 : 64;
  return entropy(t) >= 0.7 * Math.log2(Math.min(t.length, alphabet));
}

/** A unified diff of two texts, or '' when equal. */
export function unifiedDiff(oldName: string, newName: string, oldText: string, newText: string, opts: DiffOptions = {}): string {
  if (oldText === newText) return '';
  const ctx = opts.context ?? 3;
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = myers(a, b);
  const scrub = opts.scrub ?? maskRandomTokens;
  const show = (o: Op): string => {
    const masked = o.kind === '+' ? opts.maskNew?.(o.b) : opts.maskOld?.(o.a);
    const raw = masked ?? (o.kind === '+' ? b[o.b]! : a[o.a]!);
    const line = masked ?? scrub(raw.replace(/(?:\r\n|\r|\n)$/, ''));
    const eol = /[\r\n]$/.test(raw) || masked !== undefined ? '' : '\n\\ No newline at end of file';
    return `${o.kind}${line}${eol}\n`;
  };
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i]! - ctx);
    let end = Math.min(ops.length, changed[i]! + ctx + 1);
    let j = i + 1;
    while (j < changed.length && changed[j]! - ctx <= end) {
      end = Math.min(ops.length, changed[j]! + ctx + 1);
      j++;
    }
    start = Math.max(0, start);
    const hunk = ops.slice(start, end);
    const aStart = hunk.find((o) => o.kind !== '+')?.a ?? hunk[0]!.a;
    const bStart = hunk.find((o) => o.kind !== '-')?.b ?? hunk[0]!.b;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    const range = (start: number, len: number) => `${len ? start + 1 : start}${len === 1 ? '' : `,${len}`}`; // GNU form
    out += `@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@\n`;
    for (const o of hunk) out += show(o);
    i = j;
  }
  return out;
}
