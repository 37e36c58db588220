// RB108: `last_reviewed` is recent (review.maxAgeDays), and in changed-files mode it moves when the file does.
import type { Rule } from '../types.js';
import { rangeAtPath } from '../model/frontmatter.js';

function days(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

const rule: Rule = {
  id: 'RB108',
  name: 'review-stale',
  description: '`last_reviewed` is no older than `review.maxAgeDays` (default 180), and a changed runbook updates it.',
  rationale: 'The seed\'s DoD ends with "Last reviewed updated": a procedure nobody has checked for months may no longer match the system. The date records a review a person made, so no automatic fix writes it: the quick fix "Set last_reviewed to today" (and the editor command Mark Reviewed Today) is a suggestion the author picks after reviewing; fix-all and `runbook-lint --fix` never apply it, unless the rule is named explicitly (`runbook-lint --fix --rule RB108`).',
  dod: 'last-reviewed',
  defaultSeverity: 'warning',
  group: 'lifecycle',
  subject: 'change',
  presets: { strict: 'error' },
  fixable: 'suggestion',
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    const v = fm?.data?.['last_reviewed'];
    if (!fm || typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return;
    const lr = v.trim();
    const r = rangeAtPath(fm, ['last_reviewed']) ?? fm.content;
    const raw = ctx.runbook.text.slice(r.start, r.end);
    const q = raw.startsWith('"') ? '"' : raw.startsWith("'") ? "'" : '';
    // A suggestion: today's date is a review only the author can vouch for (see rationale).
    const fix = { title: `Set last_reviewed to today (${ctx.today})`, edits: [{ range: r, newText: `${q}${ctx.today}${q}` }], safe: false };
    const age = days(lr, ctx.today);
    const max = ctx.config.review.maxAgeDays;
    if (age > max) {
      ctx.report({ range: r, message: `\`last_reviewed\` (${lr}) is ${age} days old, over the ${max}-day limit: review the runbook and set it to the review date.`, fix });
    } else if (ctx.changed && !ctx.changed.lastReviewedChanged && lr !== ctx.today) {
      ctx.report({ range: r, message: 'This runbook changed but `last_reviewed` did not: set it to the date of this review.', fix });
    }
  },
};

export default rule;
