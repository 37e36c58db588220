// The seed's required sections, their order, and skeleton text for inserting a missing one.
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
  { kind: 'triage', label: 'a Triage step', rank: 2, skeleton: (n, e) => [`## Step ${n} — Triage`, '### Commands/checks', '- `<read-only command>`', '', '### Interpret results', `- If <condition> → go to Step ${n + 1}`, ''].join(e) },
  { kind: 'mitigation', label: 'a Mitigation step', rank: 4, skeleton: (n, e) => [`## Step ${n} — Mitigation (safe-first)`, '- [ ] Lowest-risk mitigation first', '- [ ] Rollback path known **before** changes', ''].join(e) },
  { kind: 'verification', label: 'a Verification step', rank: 5, skeleton: (n, e) => [`## Step ${n} — Verification`, '- [ ] Smoke checks', '- [ ] Metrics trending back to baseline', '- [ ] No policy boundary violations introduced', ''].join(e) },
  { kind: 'prevention', label: 'a Prevention step', rank: 6, skeleton: (n, e) => [`## Step ${n} — Prevention / follow-ups`, '- [ ] Add/adjust alert', '- [ ] Add test / gate / validation', '- [ ] Update this runbook with what you learned', ''].join(e) },
];

export const RANK: Partial<Record<SectionKind, number>> = { summary: 0, inputs: 1, triage: 2, diagnose: 3, mitigation: 4, verification: 5, prevention: 6 };

/** Top-level (H2) sections of the runbook body. */
export function topSections(rb: Runbook): Section[] {
  return rb.sections.filter((s) => s.heading.depth === 2);
}

export function findSection(rb: Runbook, kind: SectionKind): Section | undefined {
  return topSections(rb).find((s) => s.kind === kind);
}
