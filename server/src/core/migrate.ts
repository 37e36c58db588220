// Migration of a runbook written in another format into the team template, without inventing facts.
// Formats recognised:
//   alert-runbook  `## Meaning / Impact / Diagnosis / Mitigation` (openshift, prometheus-operator,
//                  kubernetes-mixin …): Meaning and Impact → Summary, Diagnosis → Step 1 — Triage,
//                  Mitigation → Mitigation step;
//   docs-site      front matter of a site generator (title, owner_slack, last_reviewed_on, review_in,
//                  weight …) over sections with other names;
//   how-to         a page without section headings: its text becomes the Mitigation step.
// What the source says is kept: every line of its body (headings inside a mapped section go one
// level deeper so they sit under the template's own step headings; the mapped headings themselves
// are replaced by their template home), every code block byte for byte, and its front matter as
// YAML comments at the end of the new one. Facts the source states are carried over: the title
// (front-matter title, else the H1), a review date under a known alias, an owner under a known
// alias, a P0–P4 severity, the alert an alert runbook is named after (related_alerts). Everything
// else the template needs is the template's explicit placeholder, which the rules keep reporting
// ("fill in …") until a person writes it: no date, owner, id number or severity is made up.
// Pure: the CLI (`runbook-lint migrate`) and the editor's code action call it.
import { check } from './check.js';
import { areaFor } from './ids.js';
import { keyLines, REQUIRED_KEYS } from './frontmatter-edit.js';
import { parseRunbook, type Runbook, type SectionKind } from './model/runbook.js';
import { SECTION_ORDER } from './sections.js';
import { isPlaceholderText } from './placeholders.js';
import type { ResolvedConfig } from './types.js';

export type SourceFormat = 'alert-runbook' | 'docs-site' | 'how-to' | 'other';

export interface MigrateResult {
  /** The migrated text (equal to the input when it already follows the template). */
  text: string;
  /** `template` when there was nothing to migrate. */
  format: SourceFormat | 'template';
  /** What was carried over and what was left as a placeholder, one line each. */
  notes: string[];
}

export interface MigrateOptions {
  /** Category folder of the runbook (its id's area comes from `config.areas`). */
  category?: string;
  config?: ResolvedConfig;
}

type Home = 'summary' | 'triage' | 'mitigation' | 'verification' | 'prevention';

/** Section names of the foreign formats and the template section they belong in. */
const HOMES: [RegExp, Home][] = [
  [/^(?:meaning|overview|description|summary|symptoms?|problem|context|background|about|what(?: is| does)? .*|alert)$/i, 'summary'],
  [/^(?:impact|severity|consequences?)$/i, 'summary'],
  [/^(?:diagnosis|diagnose|diagnostics?|investigation|investigate|triage|troubleshoot(?:ing)?|debug(?:ging)?|checks?|identify(?: the)? .*|how to (?:check|investigate|diagnose).*)$/i, 'triage'],
  [/^(?:mitigation|mitigate|resolution|resolve|remediation|remedy|fix|fixes|solution|workaround|recovery|procedure|steps|actions?|how to (?:fix|resolve|recover).*)$/i, 'mitigation'],
  [/^(?:verification|verify|validation|validate|confirm(?:ation)?)$/i, 'verification'],
  [/^(?:prevention|prevent|follow[- ]?ups?|post[- ]?mortem|next steps|long[- ]term fix)$/i, 'prevention'],
];

const ALERT_SECTIONS = /^(?:meaning|impact|diagnosis|mitigation)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEVERITY = /^P[0-4]$/;
const ALERT_NAME = /^[A-Z][A-Za-z0-9]+$/;

/** Source front-matter keys that state a template fact under another name. */
const FACT_KEYS: Record<string, string[]> = {
  last_reviewed: ['last_reviewed', 'last_reviewed_on', 'last_review', 'reviewed_on', 'review_date', 'last_reviewed_at'],
  owner: ['owner', 'owner_team', 'team', 'owners'],
  severity: ['severity', 'priority'],
};

/** The template home of a heading the section model already classifies ("Diagnosis and mitigation"). */
const KIND_HOME: Partial<Record<SectionKind, Home>> = { summary: 'summary', triage: 'triage', diagnose: 'triage', mitigation: 'mitigation', verification: 'verification', prevention: 'prevention' };

