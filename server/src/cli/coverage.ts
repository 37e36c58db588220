// `runbook-lint coverage`: every alert of the repository with its runbook, none, or a dangling
// link; runbooks whose related_alerts name no alert; per severity. Formats: text (table), json
// (docs/coverage-json.md), github (annotations on rule files and runbooks). `--fail-on` for CI.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { check } from '../core/check.js';
import { checkAlertFile } from '../core/alert-check.js';
import { coverageReport, displayLink, shownName, type AlertCoverage, type CoverageReport } from '../core/coverage.js';
import { pagingSeverities } from '../core/rules/rb602-alert-runbook-missing.js';
import type { Finding, ResolvedConfig, WorkspaceFacts } from '../core/types.js';
import { LineIndex } from '../core/model/text.js';
import { loadConfigFile } from '../node/config-file.js';
import { readRunbookFile } from '../node/read-file.js';
import { WorkspaceIndex } from '../workspace/index.js';
import { parseSubcommand, UsageError } from './args.js';
import { ConfigResolver } from './discovery.js';
import { githubAnnotation } from './formatters.js';
import { gitRoot } from './git.js';
import { escapeControls } from '../core/controls.js';
import { redactDetected } from '../core/scrub.js';

export const COVERAGE_HELP = `Usage: runbook-lint coverage [<folder>] [options]

Alert <-> runbook coverage of a repository (default: the git repository around the working
directory): each alert of its Prometheus rule files and PrometheusRule objects with its runbook,
none ("missing"), or a runbook_url that leads nowhere ("dangling"); runbooks whose
related_alerts name no alert ("unknown"); counts per severity.

Options:
  --format <fmt>           text (default: a table), json (docs/coverage-json.md) or github
                           (annotations: RB601 on dangling links, RB602 on paging alerts
                           without a runbook, RB506 on unknown related alerts)
  --fail-on <what>         exit 1 when there is any: missing (alerts of a paging severity,
                           RB602's severities, without a runbook), dangling, unknown (related
                           alerts, when the repository has alert rules); comma-separated or repeated
  --config <file>          use this .runbook-lint.yaml instead of the one in <folder>
  -h, --help               show this help

Exit codes: 0 done (nothing --fail-on names), 1 something --fail-on names, 2 usage, config or IO problem.`;

const FAIL_ON = ['missing', 'dangling', 'unknown'] as const;
type FailOn = (typeof FAIL_ON)[number];
const FORMATS = ['text', 'json', 'github'] as const;

interface CoverageIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  cwd: string;
}

interface CoverageOptions {
  root: string;
  format: (typeof FORMATS)[number];
  failOn: FailOn[];
  config?: string;
}

