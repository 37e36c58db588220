// RB502: the runbook sits in a known category folder (first folder below `runbooks/`).
import type { Rule } from '../types.js';
import { KNOWN_CATEGORIES, categoryOf } from '../paths.js';

const rule: Rule = {
  id: 'RB502',
  name: 'category-folder',
  description: 'The runbook is inside a known category folder below `runbooks/` (platform, networking, storage, gitops, cicd, security, data-pipelines, observability, incidents, or one configured in `areas`).',
  rationale: 'The seed\'s directory layout puts each runbook under its category; ids, owners and review rules follow the category.',
  defaultSeverity: 'warning',
  group: 'lifecycle',
  presets: { strict: 'error', 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const path = ctx.runbook.path;
    if (!path) return;
    const known = new Set([...KNOWN_CATEGORIES, ...Object.keys(ctx.config.areas)]);
    const cat = categoryOf(path);
    if (cat && known.has(cat)) return;
    const r = ctx.runbook.h1?.range ?? ctx.runbook.frontMatter?.range ?? { start: 0, end: 0 };
    ctx.report({
      range: { start: r.start, end: Math.min(r.end, r.start + 200) },
      message: cat
        ? `"${cat}" is not a known category folder: move the runbook under one of ${[...known].join(', ')}, or add the category to \`areas\`.`
        : `The runbook is not inside a category folder below runbooks/: move it under one of ${[...known].join(', ')}.`,
    });
  },
};

export default rule;
