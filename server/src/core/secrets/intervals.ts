// A set of disjoint half-open ranges with O(log n) overlap queries, so that resolving many
// candidate findings stays near-linear even on adversarial input.
export class DisjointRanges {
  private starts: number[] = [];
  private ends: number[] = [];

  /** Index of the first range whose start is >= `start`. */
  private lowerBound(start: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(start: number, end: number): boolean {
    const i = this.lowerBound(start);
    if (i > 0 && this.ends[i - 1]! > start) return true;
    if (i < this.starts.length && this.starts[i]! < end) return true;
    // Empty ranges: treat a zero-length range as touching the range that contains it.
    return false;
  }

  /** Adds the range when it overlaps none; returns whether it was added. */
  add(start: number, end: number): boolean {
    if (this.overlaps(start, end)) return false;
    const i = this.lowerBound(start);
    if (i === this.starts.length) {
      this.starts.push(start);
      this.ends.push(end);
    } else {
      this.starts.splice(i, 0, start);
      this.ends.splice(i, 0, end);
    }
    return true;
  }
}
