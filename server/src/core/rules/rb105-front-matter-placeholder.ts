// RB105: a template placeholder was left in the front matter.
import { isScalar, visit, type Node } from 'yaml';
import type { Rule } from '../types.js';
import { isTemplatePlaceholder } from '../placeholders.js';

const rule: Rule = {
  id: 'RB105',
  name: 'front-matter-placeholder',
  description: 'No template placeholder (`<...>`, `YYYY-MM-DD`, `RB-<AREA>-<NNN>`, `P0|P1|P2|...`, `dev|staging|prod`, `...`) is left in the front matter.',
  rationale: 'A copied template that still says `<Team or role>` looks complete but tells the operator nothing.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'warning' },
  fixable: false,
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    if (!fm || !fm.closed || fm.errors.length) return;
    visit(fm.doc, {
      Pair(_, pair) {
        const v = pair.value as Node | null;
        if (!v || !isScalar(v) || typeof v.value !== 'string' || !v.range) return;
        if (!isTemplatePlaceholder(v.value)) return;
        const key = isScalar(pair.key) ? String(pair.key.value) : 'value';
        report(ctx, v, key);
      },
      Seq(_, seq, path) {
        const parent = path[path.length - 1] as { key?: unknown } | undefined;
        const key = parent && isScalar(parent.key) ? String(parent.key.value) : 'list';
        for (const item of seq.items) {
          const n = item as Node;
          if (isScalar(n) && typeof n.value === 'string' && n.range && isTemplatePlaceholder(n.value)) report(ctx, n, key);
        }
      },
    });
  },
};

function report(ctx: Parameters<Rule['check']>[0], n: Node, key: string) {
  const fm = ctx.runbook.frontMatter!;
  const r = n.range!;
  ctx.report({
    range: { start: r[0] + fm.content.start, end: r[1] + fm.content.start },
    message: `\`${key}\` still holds a template placeholder: replace it with the real value.`,
  });
}

export default rule;
