// RB101: the runbook has no front matter, or its `---` is never closed.
import type { Rule, RuleContext } from '../types.js';
import { skeleton, REQUIRED_KEYS } from '../frontmatter-edit.js';
import { areaFor } from '../ids.js';
import { lineEndAt } from '../model/frontmatter.js';
import { parseDocument } from 'yaml';

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
      // Valid YAML as written (lists under a key included) moves verbatim; otherwise each `key: value`
      // line becomes one YAML pair and only those lines move: no other line of the author's is lost.
      const yaml = loose.verbatim ?? loose.pairs.map(([k, v]) => `${k}: ${v}`);
      const removed = loose.verbatim ? [loose.range] : loose.lines;
      ctx.report({
        range: loose.range,
        severity: 'warning',
        message: `Runbook metadata is written as plain ${loose.table ? 'table rows' : 'lines'}: move it into YAML front matter so it can be checked.`,
        fix: {
          title: 'Convert the metadata to YAML front matter',
          edits: [
            { range: { start: 0, end: 0 }, newText: ['---', ...yaml, '---', ''].join(eol) },
            ...removed.map((range) => ({ range, newText: '' })),
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

/** A line without a trailing HTML comment (a fixture marker, a note): not part of the value. */
function withoutTrailingComment(line: string): string {
  const t = line.trimEnd();
  const open = t.lastIndexOf('<!--');
  return open >= 0 && t.endsWith('-->') ? t.slice(0, open).trimEnd() : line;
}

interface Loose {
  /** From the first to the last metadata line (whole lines). */
  range: { start: number; end: number };
  /** The `key: value` lines (whole lines), in order. */
  lines: { start: number; end: number }[];
  pairs: [string, string][];
  /** The region's lines as written, when they are a valid YAML mapping (lists under keys included). */
  verbatim?: string[];
  table: boolean;
}

/** `key: value` lines or `| key | value |` rows before the first H2 that name ≥ 3 required keys. */
function findLooseMetadata(ctx: RuleContext): Loose | undefined {
  const rb = ctx.runbook;
  const firstH2 = rb.headings.find((h) => h.depth >= 2);
  const limit = firstH2 ? firstH2.range.start : rb.text.length;
  const required = new Set<string>(REQUIRED_KEYS);
  let first = -1;
  let last = -1;
  let table = false;
  const pairs: [string, string][] = [];
  const lines: { start: number; end: number }[] = [];
  const lineRange = (line: number) => ({ start: rb.lines.lineStarts[line]!, end: line + 1 < rb.lines.lineCount ? rb.lines.lineStarts[line + 1]! : rb.text.length });
  for (let line = 0; line < rb.lines.lineCount; line++) {
    const ls = rb.lines.lineStarts[line]!;
    if (ls >= limit) break;
    const text = withoutTrailingComment(rb.lines.lineText(line));
    const m = TABLE_ROW.exec(text) ?? LOOSE_LINE.exec(text);
    if (m && required.has(m[1]!)) {
      if (first < 0) first = line;
      last = line;
      table ||= text.trim().startsWith('|');
      lines.push(lineRange(line));
      const v = m[2]!.replace(/^\*\*|\*\*$/g, '').trim();
      pairs.push([m[1]!, v === '' ? '""' : /^[\w.-]+$/.test(v) || /^\[.*\]$/.test(v) ? v : JSON.stringify(v.replace(/^["']|["']$/g, ''))]);
    }
  }
  if (pairs.length < 3) return undefined;
  // Lines indented below the last key (its list items) belong to it.
  while (last + 1 < rb.lines.lineCount && rb.lines.lineStarts[last + 1]! < limit && /^\s+\S/.test(rb.lines.lineText(last + 1))) last++;
  const range = { start: lineRange(first).start, end: lineRange(last).end };
  const region = [];
  for (let l = first; l <= last; l++) region.push(rb.lines.lineText(l));
  let verbatim: string[] | undefined;
  if (!table && region.length > lines.length) {
    const doc = parseDocument(region.join('\n'));
    const data = doc.errors.length ? undefined : (doc.toJS() as unknown);
    if (data && typeof data === 'object' && !Array.isArray(data) && pairs.every(([k]) => k in data)) verbatim = region.map(withoutTrailingComment);
  }
  return { range, lines, pairs, verbatim, table };
}

export default rule;
