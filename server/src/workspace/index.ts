// The workspace index: every runbook's front-matter facts and headings, the CODEOWNERS rules and
// the alert names of the repo's Prometheus rule files, handed to the pure core as WorkspaceFacts.
// This module reads the file system; the core never does.
//
// Usage (language server):
//   const index = new WorkspaceIndex(rootFolder, { include: config.include, exclude: config.exclude });
//   void index.build();                      // async, yields to the event loop; diagnostics need not wait
//   check({ text, path: index.relative(uri.fsPath), config, workspace: index.facts() });
//   // file watcher:
//   onDidChangeWatchedFiles: created/changed -> index.update(fsPath); deleted -> index.remove(fsPath)
//   // open editor buffers (unsaved text wins over disk):
//   onDidChangeContent -> index.update(fsPath, text)
//   await index.whenReady()                  // e.g. before "Check All Runbooks" or the runbooks tree
//   index.setGlobs(config.include, config.exclude)  // after a config change (rescans when they differ)
//   await index.rebuild(include, exclude)           // the same, awaitable
//
// Usage (CLI): build once for the repo around the given files, then check each file:
//   const index = new WorkspaceIndex(repoRoot, { include, exclude }); await index.build();
//   const workspace = index.facts();        // paths in findings/related info are relative to repoRoot
//
// facts() returns a snapshot object whose arrays are rebuilt only after a change; `exists(rel)`
// answers for any file or folder seen by the scan (and asks the disk when the scan was capped).
// Memory is bounded: at most `maxFiles` paths, `maxRunbooks` runbook facts, `maxAlerts` alerts,
// files over `maxFileBytes` are skipped, and node_modules/.git (plus `skipDirs`) are never entered.
import { existsSync, readdirSync } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AlertFact, CodeownersRule, RunbookFact, WorkspaceFacts } from '../core/types.js';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../core/config.js';
import { isMarkdownName, isRunbookPath } from '../core/paths.js';
import { normalizeRepository } from '../core/coverage.js';
import { CODEOWNERS_PATHS, parseAlerts, parseCodeowners, runbookFact } from './sources.js';
import { readTextFile, readTextFileSync } from '../node/read-file.js';

export interface WorkspaceIndexOptions {
  include?: string[];
  exclude?: string[];
  /** Paths remembered for `exists` (default 100,000). */
  maxFiles?: number;
  /** Runbook facts kept (default 20,000). */
  maxRunbooks?: number;
  /** Alert facts kept (default 50,000). */
  maxAlerts?: number;
  /** Runbooks, CODEOWNERS and YAML files larger than this are not read (default 2 MB). */
  maxFileBytes?: number;
  /** Folder names never entered, besides node_modules and .git. */
  skipDirs?: string[];
  /** Yield to the event loop after this many directory entries (default 200). */
  yieldEvery?: number;
  /** How a runbook's text becomes its facts (default runbookFact; the CLI's --cache remembers them). */
  runbookFact?: (path: string, text: string) => RunbookFact;
  /** Read folders and files synchronously and never yield (the CLI, which has nothing else to do:
   *  five async round trips per file cost a warm `--cache` run ~20% of its time). Default false. */
  blocking?: boolean;
}

export interface WorkspaceIndexStats {
  files: number;
  runbooks: number;
  alerts: number;
  /** A cap was hit: some files are not indexed. */
  truncated: boolean;
  ready: boolean;
}

const ALWAYS_SKIP = ['node_modules', '.git'];
const YAML = /\.ya?ml$/i;

const toPosix = (p: string) => p.split(sep).join('/');

export class WorkspaceIndex {
  readonly root: string;
  private include: string[];
  private exclude: string[];
  private readonly opts: Required<Omit<WorkspaceIndexOptions, 'include' | 'exclude'>>;
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>(['']);
  private readonly runbooks = new Map<string, RunbookFact>();
  private readonly alerts = new Map<string, AlertFact[]>();
  private alertCount = 0;
  private codeownersFiles = new Map<string, CodeownersRule[]>();
  private truncated = false;
  /** `org/repo` of git's `origin` remote, read once per scan. */
  private repository?: string;
  private building?: Promise<void>;
  private done = false;
  private snapshot?: WorkspaceFacts;
  /** Bumped by every change; a scan result older than a live update does not overwrite it. */
  private readonly versions = new Map<string, number>();

  constructor(root: string, opts: WorkspaceIndexOptions = {}) {
    this.root = root;
    this.include = opts.include?.length ? opts.include : DEFAULT_INCLUDE;
    this.exclude = opts.exclude ?? DEFAULT_EXCLUDE;
    this.opts = {
      maxFiles: opts.maxFiles ?? 100_000,
      maxRunbooks: opts.maxRunbooks ?? 20_000,
      maxAlerts: opts.maxAlerts ?? 50_000,
      maxFileBytes: opts.maxFileBytes ?? 2 * 1024 * 1024,
      skipDirs: opts.skipDirs ?? [],
      yieldEvery: opts.yieldEvery ?? 200,
      runbookFact: opts.runbookFact ?? runbookFact,
      blocking: opts.blocking ?? false,
    };
  }

