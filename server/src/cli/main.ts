// runbook-lint: the same checks as the editor, over files, folders, globs or what changed in git.
// Exit codes: 0 clean, 1 errors (or warnings over --max-warnings), 2 usage/config/IO problem
// (one-line reason on stderr). Modules: args, discovery, git, changed, check-file, workers,
// formatters, fix, diff, progress, dod, cache (--cache), code-cache (the V8 code cache dist/cli.js loads with),
// record-run + run-record (the whole-run record dist/cli.js replays before it loads this bundle).
import { dirname, join, relative, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { localToday } from '../core/check.js';
import { rules, ruleByIdOrName } from '../core/rules/index.js';
import { WorkspaceIndex } from '../workspace/index.js';
import type { RunbookFact } from '../core/types.js';
import { loadConfigFile } from '../node/config-file.js';
import { HELP, parseOptions, stderrLine, UsageError, VERSION, type Options } from './args.js';
import { lastReviewedChanged } from './changed.js';
import type { PlainFacts, Shared, Task } from './check-file.js';
import { ConfigResolver, discover, isInside, rootFor, selectChanged, toPosix, type Target } from './discovery.js';
import { makeFormatter, type Summary } from './formatters.js';
import { changedFiles, gitRoot, resolveBase, touchedLines } from './git.js';
import { coverageMain } from './coverage.js';
import { DIFF_CONTEXT_LINES } from './filter-mode.js';
import { progressBar } from './progress.js';
import { freeCores, isCliWorker, runTasks, startWorker, workerCount } from './workers.js';
import { graphCommand } from './graph.js';
import { initCommand } from './init.js';
import { migrateCommand } from './migrate.js';
import { reportCommand } from './report.js';
import { SuppressionRun } from './suppressions.js';
import { escapeControls } from '../core/controls.js';
import { defaultCacheLocation, ResultCache, withCache } from './cache.js';
import { loadedBundle, saveCodeCache } from './code-cache.js';
import { RunRecorder } from './record-run.js';

export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where the progress bar paints (default err): not part of what a run prints, so not recorded. */
  progress?: NodeJS.WritableStream;
  /** A recordable run's recorder (cli/record-run.ts). */
  recorder?: RunRecorder;
}

export async function main(argv: string[], io: Partial<Io> = {}): Promise<number> {
  const { out = process.stdout, err = process.stderr, cwd = process.cwd(), env = process.env } = io;
  let recorder: RunRecorder | undefined;
  let code = 2;
  try {
    if (argv[0] === 'graph') return graphCommand(argv.slice(1), cwd, out);
    if (argv[0] === 'init') return initCommand(argv.slice(1), cwd, out, err, localToday());
    if (argv[0] === 'migrate') return migrateCommand(argv.slice(1), cwd, out, err);
    if (argv[0] === 'report') return await reportCommand(argv.slice(1), { out, err, cwd, env });
    if (argv[0] === 'coverage') return await coverageMain(argv.slice(1), { out, err, cwd });
    const opts = parseOptions(argv, cwd);
    if (opts.help) {
      out.write(HELP + '\n');
      return 0;
    }
    if (opts.version) {
      out.write(VERSION + '\n');
      return 0;
    }
    if (opts.listRules) {
      out.write(listRules(opts.format === 'json'));
      return 0;
    }
    // Started before anything is read: what the run looks at from here on is what its record depends on.
    recorder = recordable(opts, argv, io);
    const explicit = opts.config ? loadConfigFile(resolve(cwd, opts.config)) : undefined;
    const configs = new ConfigResolver(explicit);
    if (opts.printConfig) {
      out.write(printConfig(resolve(cwd, opts.printConfig), configs, opts.format === 'json'));
      return 0;
    }
    const only = opts.rules.length ? opts.rules.map((r) => ruleByIdOrName(r)?.id ?? fail(`--rule: unknown rule "${r}" (see --list-rules)`)) : undefined;
    opts.suppressRules = opts.suppressRules.map((r) => ruleByIdOrName(r)?.id ?? fail(`--suppress-rule: unknown rule "${r}" (see --list-rules)`));
    const streams = recorder ? { out: recorder.out, err: recorder.err, env: process.env, progress: err, recorder } : { out, err, env };
    code = await lint(opts, configs, only, { ...streams, cwd });
    return code;
  } catch (e) {
    if (e instanceof UsageError) {
      stderrLine(err, e.message);
      return 2;
    }
    recorder?.spoil('internal error');
    throw e;
  } finally {
    recorder?.finish(code);
  }
}

/**
 * A recorder when this run can be replayed by dist/cli.js next time: a plain check with --cache (no
 * --fix, --changed, suppressions written, --print-config …), started by dist/cli.js with the process's
 * own arguments, streams and working directory (the record goes where dist/cli.js looks for it).
 */