function parse(argv: string[], cwd: string): CoverageOptions | 'help' {
  const parsed = parseSubcommand('coverage', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    'fail-on': { type: 'string', multiple: true, default: [] },
    config: { type: 'string', short: 'c' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const v = parsed.values;
  if (v.help) return 'help';
  const format = v.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`coverage: unknown --format "${format}" (use ${FORMATS.join(', ')})`);
  const failOn = (v['fail-on'] ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new UsageError(`coverage: unknown --fail-on "${f}" (use ${FAIL_ON.join(', ')})`);
  if (parsed.positionals.length > 1) throw new UsageError('coverage: give one folder (the repository)');
  const root = parsed.positionals[0] ? resolve(cwd, parsed.positionals[0]) : (gitRoot(cwd) ?? cwd);
  let dir = false;
  try {
    dir = statSync(root).isDirectory();
  } catch {
    dir = false;
  }
  if (!dir) throw new UsageError(`coverage: ${parsed.positionals[0] ?? root} is not a folder`);
  return { root, format: format as CoverageOptions['format'], failOn: failOn as FailOn[], config: v.config };
}

export async function coverageMain(argv: string[], io: CoverageIo): Promise<number> {
  const opts = parse(argv, io.cwd);
  if (opts === 'help') {
    io.out.write(COVERAGE_HELP + '\n');
    return 0;
  }
  const configs = new ConfigResolver(opts.config ? loadConfigFile(resolve(io.cwd, opts.config)) : undefined);
  const config = configs.for(join(opts.root, '.runbook-lint.yaml'));
  const index = new WorkspaceIndex(opts.root, { include: config.include, exclude: config.exclude });
  await index.build();
  const workspace = index.facts();
  const report = coverageReport({ config, workspace });
  const paging = pagingSeverities(config.rules['RB602']?.options ?? {});
  const failing = {
    missing: report.alerts.filter((a) => a.status === 'missing' && paging.includes((a.alert.severity ?? '').toLowerCase())).length,
    dangling: report.summary.dangling,
    unknown: report.summary.unknownRelated,
  };
  // Alert and related-alert names are repository text: a detected secret among them is printed redacted.
  if (opts.format === 'json') io.out.write(redactDetected(JSON.stringify(coverageJson(report), null, 2)) + '\n');
  else if (opts.format === 'github') writeGithub(report, { root: opts.root, config, configs, workspace, out: io.out });
  else io.out.write(escapeControls(redactDetected(coverageText(report, paging))));
  const unparsed = [...new Set(workspace.alerts.filter((a) => a.unparsed).map((a) => a.path))];
  if (unparsed.length) io.err.write(`runbook-lint coverage: ${unparsed.length} rule file${unparsed.length === 1 ? '' : 's'} did not parse as YAML (even with templates blanked); their alerts are left out: ${escapeControls(unparsed.slice(0, 5).join(', '))}${unparsed.length > 5 ? ', …' : ''}\n`);
  if (index.stats().truncated) io.err.write('runbook-lint coverage: the repository is larger than the index limits; some files were not read\n');
  const hit = opts.failOn.filter((f) => failing[f] > 0);
  if (hit.length) {
    const what: Record<FailOn, string> = {
      missing: `${plural(failing.missing, 'paging alert')} without a runbook`,
      dangling: plural(failing.dangling, 'dangling runbook link'),
      unknown: plural(failing.unknown, 'unknown related alert'),
    };
    io.err.write(`runbook-lint coverage: ${hit.map((f) => what[f]).join(', ')} (--fail-on ${opts.failOn.join(',')})\n`);
    return 1;
  }
  return 0;
}

/** The JSON document of docs/coverage-json.md. */
export function coverageJson(report: CoverageReport) {
  return {
    version: 1,
    alerts: report.alerts.map((a) => ({
      name: shownName(a.alert.name),
      file: a.alert.path,
      line: a.alert.line + 1,
      severity: a.alert.severity ?? null,
      runbookUrl: a.alert.runbookUrl !== undefined ? displayLink(a.alert.runbookUrl) : null,
      runbook: a.runbook,
      status: a.status,
    })),
    runbooks: report.runbooks.map((r) => ({ path: r.path, relatedAlerts: r.relatedAlerts.map((x) => ({ name: shownName(x.name), status: x.status })) })),
    summary: report.summary,
  };
}

function runbookColumn(a: AlertCoverage): string {
  const r = a.resolution;
  if (a.status === 'missing') return '—';
  if (a.status === 'dangling') return r?.kind === 'dangling' && r.target ? `${displayLink(r.target)} (does not exist)` : `${displayLink(a.alert.runbookUrl ?? '')} (leads to no runbook here)`;
  if (a.runbook) return a.via === 'related' ? `${a.runbook} (lists it in related_alerts)` : a.runbook;
  return `${displayLink(a.alert.runbookUrl ?? '')} (${r?.kind === 'templated' ? 'templated, not checked' : 'outside this repository, not checked'})`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function coverageText(report: CoverageReport, paging: string[]): string {
  let out = '';
  if (report.alerts.length) {
    const rows = [['alert', 'severity', 'status', 'runbook', 'rule']];
    for (const a of report.alerts) rows.push([shownName(a.alert.name), a.alert.severity ?? '-', a.status, runbookColumn(a), `${a.alert.path}:${a.alert.line + 1}`]);
    out += table(rows);
  } else out += 'No alert rules found (Prometheus rule files or PrometheusRule objects in YAML).\n';
  const unknown = report.runbooks.filter((r) => r.relatedAlerts.some((x) => x.status === 'unknown'));
  if (report.hasAlerts && unknown.length) {
    out += '\nRunbooks whose related_alerts name no alert rule:\n';
    for (const r of unknown) out += `  ${r.path}: ${r.relatedAlerts.filter((x) => x.status === 'unknown').map((x) => shownName(x.name)).join(', ')}\n`;
  }
  if (report.alerts.length) {
    const bySeverity = new Map<string, AlertCoverage[]>();
    for (const a of report.alerts) {
      const k = a.alert.severity ?? '(none)';
      bySeverity.set(k, [...(bySeverity.get(k) ?? []), a]);
    }
    out += '\nBy severity:\n';
    const rows = [...bySeverity.entries()]
      .sort((x, y) => Number(paging.includes(y[0].toLowerCase())) - Number(paging.includes(x[0].toLowerCase())) || x[0].localeCompare(y[0]))
      .map(([sev, list]) => [`  ${sev}${paging.includes(sev.toLowerCase()) ? ' (pages)' : ''}`, plural(list.length, 'alert') + ':', ...(['covered', 'missing', 'dangling'] as const).map((s) => `${list.filter((a) => a.status === s).length} ${s}`)]);
    out += table(rows);
  }
  const s = report.summary;
  out += `\n${plural(s.alerts, 'alert')}: ${s.covered} covered, ${s.missing} missing, ${s.dangling} dangling; ${plural(s.unknownRelated, 'unknown related alert')}${report.hasAlerts ? '' : ' (no alert rules: related_alerts not checked)'}\n`;
  return out;
}

function writeGithub(report: CoverageReport, ctx: { root: string; config: ResolvedConfig; configs: ConfigResolver; workspace: WorkspaceFacts; out: NodeJS.WritableStream }): void {
  const emit = (path: string, lines: LineIndex, findings: Finding[]) => {
    for (const f of findings) ctx.out.write(githubAnnotation(path, { ...f, message: redactDetected(f.message), start: lines.positionAt(f.range.start), end: lines.positionAt(f.range.end) }));
  };
  const ruleFiles = [...new Set(report.alerts.filter((a) => a.status !== 'covered').map((a) => a.alert.path))];
  for (const path of ruleFiles) {
    const r = readRunbookFile(join(ctx.root, path));
    if (!r.ok) continue;
    const res = checkAlertFile({ text: r.text, path, config: ctx.config, workspace: ctx.workspace, only: ['RB601', 'RB602'] });
    emit(path, res.lines, res.findings);
  }
  if (report.hasAlerts) {
    for (const rb of report.runbooks.filter((x) => x.relatedAlerts.some((a) => a.status === 'unknown'))) {
      const abs = join(ctx.root, rb.path);
      const r = readRunbookFile(abs);
      if (!r.ok) continue;
      const res = check({ text: r.text, path: rb.path, config: ctx.configs.for(abs), workspace: ctx.workspace, only: ['RB506'] });
      emit(rb.path, res.runbook.lines, res.findings);
    }
  }
  const s = report.summary;
  ctx.out.write(`${plural(s.alerts, 'alert')}: ${s.covered} covered, ${s.missing} missing, ${s.dangling} dangling; ${plural(s.unknownRelated, 'unknown related alert')}\n`);
}
