// Editor features around alert rule files, pure: the pre-fill of "Create runbook for this alert",
// the edit that points an alert's runbook_url at a (new) runbook, completion of runbook_url values,
// go-to-definition from an alert to its runbook and from a `related_alerts` entry to its rule.
import { alertNameOfLine, parseAlertRules, RUNBOOK_KEYS, runbookAnnotation, templateSpans, type AlertRule } from './alert-rules.js';
import { alertFactOf } from './alert-check.js';
import { alertCoverage, displayLink, linkFor, redactSecrets, resolveRunbookLink, shownName, type CoverageContext, type LinkForm } from './coverage.js';
import { parseFrontMatter, rangeAtPath } from './model/frontmatter.js';
import { LineIndex, type OffsetRange, type Position } from './model/text.js';
import { categoryOf } from './paths.js';
import type { AlertFact, RunbookFact, TextEdit } from './types.js';

/** What New Runbook… is pre-filled with for an alert (the client runs the command with it). */
export interface RunbookPrefill {
  alert: string;
  /** Line of the alert in its rule file (0-based), to find it again when the link is written. */
  line: number;
  /** The alert's `severity` label. */
  severityLabel?: string;
  /** The runbook severity `alerts.severityMap` maps the label to (offered first, the author picks). */
  severity?: string;
  title: string;
  symptom?: string;
  /** Category folder of the runbook the dangling link names, if it names one. */
  category?: string;
}

const LABEL_TEMPLATE = /^\{\{-?\s*\$labels\.([A-Za-z_]\w*)\s*-?\}\}$/;

/** Annotation text without templates: `{{ $labels.node }}` becomes `<node>` (or nothing, with `labels: 'drop'`), others go. */
export function untemplate(text: string, labels: 'placeholder' | 'drop' = 'placeholder'): string {
  let out = '';
  let last = 0;
  for (const t of templateSpans(text)) {
    const m = LABEL_TEMPLATE.exec(text.slice(t.start, t.end));
    out += text.slice(last, t.start) + (m && labels === 'placeholder' ? `<${m[1]}>` : '');
    last = t.end;
  }
  out += text.slice(last);
  // What removed templates leave behind: runs of blanks, a blank before punctuation, lone separators ("Pod / is").
  const words = out.split(/\s+/).filter((w) => w && !/^[/:-]$/.test(w));
  return words.join(' ').replace(/ ([.,;:!?])/g, '$1').trim();
}

/** `NodeDiskPressure` -> `Node disk pressure`; `etcdNoLeader` -> `Etcd no leader`; `KubeAPIDown` -> `Kube API down`. */
export function alertWords(name: string): string {
  const words: string[] = [];
  for (const part of name.split(/[_:.-]+/)) {
    let w = '';
    for (let i = 0; i < part.length; i++) {
      const c = part[i]!;
      const prev = part[i - 1];
      const next = part[i + 1];
      const upper = c >= 'A' && c <= 'Z';
      const boundary = upper && prev !== undefined && (!(prev >= 'A' && prev <= 'Z') || (next !== undefined && next >= 'a' && next <= 'z'));
      if (boundary && w) {
        words.push(w);
        w = '';
      }
      w += c;
    }
    if (w) words.push(w);
  }
  return words.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : /^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase())).join(' ');
}

/** Text without its trailing `.!:;,` (a loop: `/[.!:;,]+$/` is quadratic on a long run of them). */
function trimPunctuation(s: string): string {
  let e = s.length;
  while (e > 0 && '.!:;,'.includes(s[e - 1]!)) e--;
  return s.slice(0, e);
}

