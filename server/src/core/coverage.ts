// Alert ↔ runbook coverage: where an alert's `runbook_url` (or another annotation) leads in this
// repository, and which alerts have a runbook, none, or a link that leads nowhere. Pure: the
// workspace facts (runbooks, alerts, `exists`) and the config come from the shells.
//
// A link is mapped to a file by, in order: the config's `urlTemplate`s (`{path}` = the runbook's
// path below its `runbooks/` folder without `.md`, matched as a path suffix and, failing that,
// ignoring case, as static sites lower-case their URLs; `{alert}` = the alert name), repository
// URLs of this repository (`https://github.com/<org>/<repo>/blob/<ref>/<path>`, GitLab's
// `/-/blob/`), and relative paths (from the rule file's folder, then from the repository root).
// Any other URL leads outside the repository: it is counted as covered, with no runbook path.
import type { AlertFact, ResolvedConfig, RunbookFact, WorkspaceFacts } from './types.js';
import { resolveLink } from './rules/rb505-link-target.js';
import { isTemplatePlaceholder } from './placeholders.js';
import { detectSecrets } from './secrets/index.js';

/** How a link was written: a new runbook's link is written the same way. */
export type LinkForm =
  | { kind: 'relative' }
  | { kind: 'root' }
  | { kind: 'repo'; prefix: string }
  | { kind: 'template'; template: string };

export type LinkResolution =
  /** Leads to a file of this repository (`path`, repository-relative). */
  | { kind: 'runbook'; path: string; form: LinkForm }
  /** Maps into this repository, but nothing is there; `target` is where it points, when known. */
  | { kind: 'dangling'; target?: string; form: LinkForm }
  /** Leads outside this repository (another site or repository): not checkable here. */
  | { kind: 'external' }
  /** Holds a template (`{{ .Values.x }}`) only a deployment resolves. */
  | { kind: 'templated' };

export type CoverageStatus = 'covered' | 'missing' | 'dangling';

export interface AlertCoverage {
  alert: AlertFact;
  status: CoverageStatus;
  /** The runbook's repository-relative path, or null (none, dangling, or outside the repository). */
  runbook: string | null;
  /** How the runbook was found: its runbook annotation, another annotation, or a runbook's `related_alerts`. */
  via: 'annotation' | 'link' | 'related' | 'none';
  /** The runbook annotation's resolution, when it has one. */
  resolution?: LinkResolution;
}

