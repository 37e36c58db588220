// RB109: the H1 says the same as `title`.
import type { Rule } from '../types.js';
import { isTemplatePlaceholder } from '../placeholders.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Case and trailing punctuation are cosmetic: "Restore X." and "restore x" say the same. */
const same = (a: string, b: string) => norm(a).replace(/[.:!]+$/, '').toLowerCase() === norm(b).replace(/[.:!]+$/, '').toLowerCase();

const rule: Rule = {
  id: 'RB109',
  name: 'title-matches-heading',
  description: 'The H1 heading matches the front-matter `title` (ignoring case and trailing punctuation).',
  rationale: 'Search, the Runbooks tree and tickets show `title`; the reader sees the H1. When they drift, people doubt they opened the right runbook.',
  dod: 'structure',
  defaultSeverity: 'warning',
  group: 'structure',
  presets: { strict: 'error', 'existing-repo': 'off' },
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const fm = rb.frontMatter;
    const title = fm?.data?.['title'];
    if (!fm || !fm.closed || typeof title !== 'string' || !title.trim() || isTemplatePlaceholder(title)) return;
    const h1 = rb.h1;
    const eol = rb.lines.eol;
    if (!h1) {
      const at = fm.range.end;
      ctx.report({
        range: { start: fm.range.start, end: fm.range.start + 3 },
        message: 'The runbook has no H1 heading: add "# <title>" under the front matter.',
        fix: { title: 'Insert the title as H1', edits: [{ range: { start: at, end: at }, newText: `${eol}# ${norm(title)}${eol}` }] },
      });
      return;
    }
    // Keep a trailing HTML comment on the heading line (suppressions, markers).
    const raw = rb.text.slice(h1.textRange.start, h1.textRange.end);
    const cut = raw.indexOf('<!--');
    const end = cut >= 0 ? h1.textRange.start + raw.slice(0, cut).trimEnd().length : h1.textRange.end;
    // As written too: a title with `code` matches the H1 that writes it the same way (the fix's own result).
    if (same(h1.text, title) || same(rb.text.slice(h1.textRange.start, end), title)) return;
    ctx.report({
      range: h1.range,
      message: `The H1 "${norm(h1.text)}" differs from the title "${norm(title)}": make them match.`,
      fix: { title: 'Make the H1 match the title', edits: [{ range: { start: h1.textRange.start, end }, newText: norm(title) }] },
    });
  },
};

export default rule;
