// RB202: sections stand out of the seed's order.
import type { Rule } from '../types.js';
import { RANK, topSections } from '../sections.js';

const NAMES = ['Summary', 'Inputs', 'Triage', 'Diagnose', 'Mitigation', 'Verification', 'Prevention'];

const rule: Rule = {
  id: 'RB202',
  name: 'section-order',
  description: 'Sections follow the seed order: Summary → Inputs → Triage → Diagnose → Mitigation → Verification → Prevention.',
  rationale: 'Operators follow a runbook top to bottom; collecting inputs after mitigating, or verifying before mitigating, invites the wrong action.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    let maxRank = -1;
    let maxHeading = '';
    for (const s of topSections(ctx.runbook)) {
      const rank = RANK[s.kind];
      if (rank === undefined) continue;
      if (rank < maxRank) {
        ctx.report({
          range: s.heading.range,
          message: `"${s.heading.text}" should come before "${maxHeading}" (seed order: ${NAMES.join(' → ')}).`,
        });
      } else {
        maxRank = rank;
        maxHeading = s.heading.text;
      }
    }
  },
};

export default rule;
