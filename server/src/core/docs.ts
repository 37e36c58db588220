// Where each rule's documentation lives, and the DoD item labels (shared by docs, CLI and editor).
import type { DodItem } from './types.js';

export const DOCS_BASE = 'https://github.com/runbook-authoring/runbook-authoring/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export const DOD_LABELS: Record<DodItem, string> = {
  structure: 'Inputs → Commands → Interpretation → Next step structure',
  rollback: 'Rollback for any write/change action',
  'no-sensitive-data': 'No secrets, sensitive locations or private identifiers',
  verification: 'Lists verification steps',
  audit: 'Mentions what to record for audit/provenance',
  'owner-review': 'Reviewed by an owner with the right permissions',
  'last-reviewed': '"Last reviewed" updated',
};
