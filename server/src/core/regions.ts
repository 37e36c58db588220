// Text scans judged section by section: the front matter, and the body cut at the line of each
// heading that has only spaces before it on its line (root headings, and headings indented inside a
// list item; not those in a quote). A heading line is never inside a fence and starts with `#` (or
// is a setext heading's text), so no token, address or reference runs across a cut, and a
// manifest's `kind: Secret` in one section says nothing about values in another.
//
// Each region's results depend only on its text, so they are kept per document (core/memo.ts):
// a keystroke in a 1 MB runbook rescans one section instead of the whole text, and an incremental
// check gives exactly what a full check of the same text gives.
import type { Runbook } from './model/runbook.js';
import type { OffsetRange } from './model/text.js';
import type { ReportInput } from './types.js';
import { perModel } from './model/cover.js';
import { textMemo } from './memo.js';

export interface Region {
  at: number;
  text: string;
  /** Scan results by namespace. The same object for the same text in the document's next check. */
  results: Map<string, readonly unknown[]>;
}

/** Only spaces (the text before a heading on its line, for a cut). */
const SPACES = /^ *$/;

/** Result sets one region keeps (namespaces × settings seen); beyond this it starts over. */
const RESULTS_KEPT = 32;
/** Texts longer than this are not remembered: a 50 MB file closed in the editor must not stay in memory. */
const MEMO_MAX_CHARS = 8 * 1024 * 1024;

/**
 * The regions of a model in order. Each region's text is looked up once per check in the document's
 * memo (core/memo.ts), which hands back the results object of the previous check when the text is
 * unchanged, so every scan after that finds its answer without comparing text again.
 */
export const regions: (rb: Runbook) => readonly Region[] = perModel((rb: Runbook) => {
  const { text } = rb;
  const starts = [0];
  if (rb.bodyStart > 0 && rb.bodyStart < text.length) starts.push(rb.bodyStart);
  for (const h of rb.headings) {
    const lineStart = text.lastIndexOf('\n', h.range.start - 1) + 1;
    if (lineStart <= starts[starts.length - 1]!) continue;
    // Only spaces before the heading on its line (a `>` or list marker on the line means a container).
    if (!SPACES.test(text.slice(lineStart, h.range.start))) continue;
    starts.push(lineStart);
  }
  const memo = textMemo<Map<string, readonly unknown[]>>('regions', rb.path);
  const remember = text.length <= MEMO_MAX_CHARS;
  const out = starts.map((at, i) => {
    const t = text.slice(at, starts[i + 1] ?? text.length);
    return { at, text: t, results: remember ? memo.get(t, () => new Map()) : new Map<string, readonly unknown[]>() };
  });
  memo.done(); // too long to remember: this leaves the document's memo empty, so earlier versions go too
  return out;
});

/**
 * `scan` run on each region of the model's text (results kept per region under `namespace`; put
 * everything else the scan depends on, e.g. options, into the namespace), with offsets moved to the
 * document by `shift`.
 */
export function scanRegions<T>(rb: Runbook, namespace: string, scan: (text: string) => readonly T[], shift: (item: T, by: number) => T): T[] {
  const out: T[] = [];
  for (const r of regions(rb)) {
    let found = r.results.get(namespace) as readonly T[] | undefined;
    if (!found) {
      found = scan(r.text);
      if (r.results.size >= RESULTS_KEPT) r.results.clear();
      r.results.set(namespace, found);
    }
    for (const f of found) out.push(r.at ? shift(f, r.at) : f);
  }
  return out;
}

/** An item with `start`/`end` offsets moved by `by` characters (the usual `shift` of scanRegions). */
export function shiftSpan<T extends { start: number; end: number }>(x: T, by: number): T {
  return { ...x, start: x.start + by, end: x.end + by };
}

/** A rule's report moved by `by` characters (its range, its fix's edits and related ranges). */
export function shiftReport(r: ReportInput, by: number): ReportInput {
  const move = (x: OffsetRange): OffsetRange => shiftSpan(x, by);
  return {
    ...r,
    range: move(r.range),
    ...(r.fix ? { fix: { ...r.fix, edits: r.fix.edits.map((e) => ({ ...e, range: move(e.range) })) } } : {}),
    ...(r.related ? { related: r.related.map((x) => (x.range && !x.path ? { ...x, range: move(x.range) } : x)) } : {}),
  };
}
