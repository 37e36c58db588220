// RB104: a front-matter value breaks schemas/runbook.schema.json; unknown keys get "did you mean".
import type { Rule } from '../types.js';
import { compileSchema, describeSchemaError } from '../schema.js';
import { rangeAtPath, topLevelKeys } from '../model/frontmatter.js';
import { isTemplatePlaceholder } from '../placeholders.js';
import schema from '../../../../schemas/runbook.schema.json';
import { closest } from '../similar.js';
import { KNOWN_KEYS as KNOWN, misspeltRequired } from '../frontmatter-edit.js';

let validate: ReturnType<typeof compileSchema> | undefined;

const rule: Rule = {
  id: 'RB104',
  name: 'front-matter-schema',
  description: 'Front-matter values follow the runbook schema: id form, severity P0–P4, environments, real past dates, non-empty lists.',
  rationale: 'Values are checked against `schemas/runbook.schema.json`, the same schema that drives completion and hover. A value that is still a template placeholder is RB105\'s to report ("fill in"), and an unknown key that is a misspelling of a missing required key is RB103\'s (one finding, with a rename fix); an other unknown key is a warning here, with "did you mean" and a rename fix when a known key is close.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: true,
  check(ctx) {
    const fm = ctx.runbook.frontMatter;
    if (!fm || !fm.closed || !fm.data) return;
    validate ??= compileSchema(schema as Record<string, unknown>);
    const data = fm.data;
    const seen = new Set<string>();
    // RB103 reports these (one mistake, one finding).
    const typos = new Set(misspeltRequired(fm).map((t) => (t.inSafety ? `safety.${t.key.key}` : t.key.key)));
    let top: Map<string, ReturnType<typeof topLevelKeys>[number]> | undefined; // built once: a lookup per unknown key stays linear
    for (const e of validate(data)) {
      if (e.keyword === 'required') continue; // RB103
      const path = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const value = path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k as string] : undefined), data);
      if (typeof value === 'string' && isTemplatePlaceholder(value)) continue; // RB105
      if (e.keyword === 'additionalProperties') {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const keyPath = [...path, key];
        if (typos.has(keyPath.join('.'))) continue;
        if (path.length === 0) top ??= new Map(topLevelKeys(fm).map((x) => [x.key, x]));
        const k = path.length === 0 ? top!.get(key) : undefined;
        const r = k ? undefined : rangeAtPath(fm, keyPath);
        const candidates = path.length === 0 ? KNOWN : path[0] === 'safety' ? ['impact', 'rollback'] : [];
        const guess = closest(key, candidates.filter((c) => !(c in (path.length ? (value as object) ?? {} : data))));
        ctx.report({
          range: k?.keyRange ?? r ?? fm.content,
          severity: 'warning',
          message: `Unknown front-matter key \`${key}\`${guess ? `: did you mean \`${guess}\`?` : '.'}`,
          fix: guess && k ? { title: `Rename \`${key}\` to \`${guess}\``, edits: [{ range: k.keyRange, newText: guess }] } : undefined,
        });
        continue;
      }
      const id = `${e.instancePath}|${e.keyword}`;
      if (seen.has(id)) continue;
      seen.add(id);
      ctx.report({ range: rangeAtPath(fm, path) ?? fm.content, message: describeSchemaError(e) });
    }
    const lr = data['last_reviewed'];
    if (typeof lr === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(lr) && lr > ctx.today) {
      ctx.report({ range: rangeAtPath(fm, ['last_reviewed']) ?? fm.content, message: `\`last_reviewed\` (${lr}) is in the future; use the date of the actual review (today is ${ctx.today}).` });
    }
  },
};

export default rule;
