// Readers for the workspace index: one file's text -> its facts (runbook front matter and
// headings, CODEOWNERS rules, Prometheus alert rules). Pure functions over text, so the index and
// its tests share them; the file system stays in index.ts.
import { parseFrontMatter } from '../core/model/frontmatter.js';
import { LineIndex } from '../core/model/text.js';
import { categoryOf } from '../core/paths.js';
import { explicitAnchors } from '../core/rules/rb505-link-target.js';
import { redactDetected } from '../core/scrub.js';
import { detectSecrets } from '../core/secrets/index.js';
import type { AlertFact, CodeownersRule, RunbookFact } from '../core/types.js';
import { mayHoldAlerts, parseAlertRules } from '../core/alert-rules.js';
import { alertFactOf } from '../core/alert-check.js';
import { relatedAlertNames } from '../core/coverage.js';

/** Where GitHub looks for CODEOWNERS, in its order of precedence. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Facts of one runbook from its text: front-matter values, headings (outside code), id line. */
export function runbookFact(path: string, text: string): RunbookFact {
  const fm = parseFrontMatter(text);
  const data = fm?.data ?? {};
  const headings: string[] = [];
  let fence: string | undefined;
  let h1: string | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const bodyStartLine = fm ? new LineIndex(text).positionAt(fm.range.end).line : 0;
  let idLine: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i < bodyStartLine) {
      if (idLine === undefined && /^runbook_id\s*:/.test(line)) idLine = i;
      continue;
    }
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1]!;
      else if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence) continue;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const t = h[2]!.replace(/<!--.*?-->/g, '').replace(/[`*_]/g, '').trim();
      headings.push(t);
      if (h[1] === '#' && h1 === undefined) h1 = t;
    }
  }
  const systems = Array.isArray(data['systems_affected']) ? data['systems_affected'].map(str).filter((x): x is string => !!x) : undefined;
  // Facts travel to other documents (completion of owners, hover on a shared id, RB106): a secret in this
  // runbook's front matter or headings never does.
  const clean = factScrubber(fm ? text.slice(fm.content.start, fm.content.end) : '');
  const opt = (v: string | undefined) => (v === undefined ? v : clean(v));
  return {
    path,
    runbookId: opt(str(data['runbook_id'])?.trim()),
    title: opt(str(data['title']) ?? h1),
    category: categoryOf(path),
    owner: opt(str(data['owner'])),
    systems: systems?.map(clean),
    severity: opt(str(data['severity'])),
    lastReviewed: opt(str(data['last_reviewed'])),
    headings: headings.map(clean),
    anchors: explicitAnchors(text),
    idLine,
    ...(Array.isArray(data['related_alerts']) ? { relatedAlerts: relatedAlertNames(data['related_alerts']) } : {}),
  };
}

/** Redacts the values of the secrets detected in a front matter, and any secret a value holds itself. */
function factScrubber(frontMatter: string): (v: string) => string {
  const values = frontMatter ? detectSecrets(frontMatter).map((s) => [frontMatter.slice(s.start, s.end), `<REDACTED:${s.kind}>`] as const).filter(([v]) => v.length >= 5) : [];
  return (v) => redactDetected(values.reduce((acc, [x, r]) => (acc.includes(x) ? acc.split(x).join(r) : acc), v));
}

/** CODEOWNERS rules in file order (gitignore-style patterns; GitLab `[Section]` lines skipped). */
export function parseCodeowners(text: string): CodeownersRule[] {
  const out: CodeownersRule[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, line) => {
    const t = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!t || /^\^?\[.*\]/.test(t)) return;
    const [pattern, ...owners] = t.split(/\s+/);
    out.push({ pattern: pattern!.replace(/\\#/g, '#'), owners, line });
  });
  return out;
}

export { mayHoldAlerts };

/** Alerts of a Prometheus rule file or PrometheusRule object (several documents, Helm templates blanked). */
export function parseAlerts(path: string, text: string): AlertFact[] {
  const file = parseAlertRules(text);
  if (!file.alerts.length && !file.unparsed.length) return [];
  const lines = new LineIndex(text);
  const out = file.alerts.map((a) => alertFactOf(a, path, lines));
  for (const u of file.unparsed) out.push({ name: u.name, path, line: u.line, unparsed: true });
  return out.sort((a, b) => a.line - b.line);
}
