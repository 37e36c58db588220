// RB105: template placeholders left in the front matter, one "fill in" finding listing them.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { RelatedInfo, Rule, RuleContext } from '../types.js';
import type { OffsetRange } from '../model/text.js';
import { isTemplatePlaceholder } from '../placeholders.js';
import { KEY_HINTS } from '../frontmatter-edit.js';
import { nextFreeId } from '../ids.js';

interface Left {
  /** `owner`, `safety.rollback`, `environments`. */
  key: string;
  range: OffsetRange;
}

const rule: Rule = {
  id: 'RB105',
  name: 'front-matter-placeholder',
  description: 'No template placeholder (`<...>`, `YYYY-MM-DD`, `RB-<AREA>-<NNN>`, `P0|P1|P2|...`, `dev|staging|prod`, `...`, `TODO`, the template\'s own audit note) is left in the front matter.',
  rationale: 'A copied template that still says `<Team or role>` looks complete but tells the operator nothing. A placeholder counts as absent for every rule: the values a fix or the template inserted are reported here, as one "fill in" finding for the whole front matter listing each key (related locations point at each value), until a person writes the real value. The DoD items they serve stay failed meanwhile (`safety.rollback`: rollback; `audit_notes`: audit; `owner`: owner review; `last_reviewed`: last reviewed).',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'warning' },
  fixable: false,
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    if (!fm || !fm.closed || fm.errors.length) return;
    const left: Left[] = [];
    const walk = (n: Node | null | undefined, path: string[]) => {
      if (!n) return;
      if (isMap(n)) {
        for (const p of n.items) if (isScalar(p.key)) walk(p.value as Node | null, [...path, String(p.key.value)]);
      } else if (isSeq(n)) {
        for (const item of n.items) walk(item as Node, path);
      } else if (isScalar(n) && typeof n.value === 'string' && n.range && isTemplatePlaceholder(n.value)) {
        left.push({ key: path.join('.') || 'value', range: { start: n.range[0] + fm.content.start, end: n.range[1] + fm.content.start } });
      }
    };
    walk(fm.doc.contents as Node | null, []);
    if (!left.length) return;
    const keys = [...new Set(left.map((l) => l.key))];
    const related: RelatedInfo[] = left.map((l) => ({ message: `\`${l.key}\` still holds a template placeholder`, range: l.range }));
    ctx.report({
      range: left[0]!.range,
      message: `Fill in the front matter: ${keys.map((k) => describe(ctx, k)).join(', ')} ${keys.length > 1 ? 'still hold template placeholders' : 'still holds a template placeholder'}.`,
      related: left.length > 1 ? related : undefined,
      meta: { placeholder: true },
    });
  },
};

function describe(ctx: RuleContext, key: string): string {
  if (key === 'runbook_id') return `\`runbook_id\` (the next free id here is ${nextFreeId(ctx.category, ctx.config, ctx.workspace, ctx.runbook.path)})`;
  if (key === 'last_reviewed') return '`last_reviewed` (the date of your last review)';
  return KEY_HINTS[key] ? `\`${key}\` (${KEY_HINTS[key]})` : `\`${key}\``;
}

export default rule;
