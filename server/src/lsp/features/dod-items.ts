// The seven DoD items of a check result, for the custom requests: core/dod.ts's report in the
// shape the client shows (pass = not failed; manual = a person still confirms it).
import type { CheckResult } from '../../core/check.js';
import { dodReport } from '../../core/dod.js';
import type { DodItem, Finding, ResolvedConfig } from '../../core/types.js';

export interface DodItemCore {
  id: DodItem;
  label: string;
  pass: boolean;
  manual: boolean;
  note?: string;
  findings: Finding[];
}

export function dodItems(result: CheckResult, config?: ResolvedConfig): DodItemCore[] {
  return dodReport(result.findings, result.runbook, config).items.map((i) => ({
    id: i.item,
    label: i.label,
    pass: i.status !== 'fail',
    manual: i.status === 'manual',
    note: i.note,
    findings: i.findings,
  }));
}
