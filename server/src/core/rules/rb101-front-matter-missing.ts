// RB101: the runbook has no front matter, or its `---` is never closed.
import type { Rule, RuleContext } from '../types.js';
import { skeleton, REQUIRED_KEYS } from '../frontmatter-edit.js';
import { areaFor } from '../ids.js';
import { lineEndAt } from '../model/frontmatter.js';

const LOOSE_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*)?`?([a-z_]+)`?(?:\*\*)?\s*:\s*(.*?)\s*$/;
const TABLE_ROW = /^\s*\|\s*`?([a-z_]+)`?\s*\|\s*(.*?)\s*\|\s*$/;

const rule: Rule = {
  id: 'RB101',
  name: 'front-matter-missing',
  description: 'The runbook starts with YAML front matter (`---` … `---`) holding the required metadata.',
  rationale: 'The seed asks for the required metadata near the top of every runbook; front matter makes it machine-checkable. Metadata written as `key: value` lines or a two-column table before the first H2 is accepted with a warning and a fix that converts it.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: true,
  check(ctx: RuleContext) {
    const rb = ctx.runbook;
    const eol = rb.lines.eol;
    const values = { area: areaFor(ctx.category, ctx.config), title: rb.h1?.text };
    const fm = rb.frontMatter;
    if (fm && !fm.closed) {
      const open = { start: fm.range.start, end: fm.range.start + 3 };
      let at = fm.content.end;
      // Insert the closing line after the last non-blank YAML line.
      while (at > fm.content.start && /\s/.test(rb.text[at - 1]!)) at--;
      const lineEnd = lineEndAt(rb.text, at).next;
      ctx.report({
        range: open,
        message: 'Front matter opened with `---` is never closed: add a `---` line after the metadata.',
        fix: { title: 'Close the front matter with ---', edits: [{ range: { start: lineEnd, end: lineEnd }, newText: '---' + eol + (lineEnd >= rb.text.length || rb.text.slice(lineEnd).startsWith('#') ? eol : '') }] },
      });
      return;
    }
    if (fm) return;
    const loose = findLooseMetadata(ctx);
    if (loose) {
      const yaml = loose.pairs.map(([k, v]) => `${k}: ${v}`);
      ctx.report({
        range: loose.range,
        severity: 'warning',
        message: `Runbook metadata is written as plain ${loose.table ? 'table rows' : 'lines'}: move it into YAML front matter so it can be checked.`,
        fix: {
          title: 'Convert the metadata to YAML front matter',
          edits: [
            { range: { start: 0, end: 0 }, newText: ['---', ...yaml, '---', ''].join(eol) },
            { range: loose.range, newText: '' },
          ],
        },
      });
      return;
    }
    const start = rb.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    ctx.report({
      range: { start, end: Math.min(rb.lines.lineEnd(0), start + 200) },
      message: 'The runbook has no front matter: add the required metadata (runbook_id, title, owner, last_reviewed, severity, …) between `---` lines at the top.',
      fix: { title: 'Insert the front-matter skeleton', edits: [{ range: { start, end: start }, newText: skeleton(values, eol) + (rb.text.length > start ? eol : '') }] },
    });
  },
};

/** `key: value` lines or `| key | value |` rows before the first H2 that name ≥ 3 required keys. */
function findLooseMetadata(ctx: RuleContext): { range: { start: number; end: number }; pairs: [string, string][]; table: boolean } | undefined {
  const rb = ctx.runbook;
  const firstH2 = rb.headings.find((h) => h.depth >= 2);
  const limit = firstH2 ? firstH2.range.start : rb.text.length;
  const required = new Set<string>(REQUIRED_KEYS);
  let start = -1;
  let end = -1;
  let table = false;
  const pairs: [string, string][] = [];
  for (let line = 0; line < rb.lines.lineCount; line++) {
    const ls = rb.lines.lineStarts[line]!;
    if (ls >= limit) break;
    const text = rb.lines.lineText(line);
    const m = TABLE_ROW.exec(text) ?? LOOSE_LINE.exec(text);
    if (m && required.has(m[1]!)) {
      if (start < 0) start = ls;
      table ||= text.trim().startsWith('|');
      end = line + 1 < rb.lines.lineCount ? rb.lines.lineStarts[line + 1]! : rb.text.length;
      const v = m[2]!.replace(/^\*\*|\*\*$/g, '').trim();
      pairs.push([m[1]!, v === '' ? '""' : /^[\w.-]+$/.test(v) || /^\[.*\]$/.test(v) ? v : JSON.stringify(v.replace(/^["']|["']$/g, ''))]);
    }
  }
  if (pairs.length < 3) return undefined;
  return { range: { start, end }, pairs, table };
}

export default rule;
