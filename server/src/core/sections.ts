// The seed's required sections, their order, and skeleton text for inserting a missing one. The
// skeletons hold `<…>` placeholders (reported as "fill in" by RB204/RB206/RB208/RB209/RB210 until a
// person writes the content) and no "go to Step N" that might name a step that does not exist. The
// Inputs items are the seed's own checklist: what to collect, the same in every runbook.
import type { Runbook, Section, SectionKind } from './model/runbook.js';

export interface RequiredSection {
  kind: SectionKind;
  label: string;
  rank: number;
  skeleton(step: number, eol: string): string;
}

export const SECTION_ORDER: RequiredSection[] = [
  { kind: 'summary', label: 'a Summary section', rank: 0, skeleton: (_n, e) => ['## Summary', '- **Symptom:** <what the operator sees>', '- **Impact:** <who is affected and how>', '- **Most common causes:** <causes>', ''].join(e) },
  { kind: 'inputs', label: 'an Inputs section', rank: 1, skeleton: (_n, e) => ['## Inputs (what to collect first)', '- [ ] Time window (UTC + local)', '- [ ] Environment / namespace / cluster', '- [ ] Service/component names', '- [ ] Recent changes (deployments, promotions, policy changes)', ''].join(e) },
  { kind: 'triage', label: 'a Triage step', rank: 2, skeleton: (n, e) => [`## Step ${n} — Triage`, '### Commands/checks', '- `<read-only command>`', '', '### Interpret results', '- If <condition> → go to <the step it leads to>', ''].join(e) },
  { kind: 'mitigation', label: 'a Mitigation step', rank: 4, skeleton: (n, e) => [`## Step ${n} — Mitigation (safe-first)`, '- [ ] <lowest-risk mitigation first>', '- [ ] <rollback path, known before any change>', ''].join(e) },
  { kind: 'verification', label: 'a Verification step', rank: 5, skeleton: (n, e) => [`## Step ${n} — Verification`, '- [ ] <check that shows the fix worked: metric, log or user-facing test>', ''].join(e) },
  { kind: 'prevention', label: 'a Prevention step', rank: 6, skeleton: (n, e) => [`## Step ${n} — Prevention / follow-ups`, '- [ ] <follow-up: alert, test or gate, runbook update>', ''].join(e) },
];

export const RANK: Partial<Record<SectionKind, number>> = { summary: 0, inputs: 1, triage: 2, diagnose: 3, mitigation: 4, verification: 5, prevention: 6 };

/** Top-level (H2) sections of the runbook body. */
export function topSections(rb: Runbook): Section[] {
  return rb.sections.filter((s) => s.heading.depth === 2);
}

export function findSection(rb: Runbook, kind: SectionKind): Section | undefined {
  return topSections(rb).find((s) => s.kind === kind);
}
