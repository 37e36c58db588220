// Readers for the workspace index: one file's text -> its facts (runbook front matter and
// headings, CODEOWNERS rules, Prometheus alert rules). Pure functions over text, so the index and
// its tests share them; the file system stays in index.ts.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { parseFrontMatter } from '../core/model/frontmatter.js';
import { LineIndex } from '../core/model/text.js';
import { categoryOf } from '../core/paths.js';
import { explicitAnchors } from '../core/rules/rb505-link-target.js';
import type { AlertFact, CodeownersRule, RunbookFact } from '../core/types.js';

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
  return {
    path,
    runbookId: str(data['runbook_id'])?.trim(),
    title: str(data['title']) ?? h1,
    category: categoryOf(path),
    owner: str(data['owner']),
    systems,
    severity: str(data['severity']),
    lastReviewed: str(data['last_reviewed']),
    headings,
    anchors: explicitAnchors(text),
    idLine,
  };
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

/** Whether a YAML file may hold alert rules (cheap prefilter before parsing). */
export function mayHoldAlerts(text: string): boolean {
  return /^\s*-?\s*alert\s*:/m.test(text);
}

/** `alert:` rules of a Prometheus rule file or PrometheusRule CRD (several documents allowed). */
export function parseAlerts(path: string, text: string): AlertFact[] {
  if (!mayHoldAlerts(text)) return [];
  const lines = new LineIndex(text);
  const out: AlertFact[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false });
  } catch {
    docs = undefined;
  }
  const parsed = Array.isArray(docs) && docs.every((d) => d.errors.length === 0);
  if (parsed) {
    const stack: Node[] = docs!.map((d) => d.contents as Node).filter(Boolean);
    while (stack.length) {
      const n = stack.pop()!;
      if (isMap(n)) {
        const pair = n.items.find((p) => isScalar(p.key) && p.key.value === 'alert');
        const v = pair?.value;
        if (pair && isScalar(v) && typeof v.value === 'string' && v.value.trim()) {
          const get = (k: string) => n.items.find((p) => isScalar(p.key) && p.key.value === k)?.value as Node | undefined;
          const expr = get('expr');
          const labels = get('labels');
          const sev = isMap(labels) ? labels.items.find((p) => isScalar(p.key) && p.key.value === 'severity')?.value : undefined;
          const key = pair.key as Node;
          out.push({
            name: v.value.trim(),
            expr: isScalar(expr) ? String(expr.value).trim() : undefined,
            severity: isScalar(sev) ? String(sev.value) : undefined,
            path,
            line: lines.positionAt(key.range?.[0] ?? 0).line,
          });
        }
        for (const p of n.items) if (p.value) stack.push(p.value as Node);
      } else if (isSeq(n)) {
        for (const it of n.items) if (it) stack.push(it as Node);
      }
    }
    return out.sort((a, b) => a.line - b.line);
  }
  // Templated files (Helm `{{ }}`) do not parse: fall back to the `alert:` lines themselves.
  text.split(/\r\n|\r|\n/).forEach((l, line) => {
    const m = /^\s*-?\s*alert\s*:\s*["']?([A-Za-z_:][\w:.-]*)["']?\s*(?:#.*)?$/.exec(l);
    if (m) out.push({ name: m[1]!, path, line });
  });
  return out;
}
