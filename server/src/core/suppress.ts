// Inline suppression comments (SPEC "Configuration"):
//   <!-- runbook-lint-disable-next-line RB401 -- reason -->
//   <!-- runbook-lint-disable RB303 -- reason --> ... <!-- runbook-lint-enable RB303 -->
//   <!-- runbook-lint-disable-file RB502 -- reason -->
// Front-matter lines take the same text as a YAML `# ...` comment.
import type { Runbook } from './model/runbook.js';
import type { OffsetRange } from './model/text.js';
import type { Finding } from './types.js';

export type SuppressionKind = 'next-line' | 'disable' | 'enable' | 'file';

export interface Suppression {
  kind: SuppressionKind;
  /** Rule ids (resolved from ids or names); empty means every rule. */
  rules: string[];
  reason: string;
  range: OffsetRange;
  /** Lines covered (inclusive, 0-based). */
  fromLine: number;
  toLine: number;
  /** How many findings it suppressed, per rule id ('*' for all). */
  used: number;
}

const DIRECTIVE = /^runbook-lint-(disable-next-line|disable-file|disable|enable)\b(.*)$/s;

export function parseSuppressions(rb: Runbook, resolve: (idOrName: string) => string | undefined): Suppression[] {
  const sources: { text: string; range: OffsetRange }[] = [...rb.htmlComments];
  if (rb.frontMatter) sources.push(...rb.frontMatter.comments);
  sources.sort((a, b) => a.range.start - b.range.start);
  const out: Suppression[] = [];
  const open = new Map<string, Suppression>();
  const lastLine = rb.lines.lineCount - 1;
  for (const c of sources) {
    const m = DIRECTIVE.exec(c.text.trim());
    if (!m) continue;
    const kind = (m[1] === 'disable-next-line' ? 'next-line' : m[1] === 'disable-file' ? 'file' : m[1]) as SuppressionKind;
    const [idsPart, ...reasonParts] = m[2]!.split(/\s--\s?|\s--$/);
    const reason = reasonParts.join(' -- ').trim();
    const ids = (idsPart ?? '').split(/[\s,]+/).filter(Boolean).map((x) => resolve(x) ?? x.toUpperCase());
    const endLine = rb.lines.positionAt(c.range.end).line;
    if (kind === 'enable') {
      const targets = ids.length ? ids : [...open.keys()];
      for (const id of targets) {
        const s = open.get(id);
        if (s) {
          s.toLine = rb.lines.positionAt(c.range.start).line;
          open.delete(id);
        }
      }
      continue;
    }
    const s: Suppression = { kind, rules: ids, reason, range: c.range, fromLine: 0, toLine: lastLine, used: 0 };
    if (kind === 'next-line') {
      s.fromLine = endLine + 1;
      s.toLine = endLine + 1;
    } else if (kind === 'disable') {
      s.fromLine = endLine;
      for (const id of ids.length ? ids : ['*']) open.set(id, s);
    }
    out.push(s);
  }
  return out;
}

/** Removes suppressed findings; counts use on each suppression. */
export function applySuppressions(findings: Finding[], sups: Suppression[], rb: Runbook): Finding[] {
  if (!sups.length) return [...findings];
  return findings.filter((f) => {
    const line = rb.lines.positionAt(f.range.start).line;
    for (const s of sups) {
      if (s.kind === 'enable') continue;
      if (s.rules.length && !s.rules.includes(f.ruleId)) continue;
      if (line < s.fromLine || line > s.toLine) continue;
      s.used++;
      return false;
    }
    return true;
  });
}
