// RB107: the area in `RB-<AREA>-<NNN>` matches the category folder (via the `areas` setting).
import type { Rule } from '../types.js';
import { rangeAtPath } from '../model/frontmatter.js';
import { ID_PATTERN, areaFor, nextFreeId } from '../ids.js';

const rule: Rule = {
  id: 'RB107',
  name: 'runbook-id-area',
  description: 'The area of `runbook_id` (`RB-<AREA>-<NNN>`) matches the runbook\'s category folder, per the `areas` setting.',
  rationale: 'An id whose area says NET for a storage runbook misleads whoever finds it in an alert or ticket. The fix offers the next free id of the right area; it is not applied by fix-all, because ids are meant to stay stable.',
  dod: 'structure',
  defaultSeverity: 'warning',
  group: 'structure',
  presets: { strict: 'error', 'existing-repo': 'off' },
  fixable: 'suggestion',
  check(ctx) {
    const rb = ctx.runbook;
    const fm = rb.frontMatter;
    const id = fm?.data?.['runbook_id'];
    if (!fm || typeof id !== 'string') return;
    const m = ID_PATTERN.exec(id.trim());
    const want = areaFor(ctx.category, ctx.config);
    if (!m || !want || m[1] === want) return;
    const r = rangeAtPath(fm, ['runbook_id']) ?? fm.content;
    const raw = rb.text.slice(r.start, r.end);
    const q = raw.startsWith('"') ? '"' : raw.startsWith("'") ? "'" : '';
    const next = nextFreeId(ctx.category, ctx.config, ctx.workspace, rb.path);
    ctx.report({
      range: r,
      message: `\`runbook_id\` ${id} has area ${m[1]} but the runbook is in ${ctx.category}/ (area ${want}): use ${next}, the next free ${want} id.`,
      fix: { title: `Change the id to ${next}`, edits: [{ range: r, newText: `${q}${next}${q}` }], safe: false },
    });
  },
};

export default rule;
