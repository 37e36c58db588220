// RB103: a required front-matter key is missing (or misspelt).
import type { Rule, TextEdit } from '../types.js';
import { KEY_HINTS, REQUIRED_KEYS, SAFETY_KEYS, insertKeyEdit, insertSafetyKeyEdit, misspeltRequired } from '../frontmatter-edit.js';
import { topLevelKeys } from '../model/frontmatter.js';
import { areaFor } from '../ids.js';
import schema from '../../../../schemas/runbook.schema.json';

const list = (keys: readonly string[]) => keys.map((k) => `\`${k}\``).join(', ');

const rule: Rule = {
  id: 'RB103',
  name: 'front-matter-required',
  description: 'The front matter has every required key: ' + REQUIRED_KEYS.join(', ') + ' (safety with impact and rollback).',
  rationale: (schema as { description: string }).description + ' One mistake, one finding: a misspelt required key (`relatd_alerts`) is one RB103 finding at that key, whose fix renames it and keeps its value (RB104 does not also call it unknown); several missing keys, or an empty front matter, are one finding listing them, whose one fix inserts them all with placeholders to fill in (RB105 then asks for the real values). A missing `audit_notes` is reported here only, not also by RB504.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const fm = rb.frontMatter;
    if (!fm || !fm.closed || !fm.data) return;
    const data = fm.data;
    const openLine = { start: fm.range.start, end: fm.range.start + 3 };
    const values = { area: areaFor(ctx.category, ctx.config), title: rb.h1?.text };
    const typos = misspeltRequired(fm);
    for (const t of typos) {
      const name = t.inSafety ? `safety.${t.required}` : t.required;
      ctx.report({
        range: t.key.keyRange,
        message: `\`${t.key.key}\` looks like a misspelling of the required key \`${name}\` (${KEY_HINTS[name]}): rename it.`,
        fix: { title: `Rename \`${t.key.key}\` to \`${t.required}\``, edits: [{ range: t.key.keyRange, newText: t.required }] },
      });
    }
    const renamed = new Set(typos.filter((t) => !t.inSafety).map((t) => t.required));
    const missing = REQUIRED_KEYS.filter((k) => !(k in data) && !renamed.has(k));
    if (missing.length === 1) {
      const key = missing[0]!;
      const edit = insertKeyEdit(rb, key, values);
      ctx.report({
        range: openLine,
        message: `Front matter is missing \`${key}\` (${KEY_HINTS[key]}).`,
        fix: edit ? { title: `Add \`${key}\` to the front matter`, edits: [edit] } : undefined,
      });
    } else if (missing.length > 1) {
      const edits = missing.map((k) => insertKeyEdit(rb, k, values)).filter((e): e is TextEdit => !!e);
      ctx.report({
        range: openLine,
        message: `Front matter is missing ${missing.length === REQUIRED_KEYS.length ? 'every required key' : `${missing.length} required keys`}: ${list(missing)}.`,
        fix: edits.length === missing.length ? { title: `Add the ${missing.length} missing keys with placeholders to fill in`, edits } : undefined,
      });
    }
    const safety = data['safety'];
    if (safety && typeof safety === 'object' && !Array.isArray(safety)) {
      const keyRange = topLevelKeys(fm).find((k) => k.key === 'safety')!.keyRange;
      const renamedSafety = new Set(typos.filter((t) => t.inSafety).map((t) => t.required));
      const absent = SAFETY_KEYS.filter((k) => !(k in safety) && !renamedSafety.has(k));
      const edits = absent.map((k) => insertSafetyKeyEdit(rb, k)).filter((e): e is TextEdit => !!e);
      if (absent.length) {
        ctx.report({
          range: keyRange,
          message: `\`safety\` is missing ${absent.map((k) => `\`${k}\` (${KEY_HINTS[`safety.${k}`]})`).join(' and ')}.`,
          fix: edits.length === absent.length ? { title: absent.length > 1 ? 'Add `safety.impact` and `safety.rollback`' : `Add \`safety.${absent[0]}\``, edits } : undefined,
        });
      }
    }
  },
};

export default rule;
