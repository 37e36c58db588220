// The checking engine for alert rule files (Prometheus rule files, PrometheusRule objects): the
// rules marked `appliesTo: 'alert-rules'` (RB601, RB602) over one YAML text, with the same
// suppression comments as runbooks' front matter (`# runbook-lint-disable-next-line RB602 -- reason`,
// `# runbook-lint-disable-file RB602 -- reason`). Pure: text + config + workspace facts in.
import { parseAlertRules, runbookAnnotation, annotationText, isPrometheusRuleText, type AlertRule, type AlertRulesFile } from './alert-rules.js';
import { alertCoverage, shownName, type AlertCoverage } from './coverage.js';
import { defaultConfig } from './config.js';
import { LineIndex } from './model/text.js';
import { isRunbookPath } from './paths.js';
import { rules, ruleByIdOrName } from './rules/index.js';
import { detectSecrets } from './secrets/index.js';
import { EMPTY_WORKSPACE, type AlertFact, type Finding, type ResolvedConfig, type Severity, type WorkspaceFacts } from './types.js';

export interface AlertCheckInput {
  text: string;
  /** Repository-relative POSIX path of the rule file. */
  path: string;
  config?: ResolvedConfig;
  workspace?: WorkspaceFacts;
  /** Only run these rule ids. */
  only?: string[];
}

export interface AlertCheckResult {
  findings: Finding[];
  file: AlertRulesFile;
  lines: LineIndex;
  /** Each alert of the file with where it leads (same order as `file.alerts`). */
  coverage: AlertCoverage[];
  internalErrors: { ruleId: string; message: string }[];
}

/** Whether a YAML file is checked as alert rules: its path matches `alerts.files`, or it declares a PrometheusRule. */
export function isAlertRulesFile(path: string, text: string | undefined, config: ResolvedConfig): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  if (isRunbookPath(path, config.alerts.files, [])) return true;
  return text !== undefined && isPrometheusRuleText(text);
}

/** Annotations that are prose, never a link. */
const PROSE = new Set(['summary', 'description', 'message']);
/** A value that may be a link or a path: one word holding `/` or ending in `.md`. */
const linkish = (v: string) => !/\s/.test(v) && (v.includes('/') || /\.md$/i.test(v));
/**
 * Long prose kept to 300 characters, cut between words: a token cut in half is no longer recognised
 * as one by the redaction that runs where the text is shown (the pre-fill), so it goes whole.
 */
function cut(s: string | undefined): string | undefined {
  if (!s || s.length <= 300) return s;
  let e = 299;
  while (e > 0 && !/\s/.test(s[e]!)) e--;
  return s.slice(0, e).trimEnd() + '…';
}

/** The facts of one alert (the workspace index keeps them for saved files; the editor for the typed text). */
export function alertFactOf(a: AlertRule, path: string, lines: LineIndex): AlertFact {
  const rb = runbookAnnotation(a);
  const links = a.annotations.filter((x) => x !== rb && !x.templated && !PROSE.has(x.key) && linkish(x.value.trim())).map((x) => x.value.trim());
  const summary = cut(annotationText(a, 'summary'));
  const description = cut(annotationText(a, 'description', 'message'));
  return {
    name: a.name,
    ...(a.expr !== undefined ? { expr: a.expr } : {}),
    ...(a.severity !== undefined ? { severity: a.severity } : {}),
    path,
    line: lines.positionAt(a.keyRange.start).line,
    ...(rb ? { runbookUrl: rb.value.trim(), runbookKey: rb.key } : {}),
    ...(links.length ? { links } : {}),
    ...(summary ? { summary } : {}),
    ...(description ? { description } : {}),
  };
}

const SUPPRESS = /^#\s*runbook-lint-disable-(next-line|file)(?=\s)/;

