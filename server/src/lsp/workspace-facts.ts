// One WorkspaceIndex per workspace folder, kept current from file-change notifications and
// saved buffers, handed to the core as WorkspaceFacts. Building never blocks diagnostics: until
// the scan is done, documents are checked with what is known and re-checked when it finishes.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { WorkspaceIndex } from '../workspace/index.js';
import type { ResolvedConfig, WorkspaceFacts } from '../core/types.js';

const EMPTY: WorkspaceFacts = { runbooks: [], alerts: [] };

export class WorkspaceFactsProvider {
  private readonly indexes = new Map<string, WorkspaceIndex>();

  constructor(private readonly onChanged: () => void) {}

  /** Starts (or re-targets) the index of each root; resolves when every scan is done. */
  async start(roots: string[], configOf: (root: string) => Promise<ResolvedConfig>): Promise<void> {
    const builds: Promise<void>[] = [];
    for (const root of roots) {
      const config = await configOf(root);
      let index = this.indexes.get(root);
      if (index) {
        index.setGlobs(config.include, config.exclude);
        continue;
      }
      index = new WorkspaceIndex(root, { include: config.include, exclude: config.exclude });
      this.indexes.set(root, index);
      builds.push(index.build());
    }
    await Promise.all(builds);
    this.onChanged();
  }

  /** Facts for a document given its root folder (the first index when unknown). */
  facts(root: string | undefined): WorkspaceFacts {
    const index = (root && this.indexes.get(root)) || this.indexes.values().next().value;
    if (!index) return root ? { ...EMPTY, exists: (p) => existsSync(join(root, p)) } : EMPTY;
    return index.facts();
  }

  /** A file was created, changed or saved (text = the editor's buffer when known). */
  async update(path: string, text?: string): Promise<void> {
    const index = this.indexFor(path);
    if (!index) return;
    await index.update(path, text);
    this.onChanged();
  }

  remove(path: string): void {
    const index = this.indexFor(path);
    if (!index) return;
    index.remove(path);
    this.onChanged();
  }

  async whenReady(): Promise<void> {
    await Promise.all([...this.indexes.values()].map((i) => i.whenReady()));
  }

  stats() {
    return [...this.indexes.entries()].map(([root, i]) => ({ root, ...i.stats() }));
  }

  private indexFor(path: string): WorkspaceIndex | undefined {
    let best: [string, WorkspaceIndex] | undefined;
    for (const [root, i] of this.indexes) if (path.startsWith(root + '/') && (!best || root.length > best[0].length)) best = [root, i];
    return best?.[1];
  }
}
