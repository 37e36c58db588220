// The per-file Definition-of-Done view the CLI prints (text: "DoD 5/7", JSON: the full report).
// The CLI's JSON shape is defined here and stays stable whatever the core report looks like.
import { DOD_LABELS } from '../core/docs.js';
import { ruleByIdOrName } from '../core/rules/index.js';
import type { DodItem, Finding } from '../core/types.js';

export type DodStatus = 'done' | 'missing' | 'manual';

export interface DodView {
  score: number;
  total: number;
  items: { item: DodItem; label: string; status: DodStatus; rules: string[] }[];
}

const ORDER: DodItem[] = ['structure', 'rollback', 'no-sensitive-data', 'verification', 'audit', 'owner-review', 'last-reviewed'];

/**
 * DoD from the findings: an item is missing while a finding of a rule serving it (error or
 * warning) is left; "reviewed by an owner" is a human step, shown as manual (counted done
 * when an owner is set and no rule serving it fired).
 */
export function dodFromFindings(findings: readonly Finding[], hasOwner: boolean): DodView {
  const byItem = new Map<DodItem, Set<string>>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const item = ruleByIdOrName(f.ruleId)?.dod;
    if (!item) continue;
    let s = byItem.get(item);
    if (!s) byItem.set(item, (s = new Set()));
    s.add(f.ruleId);
  }
  const items = ORDER.map((item) => {
    const rules = [...(byItem.get(item) ?? [])].sort();
    let status: DodStatus = rules.length ? 'missing' : 'done';
    if (item === 'owner-review') status = rules.length || !hasOwner ? 'missing' : 'manual';
    return { item, label: DOD_LABELS[item], status, rules };
  });
  return { score: items.filter((i) => i.status !== 'missing').length, total: items.length, items };
}
