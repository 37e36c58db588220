// Template placeholders from the seed's "Runbook template" that must not survive in a runbook.
// A value is a placeholder when it is one as a whole (`<Team or role>`), or when it still
// contains one of the template's own placeholder texts. `<n>`-style parameters inside a longer
// command (`--to-revision=<n>`) are how runbooks name inputs, not leftovers.
const WHOLE: RegExp[] = [
  /^<[^<>\n]{1,120}>$/,
  /^YYYY-MM-DD$/,
  /^P0\|P1\|P2\|/,
  /^<?dev\|staging\|prod>?$/,
  /^(?:\.\.\.|…)$/,
  /^$/,
];

const CONTAINED = [
  '<AREA>', '<NNN>', 'YYYY-MM-DD', '<Short, action-oriented title>', '<Team or role>', '<system/component>',
  '<alert name/id>', '<required access/tools>', '<what can go wrong>', '<how to revert>', '<Title>',
  '<condition>', '<cause A>', '<cause B>', '<reason>', '<P0|P1|P2|P3|P4>',
];

/** True when a value still holds a template placeholder. */
export function isTemplatePlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '').trim();
  if (v === '') return false;
  return WHOLE.some((p) => p.test(v)) || CONTAINED.some((c) => v.includes(c));
}
