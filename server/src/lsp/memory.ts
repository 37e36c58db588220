// How much young-generation memory the server lets V8 grow into.
//
// V8 doubles its young generation (up to 2 × 16 MB semi-spaces on 64-bit Node) whenever many objects
// survive a scavenge, and keeps it: opening a workspace (index of every runbook, a check per open
// document) is such a burst, and left the server ~30 MB of young generation it never needed again
// (issue 8: 154 MB peak with 1,000 runbooks indexed and 50 open; 124 MB without the growth).
// Short runbooks check in a few ms with the initial size, so growth stays off (factor 1) until a
// long document is open: there, the larger young generation is worth its memory (a 1 MB runbook's
// keystroke was ~20% slower without it), and growth comes back (factor 2, V8's default).
//
// The factor is read by V8 each time it considers growing, so it can change while the server runs.
// Only plain Node allows that: Electron (VS Code's own host) may freeze V8 flags after start, and
// setting one there aborts the process, so under Electron the policy does nothing.
import { setFlagsFromString } from 'node:v8';

/** A document this long (UTF-16 code units) brings young-generation growth back. */
export const LARGE_DOCUMENT = 256 * 1024;

export type GrowthFactor = 1 | 2;

export function growthFor(openLengths: Iterable<number>): GrowthFactor {
  for (const n of openLengths) if (n >= LARGE_DOCUMENT) return 2;
  return 1;
}

export class YoungGenerationPolicy {
  private readonly lengths = new Map<string, number>();
  private current: GrowthFactor | undefined;

  /** `apply` sets the V8 flag; undefined where flags cannot change at run time (the policy is then inert). */
  constructor(private readonly apply: ((flag: string) => void) | undefined) {
    this.update();
  }

  /** A document's current length (after an open or an edit). */
  observe(uri: string, length: number): void {
    this.lengths.set(uri, length);
    this.update();
  }

  forget(uri: string): void {
    this.lengths.delete(uri);
    this.update();
  }

  get factor(): GrowthFactor | undefined {
    return this.current;
  }

  private update(): void {
    const want = growthFor(this.lengths.values());
    if (want === this.current || !this.apply) return;
    this.apply(`--semi-space-growth-factor=${want}`);
    this.current = want;
  }
}

/** The policy for this process: active under Node, inert under Electron. */
export function processYoungGenerationPolicy(): YoungGenerationPolicy {
  return new YoungGenerationPolicy(process.versions['electron'] ? undefined : setFlagsFromString);
}