function homeOf(heading: string): Home | undefined {
  const t = heading.replace(/[`*_:]/g, '').trim();
  return HOMES.find(([re]) => re.test(t))?.[1];
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() && !isPlaceholderText(v)) return v.trim();
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return undefined;
}

/** Does the runbook already follow the template (front matter with a runbook_id and a Summary)? */
export function followsTemplate(rb: Runbook): boolean {
  return !!rb.frontMatter?.data && 'runbook_id' in rb.frontMatter.data && rb.sections.some((s) => s.heading.depth === 2 && s.kind === 'summary');
}

export function detectFormat(rb: Runbook): SourceFormat {
  const h2 = rb.sections.filter((s) => s.heading.depth === 2).map((s) => s.heading.text.trim());
  if (h2.filter((t) => ALERT_SECTIONS.test(t)).length >= 2) return 'alert-runbook';
  if (!h2.length) return 'how-to';
  if (rb.frontMatter?.data) return 'docs-site';
  return 'other';
}

/** The text of a section's body with its headings `by` levels deeper (never past H6); code untouched. */
function demoted(rb: Runbook, start: number, end: number, by: number): string {
  let out = '';
  let at = start;
  for (const h of rb.headings) {
    if (h.range.start < start || h.range.start >= end) continue;
    const line = rb.text.slice(h.range.start, h.range.end);
    const m = /^(\s{0,3})(#{1,6})(?=\s|$)/.exec(line);
    if (!m) continue; // a setext heading: left as it is
    out += rb.text.slice(at, h.range.start) + m[1] + '#'.repeat(Math.min(6, m[2]!.length + by)) + line.slice(m[0].length);
    at = h.range.end;
  }
  return closeFence((out + rb.text.slice(at, end)).replace(/^(?:[ \t]*\r?\n)+/, ''));
}

/**
 * Without trailing blank lines; a code fence the source never closed (it ran to the end of the
 * section) is closed, so the template's next heading stays a heading. The code itself is unchanged.
 */
function closeFence(part: string): string {
  let fence: string | undefined;
  for (const line of part.split(/\r?\n/)) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (!f) continue;
    if (!fence) fence = f[1]!;
    else if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = undefined;
  }
  if (!fence) return part.trimEnd();
  return part.trimEnd() + (part.includes('\r\n') ? '\r\n' : '\n') + fence;
}

export function migrate(text: string, path?: string, opts: MigrateOptions = {}): MigrateResult {
  const rb = parseRunbook(text, path);
  if (followsTemplate(rb)) return { text, format: 'template', notes: ['already follows the template: nothing to migrate'] };
  const eol = rb.lines.eol;
  const format = detectFormat(rb);
  const notes: string[] = [];
  const data = rb.frontMatter?.data ?? {};

  // Where each top-level section of the source goes.
  const parts: Record<Home, string[]> = { summary: [], triage: [], mitigation: [], verification: [], prevention: [] };
  /** Parts with no template home, kept after the steps in the order of the source. */
  const rest: { at: number; text: string }[] = [];
  const h1 = rb.h1;
  const bodyStart = rb.bodyStart;
  const firstH2 = rb.sections.find((s) => s.heading.depth === 2);
  // Text between the H1 (or the front matter) and the first section: the summary's prose.
  const introStart = h1 ? h1.range.end : bodyStart;
  const introEnd = firstH2 ? firstH2.range.start : text.length;
  const beforeH1 = h1 && h1.range.start > bodyStart ? demoted(rb, bodyStart, h1.range.start, 0) : '';
  const intro = demoted(rb, Math.max(introStart, bodyStart), introEnd, 2);
  if (format === 'how-to') {
    if (intro) parts.mitigation.push(intro);
  } else if (intro) parts.summary.push(intro);
  if (beforeH1) parts.summary.unshift(beforeH1);
  for (const s of rb.sections) {
    if (s.heading.depth !== 2) continue;
    const home = homeOf(s.heading.text) ?? KIND_HOME[s.kind];
    if (!home) {
      // Kept as its own section after the template's steps, as written (References, See also …).
      rest.push({ at: s.range.start, text: demoted(rb, s.range.start, s.range.end, 0) });
      continue;
    }
    const body = demoted(rb, s.bodyRange.start, s.range.end, 2);
    // A named part of the summary keeps its name as a paragraph label.
    if (home === 'summary' && !/^(?:meaning|overview|description|summary)$/i.test(s.heading.text.trim())) parts.summary.push(`**${s.heading.text.trim()}:**`);
    // A section that opens with a command had its heading as the command's "why": keep it, one level
    // below the template's step heading.
    const why = home !== 'summary' && /^\s{0,3}(?:`{3,}|~{3,})/.test(body) ? `${'#'.repeat(home === 'triage' ? 4 : 3)} ${s.heading.text.trim()}${eol}${eol}` : '';
    if (body) parts[home].push(why + body);
    notes.push(`${s.heading.text.trim()} → ${home === 'summary' ? 'Summary' : home === 'triage' ? 'Step 1 — Triage' : home[0]!.toUpperCase() + home.slice(1)}`);
  }

  // A further H1 after the first section (a page in two parts) ends the sections before it, and its
  // text up to the next section belongs to none of them: kept after the steps, its H1 as an H2.
  for (const h of rb.headings) {
    if (h.depth !== 1 || h === h1 || !firstH2 || h.range.start < firstH2.range.start) continue;
    const next = rb.headings.find((n) => n.range.start > h.range.start && n.depth <= 2);
    rest.push({ at: h.range.start, text: demoted(rb, h.range.start, next ? next.range.start : text.length, 1) });
  }

  // Front matter: the template's keys, with the facts the source states.
  const title = str(data['title']) ?? (h1 ? h1.text.trim() : undefined);
  const area = opts.config ? areaFor(opts.category, opts.config) : undefined;
  const fact = (key: string, ok: (v: string) => boolean) => {
    for (const k of FACT_KEYS[key]!) {
      const raw = data[k];
      const v = Array.isArray(raw) ? str(raw[0]) : str(raw);
      if (v !== undefined && ok(v)) {
        notes.push(`front matter: ${k} → ${key}`);
        return v;
      }
    }
    return undefined;
  };
  const lastReviewed = fact('last_reviewed', (v) => DATE.test(v));
  // A Slack channel (`#team-x`) is where to ask, not who owns the runbook.
  const owner = fact('owner', (v) => !v.startsWith('#'));
  const severity = fact('severity', (v) => SEVERITY.test(v.toUpperCase()));
  const alert = format === 'alert-runbook' && h1 && ALERT_NAME.test(h1.text.trim()) ? h1.text.trim() : undefined;
  const existingId = str(data['runbook_id']);
  const fm: string[] = ['---'];
  for (const key of REQUIRED_KEYS) {
    if (key === 'runbook_id' && existingId) fm.push(`runbook_id: ${JSON.stringify(existingId)}`);
    else if (key === 'last_reviewed' && lastReviewed) fm.push(`last_reviewed: "${lastReviewed}"`);
    else if (key === 'owner' && owner) fm.push(`owner: ${JSON.stringify(owner)}`);
    else if (key === 'severity' && severity) fm.push(`severity: "${severity.toUpperCase()}"`);
    else if (key === 'related_alerts' && alert) fm.push('related_alerts:', `  - ${JSON.stringify(alert)}`);
    else fm.push(...keyLines(key, { area, title }));
  }
  if (rb.frontMatter) {
    fm.push('# The original front matter, kept as it was:');
    const yaml = text.slice(rb.frontMatter.content.start, rb.frontMatter.content.end).trimEnd();
    for (const l of yaml.split(/\r?\n/)) fm.push(l ? `# ${l}` : '#');
  }
  fm.push('---');
  const filled = ['title', ...(lastReviewed ? ['last_reviewed'] : []), ...(owner ? ['owner'] : []), ...(severity ? ['severity'] : []), ...(alert ? ['related_alerts'] : []), ...(existingId ? ['runbook_id'] : [])];
  notes.push(`placeholders left to fill in: ${REQUIRED_KEYS.filter((k) => !filled.includes(k) || (k === 'title' && !title)).join(', ')}, and every <…> in the body`);

  const skeleton = (kind: SectionKind, n: number) => SECTION_ORDER.find((r) => r.kind === kind)!.skeleton(n, eol).trimEnd();
  const out: string[] = [fm.join(eol), '', `# ${title ?? '<Short, action-oriented title>'}`, ''];
  // Summary: the template's fields stay placeholders; the source's own words follow them.
  out.push(skeleton('summary', 0), '');
  for (const p of parts.summary) out.push(p, '');
  out.push(skeleton('inputs', 0), '');
  let step = 1;
  const triage = parts.triage.join(eol + eol);
  if (triage) {
    out.push(`## Step ${step} — Triage`, '### Commands/checks', triage, '', '### Interpret results', '- If <condition> → go to <the step it leads to>', '');
  } else out.push(skeleton('triage', step), '');
  step++;
  const mitigation = parts.mitigation.join(eol + eol);
  out.push(`## Step ${step} — Mitigation (safe-first)`, '- [ ] <lowest-risk mitigation first>', '- [ ] <rollback path, known before any change>', '');
  if (mitigation) out.push(mitigation, '');
  step++;
  for (const kind of ['verification', 'prevention'] as const) {
    const own = parts[kind].join(eol + eol);
    out.push(skeleton(kind, step), '');
    if (own) out.push(own, '');
    step++;
  }
  for (const r of rest.sort((x, y) => x.at - y.at)) out.push(r.text, '');
  const draft = out.join(eol).trimEnd() + eol;
  return { text: withExpectationStubs(draft, path, eol), format, notes };
}

const EXPECT_STUB = 'Expected output: <shape of the output>';

/**
 * The template asks each step with commands to say what output to expect (RB211). Where the
 * source does not, the step gets the template's "Expected output: <…>" line (before its
 * "Interpret results", else at its end), which RB211 keeps reporting until someone fills it in.
 */
function withExpectationStubs(text: string, path: string | undefined, eol: string): string {
  const r = check({ text, path, only: ['RB211'] });
  const at = new Set<number>();
  for (const f of r.findings) {
    if (f.meta?.['part'] !== 'expect' || f.meta['placeholder'] === true) continue;
    const step = r.runbook.sections.find((s) => s.heading.depth === 2 && s.range.start <= f.range.start && f.range.start < s.range.end);
    if (!step) continue;
    const interpret = step.children.find((c) => /^interpret/i.test(c.heading.text.trim()));
    let pos = interpret ? interpret.range.start : step.range.end;
    while (pos > step.range.start && /\s/.test(text[pos - 1]!)) pos--;
    at.add(pos);
  }
  let out = text;
  for (const pos of [...at].sort((a, b) => b - a)) out = out.slice(0, pos) + eol + eol + EXPECT_STUB + out.slice(pos);
  return out;
}
