// Adaptive per-document debounce: no delay while checks keep up with the edits, coalescing when edits
// outpace them. Only the latest version is ever checked (the server drops stale results): while a check
// runs, further edits only mark the document pending, and one check of the newest text follows.
export class Scheduler {
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private durations = new Map<string, number>();
  private lastEdit = new Map<string, number>();
  private running = new Set<string>();
  private pending = new Set<string>();

  constructor(
    private readonly run: (uri: string) => Promise<void>,
    private readonly maxDelayMs = 300,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Delay for the next check of `uri`: 0 while the pause since the previous edit is longer than a check
   * takes (the user waits for nothing); otherwise about one check's time, so a burst of typing is
   * checked once at its end instead of once per key.
   */
  delayFor(uri: string, gapMs = Infinity): number {
    const d = this.durations.get(uri) ?? 0;
    if (d < 15 || gapMs > d) return 0;
    return Math.min(this.maxDelayMs, Math.round(d));
  }

  schedule(uri: string, delay?: number): void {
    const t0 = this.now();
    const prev = this.lastEdit.get(uri);
    this.lastEdit.set(uri, t0);
    if (this.running.has(uri)) {
      this.pending.add(uri);
      return;
    }
    const wait = delay ?? this.delayFor(uri, prev === undefined ? Infinity : t0 - prev);
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    const fire = () => {
      this.timers.delete(uri);
      this.running.add(uri);
      void this.run(uri).finally(() => {
        this.running.delete(uri);
        if (this.pending.delete(uri)) this.schedule(uri, 0);
      });
    };
    this.timers.set(uri, setTimeout(fire, wait));
  }

  /** Whether a check of `uri` is waiting, running, or due after the running one. */
  has(uri: string): boolean {
    return this.timers.has(uri) || this.running.has(uri) || this.pending.has(uri);
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
    this.lastEdit.delete(uri);
  }
}
