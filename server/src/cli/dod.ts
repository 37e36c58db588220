// The per-file Definition-of-Done view the CLI prints (text: "DoD 5/7", JSON: the full report),
// from the core's dodReport. The CLI's JSON shape is defined here (docs/cli-json.md) and stays
// stable whatever the core report grows.
import { dodReport, type DodStatus } from '../core/dod.js';
import type { Runbook } from '../core/model/runbook.js';
import type { DodItem, Finding, ResolvedConfig } from '../core/types.js';

export type { DodStatus };

export interface DodView {
  score: number;
  total: number;
  items: { item: DodItem; label: string; status: DodStatus; rules: string[]; note?: string }[];
}

export function dodView(findings: readonly Finding[], runbook: Runbook, config: ResolvedConfig): DodView {
  const r = dodReport(findings, runbook, config);
  return {
    score: r.score,
    total: r.total,
    items: r.items.map((i) => ({
      item: i.item,
      label: i.label,
      status: i.status,
      // The rules holding the item back (info findings do not).
      rules: [...new Set(i.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId))].sort(),
      ...(i.note ? { note: i.note } : {}),
    })),
  };
}
