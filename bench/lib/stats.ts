// Timing helpers: warm-up, then N measured iterations; cases compared side by side run interleaved
// (A B C, B C A, …) so background load hits every side alike.

export interface Stat {
  median_ms: number;
  p95_ms: number;
  samples: number;
}

export function summarize(ms: number[]): Stat {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { median_ms: round(median(s)), p95_ms: round(at(0.95)), samples: s.length };
}

function median(sorted: number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Runs every function once per iteration in rotating order; returns the samples per name. */
export function interleaved(fns: Record<string, () => void>, iterations: number, warmup = 1): Record<string, number[]> {
  const names = Object.keys(fns);
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < warmup; i++) for (const n of names) fns[n]!();
  for (let i = 0; i < iterations; i++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length]!;
      const t = performance.now();
      fns[n]!();
      out[n]!.push(performance.now() - t);
    }
  }
  return out;
}

export async function timedAsync(fn: () => Promise<void>, iterations: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
