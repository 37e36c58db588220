// RB204: the Summary names a filled Symptom, Impact and Most common causes.
import type { Rule } from '../types.js';
import { findSection } from '../sections.js';
import { isTemplatePlaceholder } from '../placeholders.js';

const FIELDS: { label: string; re: RegExp }[] = [
  { label: 'Symptom', re: /^symptoms?$/i },
  { label: 'Impact', re: /^impact$/i },
  { label: 'Most common causes', re: /^(?:most )?(?:common |likely |probable )?causes?$/i },
];

const FIELD_LINE = /^(\s*)(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z ]{3,40}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$/;

/** Filled: text that is not empty, `...`, `TBD`/`TODO` or a template placeholder. */
export function isFilled(v: string): boolean {
  const t = v.replace(/\*\*|__/g, '').trim();
  return t !== '' && !/^(?:\.\.\.|…|tbd|todo|n\/a|-)$/i.test(t) && !isTemplatePlaceholder(t);
}

const rule: Rule = {
  id: 'RB204',
  name: 'summary-fields',
  description: 'The Summary fills in Symptom, Impact and Most common causes.',
  rationale: 'The seed\'s template opens with what the operator sees, who is hurt, and the usual causes: it is how a responder picks the right runbook.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const s = findSection(rb, 'summary');
    if (!s) return;
    const first = rb.lines.positionAt(s.bodyRange.start).line + (rb.text[s.bodyRange.start - 1] === '\n' ? 0 : 1);
    const last = rb.lines.positionAt(Math.max(s.bodyRange.start, s.bodyRange.end - 1)).line;
    const found = new Map<string, { filled: boolean; line: number }>();
    for (let l = first; l <= last; l++) {
      const m = FIELD_LINE.exec(rb.lines.lineText(l));
      if (!m) continue;
      const f = FIELDS.find((x) => x.re.test(m[2]!.trim()));
      if (!f || found.get(f.label)?.filled) continue;
      let filled = isFilled(m[3]!);
      // The value may continue on indented lines below ("- **Most common causes:**" + sub-list).
      for (let k = l + 1; !filled && k <= last; k++) {
        const t = rb.lines.lineText(k);
        if (!/^\s{2,}\S/.test(t) || FIELD_LINE.test(t) && FIELDS.some((x) => x.re.test(FIELD_LINE.exec(t)![2]!.trim()))) break;
        filled = isFilled(t.replace(/^\s*(?:[-*+]\s+)?/, ''));
      }
      found.set(f.label, { filled, line: l });
    }
    for (const f of FIELDS) {
      const hit = found.get(f.label);
      if (hit?.filled) continue;
      const range = hit ? { start: rb.lines.lineStarts[hit.line]!, end: rb.lines.lineEnd(hit.line) } : s.heading.range;
      ctx.report({
        range,
        message: hit
          ? `The Summary's "${f.label}" is empty: fill it in.`
          : `The Summary has no "${f.label}": add a "- **${f.label}:** …" line.`,
      });
    }
  },
};

export default rule;
