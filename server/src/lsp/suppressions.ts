// Bulk suppressions in the editor: the findings runbook-lint-suppressions.json (at the workspace
// folder's root) lists are published as hints, or not at all with `runbooks.suppressedFindings:
// hidden`, so a repository adopted with `runbook-lint --suppress-all` shows only new problems as
// errors — the same split the CLI makes.
import { join } from 'node:path';
import { fingerprintAt, matchSuppressions, SUPPRESSIONS_FILE } from '../core/baseline.js';
import type { CheckResult } from '../core/check.js';
import type { Finding } from '../core/types.js';
import { loadSuppressions } from '../node/suppressions-file.js';

export type SuppressedDisplay = 'hint' | 'hidden';

export const SUPPRESSED_NOTE = ` (suppressed in ${SUPPRESSIONS_FILE})`;

/** The findings of `result` that the root's suppressions file lists; `problem` when that file is unusable. */
export function suppressedFindings(root: string | undefined, rel: string | undefined, result: CheckResult): { suppressed: Set<Finding>; problem?: string } {
  if (!root || !rel || rel.startsWith('/') || !result.findings.length) return { suppressed: new Set() };
  const file = join(root, SUPPRESSIONS_FILE);
  const loaded = loadSuppressions(file);
  if (!loaded.ok) return { suppressed: new Set(), problem: `${file}: ${loaded.reason}` };
  const entries = loaded.value[rel];
  if (!entries) return { suppressed: new Set() };
  const lines = result.runbook.lines;
  const items = result.findings.map((f) => ({ f, ruleId: f.ruleId, fingerprint: fingerprintAt(lines, f.ruleId, f.message, lines.positionAt(f.range.start), lines.positionAt(f.range.end)) }));
  return { suppressed: new Set(matchSuppressions(items, entries).suppressed.map((x) => x.f)) };
}

export function isSuppressedFile(path: string): boolean {
  return path.endsWith('/' + SUPPRESSIONS_FILE) || path === SUPPRESSIONS_FILE;
}
