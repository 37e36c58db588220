// A set of offset ranges asked "is this offset inside one of them?" in O(log n): the ranges are
// merged once into sorted disjoint intervals. Rules ask it for every match of a pattern, so a
// linear scan per question would make large documents quadratic.
import type { OffsetRange } from './text.js';

export class Cover {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(ranges: Iterable<OffsetRange>) {
    const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
    for (const r of sorted) {
      const last = this.ends.length - 1;
      if (last >= 0 && r.start <= this.ends[last]!) this.ends[last] = Math.max(this.ends[last]!, r.end);
      else {
        this.starts.push(r.start);
        this.ends.push(r.end);
      }
    }
  }

  /** True when `start <= o < end` for some range. */
  has(o: number): boolean {
    // The last interval starting at or before o.
    const i = firstIndex(this.starts.length, (k) => this.starts[k]! > o) - 1;
    return i >= 0 && o < this.ends[i]!;
  }
}

/** The first index in [0, n) where `atOrAfter` holds (n when none), for a predicate that is false
 *  then true along the index: the binary search the sorted-offset lookups share. */
export function firstIndex(n: number, atOrAfter: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atOrAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A value computed once per model (models are immutable once built). */
export function perModel<K extends object, V>(compute: (k: K) => V): (k: K) => V {
  const cache = new WeakMap<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = compute(k);
      cache.set(k, v);
    }
    return v;
  };
}

/**
 * Values remembered by text (a heading's slug, its section kind): a keystroke in a long runbook asks
 * again for thousands of unchanged headings. Starts over once it holds `kept` texts.
 */
export class TextCache<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly kept = 50_000) {}

  get(text: string): V | undefined {
    return this.values.get(text);
  }

  /** Remembers `v` for `text`; returns `v`. */
  put(text: string, v: V): V {
    if (this.values.size >= this.kept) this.values.clear();
    this.values.set(text, v);
    return v;
  }
}

/** The elements of `sorted` (ordered by start) that start inside `r`, found by binary search. */
export function startingIn<T extends { range: OffsetRange }>(sorted: readonly T[], r: OffsetRange): T[] {
  const out: T[] = [];
  for (let i = firstIndex(sorted.length, (k) => sorted[k]!.range.start >= r.start); i < sorted.length && sorted[i]!.range.start < r.end; i++) out.push(sorted[i]!);
  return out;
}
