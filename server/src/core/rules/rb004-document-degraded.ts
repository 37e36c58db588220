// RB004: part of the document was over a parsing budget (core/budget.ts) and was left out or read as
// plain text, so the checks that need it did not run there; this finding says what and where.
import type { Rule } from '../types.js';

const rule: Rule = {
  id: 'RB004',
  name: 'document-degraded',
  description: 'A document that exceeds a parsing budget (nesting depth, run length, count, headings) or a rule\'s findings budget is checked in part; this finding says what was left out.',
  rationale:
    'Nesting thousands of levels deep, or runs of thousands of list markers or emphasis delimiters, make parsers crash or take minutes. ' +
    'Such input is cut off at a budget no real runbook comes near, the rest of the file is still checked (secrets everywhere), and this finding says which checks were skipped where. ' +
    'Likewise a rule reports at most 1,000 findings in one document (tens of thousands of generated headings would otherwise flood the output and the editor); this finding says how many more there were and from where.',
  defaultSeverity: 'warning',
  group: 'meta',
  presets: { strict: 'error' },
  fixable: false,
  runsOnLargeFiles: true,
  runsOnTemplates: true,
  runsLast: true,
  check(ctx) {
    const rb = ctx.runbook;
    for (const d of [...(rb.frontMatter?.degraded ? [rb.frontMatter.degraded] : []), ...(rb.degraded ?? []), ...(ctx.leftOut ?? [])]) {
      ctx.report({ range: d.range, message: `${d.message}. Simplify or split this part of the file.` });
    }
  },
};

export default rule;
