// Runbooks tree view data without the vscode API: grouping by category, review age, labels.
import type { AlertWithoutRunbook, DodReportResult, RunbookSummary, StepSummary } from '../../../server/src/lsp/features/protocol';

export interface CategoryGroup {
  category: string;
  runbooks: RunbookSummary[];
}

export const UNCATEGORIZED = '(no category)';

/** Categories sorted by name (uncategorized last); runbooks by title, then path. */
export function groupByCategory(summaries: RunbookSummary[]): CategoryGroup[] {
  const by = new Map<string, RunbookSummary[]>();
  for (const s of summaries) {
    const c = s.category ?? UNCATEGORIZED;
    let list = by.get(c);
    if (!list) by.set(c, (list = []));
    list.push(s);
  }
  const key = (s: RunbookSummary) => (s.title ?? s.path ?? s.uri).toLowerCase();
  return [...by.entries()]
    .sort(([a], [b]) => (a === UNCATEGORIZED ? 1 : b === UNCATEGORIZED ? -1 : a.localeCompare(b)))
    .map(([category, runbooks]) => ({ category, runbooks: runbooks.sort((a, b) => key(a).localeCompare(key(b)) || (a.path ?? '').localeCompare(b.path ?? '')) }));
}

/** Whole days from `lastReviewed` (YYYY-MM-DD) to `today`; undefined when not a real date. */
export function reviewAgeDays(lastReviewed: string | undefined, today: string): number | undefined {
  const parse = (d: string | undefined) => {
    const m = d ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.trim()) : null;
    if (!m) return undefined;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const back = new Date(t);
    return back.getUTCMonth() === Number(m[2]) - 1 && back.getUTCDate() === Number(m[3]) ? t : undefined;
  };
  const a = parse(lastReviewed);
  const b = parse(today);
  return a === undefined || b === undefined ? undefined : Math.round((b - a) / 86_400_000);
}

export interface RunbookItemView {
  label: string;
  description: string;
  tooltip: string;
  stale: boolean;
}

/** A value still holding a template placeholder (`<Team or role>`) counts as not set. */
function set(v: string | undefined): string | undefined {
  return v && !/^<.*>$/.test(v.trim()) ? v : undefined;
}

export function describeRunbook(summary: RunbookSummary, today: string): RunbookItemView {
  const s = { ...summary, severity: set(summary.severity), owner: set(summary.owner), title: set(summary.title) };
  const age = reviewAgeDays(s.lastReviewed, today);
  const stale = age === undefined || age > s.maxAgeDays;
  const ageText = age === undefined ? 'never reviewed' : age <= 0 ? 'reviewed today' : `reviewed ${age}d ago`;
  const file = (s.path ?? s.uri).split('/').pop()!;
  const parts = [s.severity ?? '—', s.owner ?? 'no owner', stale ? `${ageText} (stale)` : ageText, `DoD ${s.dod.passed}/${s.dod.total}`];
  const tooltip = [
    s.title ?? file,
    s.runbookId ? `${s.runbookId} — ${s.path ?? ''}` : (s.path ?? ''),
    `Severity: ${s.severity ?? 'not set'}`,
    `Owner: ${s.owner ?? 'not set'}`,
    `Last reviewed: ${s.lastReviewed ?? 'not set'}${stale ? ` — older than ${s.maxAgeDays} days or missing` : ''}`,
    `DoD ${s.dod.passed}/${s.dod.total}; ${s.errors} error(s), ${s.warnings} warning(s)`,
    ...(s.error ? [`Could not be checked: ${s.error}`] : []),
  ].join('\n');
  return { label: s.title ?? file, description: parts.join(' · '), tooltip, stale };
}

/** Status bar text: `DoD 5/7`. */
export function dodStatusText(r: Pick<DodReportResult, 'passed' | 'total'>): string {
  return `DoD ${r.passed}/${r.total}`;
}

/** One line per DoD item: ✓ / ✗ / (manual) and the label. */
export function dodTooltipLines(r: DodReportResult): string[] {
  return r.items.map((i) => `${!i.pass ? '✗' : i.manual ? '☐' : '✓'} ${i.label}${i.manual ? ' (manual: an owner reviews it)' : ''}${!i.pass && i.findings.length ? ` — ${i.findings.length} finding${i.findings.length === 1 ? '' : 's'}` : ''}`);
}

export interface StepItemView {
  label: string;
  description: string;
  tooltip: string;
  /** No error inside the step. */
  ok: boolean;
}

/** A step under its runbook in the tree: the heading, its kind and what is wrong inside it. */
export function describeStep(step: StepSummary): StepItemView {
  const problems = step.errors + step.warnings;
  const status = problems === 0 ? 'no findings' : `${problems} finding${problems === 1 ? '' : 's'} (${step.ruleIds.join(', ')})`;
  return {
    label: step.title,
    description: `${step.kind === 'step' ? 'step' : step.kind} · ${status}`,
    tooltip: `${step.title}\nKind: ${step.kind}\nLine ${step.line + 1}: ${step.errors} error(s), ${step.warnings} warning(s)${step.ruleIds.length ? ` — ${step.ruleIds.join(', ')}` : ''}`,
    ok: step.errors === 0,
  };
}

/** An "Alerts without runbooks" item: the alert, its severity and what is wrong, where it is defined. */
export function describeAlert(a: AlertWithoutRunbook, rulePath: string): { label: string; description: string; tooltip: string } {
  const what = a.status === 'dangling' ? `runbook_url leads nowhere${a.target ? ` (${a.target})` : ''}` : 'no runbook';
  return {
    label: a.name,
    description: `${a.severity ?? 'no severity'}${a.paging ? ' (pages)' : ''} · ${a.status === 'dangling' ? 'dangling link' : 'no runbook'}`,
    tooltip: [`${a.name}: ${what}`, `${rulePath}:${a.line + 1}`, 'Create Runbook for This Alert (inline button) creates one pre-filled from the alert.'].join('\n'),
  };
}

/** The node's label: "Alerts without runbooks" and how many page. */
export function alertsNodeDescription(alerts: AlertWithoutRunbook[]): string {
  const paging = alerts.filter((a) => a.paging).length;
  return `${alerts.length}${paging ? ` (${paging} paging)` : ''}`;
}
