// RB303: no command bypasses the trust membrane or widens exposure: direct database/object-store
// access, public ACLs and open CIDRs, deleting or disabling policy enforcement, --insecure, --no-verify,
// disabled auth. Anywhere in the runbook, including rollback lines and examples.
import type { Rule } from '../types.js';
import { runbookCommands } from '../commands/index.js';

const rule: Rule = {
  id: 'RB303',
  name: 'policy-boundary',
  description: 'No command bypasses the policy boundary or widens exposure (direct database/object-store access, public ACLs, 0.0.0.0/0, disabling OPA/Gatekeeper/Kyverno or NetworkPolicy, --insecure, --no-verify, disabled auth).',
  rationale: 'The seed\'s trust membrane invariant: all access goes through governed APIs and the policy boundary, with audit logging. "If a runbook step fixes an issue by bypassing policy or access boundaries, it is not an acceptable fix."',
  defaultSeverity: 'error',
  group: 'safety',
  fixable: false,
  check(ctx) {
    for (const c of runbookCommands(ctx.runbook)) {
      if (!c.cls.bypass) continue;
      ctx.report({
        range: c.range,
        message: `\`${c.cls.label}\`: ${c.cls.bypass}. Go through the governed API or a reviewed, audited procedure instead (the seed calls a bypass "not an acceptable fix").`,
      });
    }
  },
};

export default rule;