/** The pre-fill for one alert: title from its summary (else its name), symptom from its description (else summary). */
export function runbookPrefill(alert: AlertFact, ctx: CoverageContext): RunbookPrefill {
  // Annotation text travels into an input box and a new file: a credential in it never does. Redacted as
  // written (joining ` .` to the word before hides a token from the detector) and again as shown.
  const summary = alert.summary ? trimPunctuation(redactSecrets(untemplate(redactSecrets(alert.summary), 'drop'))) : '';
  const symptom = alert.description ?? alert.summary;
  const name = shownName(alert.name);
  const c = alertCoverage(alert, ctx);
  const target = c.resolution?.kind === 'dangling' ? c.resolution.target : undefined;
  const map = ctx.config.alerts.severityMap;
  const label = alert.severity;
  const mapped = label ? (map[label] ?? Object.entries(map).find(([k]) => k.toLowerCase() === label.toLowerCase())?.[1]) : undefined;
  return {
    alert: name,
    line: alert.line,
    ...(label ? { severityLabel: label } : {}),
    ...(mapped ? { severity: mapped } : {}),
    title: summary.length >= 3 && summary.length <= 100 ? summary : name === alert.name ? alertWords(name) : name,
    ...(symptom ? { symptom: redactSecrets(untemplate(redactSecrets(symptom))) } : {}),
    ...(target && categoryOf(target) ? { category: categoryOf(displayLink(target)) } : {}),
  };
}

/** The alert named `name` (as shown: a redacted name matches the alert it stands for) nearest to `line` in a parsed file. */
function findAlert(alerts: AlertRule[], lines: LineIndex, name: string, line: number): AlertRule | undefined {
  let best: AlertRule | undefined;
  let bestD = Infinity;
  const redacted = name.includes('<REDACTED:');
  for (const a of alerts) {
    if (a.name !== name && !(redacted && shownName(a.name) === name)) continue;
    const d = Math.abs(lines.positionAt(a.keyRange.start).line - line);
    if (d < bestD) {
      best = a;
      bestD = d;
    }
  }
  return best;
}

