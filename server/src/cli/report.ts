// `runbook-lint report [paths] [--output report.html] [--format html|json]`: the health report of a
// runbook tree (summary cards, DoD by category, review ages, owners, a sortable table linking to each
// runbook's step graph and findings) as one self-contained HTML file, or the same data as JSON.
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { localToday } from '../core/check.js';
import { loadConfigFile } from '../node/config-file.js';
import { alertsWithoutRunbooks, buildReport, reportJson } from '../report/data.js';
import type { ReportFile } from '../report/facts.js';
import { reportHtml } from '../report/html.js';
import { parseSubcommand, stderrLine, UsageError, VERSION } from './args.js';
import type { Shared, Task } from './check-file.js';
import { ConfigResolver, discover, isInside, rootFor, toPosix } from './discovery.js';
import { gitRoot } from './git.js';
import { workspaceFacts, type Io } from './main.js';
import { progressBar } from './progress.js';
import { freeCores, runTasks, workerCount } from './workers.js';

export const REPORT_HELP = `Usage: runbook-lint report [paths|globs...] [--output report.html] [--format html|json]

The health report of a runbook tree: summary cards (runbooks, DoD, errors, stale reviews), the
average DoD score by category, review ages against review.maxAgeDays, owners with their runbooks,
and a sortable, filterable table linking to each runbook's step graph and findings. One
self-contained HTML file (no network; opens from disk), or the same data as JSON. Detected
secrets never appear (kinds and fingerprints only).

  --output <file>    write to <file> (default: report.html; JSON goes to standard output)
  --format <fmt>     html (default) or json
  --config <file>    use this .runbook-lint.yaml instead of searching upward
  --jobs <n>         worker threads (default: automatic; 1 = in process)
  -h, --help         show this help

Exit codes: 0 written (whatever the findings), 2 usage, config or IO problem.`;

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const parsed = parseSubcommand('report', argv, {
    output: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f', default: 'html' },
    config: { type: 'string', short: 'c' },
    jobs: { type: 'string', short: 'j' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const v = parsed.values;
  if (v.help) {
    io.out.write(REPORT_HELP + '\n');
    return 0;
  }
  const format = v.format as string;
  if (format !== 'html' && format !== 'json') throw new UsageError(`report: unknown --format "${format}" (use html or json)`);
  if (v.jobs !== undefined && !/^\d+$/.test(v.jobs)) throw new UsageError(`report: --jobs needs a whole number, got "${v.jobs}"`);
  const { cwd } = io;
  const configs = new ConfigResolver(v.config ? loadConfigFile(resolve(cwd, v.config)) : undefined);
  let root = gitRoot(cwd) ?? cwd;
  const targets = discover(parsed.positionals, cwd, root, configs);
  if (targets.length && !isInside(targets[0]!.abs, root)) root = rootFor(targets[0]!.abs);
  const tasks: Task[] = targets.map((t, index) => ({ index, abs: t.abs, display: toPosix(relative(cwd, t.abs)) || t.abs, path: toPosix(relative(root, t.abs)), config: t.config }));
  const today = localToday();
  const free = freeCores();
  const workspace = tasks.length ? await workspaceFacts(root, configs) : { runbooks: [], alerts: [] };
  const freeNow = free.measure();
  const shared: Shared = { root, today, fix: false, dryRun: false, workspace, report: { svg: format === 'html' } };
  const files: ReportFile[] = [];
  const ioErrors: { path: string; message: string }[] = [];
  const progress = progressBar(tasks.length, io.err, io.env);
  for await (const r of runTasks(tasks, shared, workerCount(tasks.length, v.jobs === undefined ? undefined : Number(v.jobs), freeNow), __filename)) {
    progress.tick(r.display);
    if (r.error) ioErrors.push({ path: r.display, message: r.error });
    else if (r.report) files.push(r.report);
  }
  progress.done();
  // Alerts are counted in the tree the report covers: the folders given, else the whole repository.
  const folders = parsed.positionals.map((p) => resolve(cwd, p)).filter(isDirectory).map((d) => toPosix(relative(root, d)));
  const inTree = (path: string) => !folders.length || folders.some((f) => f === '' || path === f || path.startsWith(`${f}/`));
  const coverage = { config: configs.for(join(root, '.runbook-lint.yaml')), workspace: { ...workspace, alerts: workspace.alerts.filter((a) => inTree(a.path)) } };
  const data = buildReport(files, { today, version: VERSION, ioErrors, alertsWithoutRunbooks: tasks.length ? alertsWithoutRunbooks(coverage) : null });
  const output = v.output ?? (format === 'html' ? 'report.html' : undefined);
  // "Open" links lead from where the page is written to each runbook (relative, so the page moves with the
  // tree); a report's paths are relative to the working folder, as in the other outputs.
  const pageDir = dirname(resolve(cwd, output ?? 'report.html'));
  const fileHref = (path: string) => toPosix(relative(pageDir, resolve(cwd, path))).split('/').map(encodeURIComponent).join('/');
  const text = format === 'json' ? reportJson(data) : reportHtml(data, { nonce: randomBytes(16).toString('base64'), fileHref });
  if (output) {
    try {
      writeFileSync(resolve(cwd, output), text);
    } catch (e) {
      throw new UsageError(`report: could not write ${output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    if (format === 'html') stderrLine(io.err, `report of ${files.length} runbooks written to ${output}`);
  } else io.out.write(text);
  for (const p of ioErrors) stderrLine(io.err, `${p.path} ${p.message}`);
  return ioErrors.length ? 2 : 0;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