export interface CoverageContext {
  config: Pick<ResolvedConfig, 'urlTemplate' | 'alerts'>;
  workspace: WorkspaceFacts;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const ALERTNAME_TEMPLATE = /\{\{-?\s*(?:\$labels\.alertname|\.Labels\.alertname|\$labels\s*\.\s*alertname)\s*-?\}\}/g;
const REPO_ACTIONS = new Set(['blob', 'tree', 'raw', 'src']);

interface RunbookTable {
  exact: Set<string>;
  /** Lower-case path without `.md` -> paths, and every segment-boundary suffix of it. */
  suffix: Map<string, string[]>;
  /** Lower-case file name without `.md` -> paths. */
  base: Map<string, string[]>;
  related: Map<string, string[]>;
  ids: Map<string, string>;
  /** The most common folder holding `runbooks/` (`infra/runbooks`), for targets of `{path}`. */
  root?: string;
}

const tables = new WeakMap<readonly RunbookFact[], RunbookTable>();

function push(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function tableOf(runbooks: readonly RunbookFact[]): RunbookTable {
  let t = tables.get(runbooks);
  if (t) return t;
  t = { exact: new Set(), suffix: new Map(), base: new Map(), related: new Map(), ids: new Map() };
  const roots = new Map<string, number>();
  for (const r of runbooks) {
    t.exact.add(r.path);
    const segs = r.path.replace(/\.md$/i, '').toLowerCase().split('/');
    for (let i = 0; i < segs.length; i++) push(t.suffix, segs.slice(i).join('/'), r.path);
    push(t.base, segs[segs.length - 1]!, r.path);
    for (const a of r.relatedAlerts ?? []) push(t.related, a, r.path);
    if (r.runbookId && !t.ids.has(r.runbookId)) t.ids.set(r.runbookId, r.path);
    const i = r.path.split('/').lastIndexOf('runbooks');
    if (i >= 0) {
      const root = r.path.split('/').slice(0, i + 1).join('/');
      roots.set(root, (roots.get(root) ?? 0) + 1);
    }
  }
  t.root = [...roots.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  tables.set(runbooks, t);
  return t;
}

/** The path of a runbook below its `runbooks/` folder, without `.md`: what `{path}` stands for. */
export function templatePath(path: string): string {
  const segs = path.replace(/\.md$/i, '').split('/');
  const i = segs.lastIndexOf('runbooks');
  return segs.slice(i >= 0 ? i + 1 : 0).join('/');
}

function exists(ws: WorkspaceFacts, path: string): boolean {
  if (!path) return false;
  return tableOf(ws.runbooks).exact.has(path) || (ws.exists?.(path) ?? false);
}

/** The shortest of several candidate paths (then by name), so results do not depend on scan order. */
function pick(paths: string[] | undefined): string | undefined {
  if (!paths?.length) return undefined;
  return [...paths].sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
}

/** A runbook for a `{path}` value: exact suffix, then ignoring case. */
function byTemplatePath(ws: WorkspaceFacts, p: string): string | undefined {
  const t = tableOf(ws.runbooks);
  const key = trimSlashes(p.replace(/\.md$/i, ''));
  if (!key) return undefined;
  const all = t.suffix.get(key.toLowerCase());
  if (!all) return undefined;
  const sameCase = all.filter((x) => x.replace(/\.md$/i, '') === key || x.replace(/\.md$/i, '').endsWith('/' + key));
  return pick(sameCase.length ? sameCase : all);
}

/** A runbook for an alert name: named after it, else listing it in `related_alerts`. */
function byAlert(ws: WorkspaceFacts, alert: string): string | undefined {
  const t = tableOf(ws.runbooks);
  return pick(t.base.get(alert.toLowerCase())) ?? pick(t.related.get(alert));
}

function templateRegex(template: string): { re: RegExp; groups: ('path' | 'alert')[] } | undefined {
  const groups: ('path' | 'alert')[] = [];
  let src = '';
  let last = 0;
  for (const m of template.matchAll(/\{(path|alert)\}/g)) {
    src += escapeRe(template.slice(last, m.index));
    src += m[1] === 'path' ? '(.+?)' : '([^/]+?)';
    groups.push(m[1] as 'path' | 'alert');
    last = m.index! + m[0].length;
  }
  if (!groups.length) return undefined;
  src += escapeRe(trimSlashes(template.slice(last), false));
  return { re: new RegExp(`^${src}/?$`, 'i'), groups };
}

/** `s` without leading and trailing slashes (a loop: a regex `/+$` is quadratic on many slashes). */
function trimSlashes(s: string, lead = true): string {
  let a = 0;
  let b = s.length;
  if (lead) while (a < b && s[a] === '/') a++;
  while (b > a && s[b - 1] === '/') b--;
  return s.slice(a, b);
}

/** `s` up to its query or fragment. */
function withoutQuery(s: string): string {
  const i = s.search(/[?#]/);
  return i >= 0 ? s.slice(0, i) : s;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `org/repo` of a remote URL or config value (`git@github.com:org/repo.git`, `https://gitlab.com/g/sub/repo`). */
export function normalizeRepository(s: string): string {
  const t = s
    .trim()
    .replace(/^[a-z+]+:\/\/(?:[^@/]*@)?[^/]+\//i, '')
    .replace(/^[^@/]+@[^:]+:/, '')
    .replace(/^(?:www\.)?(?:github\.com|gitlab\.com)\//i, '')
    .replace(/\.git$/i, '')
    .toLowerCase();
  return trimSlashes(t, false);
}

/** Where an alert's runbook link leads. `from` is the rule file (repository-relative). */
export function resolveRunbookLink(value: string, from: string, alert: string, ctx: CoverageContext): LinkResolution {
  const ws = ctx.workspace;
  const v = value.trim().replace(ALERTNAME_TEMPLATE, alert);
  if (v.includes('{{')) return { kind: 'templated' };
  const bare = withoutQuery(v);
  for (const template of ctx.config.urlTemplate) {
    const tr = templateRegex(template.trim());
    const m = tr?.re.exec(bare);
    if (!tr || !m) continue;
    const form: LinkForm = { kind: 'template', template: template.trim() };
    const pathAt = tr.groups.indexOf('path');
    if (pathAt >= 0) {
      const p = decode(m[pathAt + 1]!);
      const hit = byTemplatePath(ws, p);
      if (hit) return { kind: 'runbook', path: hit, form };
      const root = tableOf(ws.runbooks).root;
      return { kind: 'dangling', target: root ? `${root}/${trimSlashes(p.replace(/\.md$/i, ''))}.md` : undefined, form };
    }
    const name = decode(m[tr.groups.indexOf('alert') + 1]!);
    const hit = byAlert(ws, name);
    return hit ? { kind: 'runbook', path: hit, form } : { kind: 'dangling', form };
  }
  if (SCHEME.test(v) || v.startsWith('//')) return repoLink(bare, ctx);
  // A runbook id (`RB-PLAT-001`) names the runbook directly.
  const byId = tableOf(ws.runbooks).ids.get(v);
  if (byId) return { kind: 'runbook', path: byId, form: { kind: 'relative' } };
  // Prose in a `runbook` annotation ("see the wiki") is no link.
  if (/\s/.test(v) || (!v.includes('/') && !/\.md$/i.test(bare))) return { kind: 'external' };
  const form: LinkForm = { kind: v.startsWith('/') ? 'root' : 'relative' };
  const rel = resolveLink(from, v);
  if (rel && rel.path && exists(ws, rel.path)) return { kind: 'runbook', path: rel.path, form };
  // `docs/runbooks/x.md` written from the repository root.
  const fromRoot = resolveLink('', bare.replace(/^\.?\//, ''));
  if (!v.startsWith('.') && fromRoot && fromRoot.path && exists(ws, fromRoot.path)) return { kind: 'runbook', path: fromRoot.path, form: { kind: 'root' } };
  return { kind: 'dangling', target: rel?.path || undefined, form };
}

/** `https://github.com/<org>/<repo>/blob/<ref>/<path>` (GitLab: `…/<repo>/-/blob/<ref>/<path>`). */
function repoLink(url: string, ctx: CoverageContext): LinkResolution {
  const m = /^(?:https?:)?\/\/(?:[^/@]*@)?(?:www\.)?([^/@]+)\/(.+)$/i.exec(url);
  if (!m) return { kind: 'external' };
  const host = m[1]!.toLowerCase();
  const segs = m[2]!.split('/').filter(Boolean);
  const action = segs.findIndex((s, i) => i >= 2 && REPO_ACTIONS.has(s));
  if (action < 0 || action + 2 > segs.length) return { kind: 'external' };
  const repoSegs = segs.slice(0, segs[action - 1] === '-' ? action - 1 : action);
  if (!(host === 'github.com' || segs[action - 1] === '-')) return { kind: 'external' };
  const repo = repoSegs.join('/').toLowerCase();
  const known = ctx.config.alerts.repository ?? ctx.workspace.repository;
  if (known && normalizeRepository(known) !== repo) return { kind: 'external' };
  const rest = segs.slice(action + 1).map(decode);
  // A ref may hold slashes (`release/1.2`): the first split that names an existing file wins.
  for (let i = 1; i < rest.length; i++) {
    const path = rest.slice(i).join('/');
    if (exists(ctx.workspace, path)) return { kind: 'runbook', path, form: { kind: 'repo', prefix: url.slice(0, url.length - rest.slice(i).join('/').length) } };
  }
  if (!known) return { kind: 'external' };
  const target = rest.slice(1).join('/');
  return { kind: 'dangling', target, form: { kind: 'repo', prefix: url.slice(0, url.length - target.length) } };
}

/** The coverage of one alert: its runbook annotation, another annotation that links to a runbook, or a runbook that lists it. */
export function alertCoverage(alert: AlertFact, ctx: CoverageContext): AlertCoverage {
  if (alert.runbookUrl) {
    const resolution = resolveRunbookLink(alert.runbookUrl, alert.path, alert.name, ctx);
    if (resolution.kind === 'runbook') return { alert, status: 'covered', runbook: resolution.path, via: 'annotation', resolution };
    if (resolution.kind === 'dangling') return { alert, status: 'dangling', runbook: null, via: 'annotation', resolution };
    return { alert, status: 'covered', runbook: null, via: 'annotation', resolution };
  }
  for (const l of alert.links ?? []) {
    const r = resolveRunbookLink(l, alert.path, alert.name, ctx);
    if (r.kind === 'runbook') return { alert, status: 'covered', runbook: r.path, via: 'link' };
  }
  const related = pick(tableOf(ctx.workspace.runbooks).related.get(alert.name));
  if (related) return { alert, status: 'covered', runbook: related, via: 'related' };
  return { alert, status: 'missing', runbook: null, via: 'none' };
}

export interface RelatedAlertStatus {
  name: string;
  status: 'defined' | 'unknown';
}

export interface CoverageReport {
  alerts: AlertCoverage[];
  runbooks: { path: string; relatedAlerts: RelatedAlertStatus[] }[];
  summary: { alerts: number; covered: number; missing: number; dangling: number; unknownRelated: number };
  /** The workspace has alert rules: unknown related alerts count only then (as RB506). */
  hasAlerts: boolean;
}

/** The whole picture for a repository (`runbook-lint coverage`, the Runbooks view). */
export function coverageReport(ctx: CoverageContext): CoverageReport {
  const ws = ctx.workspace;
  const alerts = ws.alerts.filter((a) => !a.unparsed).map((a) => alertCoverage(a, ctx));
  alerts.sort((a, b) => a.alert.path.localeCompare(b.alert.path) || a.alert.line - b.alert.line);
  const names = new Set(ws.alerts.map((a) => a.name));
  const hasAlerts = ws.alerts.length > 0;
  const runbooks = [...ws.runbooks]
    .sort((a, b) => a.path.localeCompare(b.path))
    .filter((r) => r.relatedAlerts?.length)
    .map((r) => ({ path: r.path, relatedAlerts: r.relatedAlerts!.map((name): RelatedAlertStatus => ({ name, status: names.has(name) ? 'defined' : 'unknown' })) }));
  const count = (s: CoverageStatus) => alerts.filter((a) => a.status === s).length;
  return {
    alerts,
    runbooks,
    summary: {
      alerts: alerts.length,
      covered: count('covered'),
      missing: count('missing'),
      dangling: count('dangling'),
      unknownRelated: hasAlerts ? runbooks.reduce((n, r) => n + r.relatedAlerts.filter((x) => x.status === 'unknown').length, 0) : 0,
    },
    hasAlerts,
  };
}

/** `related_alerts` entries of a front-matter value that are alert names (placeholders left out). */
export function relatedAlertNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && !!v.trim() && !isTemplatePlaceholder(v)).map((v) => v.trim());
}

/** The link to write for a new runbook at `path`, in the form the old link used (or relative to the rule file). */
export function linkFor(form: LinkForm | undefined, path: string, from: string, alert: string): string {
  switch (form?.kind) {
    case 'template':
      return form.template.replace(/\{path\}/g, templatePath(path)).replace(/\{alert\}/g, alert);
    case 'repo':
      return form.prefix + path;
    case 'root':
      return '/' + path;
    default:
      return relativePath(from, path);
  }
}

/** `to` relative to the folder of `from` (both repository-relative, `/`-separated). */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return up ? '../'.repeat(up) + rest : rest;
}

/**
 * A link as it may be shown in any output: credentials never. Detected secrets become
 * `<REDACTED:kind>`, URL user-info and query values `<redacted>`.
 */
export function displayLink(url: string): string {
  let out = redactSecrets(url);
  // A token between slashes or before `.md` is not always seen in the whole link (`hvs.….md`): each segment alone too.
  out = out
    .split('/')
    .map((seg) => {
      if (seg.length < 8 || seg.startsWith('<REDACTED:')) return seg;
      const dot = seg.lastIndexOf('.');
      const stem = dot > 0 ? seg.slice(0, dot) : seg;
      const shown = redactSecrets(stem);
      return shown !== stem ? shown + seg.slice(stem.length) : redactSecrets(seg);
    })
    .join('/');
  out = out.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i, '$1<redacted>@');
  out = out.replace(/\?([^#]*)/, (_m, q: string) => '?' + q.split('&').map((p) => (p.includes('=') ? p.slice(0, p.indexOf('=')) + '=<redacted>' : p)).join('&'));
  return out;
}

/**
 * An alert name as shown (coverage tables and JSON, the Runbooks view, a new runbook's related_alerts):
 * a name is the author's text, and a token pasted as one is redacted like any other.
 */
export function shownName(name: string): string {
  return redactSecrets(name);
}

/** Text with every detected secret replaced by `<REDACTED:kind>` (annotation text copied into a new runbook, an input box). */
export function redactSecrets(text: string): string {
  let out = text;
  for (const s of detectSecrets(text).sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + `<REDACTED:${s.kind}>` + out.slice(s.end);
  return out;
}
