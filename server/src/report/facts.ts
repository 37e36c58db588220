// One runbook's line in the health report: front-matter facts, review age, DoD, findings by group
// and its step graph (summary + SVG), from a check result. Computed where the file was checked (a
// CLI worker, the language server) so only plain data travels. No text here holds a detected
// secret: messages are scrubbed by the core, shown front-matter values and the graph are redacted.
import type { Runbook } from '../core/model/runbook.js';
import type { Finding, ResolvedConfig, Severity } from '../core/types.js';
import { dodReport, type DodStatus } from '../core/dod.js';
import { categoryOf } from '../core/paths.js';
import { layoutGraph, stepGraph, toSvg } from '../core/graph/index.js';
import { redactShown } from '../core/graph/model.js';

/** Finding groups by rule-id hundreds (the SPEC's rule families). */
export const GROUPS = [
  ['RB0', 'meta'],
  ['RB1', 'front matter'],
  ['RB2', 'structure'],
  ['RB3', 'safety'],
  ['RB4', 'sensitive data'],
  ['RB5', 'lifecycle'],
  ['RB6', 'alerts'],
] as const;
export type Group = (typeof GROUPS)[number][1];

export function groupOf(ruleId: string): Group {
  return (GROUPS.find(([p]) => ruleId.startsWith(p)) ?? GROUPS[0])[1];
}

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  /** 1-based. */
  line: number;
  message: string;
}

export interface ReportFile {
  path: string;
  title?: string;
  runbookId?: string;
  owner?: string;
  severity?: string;
  category?: string;
  /** The category, else the folder the file is in (below what all reported files share), ending in "/": what the charts and the filter group by. */
  area: string;
  lastReviewed?: string;
  /** Days since last_reviewed (undefined without a valid date). */
  reviewAgeDays?: number;
  maxAgeDays: number;
  stale: boolean;
  dod: { score: number; total: number; items: { item: string; label: string; status: DodStatus }[] };
  counts: { errors: number; warnings: number; infos: number };
  groups: Partial<Record<Group, number>>;
  findings: ReportFinding[];
  graph: { steps: number; deadEnds: number; unreachable: number; missing: number; svg?: string };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function reportFacts(path: string, rb: Runbook, findings: readonly Finding[], config: ResolvedConfig, today: string, opts: { svg: boolean; index: number }): ReportFile {
  const data = rb.frontMatter?.data ?? {};
  const str = (k: string) => {
    const v = data[k];
    return typeof v === 'string' || typeof v === 'number' ? redactShown(rb, String(v)) : undefined;
  };
  const lastReviewed = str('last_reviewed');
  const age = lastReviewed && DATE.test(lastReviewed.trim()) ? Math.round((Date.parse(today) - Date.parse(lastReviewed.trim())) / 86_400_000) : undefined;
  const maxAgeDays = config.review.maxAgeDays;
  const dod = dodReport(findings, rb, config);
  const groups: Partial<Record<Group, number>> = {};
  for (const f of findings) groups[groupOf(f.ruleId)] = (groups[groupOf(f.ruleId)] ?? 0) + 1;
  const graph = stepGraph(rb);
  const count = (m: string) => graph.nodes.filter((n) => n.marks.includes(m as never)).length;
  return {
    path,
    title: str('title') ?? (rb.h1 ? redactShown(rb, rb.h1.text) : undefined),
    runbookId: str('runbook_id'),
    owner: str('owner'),
    severity: str('severity'),
    category: categoryOf(path),
    area: categoryOf(path) ?? '',
    lastReviewed,
    reviewAgeDays: age !== undefined && Number.isFinite(age) ? age : undefined,
    maxAgeDays,
    stale: age !== undefined && age > maxAgeDays,
    dod: { score: dod.score, total: dod.total, items: dod.items.map((i) => ({ item: i.item, label: i.label, status: i.status })) },
    counts: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    },
    groups,
    findings: findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: rb.lines.positionAt(f.range.start).line + 1, message: f.message })),
    graph: {
      steps: graph.nodes.filter((n) => n.type === 'step').length,
      deadEnds: count('dead-end'),
      unreachable: count('unreachable'),
      missing: count('missing'),
      ...(opts.svg && graph.nodes.length ? { svg: toSvg(layoutGraph(graph), { idPrefix: `g${opts.index}`, style: false, standalone: false }) } : {}),
    },
  };
}
