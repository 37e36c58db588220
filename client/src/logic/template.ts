// The runbook template (seed README "Runbook template") as one snippet: the source of the
// `Runbook: full template` snippet, of Insert Runbook Template and of New Runbook… (filled in).
// No vscode API here: unit-tested in test/unit/client-template.test.ts.

export interface TemplateValues {
  id?: string;
  title?: string;
  owner?: string;
  /** `YYYY-MM-DD`; absent: the snippet variables for today's date. */
  today?: string;
  /** Create runbook for this alert: the alert(s), the severity the author picked, the symptom. */
  relatedAlerts?: string[];
  severity?: string;
  symptom?: string;
}

export const TODAY_VARIABLES = '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE';

/** Escapes text for use inside a snippet placeholder default. */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

function field(n: number, value: string | undefined, fallback: string): string {
  return `\${${n}:${value !== undefined ? escapeSnippet(value) : fallback}}`;
}

/** The front matter block as snippet lines (tab stops 1–15). */
export function frontMatterSnippetLines(v: TemplateValues = {}): string[] {
  return [
    '---',
    `runbook_id: ${field(1, v.id, 'RB-<AREA>-<NNN>')}`,
    `title: "${field(2, v.title, '<Short, action-oriented title>')}"`,
    `owner: "${field(3, v.owner, '<Team or role>')}"`,
    `last_reviewed: "${v.today !== undefined ? field(4, v.today, '') : `\${4:${TODAY_VARIABLES}}`}"`,
    // A choice list starts with the seed's placeholder: nothing is picked until the author picks (Create
    // runbook for this alert: the severity the author picked in its own step).
    v.severity ? `severity: "${field(5, v.severity, '')}"` : 'severity: "${5|<P0\\|P1\\|P2\\|P3\\|P4>,P0,P1,P2,P3,P4|}"',
    'systems_affected:',
    '  - "${6:<system/component>}"',
    'environments:',
    '  - "${7|<dev\\|staging\\|prod>,dev,staging,prod|}"',
    'related_alerts:',
    ...(v.relatedAlerts?.length ? v.relatedAlerts.map((a, i) => (i === 0 ? `  - "${field(8, a, '')}"` : `  - "${escapeSnippet(a)}"`)) : ['  - "${8:<alert name/id>}"']),
    'prerequisites:',
    '  - "${9:<required access/tools>}"',
    'safety:',
    '  impact: "${10:<what can go wrong>}"',
    '  rollback: "${11:<how to revert>}"',
    'audit_notes:',
    '  - "${12:Record incident id / run id / deployment sha / dataset version id as applicable}"',
    '---',
  ];
}

/** The whole runbook as snippet lines: front matter, then the sections of the seed template. */
export function templateSnippetLines(v: TemplateValues = {}): string[] {
  return [
    ...frontMatterSnippetLines(v),
    '',
    '# ${2}',
    '',
    '## Summary',
    `- **Symptom:** ${field(13, v.symptom, '<what operators or users see>')}`,
    '- **Impact:** ${14:<who or what is affected>}',
    '- **Most common causes:** ${15:<the usual suspects>}',
    '',
    '## Inputs (what to collect first)',
    '- [ ] Time window (UTC + local)',
    '- [ ] Environment / namespace / cluster',
    '- [ ] Service/component names',
    '- [ ] Recent changes (deployments, promotions, policy changes)',
    '',
    '## Step 1 — Triage',
    '### Commands/checks',
    'Why: ${16:<what this check tells you>}',
    '',
    '```bash',
    '${17:<read-only command>}',
    '```',
    '',
    'Expected output: ${18:<shape of the output>}',
    '',
    '### Interpret results',
    '- If ${19:<condition>} → go to Step 2A',
    '- Else → go to Step 2B',
    '',
    '## Step 2A — Diagnose ${20:<cause A>}',
    '### Commands/checks',
    'Why: ${21:<why>}',
    '',
    '```bash',
    '${22:<read-only command>}',
    '```',
    '',
    'Expected output: ${23:<shape of the output>}',
    '',
    '### Interpret results',
    '- If ${24:<condition>} → go to Step 3',
    '- Else → go to Step 2B',
    '',
    '## Step 2B — Diagnose ${25:<cause B>}',
    '### Commands/checks',
    'Why: ${26:<why>}',
    '',
    '```bash',
    '${27:<read-only command>}',
    '```',
    '',
    'Expected output: ${28:<shape of the output>}',
    '',
    '### Interpret results',
    '- If ${29:<condition>} → go to Step 3',
    '- Else → go to Step 5',
    '',
    '## Step 3 — Mitigation (safe-first)',
    '- [ ] ${30:Lowest-risk mitigation first}',
    '- [ ] ${31:Rollback path known **before** changes}',
    '',
    '## Step 4 — Verification',
    '- [ ] ${32:Smoke checks}',
    '- [ ] ${33:Metrics trending back to baseline}',
    '- [ ] ${34:No policy boundary violations introduced}',
    '',
    '## Step 5 — Prevention / follow-ups',
    '- [ ] ${35:Add/adjust alert}',
    '- [ ] ${36:Add test / gate / validation}',
    '- [ ] ${37:Update this runbook with what you learned}',
    '$0',
  ];
}

export function templateSnippet(v: TemplateValues = {}): string {
  return templateSnippetLines(v).join('\n');
}

/**
 * Snippet text → plain text: each tab stop becomes its default (a bare `$2` repeats the default
 * of tab stop 2), escapes are undone. A choice becomes its first value, or with
 * `choices: 'placeholder'` a `<a|b|c>` placeholder the author must replace (RB105 says so).
 * Snippet variables are left as written.
 */
