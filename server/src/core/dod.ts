// The Definition-of-Done report: the seed's seven DoD items for one runbook, each pass / fail
// (with the findings behind it) / manual, and a score ("DoD 5/7") for the status bar, the CLI and
// the Runbooks tree.
//
//   const { findings, runbook } = check({ text, path, config, workspace });
//   const report = dodReport(findings, runbook, config);   // report.text === 'DoD 6/7'
//
// Findings count against the item of their rule's `dod` metadata (errors and warnings fail it;
// info findings are listed but do not fail it). A few facts of the model fail an item even when no
// rule of that item fired (e.g. no `last_reviewed` at all). "Reviewed by an owner" is a human step:
// it is `manual` unless the owner is unset or RB503 fires, which fail it. The score counts only the
// items the tool saw pass: a manual item is not done until a person does it, so a clean runbook reads
// `DoD 6/7` with 1 manual (a 7/7 would claim a review nobody recorded). `failed === 0` is "complete".
import type { DodItem, Finding, ResolvedConfig, Rule } from './types.js';
import type { Runbook } from './model/runbook.js';
import { DOD_LABELS } from './docs.js';
import { rules as allRules } from './rules/index.js';
import { isTemplatePlaceholder } from './placeholders.js';

export type DodStatus = 'pass' | 'fail' | 'manual';

export interface DodReportItem {
  item: DodItem;
  label: string;
  status: DodStatus;
  /** Findings of the rules serving this item (including info findings that do not fail it). */
  findings: Finding[];
  /** Why it failed or is manual, when findings alone do not say it. */
  note?: string;
}

export interface DodReport {
  items: DodReportItem[];
  passed: number;
  failed: number;
  manual: number;
  total: number;
  /** Items the tool saw pass; a manual item is not counted until a person does it. */
  score: number;
  /** "DoD 6/7". */
  text: string;
}

export const DOD_ORDER: DodItem[] = ['structure', 'rollback', 'no-sensitive-data', 'verification', 'audit', 'owner-review', 'last-reviewed'];
/** The best score the tool gives: every item but the owner review, which only a person does (`manual`). */
export const DOD_BEST = DOD_ORDER.length - 1;

/** SPEC "DoD checklist" for rules that carry no `dod` metadata. */
const SPEC_MAP: Record<string, DodItem> = {
  RB301: 'rollback', RB302: 'rollback', RB401: 'no-sensitive-data', RB402: 'no-sensitive-data', RB403: 'no-sensitive-data',
  RB404: 'no-sensitive-data', RB209: 'verification', RB504: 'audit', RB503: 'owner-review', RB108: 'last-reviewed',
};

function itemOf(ruleId: string, byId: Map<string, Rule>): DodItem | undefined {
  return byId.get(ruleId)?.dod ?? SPEC_MAP[ruleId] ?? (/^RB2\d\d$/.test(ruleId) ? 'structure' : undefined);
}

function filled(v: unknown): boolean {
  return typeof v === 'string' ? v.trim() !== '' && !isTemplatePlaceholder(v) : v !== null && v !== undefined;
}

/** Some string in the value is real content (a placeholder counts as absent). */
function someFilled(v: unknown): boolean {
  if (typeof v === 'string') return filled(v);
  if (Array.isArray(v)) return v.some(someFilled);
  if (v && typeof v === 'object') return Object.values(v).some(someFilled);
  return false;
}

export function dodReport(findings: readonly Finding[], runbook: Runbook, _config?: ResolvedConfig): DodReport {
  const byId = new Map(allRules.map((r) => [r.id, r]));
  const data = runbook.frontMatter?.data;
  const items: DodReportItem[] = DOD_ORDER.map((item) => {
    const fs = findings.filter((f) => itemOf(f.ruleId, byId) === item);
    const failing = fs.some((f) => f.severity !== 'info');
    return { item, label: DOD_LABELS[item], status: failing ? 'fail' : 'pass', findings: fs };
  });
  const get = (i: DodItem) => items.find((x) => x.item === i)!;
  const failWith = (i: DodItem, note: string) => {
    const it = get(i);
    it.status = 'fail';
    it.note ??= note;
  };
  const safety = data?.['safety'];
  if (!data) failWith('structure', 'No readable front matter.');
  const rollback = safety && typeof safety === 'object' ? (safety as Record<string, unknown>)['rollback'] : undefined;
  if (!filled(rollback)) failWith('rollback', rollback === undefined ? 'No `safety.rollback` in the front matter.' : '`safety.rollback` is not filled in.');
  if (!runbook.allSections.some((s) => s.kind === 'verification')) failWith('verification', 'No Verification step.');
  if (!data || !('audit_notes' in data)) failWith('audit', 'No `audit_notes` in the front matter.');
  else if (!someFilled(data['audit_notes'])) failWith('audit', '`audit_notes` is not filled in.');
  const lr = data?.['last_reviewed'];
  if (typeof lr !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(lr.trim())) failWith('last-reviewed', 'No valid `last_reviewed` date.');
  const owner = get('owner-review');
  if (!filled(data?.['owner'])) failWith('owner-review', 'No `owner` set.');
  else if (owner.status === 'pass') {
    owner.status = 'manual';
    owner.note = 'A person with the right permissions must review it (CODEOWNERS review on the PR).';
  }
  const passed = items.filter((i) => i.status === 'pass').length;
  const manual = items.filter((i) => i.status === 'manual').length;
  const failed = items.length - passed - manual;
  const score = passed;
  return { items, passed, failed, manual, total: items.length, score, text: `DoD ${score}/${items.length}` };
}