function recordable(opts: Options, argv: string[], io: Partial<Io>): RunRecorder | undefined {
  const bundle = loadedBundle();
  if (!bundle || io.out || io.err || io.cwd || io.env) return undefined;
  if (!opts.cache || opts.fix || opts.changed || opts.suppressAll || opts.suppressRules.length || opts.pruneSuppressions || opts.printConfig !== undefined) return undefined;
  const args = process.argv.slice(2);
  if (args.length !== argv.length || args.some((a, i) => a !== argv[i])) return undefined;
  return new RunRecorder(bundle.dir, args, process.cwd(), bundle.files);
}

function fail(message: string): never {
  throw new UsageError(message);
}

async function lint(opts: Options, configs: ConfigResolver, only: string[] | undefined, io: Io): Promise<number> {
  const { out, err, cwd } = io;
  let root = cwd;
  let targets: Target[];
  let changedMap: Map<string, boolean> | undefined;
  let changedBase: string | undefined;
  const touched = new Map<string, number[]>();
  if (opts.changed) {
    const { root: gitTop, base } = resolveBase(cwd, opts.changed);
    root = gitTop;
    const files = changedFiles(root, base);
    const byAbs = new Map(files.map((f) => [resolve(root, f.path), f]));
    targets = opts.filterMode === 'nofilter' ? discover(opts.targets, cwd, root, configs) : selectChanged(files.map((f) => f.path), opts.targets, cwd, root, configs);
    // A pure rename is listed but is not an edit: RB108 then only checks the review age.
    const edited = targets.filter((t) => byAbs.has(t.abs) && !byAbs.get(t.abs)!.renamedOnly);
    changedMap = new Map(edited.map((t) => [t.abs, lastReviewedChanged(root, base.commit, byAbs.get(t.abs)!, t.abs)]));
    if (opts.filterMode === 'added' || opts.filterMode === 'diff_context') {
      const context = opts.filterMode === 'added' ? 0 : DIFF_CONTEXT_LINES;
      for (const t of targets) {
        const lines = byAbs.get(t.abs)!.renamedOnly ? new Set<number>() : touchedLines(root, base, byAbs.get(t.abs)!, context);
        if (lines !== 'all') touched.set(t.abs, [...lines].map((l) => l - 1));
      }
    }
    changedBase = `${base.name} (${base.commit.slice(0, 12)})`;
  } else {
    root = gitRoot(cwd) ?? cwd;
    targets = discover(opts.targets, cwd, root, configs);
    // The files may live in another repository (or none): index the one around them.
    if (targets.length && !isInside(targets[0]!.abs, root)) root = rootFor(targets[0]!.abs);
  }
  const tasks: Task[] = targets.map((t, index) => ({
    index,
    abs: t.abs,
    display: toPosix(relative(cwd, t.abs)) || t.abs,
    path: toPosix(relative(root, t.abs)),
    config: t.config,
    ...(changedMap?.has(t.abs) ? { changed: { lastReviewedChanged: changedMap.get(t.abs)! } } : {}),
    ...(touched.has(t.abs) ? { touched: touched.get(t.abs) } : {}),
  }));
  // --fix rewrites files: it neither reuses nor stores results.
  const cache = opts.cache && !opts.fix ? ResultCache.open(opts.cacheLocation ?? defaultCacheLocation(root), cwd, root) : undefined;
  if (cache) io.recorder?.ignore(dirname(cache.file));
  const free = freeCores(); // measured while the workspace scan keeps this thread busy
  const workspace = tasks.length ? await workspaceFacts(root, configs, cache && ((p, text) => cache.fact(p, text))) : { runbooks: [], alerts: [] };
  const freeNow = free.measure();
  const shared: Shared = { root, today: localToday(), only, fix: opts.fix, dryRun: opts.dryRun, workspace };
  cache?.begin(shared.today, only, workspace);
  const checking = (list: Task[]) => runTasks(list, shared, workerCount(list.length, opts.jobs, freeNow), __filename);
  const results = cache ? withCache(tasks.map((t) => ({ ...t, cacheKey: cache.taskKey(t) })), cache, checking) : checking(tasks);
  const suppressions = SuppressionRun.open({ suppressAll: opts.suppressAll, suppressRules: opts.suppressRules, prune: opts.pruneSuppressions, location: opts.suppressionsLocation }, cwd, root, only);
  const color = opts.format === 'text' && (out as NodeJS.WriteStream).isTTY === true && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
  const formatter = makeFormatter(opts.format, { out, color, quiet: opts.quiet, fix: opts.fix, dryRun: opts.dryRun, root, total: tasks.length, changedBase, filterMode: opts.filterMode });
  const summary: Summary = { files: 0, errors: 0, warnings: 0, infos: 0, fixable: 0, suggestions: 0, placeholders: 0, suppressed: 0, filtered: 0, ioErrors: 0, ...(opts.fix ? { fixed: 0, filesFixed: 0 } : {}) };
  const ioProblems: string[] = [];
  const progress = progressBar(tasks.length, io.progress ?? err, io.env);
  /** Rule crashes, one line per rule and message however many files hit it. */
  const internal = new Map<string, { first: string; count: number }>();
  for await (const r of results) {
    progress.tick(r.display);
    suppressions.filter(r);
    if (r.error) {
      summary.ioErrors++;
      ioProblems.push(`${r.display} ${r.error}`);
    } else {
      summary.files++;
      for (const f of r.findings) {
        if (f.severity === 'error') summary.errors++;
        else if (f.severity === 'warning') summary.warnings++;
        else summary.infos++;
        if (f.fix === 'safe') summary.fixable++;
        else if (f.fix === 'suggestion') summary.suggestions++;
        if (f.meta?.['placeholder'] === true) summary.placeholders++;
      }
      summary.filtered += r.filtered ?? 0;
      if (r.fixed) {
        summary.fixed! += r.fixed;
        summary.filesFixed!++;
      }
      for (const e of r.internalErrors ?? []) {
        const key = `internal error in rule ${e.ruleId} (${e.message})`;
        const hit = internal.get(key);
        if (hit) hit.count++;
        else internal.set(key, { first: r.display, count: 1 });
      }
    }
    formatter.file(r);
  }
  progress.done();
  summary.suppressed = suppressions.total;
  let wrote: string | undefined;
  try {
    wrote = suppressions.finish();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    ioProblems.push(e.message);
  }
  // The cache only saves time: a cache that cannot be written is said, not a failed run.
  let cacheNote = cache?.problem;
  try {
    cache?.save();
    if (cache) saveCodeCache(dirname(cache.file));
  } catch (e) {
    cacheNote = `could not write the cache ${cache!.file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); the results are right, the next run starts cold`;
  }
  formatter.end(summary);
  // Lines the next run would not print again: such a run is not replayed.
  if (cacheNote || internal.size) io.recorder?.spoil(cacheNote ?? 'a rule failed');
  if (cacheNote) stderrLine(err, cacheNote);
  if (wrote) stderrLine(err, wrote);
  if (!tasks.length && opts.changed && opts.format === 'text') stderrLine(err, `no changed runbooks against ${changedBase}`);
  for (const [e, { first, count }] of internal) stderrLine(err, `${e} on ${first}${count > 1 ? ` and ${count - 1} more files` : ''}; the other rules still ran`);
  for (const p of ioProblems) stderrLine(err, p);
  if (ioProblems.length) return 2;
  if (summary.errors > 0) return 1;
  if (opts.maxWarnings !== undefined && summary.warnings > opts.maxWarnings) {
    stderrLine(err, `${summary.warnings} warnings, more than --max-warnings ${opts.maxWarnings}`);
    return 1;
  }
  return 0;
}

