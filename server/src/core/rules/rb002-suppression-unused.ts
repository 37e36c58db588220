// RB002: a suppression comment suppresses nothing.
import type { Rule } from '../types.js';

const rule: Rule = {
  id: 'RB002',
  name: 'suppression-unused',
  description: 'Every suppression comment suppresses at least one finding.',
  rationale: 'Stale suppressions hide future problems; remove them once the finding is gone.',
  defaultSeverity: 'info',
  group: 'meta',
  presets: { strict: 'warning' },
  fixable: true,
  post: true,
  check(ctx) {
    const text = ctx.runbook.text;
    for (const s of ctx.suppressions ?? []) {
      if (s.kind === 'enable' || s.used > 0) continue;
      // Remove the whole line when the comment stands alone on it.
      const ls = ctx.runbook.lines.positionAt(s.range.start);
      const lineStart = s.range.start - ls.character;
      const lineEnd = ctx.runbook.lines.lineEnd(ls.line);
      const alone = text.slice(lineStart, s.range.start).trim() === '' && text.slice(s.range.end, lineEnd).trim() === '';
      const next = ls.line + 1 < ctx.runbook.lines.lineCount ? ctx.runbook.lines.lineStarts[ls.line + 1]! : lineEnd;
      const isHtml = text.startsWith('<!--', s.range.start);
      ctx.report({
        range: s.range,
        message: `This suppression of ${s.rules.length ? s.rules.join(', ') : 'every rule'} suppresses nothing: remove it.`,
        fix: isHtml ? { title: 'Remove the unused suppression', edits: [{ range: alone ? { start: lineStart, end: next } : s.range, newText: '' }] } : undefined,
      });
    }
  },
};

export default rule;