/** `# runbook-lint-disable-next-line RB601 RB602 -- reason` on a line: its kind and rule ids. */
function suppressionOf(line: string): { kind: string; ids: string[] } | undefined {
  const hash = line.indexOf('#');
  const m = hash >= 0 ? SUPPRESS.exec(line.slice(hash)) : null;
  if (!m) return undefined;
  let rest = line.slice(hash + m[0].length);
  const reason = rest.indexOf(' -- ');
  if (reason >= 0) rest = rest.slice(0, reason);
  return { kind: m[1]!, ids: rest.split(/[\s,]+/).filter(Boolean).map((x) => ruleByIdOrName(x)?.id ?? x) };
}

export function checkAlertFile(input: AlertCheckInput): AlertCheckResult {
  const config = input.config ?? defaultConfig();
  const workspace = input.workspace ?? EMPTY_WORKSPACE;
  const text = input.text;
  const lines = new LineIndex(text);
  const file = parseAlertRules(text);
  const coverage = file.alerts.map((a) => alertCoverage(alertFactOf(a, input.path, lines), { config, workspace }));
  const byRule = new Map(file.alerts.map((a, i) => [a, coverage[i]!]));
  const findings: Finding[] = [];
  const internalErrors: AlertCheckResult['internalErrors'] = [];
  for (const r of rules) {
    if (r.appliesTo !== 'alert-rules' || !r.checkAlerts) continue;
    const rc = config.rules[r.id];
    const severity = (rc?.severity ?? r.defaultSeverity) as Severity | 'off';
    if (severity === 'off' || (input.only && !input.only.includes(r.id))) continue;
    try {
      r.checkAlerts({
        path: input.path,
        text,
        file,
        config,
        options: rc?.options ?? {},
        workspace,
        coverage: (a) => byRule.get(a) ?? alertCoverage(alertFactOf(a, input.path, lines), { config, workspace }),
        report: (f) => findings.push({ ruleId: r.id, ruleName: r.name, severity, message: f.message, range: f.range, fix: f.fix, related: f.related, meta: f.meta }),
      });
    } catch (e) {
      internalErrors.push({ ruleId: r.id, message: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
    }
  }
  const kept = suppress(findings, lines);
  scrub(text, kept);
  kept.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, file, lines, coverage, internalErrors };
}

/** `# runbook-lint-disable-next-line RBxxx` (the next line that is not blank or a comment) and `-disable-file`. */
function suppress(findings: Finding[], lines: LineIndex): Finding[] {
  if (!findings.length) return findings;
  const file = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  let pending: string[] = [];
  for (let i = 0; i < lines.lineCount; i++) {
    const t = lines.lineText(i);
    const m = suppressionOf(t);
    if (m?.kind === 'file') m.ids.forEach((x) => file.add(x));
    else if (m) pending.push(...m.ids);
    else if (/^\s*(#.*)?$/.test(t)) continue;
    else if (pending.length) {
      byLine.set(i, new Set(pending));
      pending = [];
    }
  }
  return findings.filter((f) => !file.has(f.ruleId) && !byLine.get(lines.positionAt(f.range.start).line)?.has(f.ruleId));
}

/**
 * No message carries a secret of the file (a `runbook_url` may hold a token), nor an alert name that is
 * one (the file's scan can see only part of it: `glpat-…_more_words`).
 */
function scrub(text: string, findings: Finding[]): void {
  if (!findings.length) return;
  const named = new Set(findings.map((f) => f.meta?.['alert']).filter((n): n is string => typeof n === 'string'));
  const names = [...named].map((n) => [n, shownName(n)] as const).filter(([n, shown]) => n !== shown);
  const values = [...names, ...detectSecrets(text).map((s) => [text.slice(s.start, s.end), `<REDACTED:${s.kind}>`] as const)]
    .filter(([v]) => v.length >= 5)
    .sort((a, b) => b[0].length - a[0].length);
  if (!values.length) return;
  const clean = (s: string) => values.reduce((out, [v, r]) => out.split(v).join(r), s);
  for (const f of findings) {
    f.message = clean(f.message);
    for (const r of f.related ?? []) r.message = clean(r.message);
    if (f.meta) for (const [k, v] of Object.entries(f.meta)) if (typeof v === 'string') f.meta[k] = clean(v);
  }
}
