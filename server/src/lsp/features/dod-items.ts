// The seven DoD items of a check result, for the custom requests. Adapter over the core's DoD
// report (server/src/core/dod.ts, written alongside); until it lands, derived from each rule's
// `dod` metadata: an item passes when no error or warning of its rules is left.
import type { CheckResult } from '../../core/check.js';
import { DOD_LABELS } from '../../core/docs.js';
import { ruleByIdOrName } from '../../core/rules/index.js';
import type { DodItem, Finding } from '../../core/types.js';

export interface DodItemCore {
  id: DodItem;
  label: string;
  pass: boolean;
  manual: boolean;
  findings: Finding[];
}

const ORDER: DodItem[] = ['structure', 'rollback', 'no-sensitive-data', 'verification', 'audit', 'owner-review', 'last-reviewed'];

export function dodItems(result: CheckResult): DodItemCore[] {
  return ORDER.map((id) => {
    const findings = result.findings.filter((f) => f.severity !== 'info' && ruleByIdOrName(f.ruleId)?.dod === id);
    let pass = findings.length === 0;
    if (id === 'owner-review') {
      const owner = result.runbook.frontMatter?.data?.['owner'];
      pass &&= typeof owner === 'string' && owner.trim() !== '' && !/^<.*>$/.test(owner.trim());
    }
    return { id, label: DOD_LABELS[id], pass, manual: id === 'owner-review', findings };
  });
}
