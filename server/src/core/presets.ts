// Presets (`extends:`) and rule groups (`groups:`) of `.runbook-lint.yaml`. The severities are
// data in each rule's metadata (`group`, `presets`); this module names the presets and groups and
// reads that data. The config schema and docs/presets.md are generated from both (npm run gen).
import type { Rule, RuleGroup, SeveritySetting } from './types.js';

export const PRESETS = ['recommended', 'strict', 'existing-repo'] as const;
export type PresetName = (typeof PRESETS)[number];

export const PRESET_DESCRIPTIONS: Record<PresetName, string> = {
  recommended: 'Every rule at its default severity: the team template, safety, sensitive data, lifecycle and links (the default).',
  strict: 'Every rule one level stricter: warnings are errors and infos are warnings.',
  'existing-repo':
    'For runbooks written before the template: keeps the safety, sensitive-data and link rules and the review-date, deprecation and owner-review checks; turns off what only a migration to the template can satisfy (required keys and sections, steps, ids, category folders, audit notes) and makes the remaining template checks warnings.',
};

export const RULE_GROUPS: readonly RuleGroup[] = ['meta', 'structure', 'lifecycle', 'safety', 'sensitive-data', 'links'];

export const GROUP_DESCRIPTIONS: Record<RuleGroup, string> = {
  meta: 'Suppression comments and file limits (RB0xx).',
  structure: "The team template: front matter, sections, steps and branches (RB1xx, RB2xx except what other groups hold).",
  lifecycle: 'Review dates, deprecation, category folders, owner review and audit notes.',
  safety: 'Write commands with rollback and confirmation, the policy boundary, fail-closed prose (RB3xx).',
  'sensitive-data': 'Secrets, private URLs and identifiers, locations, log dumps (RB4xx).',
  links: 'Relative links to runbooks, assets and headings; links between alerts and runbooks (related_alerts, runbook_url).',
};

/** The severity a preset gives a rule (before `groups` and `rules` of the config apply). */
export function presetSeverity(rule: Pick<Rule, 'defaultSeverity' | 'presets'>, preset: PresetName): SeveritySetting {
  if (preset === 'recommended') return rule.defaultSeverity;
  return rule.presets?.[preset] ?? rule.defaultSeverity;
}

export function isPreset(x: unknown): x is PresetName {
  return typeof x === 'string' && (PRESETS as readonly string[]).includes(x);
}