  /** Workspace-relative POSIX path of an absolute or relative path (undefined when outside the root). */
  relative(path: string): string | undefined {
    const rel = toPosix(isAbsolute(path) ? relative(this.root, path) : path).replace(/^\.\//, '').replace(/\/+$/, '');
    if (rel.startsWith('../') || rel === '..' || isAbsolute(rel)) return undefined;
    return rel;
  }

  /** Scans the root once; later calls return the same promise. Never rejects. */
  build(): Promise<void> {
    this.building ??= this.scan().then(
      () => {
        this.done = true;
        this.changed();
      },
      () => {
        this.done = true;
        this.changed();
      },
    );
    return this.building;
  }

  whenReady(): Promise<void> {
    return this.build();
  }

  get ready(): boolean {
    return this.done;
  }

  /** New include/exclude globs (config change): when they differ, rescans in the background. */
  setGlobs(include: string[], exclude: string[]): void {
    const inc = include.length ? include : DEFAULT_INCLUDE;
    if (inc.join('\0') === this.include.join('\0') && exclude.join('\0') === this.exclude.join('\0')) return;
    if (this.building) void this.rebuild(inc, exclude);
    else {
      this.include = inc;
      this.exclude = exclude;
    }
  }

  /** New include/exclude globs (config change): forgets everything and scans again. */
  rebuild(include?: string[], exclude?: string[]): Promise<void> {
    if (include) this.include = include.length ? include : DEFAULT_INCLUDE;
    if (exclude) this.exclude = exclude;
    const previous = this.building ?? Promise.resolve();
    this.building = previous.then(() => {
      this.files.clear();
      this.dirs.clear();
      this.dirs.add('');
      this.runbooks.clear();
      this.alerts.clear();
      this.alertCount = 0;
      this.codeownersFiles.clear();
      this.truncated = false;
      this.done = false;
      this.changed();
      return this.scan().catch(() => undefined).then(() => {
        this.done = true;
        this.changed();
      });
    });
    return this.building;
  }

  stats(): WorkspaceIndexStats {
    return { files: this.files.size, runbooks: this.runbooks.size, alerts: this.alertCount, truncated: this.truncated, ready: this.done };
  }

  exists(path: string): boolean {
    const rel = this.relative(path);
    if (rel === undefined) return false;
    if (this.files.has(rel) || this.dirs.has(rel)) return true;
    return this.truncated ? existsSync(join(this.root, rel)) : false;
  }

  /** The facts for the core. Cheap: rebuilt only after a change. */
  facts(): WorkspaceFacts {
    if (!this.snapshot) {
      const co = CODEOWNERS_PATHS.find((p) => this.codeownersFiles.has(p));
      this.snapshot = {
        runbooks: [...this.runbooks.values()].sort((a, b) => a.path.localeCompare(b.path)),
        codeowners: co ? { path: co, rules: this.codeownersFiles.get(co)! } : undefined,
        alerts: [...this.alerts.entries()].sort((a, b) => a[0].localeCompare(b[0])).flatMap((e) => e[1]),
        ...(this.repository ? { repository: this.repository } : {}),
        exists: (p: string) => this.exists(p),
      };
    }
    return this.snapshot;
  }

  /** A file was created or changed (pass `text` for an unsaved editor buffer). */
  async update(path: string, text?: string): Promise<void> {
    const rel = this.relative(path);
    if (rel === undefined || rel === '' || this.skipped(rel)) return;
    const version = (this.versions.get(rel) ?? 0) + 1;
    this.versions.set(rel, version);
    let content = text;
    if (content === undefined) {
      try {
        // Like the scan, a symbolic link is not followed (it may lead out of the workspace).
        const st = await lstat(join(this.root, rel));
        if (st.isDirectory()) {
          this.addDir(rel);
          this.changed();
          return;
        }
        if (st.isFile() && this.wants(rel)) {
          const r = await readTextFile(join(this.root, rel), this.opts.maxFileBytes);
          if (r.ok) content = r.text;
        }
      } catch {
        this.remove(rel);
        return;
      }
    }
    if (this.versions.get(rel) !== version) return; // a newer update won the race
    this.addFile(rel);
    if (content !== undefined) this.ingest(rel, content);
    this.changed();
  }

  /** A file or folder was deleted. */
  remove(path: string): void {
    const rel = this.relative(path);
    if (rel === undefined) return;
    this.versions.set(rel, (this.versions.get(rel) ?? 0) + 1);
    const prefix = rel === '' ? '' : rel + '/';
    const gone = (p: string) => p === rel || p.startsWith(prefix);
    for (const f of [...this.files]) if (gone(f)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d !== '' && gone(d)) this.dirs.delete(d);
    for (const p of [...this.runbooks.keys()]) if (gone(p)) this.runbooks.delete(p);
    for (const [p, list] of [...this.alerts]) {
      if (!gone(p)) continue;
      this.alertCount -= list.length;
      this.alerts.delete(p);
    }
    for (const p of [...this.codeownersFiles.keys()]) if (gone(p)) this.codeownersFiles.delete(p);
    this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
  }

  private skipped(rel: string): boolean {
    const segs = rel.split('/');
    return segs.some((s) => ALWAYS_SKIP.includes(s) || this.opts.skipDirs.includes(s));
  }

  /** Files whose content the index reads. */
  private wants(rel: string): boolean {
    return CODEOWNERS_PATHS.includes(rel) || YAML.test(rel) || (isMarkdownName(rel) && isRunbookPath(rel, this.include, this.exclude));
  }

  private addDir(rel: string): void {
    const segs = rel.split('/');
    for (let i = 1; i <= segs.length; i++) this.dirs.add(segs.slice(0, i).join('/'));
  }

  private addFile(rel: string): void {
    if (!this.files.has(rel)) {
      if (this.files.size >= this.opts.maxFiles) {
        this.truncated = true;
        return;
      }
      this.files.add(rel);
    }
    const slash = rel.lastIndexOf('/');
    if (slash > 0) this.addDir(rel.slice(0, slash));
  }

  private ingest(rel: string, text: string): void {
    if (CODEOWNERS_PATHS.includes(rel)) {
      this.codeownersFiles.set(rel, parseCodeowners(text));
      return;
    }
    if (YAML.test(rel)) {
      const old = this.alerts.get(rel)?.length ?? 0;
      let list = parseAlerts(rel, text);
      const room = this.opts.maxAlerts - (this.alertCount - old);
      if (list.length > room) {
        list = list.slice(0, Math.max(0, room));
        this.truncated = true;
      }
      this.alertCount += list.length - old;
      if (list.length) this.alerts.set(rel, list);
      else this.alerts.delete(rel);
      return;
    }
    if (isMarkdownName(rel) && isRunbookPath(rel, this.include, this.exclude)) {
      if (!this.runbooks.has(rel) && this.runbooks.size >= this.opts.maxRunbooks) {
        this.truncated = true;
        return;
      }
      this.runbooks.set(rel, this.opts.runbookFact(rel, text));
    }
  }

  private async scan(): Promise<void> {
    this.repository = await originRepository(this.root);
    const queue: string[] = [''];
    let sinceYield = 0;
    while (queue.length) {
      const dir = queue.shift()!;
      let entries;
      try {
        entries = this.opts.blocking ? readdirSync(join(this.root, dir), { withFileTypes: true }) : await readdir(join(this.root, dir), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (++sinceYield >= this.opts.yieldEvery && !this.opts.blocking) {
          sinceYield = 0;
          await new Promise<void>((r) => setImmediate(r));
        }
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (ALWAYS_SKIP.includes(e.name) || this.opts.skipDirs.includes(e.name)) continue;
          this.addDir(rel);
          queue.push(rel);
          continue;
        }
        if (!e.isFile()) continue;
        if (this.files.size >= this.opts.maxFiles) {
          this.truncated = true;
          return;
        }
        this.addFile(rel);
        if (!this.wants(rel)) continue;
        const version = this.versions.get(rel);
        try {
          const abs = join(this.root, rel);
          const r = this.opts.blocking ? readTextFileSync(abs, this.opts.maxFileBytes) : await readTextFile(abs, this.opts.maxFileBytes);
          // A live update (open editor buffer) that arrived during the read wins.
          if (!r.ok || this.versions.get(rel) !== version) continue;
          this.ingest(rel, r.text);
        } catch {
          /* unreadable: skip */
        }
      }
    }
  }
}

/** `org/repo` of the `origin` remote of the git repository at `root` (worktrees too), if any. */
export async function originRepository(root: string): Promise<string | undefined> {
  try {
    const dotGit = join(root, '.git');
    let gitDir = dotGit;
    if ((await stat(dotGit)).isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8'));
      if (!m) return undefined;
      gitDir = resolve(root, m[1]!.trim());
      const common = await readFile(join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
      if (common) gitDir = resolve(gitDir, common.trim());
    }
    const config = await readFile(join(gitDir, 'config'), 'utf8');
    const section = /^\[remote\s+"origin"\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(config)?.[1];
    const url = section && /^\s*url\s*=\s*(.+?)\s*$/m.exec(section)?.[1];
    return url ? normalizeRepository(url) || undefined : undefined;
  } catch {
    return undefined;
  }
}

export { runbookFact, parseCodeowners, parseAlerts, CODEOWNERS_PATHS } from './sources.js';
