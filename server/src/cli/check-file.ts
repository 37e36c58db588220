// One file's work (read, check or fix, DoD), the same in the main thread and in workers.
// The result is plain data (positions already computed, no runbook model) so it can cross a
// worker boundary and be streamed to the formatter without holding every model in memory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../core/check.js';
import { fixAll, fixKind, type FixKind } from '../core/fix.js';
import type { Runbook } from '../core/model/runbook.js';
import type { Position } from '../core/model/text.js';
import type { Finding, ResolvedConfig, Severity, WorkspaceFacts } from '../core/types.js';
import { readRunbookWithin } from '../node/read-file.js';
import { fingerprintAt } from '../core/baseline.js';
import { onTouchedLines } from './filter-mode.js';
import { shownPath } from '../core/scrub.js';
import { dodView, type DodView } from './dod.js';
import { fixDiff, writeAtomic, WriteRefused } from './fix.js';
import { reportFacts, type ReportFile } from '../report/facts.js';
import { textDigest } from './cache.js';

export interface Task {
  index: number;
  abs: string;
  /** Shown to the user: relative to the working directory. */
  display: string;
  /** What the core sees: relative to the repository root (git root or working directory). */
  path: string;
  config: ResolvedConfig;
  changed?: { lastReviewedChanged: boolean };
  /** `--filter-mode added|diff_context`: 0-based lines the change touched (absent: show every finding). */
  touched?: number[];
  /** `--cache`: the task's key without the text (cli/cache.ts); the result then says what it depended on. */
  cacheKey?: string;
}

/** Workspace facts without the `exists` function (it does not cross threads). */
export type PlainFacts = Omit<WorkspaceFacts, 'exists'>;

export interface Shared {
  root: string;
  today: string;
  only?: string[];
  fix: boolean;
  dryRun: boolean;
  workspace: PlainFacts;
  /** `runbook-lint report`: also compute each file's report line (with its step graph drawn when `svg`). */
  report?: { svg: boolean };
}

export interface OutFinding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  /** 0-based, UTF-16 characters. */
  start: Position;
  end: Position;
  /** A safe fix `--fix` applies. */
  fixable: boolean;
  /** The finding's fix, if any: `safe` (fix-all and `--fix` apply it) or `suggestion` (picked by the author). */
  fix?: FixKind;
  related?: { message: string; path?: string; line?: number; character?: number }[];
  meta?: Record<string, string | number | boolean>;
  /** Content fingerprint for bulk suppressions (core/baseline.ts); never printed. */
  fingerprint: string;
}

export interface FileResult {
  index: number;
  display: string;
  path: string;
  /** Set when the file could not be read or written: an IO problem (exit 2). */
  error?: string;
  findings: OutFinding[];
  dod?: DodView;
  /** With --fix: how many findings had their fix applied. */
  fixed?: number;
  /** With --fix --dry-run: the unified diff ('' when nothing would change). */
  diff?: string;
  internalErrors?: { ruleId: string; message: string }[];
  /** With Shared.report: the file's line in the health report. */
  report?: ReportFile;
  /** Findings left out because runbook-lint-suppressions.json lists them. */
  suppressed?: number;
  /** Findings left out by `--filter-mode` (not on the lines the change touched). */
  filtered?: number;
  /** With Task.cacheKey: the digest of the text checked and the path-existence answers the rules used. */
  cache?: { text: string; exists: [string, boolean][] };
}

export function withExists(facts: PlainFacts, root: string): WorkspaceFacts {
  return { ...facts, exists: (p: string) => existsSync(join(root, p)) };
}

function convert(findings: readonly Finding[], rb: Runbook): OutFinding[] {
  return findings.map((f) => {
    const start = rb.lines.positionAt(f.range.start);
    const end = rb.lines.positionAt(f.range.end);
    const o: OutFinding = {
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      message: f.message,
      start,
      end,
      fixable: fixKind(f.fix) === 'safe',
      fingerprint: fingerprintAt(rb.lines, f.ruleId, f.message, start, end),
    };
    if (f.fix) o.fix = fixKind(f.fix);
    if (f.related?.length) {
      o.related = f.related.map((r) => {
        const pos = r.range && !r.path ? rb.lines.positionAt(r.range.start) : r.lineRange?.start;
        return { message: r.message, ...(r.path ? { path: r.path } : {}), ...(pos ? { line: pos.line, character: pos.character } : {}) };
      });
    }
    if (f.meta) o.meta = f.meta;
    return o;
  });
}

