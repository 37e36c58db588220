// RB001: a suppression of a safety (RB3xx) or sensitive-data (RB4xx) rule gives no reason.
import type { Rule } from '../types.js';

const rule: Rule = {
  id: 'RB001',
  name: 'suppression-reason',
  description: 'Suppressing a safety (RB3xx) or sensitive-data (RB4xx) rule needs a reason after ` -- `.',
  rationale: 'Reviewers must see why a risky command or a flagged value is acceptable.',
  defaultSeverity: 'warning',
  group: 'meta',
  presets: { strict: 'error' },
  fixable: 'suggestion',
  post: true,
  runsOnLargeFiles: true,
  runsOnTemplates: true,
  check(ctx) {
    for (const s of ctx.suppressions ?? []) {
      if (s.kind === 'enable' || s.reason) continue;
      const risky = s.rules.length === 0 || s.rules.some((r) => /^RB[34]\d\d$/.test(r));
      if (!risky) continue;
      const close = ctx.runbook.text.lastIndexOf('-->', s.range.end);
      const insertAt = close >= s.range.start ? close : s.range.end;
      const needsSpace = ctx.runbook.text[insertAt - 1] !== ' ';
      ctx.report({
        range: s.range,
        message: `This suppression of ${s.rules.length ? s.rules.join(', ') : 'every rule'} gives no reason: add \` -- <why this is safe>\`.`,
        fix: close >= s.range.start ? { title: 'Add a reason placeholder', safe: false, edits: [{ range: { start: insertAt, end: insertAt }, newText: `${needsSpace ? ' ' : ''}-- <reason> ` }] } : undefined,
      });
    }
  },
};

export default rule;
