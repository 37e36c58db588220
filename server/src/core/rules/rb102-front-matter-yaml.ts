// RB102: the front matter is not valid YAML.
import type { Rule } from '../types.js';

const rule: Rule = {
  id: 'RB102',
  name: 'front-matter-yaml',
  description: 'The front matter parses as YAML.',
  rationale: 'A YAML syntax error hides every other metadata check; the error is shown at the parser\'s position.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'warning' },
  fixable: false,
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    if (!fm || !fm.closed || fm.degraded) return; // RB004 says why it was not read
    for (const e of fm.errors) ctx.report({ range: e.range, message: `Front matter YAML error: ${e.message}.`.replace(/\.\.$/, '.') });
    if (!fm.errors.length && fm.data === undefined) {
      ctx.report({ range: fm.content, message: 'Front matter must be a mapping of `key: value` pairs.' });
    }
  },
};

export default rule;
