// Bulk suppressions in the CLI, as ESLint does them: `runbook-lint-suppressions.json` at the
// repository root (or --suppressions-location) is read on every run, and each file's findings
// that it lists are left out of the output and the exit code (the summary counts them).
// --suppress-all / --suppress-rule <id> write the current findings of the checked files into it;
// --prune-suppressions drops what no longer occurs. Matching and the file's shape: core/baseline.ts.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { countSuppressions, formatSuppressions, matchSuppressions, suppressionsFor, SUPPRESSIONS_FILE, type FileSuppressions, type Suppressions } from '../core/baseline.js';
import { createFile } from '../node/create-file.js';
import { loadSuppressions } from '../node/suppressions-file.js';
import { writeAtomic, WriteRefused } from '../node/write-file.js';
import { UsageError } from './args.js';
import type { FileResult } from './check-file.js';

export interface SuppressionOptions {
  suppressAll: boolean;
  /** Rule ids whose findings are suppressed anew (`--suppress-rule`). */
  suppressRules: string[];
  prune: boolean;
  location?: string;
}

export class SuppressionRun {
  private readonly data: Suppressions;
  private readonly text: string | undefined;
  private readonly base: string;
  /** Rules whose entries are replaced by the current findings (`--suppress-all`, `--suppress-rule`). */
  private readonly rewrite: (rule: string) => boolean;
  private readonly ran: (rule: string) => boolean;
  private readonly writes: boolean;
  /** Findings left out of this run's output. */
  total = 0;

  constructor(
    readonly file: string,
    private readonly root: string,
    private readonly opts: SuppressionOptions,
    /** `--rule`: only these rules ran, so only their entries may change. */
    only: string[] | undefined,
  ) {
    const loaded = loadSuppressions(file);
    if (!loaded.ok) throw new UsageError(`invalid suppressions file ${file}: ${loaded.reason} (fix it, or delete it and run --suppress-all)`);
    this.data = structuredClone(loaded.value);
    this.text = loaded.text;
    this.base = dirname(file);
    this.ran = (rule) => !only || only.includes(rule);
    this.rewrite = opts.suppressAll ? this.ran : (rule) => opts.suppressRules.includes(rule) && this.ran(rule);
    this.writes = opts.suppressAll || opts.suppressRules.length > 0 || opts.prune;
  }

  static open(opts: SuppressionOptions, cwd: string, root: string, only: string[] | undefined): SuppressionRun {
    const file = opts.location ? resolve(cwd, opts.location) : join(root, SUPPRESSIONS_FILE);
    return new SuppressionRun(file, root, opts, only);
  }

  private key(repoPath: string): string {
    return relative(this.base, join(this.root, repoPath)).split(sep).join('/');
  }

  /** Leaves out of `r.findings` what the file suppresses (recording the current findings first when writing). */
  filter(r: FileResult): void {
    if (r.error) return;
    const key = this.key(r.path);
    if (!this.writes && !this.data[key]) return;
    const old: FileSuppressions = {};
    for (const [rule, e] of Object.entries(this.data[key] ?? {})) if (!this.rewrite(rule)) old[rule] = e;
    const fresh = r.findings.filter((f) => this.rewrite(f.ruleId));
    const m = matchSuppressions(r.findings.filter((f) => !this.rewrite(f.ruleId)), old);
    r.findings = m.kept;
    const n = fresh.length + m.suppressed.length;
    if (n) r.suppressed = n;
    this.total += n;
    if (!this.writes) return;
    const next = { ...(this.opts.prune ? pruned(old, m.used, this.ran) : old), ...suppressionsFor(fresh) };
    if (Object.keys(next).length) this.data[key] = next;
    else delete this.data[key];
  }

  /** Writes the file when the run changes it; a note for stderr saying what was written. */
  finish(): string | undefined {
    if (!this.writes) return undefined;
    if (this.opts.prune) for (const key of Object.keys(this.data)) if (!existsSync(join(this.base, key))) delete this.data[key];
    const text = formatSuppressions(this.data);
    const { files, findings } = countSuppressions(this.data);
    const shown = relative(process.cwd(), this.file) || this.file;
    if (text === (this.text ?? formatSuppressions({}))) return `${shown} unchanged (${findings} suppressed findings in ${files} files)`;
    try {
      if (this.text === undefined) {
        if (createFile(this.file, text) === 'exists') throw new UsageError(`${shown} appeared while the run was going on; left as it is (run again)`);
      } else if (writeAtomic(this.file, this.text, text, { root: this.root }) === 'changed-on-disk') {
        throw new UsageError(`${shown} changed on disk during the run; left as it is (run again)`);
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`could not write ${shown}: ${e instanceof WriteRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? String(e))}`);
    }
    return `wrote ${shown} (${findings} suppressed findings in ${files} files)`;
  }
}

/** `--prune-suppressions`: a rule's entries that matched a finding this run (rules that did not run are kept). */
function pruned(entries: FileSuppressions, used: FileSuppressions, ran: (rule: string) => boolean): FileSuppressions {
  const out: FileSuppressions = {};
  for (const [rule, e] of Object.entries(entries)) {
    if (!ran(rule)) out[rule] = e;
    else if (used[rule]) out[rule] = used[rule]!;
  }
  return out;
}
