// RB103: a required front-matter key is missing.
import type { Rule } from '../types.js';
import { REQUIRED_KEYS, SAFETY_KEYS, insertKeyEdit, insertSafetyKeyEdit } from '../frontmatter-edit.js';
import { topLevelKeys } from '../model/frontmatter.js';
import { areaFor } from '../ids.js';
import schema from '../../../../schemas/runbook.schema.json';
import { closest } from '../similar.js';

const KNOWN = Object.keys((schema as { properties: Record<string, unknown> }).properties);

const HINT: Record<string, string> = {
  runbook_id: 'stable id, RB-<AREA>-<NNN>',
  title: 'short, action-oriented title',
  owner: 'team or role',
  last_reviewed: 'YYYY-MM-DD',
  severity: 'P0–P4',
  systems_affected: 'cluster, gitops, api, storage, …',
  environments: 'dev, staging, prod',
  related_alerts: 'alert names, or [] if none',
  prerequisites: 'access and tools, no secrets',
  safety: 'impact and rollback',
  audit_notes: 'what to record for audit, where',
};

const rule: Rule = {
  id: 'RB103',
  name: 'front-matter-required',
  description: 'The front matter has every required key: ' + REQUIRED_KEYS.join(', ') + ' (safety with impact and rollback).',
  rationale: (schema as { description: string }).description,
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const fm = rb.frontMatter;
    if (!fm || !fm.closed || !fm.data) return;
    const data = fm.data;
    const openLine = { start: fm.range.start, end: fm.range.start + 3 };
    const values = { area: areaFor(ctx.category, ctx.config), title: rb.h1?.text };
    const keys = topLevelKeys(fm);
    const unknown = keys.filter((k) => !KNOWN.includes(k.key));
    for (const key of REQUIRED_KEYS) {
      if (key in data) continue;
      // A misspelt key (`relatd_alerts`) is renamed rather than duplicated (same edit as RB104's fix).
      const typo = unknown.find((k) => closest(k.key, KNOWN.filter((c) => !(c in data))) === key);
      const edit = typo ? { range: typo.keyRange, newText: key } : insertKeyEdit(rb, key, values);
      ctx.report({
        range: openLine,
        message: `Front matter is missing \`${key}\` (${HINT[key]})${typo ? `; \`${typo.key}\` looks like a misspelling of it` : ''}.`,
        fix: edit ? { title: typo ? `Rename \`${typo.key}\` to \`${key}\`` : `Add \`${key}\` to the front matter`, edits: [edit] } : undefined,
      });
    }
    const safety = data['safety'];
    if (safety && typeof safety === 'object' && !Array.isArray(safety)) {
      const keyRange = topLevelKeys(fm).find((k) => k.key === 'safety')!.keyRange;
      for (const k of SAFETY_KEYS) {
        if (k in safety) continue;
        const edit = insertSafetyKeyEdit(rb, k);
        ctx.report({
          range: keyRange,
          message: `\`safety\` is missing \`${k}\` (${k === 'impact' ? 'what can go wrong' : 'how to revert'}).`,
          fix: edit ? { title: `Add \`safety.${k}\``, edits: [edit] } : undefined,
        });
      }
    }
  },
};

export default rule;
