// Long work in slices, and one parse per document version shared by everything that needs the model.
//
// The core's step generators (parseSteps, checkSteps, fixAllSteps) yield between pieces of a first
// parse and between rules. Driven here, they give the event loop a turn every few milliseconds, so an
// edit or request that arrives meanwhile is read and answered in between, and work that is no longer
// wanted (an older version's check, a cancelled request) stops at the next turn instead of running on.
import type { Runbook } from '../core/model/runbook.js';
import { IncrementalChecker } from '../core/incremental.js';

/** How long a slice of work runs before the event loop gets a turn. */
export const SLICE_MS = 8;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `steps` to its end, giving the event loop a turn every `sliceMs`; undefined when `stop()` says
 * so at one of those turns (the generator is then closed where it stood, between two steps).
 */
export async function inSlices<T>(steps: Generator<unknown, T, void>, stop?: () => boolean, sliceMs = SLICE_MS): Promise<T | undefined> {
  let since = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - since < sliceMs) continue;
    await turn();
    if (stop?.()) {
      steps.return(undefined as T);
      return undefined;
    }
    since = performance.now();
  }
}

/**
 * Per open document, its incremental checker: the model of each version is parsed once, by whichever
 * comes first (the check after an edit, or a cursor request such as the outline), from the model of
 * the version before. A parse runs to its end even when a newer version arrives meanwhile (the newer
 * one is parsed from it, cheaply), and one parse at a time per document.
 */
export class DocumentModels {
  private readonly checkers = new Map<string, IncrementalChecker>();
  private readonly parsing = new Map<string, Promise<unknown>>();

  async model(uri: string, text: string, path: string | undefined): Promise<Runbook> {
    for (let busy = this.parsing.get(uri); busy; busy = this.parsing.get(uri)) await busy.catch(() => undefined);
    let checker = this.checkers.get(uri);
    if (!checker) this.checkers.set(uri, (checker = new IncrementalChecker()));
    const job = inSlices(checker.modelSteps(text, path)) as Promise<Runbook>;
    this.parsing.set(uri, job);
    try {
      return await job;
    } finally {
      if (this.parsing.get(uri) === job) this.parsing.delete(uri);
    }
  }

  forget(uri: string): void {
    this.checkers.delete(uri);
  }
}