/** Facts about the repository around the files: runbook ids and headings, CODEOWNERS, alerts. */
export async function workspaceFacts(root: string, configs: ConfigResolver, runbookFact?: (path: string, text: string) => RunbookFact): Promise<PlainFacts> {
  const config = configs.for(join(root, '.runbook-lint.yaml'));
  const index = new WorkspaceIndex(root, { include: config.include, exclude: config.exclude, blocking: true, ...(runbookFact ? { runbookFact } : {}) });
  await index.build();
  const { runbooks, codeowners, alerts } = index.facts();
  return { runbooks, codeowners, alerts };
}

function listRules(json: boolean): string {
  const rows = rules.map((r) => ({ id: r.id, name: r.name, severity: r.defaultSeverity, dod: r.dod ?? null, fixable: r.fixable, description: r.description }));
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  const head = ['id', 'name', 'severity', 'DoD item', 'fixable'];
  const table = [head, ...rows.map((r) => [r.id, r.name, r.severity, r.dod ?? '-', r.fixable === 'suggestion' ? 'suggestion' : r.fixable ? 'yes' : 'no'])];
  const widths = head.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

function printConfig(abs: string, configs: ConfigResolver, json: boolean): string {
  const config = configs.for(abs);
  const source = configs.sourceFor(abs);
  if (json) return JSON.stringify({ file: abs, source: source ?? null, config }, null, 2) + '\n';
  return escapeControls(`# effective runbook-lint config for ${abs}\n# from: ${source ?? 'defaults (no .runbook-lint.yaml found)'}\n${toYaml(config)}`);
}

/** The command: dist/cli.js (cli/entry.ts) calls it after loading this bundle (dist/cli-main.js). */
export function cliEntry(): void {
  // `runbook-lint ... | head`: a closed pipe ends the run quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      stderrLine(process.stderr, `internal error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      process.exitCode = 2;
    },
  );
}

// Worker threads start this bundle itself; `node dist/cli-main.js …` also works.
if (isCliWorker()) startWorker();
else if (require.main === module) cliEntry();