/** YAML needs quotes around a plain value that starts with an indicator or holds `: ` / ` #`. */
function yamlScalar(v: string): string {
  return /^[-?:,[\]{}#&*!|>'"%@`\s]|: | #|\s$/.test(v) ? JSON.stringify(v) : v;
}

/** How a new link is written when the alert has none: the first `{path}` site template, else a path relative to the rule file. */
export function preferredForm(ctx: CoverageContext): LinkForm | undefined {
  const t = ctx.config.urlTemplate.find((x) => x.includes('{path}'));
  return t ? { kind: 'template', template: t.trim() } : undefined;
}

/**
 * The edit that points the alert's runbook link at `runbookPath`: its value replaced in the form it was
 * written (relative, repository URL, site template), or a `runbook_url` annotation added.
 */
export function runbookLinkEdit(input: { text: string; path: string; alert: string; line: number; runbookPath: string } & CoverageContext): TextEdit | { error: string } {
  const { text, path } = input;
  const file = parseAlertRules(text);
  const lines = new LineIndex(text);
  const a = findAlert(file.alerts, lines, input.alert, input.line);
  if (!a) return { error: `The alert ${input.alert} is no longer in this file.` };
  const ctx: CoverageContext = { config: input.config, workspace: input.workspace };
  const ann = runbookAnnotation(a);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (ann) {
    if (ann.templated) return { error: `The ${ann.key} of ${a.name} is templated; point it at ${input.runbookPath} by hand.` };
    const r = resolveRunbookLink(ann.value, path, a.name, ctx);
    const form = r.kind === 'runbook' || r.kind === 'dangling' ? r.form : preferredForm(ctx);
    const link = linkFor(form, input.runbookPath, path, a.name);
    const raw = text.slice(ann.valueRange.start, ann.valueRange.end);
    const q = raw[0] === '"' || raw[0] === "'" ? raw[0] : undefined;
    return q ? { range: { start: ann.valueRange.start + 1, end: ann.valueRange.end - 1 }, newText: q === '"' ? JSON.stringify(link).slice(1, -1) : link.replace(/'/g, "''") } : { range: ann.valueRange, newText: yamlScalar(link) };
  }
  const link = yamlScalar(linkFor(preferredForm(ctx), input.runbookPath, path, a.name));
  if (a.annotationsKey) {
    if (a.annotationsKey.flow) return { error: `The annotations of ${a.name} are written inline ({…}); add runbook_url: ${link} by hand.` };
    const keyLine = lines.positionAt(a.annotationsKey.range.start).line;
    const at = keyLine + 1 < lines.lineCount ? lines.lineStarts[keyLine + 1]! : text.length;
    const indent = ' '.repeat(a.annotationsKey.childIndent ?? lines.positionAt(a.annotationsKey.range.start).character + 2);
    return { range: { start: at, end: at }, newText: `${at === text.length ? eol : ''}${indent}runbook_url: ${link}${eol}` };
  }
  const ind = ' '.repeat(a.indent);
  return { range: { start: a.end, end: a.end }, newText: `${eol}${ind}annotations:${eol}${ind}  runbook_url: ${link}` };
}

export interface LinkCompletion {
  label: string;
  detail?: string;
  documentation: string;
  /** The range the value replaces (line, characters). */
  range: { line: number; start: number; end: number };
  sortText: string;
}

/** Completion of a `runbook_url:` (or `runbook:` …) value: the runbooks of the workspace, the alert's own first. */
export function completeRunbookLink(input: { text: string; path: string; position: Position } & CoverageContext): LinkCompletion[] | undefined {
  const lines = new LineIndex(input.text);
  if (input.position.line >= lines.lineCount) return undefined;
  const lineText = lines.lineText(input.position.line);
  const m = /^([ \t]*)([A-Za-z_]+)[ \t]*:[ \t]*/.exec(lineText);
  if (!m || !RUNBOOK_KEYS.includes(m[2]!) || input.position.character < m[0].length) return undefined;
  const hash = lineText.indexOf(' #', m[0].length);
  const end = hash >= 0 ? hash : lineText.length;
  let alert: string | undefined;
  for (let l = input.position.line; l >= 0 && !alert; l--) alert = alertNameOfLine(lines.lineText(l));
  const form = preferredForm(input);
  return input.workspace.runbooks.map((r: RunbookFact) => {
    const link = linkFor(form, r.path, input.path, alert ?? '');
    const mine = !!alert && (r.relatedAlerts ?? []).includes(alert);
    return {
      label: yamlScalar(link),
      detail: r.title,
      documentation: `\`${r.path}\`${mine ? `\n\nLists \`${alert}\` in related_alerts.` : ''}`,
      range: { line: input.position.line, start: m[0].length, end },
      sortText: `${mine ? '0' : '1'}${r.path}`,
    };
  });
}

/** From an alert's name or its runbook link to the runbook it leads to. */
export function alertRunbookAt(input: { text: string; path: string; offset: number } & CoverageContext): { origin: OffsetRange; runbook: string } | undefined {
  const file = parseAlertRules(input.text);
  const lines = new LineIndex(input.text);
  const inside = (r: OffsetRange) => r.start <= input.offset && input.offset <= r.end;
  for (const a of file.alerts) {
    const ann = runbookAnnotation(a);
    const origin = inside(a.nameRange) ? a.nameRange : ann && inside(ann.valueRange) ? ann.valueRange : undefined;
    if (!origin) continue;
    const c = alertCoverage(alertFactOf(a, input.path, lines), input);
    return c.runbook ? { origin, runbook: c.runbook } : undefined;
  }
  return undefined;
}

/** From a `related_alerts` entry of a runbook to the alert rules of that name. */
export function relatedAlertRulesAt(text: string, offset: number, alerts: readonly AlertFact[]): { origin: OffsetRange; rules: AlertFact[] } | undefined {
  const fm = parseFrontMatter(text);
  const list = fm?.data?.['related_alerts'];
  if (!fm || !Array.isArray(list)) return undefined;
  for (let i = 0; i < list.length; i++) {
    const r = rangeAtPath(fm, ['related_alerts', i]);
    if (!r || offset < r.start || offset > r.end || typeof list[i] !== 'string') continue;
    const rules = alerts.filter((a) => a.name === (list[i] as string).trim());
    return rules.length ? { origin: r, rules } : undefined;
  }
  return undefined;
}
