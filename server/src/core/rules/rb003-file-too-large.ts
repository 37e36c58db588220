// RB003: the file is over the size limit, so only secrets are checked.
import type { Rule } from '../types.js';

export const LIMIT_BYTES = 5 * 1024 * 1024;

const rule: Rule = {
  id: 'RB003',
  name: 'file-too-large',
  description: 'Files over 5 MB get only the secret checks (RB401); this finding says so.',
  rationale: 'Runbooks are short by nature; a huge file is usually a pasted dump. Secrets are still looked for so nothing leaks.',
  defaultSeverity: 'warning',
  group: 'meta',
  presets: { strict: 'error' },
  fixable: false,
  runsOnLargeFiles: true,
  check(ctx) {
    const n = ctx.runbook.text.length;
    if (n <= LIMIT_BYTES) return;
    ctx.report({
      range: { start: 0, end: Math.min(ctx.runbook.lines.lineEnd(0), 200) },
      message: `The file is ${(n / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit: only secrets are checked. Split it or trim pasted output.`,
    });
  },
};

export default rule;
