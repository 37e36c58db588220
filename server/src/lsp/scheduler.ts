// Adaptive per-document debounce: no delay while checks are fast, coalescing when edits
// outpace them. Only the latest version is ever checked (the server drops stale results).
export class Scheduler {
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private durations = new Map<string, number>();
  private running = new Set<string>();
  private pending = new Set<string>();

  constructor(private readonly run: (uri: string) => Promise<void>, private readonly maxDelayMs = 300) {}

  /** Delay for the next check of `uri`: 0 when the last check took under 15 ms. */
  delayFor(uri: string): number {
    const d = this.durations.get(uri) ?? 0;
    return d < 15 ? 0 : Math.min(this.maxDelayMs, Math.round(d * 1.5));
  }

  schedule(uri: string, delay = this.delayFor(uri)): void {
    if (this.running.has(uri)) {
      this.pending.add(uri);
      return;
    }
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.running.add(uri);
        void this.run(uri).finally(() => {
          this.running.delete(uri);
          if (this.pending.delete(uri)) this.schedule(uri);
        });
      }, delay),
    );
  }

  record(uri: string, ms: number): void {
    this.durations.set(uri, ms);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.pending.delete(uri);
    this.durations.delete(uri);
  }
}