export function snippetToText(snippet: string, opts: { choices?: 'first' | 'placeholder' } = {}): string {
  const defaults = new Map<string, string>();
  const re = /\$\{(\d+)(?::((?:\\.|[^\\}])*)|\|((?:\\.|[^\\|])*)\|)?\}|\$(\d+)|\\([\\$}|,])/g;
  // First pass: collect defaults of placeholders (so mirrors like `# ${2}` can use them).
  for (const m of snippet.matchAll(re)) {
    if (m[1] !== undefined && !defaults.has(m[1])) {
      const choices = m[3] !== undefined ? m[3].split(/(?<!\\),/).map(unescape) : undefined;
      const d = m[2] !== undefined ? unescape(m[2]) : choices ? (opts.choices === 'placeholder' ? `<${choices.join('|')}>` : choices[0]) : undefined;
      if (d !== undefined) defaults.set(m[1], d);
    }
  }
  return snippet.replace(re, (_all, n1: string | undefined, _d, _c, n2: string | undefined, esc: string | undefined) => {
    if (esc !== undefined) return esc;
    return defaults.get((n1 ?? n2)!) ?? '';
  });
}

function unescape(s: string): string {
  return s.replace(/\\([\\$}|,])/g, '$1');
}

/** New Runbook…'s values: id, title and date always; owner, and the alert's facts for Create runbook for this alert. */
type NewRunbookValues = Required<Pick<TemplateValues, 'id' | 'title' | 'today'>> & Omit<TemplateValues, 'id' | 'title' | 'today'>;

/** The template with id, title, owner and date filled in, as the snippet New Runbook… inserts (Tab walks its placeholders). */
export function newRunbookSnippet(v: NewRunbookValues): string {
  return templateSnippet(v).replace(/\n\$0$/, '$0\n');
}

/** The text of a new runbook file: `newRunbookSnippet` with every placeholder as it stands (choices: the seed's placeholder). */
export function newRunbookText(v: NewRunbookValues): string {
  return snippetToText(newRunbookSnippet(v));
}

/**
 * Where Insert Runbook Template goes: refused when the document already has the template (front
 * matter or its sections: New Runbook… makes another file); otherwise at the start of the cursor's
 * line when it is blank, else at the start of the next line. Lines are 0-based.
 */
export function templateInsertion(lines: string[], cursorLine: number): { refuse: string } | { line: number; newlineFirst: boolean } {
  if (/^\uFEFF?---\s*$/.test(lines[0] ?? '') || lines.some((l) => /^##\s+(Summary|Inputs|Step\s+\d)/i.test(l))) {
    return { refuse: 'This file already has the runbook template (front matter or its sections). Use New Runbook… to start another runbook.' };
  }
  if ((lines[cursorLine] ?? '').trim() === '') return { line: cursorLine, newlineFirst: false };
  // The cursor's line has text: the template starts on the next line (a new one at the end of the file).
  return cursorLine + 1 < lines.length ? { line: cursorLine + 1, newlineFirst: false } : { line: cursorLine, newlineFirst: true };
}

/**
 * A workspace's own template (`<runbooks root>/_templates/*.md`, written like the seed's) with the
 * seed placeholders for id, title, owner and date replaced. Other placeholders stay for the author.
 */
export function fillUserTemplate(template: string, v: { id: string; title: string; today: string; owner?: string; relatedAlerts?: string[]; severity?: string; symptom?: string }): string {
  let t = template
    .replace(/RB-<AREA>-<NNN>/g, v.id)
    .replace(/^(last_reviewed:\s*["']?)YYYY-MM-DD/m, `$1${v.today}`)
    .replace(/<Short, action-oriented title>/g, v.title.replace(/"/g, '\\"'))
    .replace(/^# <Title>\s*$/m, `# ${v.title}`);
  if (v.owner) t = t.replace(/<Team or role>/g, v.owner.replace(/"/g, '\\"'));
  if (v.relatedAlerts?.length) t = t.replace(/^([ \t]*-[ \t]*)(["']?)<alert name\/id>\2[ \t]*$/m, (_m, lead: string, q: string) => v.relatedAlerts!.map((a) => `${lead}${q}${a}${q}`).join('\n'));
  if (v.severity) t = t.replace(/^(severity:[ \t]*["']?)P0\|P1\|P2\|[^"'\n]*/m, `$1${v.severity}`);
  if (v.symptom) t = t.replace(/^([-*][ \t]+\*\*Symptom:\*\*)[ \t]*(?:<[^>\n]*>)?[ \t]*$/m, `$1 ${v.symptom}`);
  return t;
}

/** The seed's categories (first folder below `runbooks/`) and what goes in each. */
export const CATEGORY_DESCRIPTIONS: Record<string, string> = {
  platform: 'cluster runtime: scheduling, nodes, namespaces, quotas, autoscaling',
  networking: 'ingress/gateway, DNS, NetworkPolicy, service exposure, connectivity',
  storage: 'object store access, PVC/PV, backups, restore drills, retention',
  gitops: 'Argo/Flux sync issues, drift, rollbacks, promotion workflows',
  cicd: 'CI failures, build provenance, artifact signing/verification, deploy gates',
  security: 'secrets handling, cert rotation, RBAC, OPA/policy boundary operations',
  'data-pipelines': 'ingestion runs, promotion gate failures, catalog emit/validate failures',
  observability: 'logs/metrics/traces, dashboards, SLOs, alert routing',
  incidents: 'postmortems, comms templates, incident roles, timelines',
};