/** The findings a run shows (all, or those on the lines `--filter-mode` keeps) and how many it left out. */
function shown(findings: readonly Finding[], rb: Runbook, task: Task, ws: WorkspaceFacts): { findings: OutFinding[]; filtered?: number } {
  if (!task.touched) return { findings: redactPaths(convert(findings, rb), ws) };
  const kept = onTouchedLines(findings, rb, new Set(task.touched));
  return { findings: redactPaths(convert(kept, rb), ws), ...(kept.length < findings.length ? { filtered: findings.length - kept.length } : {}) };
}

/** Paths of the workspace with a secret in them, as printed instead (`<redacted path …>`), per workspace. */
const secretPaths = new WeakMap<object, [string, string][]>();

function pathScrubber(ws: WorkspaceFacts): (s: string) => string {
  let list = secretPaths.get(ws.runbooks);
  if (!list) {
    list = [];
    for (const p of new Set([...ws.runbooks.map((r) => r.path), ...ws.alerts.map((a) => a.path), ws.codeowners?.path ?? ''])) {
      const shown = p ? shownPath(p) : p;
      if (shown !== p) list.push([p, shown]);
    }
    secretPaths.set(ws.runbooks, list);
  }
  const pairs = list;
  return pairs.length ? (s) => pairs.reduce((acc, [p, r]) => acc.split(p).join(r), s) : (s) => s;
}

/** A file's findings with the paths of other files that hold a secret (RB106's duplicates, links) redacted. */
function redactPaths(findings: OutFinding[], ws: WorkspaceFacts): OutFinding[] {
  const clean = pathScrubber(ws);
  for (const f of findings) {
    f.message = clean(f.message);
    for (const r of f.related ?? []) {
      r.message = clean(r.message);
      if (r.path) r.path = clean(r.path);
    }
  }
  return findings;
}

/** The workspace with its `exists` answers written down (a cached result is reused only while they hold). */
function recording(ws: WorkspaceFacts, asked: Map<string, boolean>): WorkspaceFacts {
  return {
    ...ws,
    exists: (p: string) => {
      const v = ws.exists!(p);
      asked.set(p, v);
      return v;
    },
  };
}

export function checkFile(task: Task, shared: Shared, workspace: WorkspaceFacts): FileResult {
  // A secret in the file's own name is never printed (D18): the path shows as `<redacted path …>`.
  const base = { index: task.index, display: shownPath(task.display), path: shownPath(task.path), findings: [] as OutFinding[] };
  const read = readRunbookWithin(task.abs, shared.root);
  if (!read.ok) return { ...base, error: read.reason };
  const input = { text: read.text, path: task.path, config: task.config, workspace, today: shared.today, changed: task.changed, only: shared.only };
  if (!shared.fix) {
    const asked = task.cacheKey !== undefined ? new Map<string, boolean>() : undefined;
    if (asked) input.workspace = recording(workspace, asked);
    const r = check(input);
    const report = shared.report ? { report: reportFacts(base.display, r.runbook, r.findings, task.config, shared.today, { svg: shared.report.svg, index: task.index }) } : {};
    const cache = asked ? { cache: { text: textDigest(read.text), exists: [...asked] } } : {};
    return { ...base, ...shown(r.findings, r.runbook, task, workspace), dod: dodView(r.findings, r.runbook, task.config), internalErrors: r.internalErrors.length ? r.internalErrors : undefined, ...report, ...cache };
  }
  // Suggestions (e.g. RB108's "set last_reviewed to today") only for rules named with --rule.
  const fx = fixAll(input, { namedRules: shared.only });
  const r = fx.remaining;
  const result: FileResult = {
    ...base,
    ...shown(r.findings, r.runbook, task, workspace),
    dod: dodView(r.findings, r.runbook, task.config),
    fixed: fx.fixed.length,
    internalErrors: r.internalErrors.length ? r.internalErrors : undefined,
  };
  if (fx.text === read.text) return shared.dryRun ? { ...result, diff: '' } : result;
  if (shared.dryRun) return { ...result, diff: fixDiff(base.display, read.text, fx.text, task.path) };
  try {
    if (writeAtomic(task.abs, read.text, fx.text, { root: shared.root }) === 'changed-on-disk') {
      return { ...base, error: 'changed on disk while it was being fixed; left as it is (run again)' };
    }
  } catch (e) {
    if (e instanceof WriteRefused) return { ...base, error: e.message };
    return { ...base, error: `could not be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); left as it is` };
  }
  return result;
}
