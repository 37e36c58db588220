// RB504: `audit_notes` says what to record for audit/provenance (incident id, run id, deployment
// sha, policy bundle version, dataset version, …).
import type { Rule } from '../types.js';
import { rangeAtPath } from '../model/frontmatter.js';
import { isTemplatePlaceholder } from '../placeholders.js';

const RECORDABLE = /\b(?:incident|run[ -]?ids?|runs?|deploy(?:ment)?s?|sha|commit|revision|policy bundle|bundle|dataset|version|ticket|change (?:request|id)|timestamps?|times?|commands?|terminal log|operation id|snapshot|ids?|approv\w*|who|when)\b/i;

function texts(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(texts);
  if (v && typeof v === 'object') return Object.values(v).flatMap(texts);
  return [];
}

const rule: Rule = {
  id: 'RB504',
  name: 'audit-notes',
  description: '`audit_notes` names what to record for audit/provenance: incident id, run id, deployment sha, policy bundle version, dataset version.',
  rationale: 'The seed\'s DoD: "Mentions what to record for audit/provenance". Without it the post-incident review cannot reconstruct what was changed. A missing `audit_notes` is RB103\'s finding and one that holds only placeholders (the template\'s own "Record incident id / run id / … as applicable" included) is RB105\'s "fill in": one finding per mistake, and the audit DoD item fails in both cases.',
  dod: 'audit',
  defaultSeverity: 'error',
  group: 'lifecycle',
  presets: { 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    if (!fm || !fm.closed || !fm.data) return;
    // Absent: RB103's finding. Only placeholders (the template's own note included): RB105's "fill in".
    // One mistake, one finding; the audit DoD item fails either way (core/dod.ts).
    if (!('audit_notes' in fm.data)) return;
    const written = texts(fm.data['audit_notes']).map((t) => t.trim()).filter(Boolean);
    if (written.length && written.every(isTemplatePlaceholder)) return;
    const values = written.filter((t) => !isTemplatePlaceholder(t));
    if (values.some((t) => RECORDABLE.test(t))) return;
    ctx.report({
      range: rangeAtPath(fm, ['audit_notes']) ?? fm.content,
      message: '`audit_notes` names nothing to record: list what to keep for audit (incident id, run id, deployment sha, policy bundle version, dataset version) and where.',
    });
  },
};

export default rule;
