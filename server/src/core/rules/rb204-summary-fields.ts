// RB204: the Summary names a filled Symptom, Impact and Most common causes.
import type { Rule } from '../types.js';
import { findSection } from '../sections.js';
import { isPlaceholderText } from '../placeholders.js';

const FIELDS: { label: string; re: RegExp }[] = [
  { label: 'Symptom', re: /^symptoms?$/i },
  { label: 'Impact', re: /^impact$/i },
  { label: 'Most common causes', re: /^(?:most )?(?:common |likely |probable )?causes?$/i },
];

const FIELD_LINE = /^(\s*)(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z ]{3,40}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$/;

type State = 'filled' | 'empty' | 'placeholder';

/** What a field's text holds: real content, nothing, or a placeholder (`<…>`, `TBD`, the template's wording). */
function stateOf(v: string): State {
  const t = v.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/\*\*|__/g, '').trim();
  if (t === '' || /^(?:\.\.\.|…|-)$/.test(t)) return 'empty';
  return isPlaceholderText(t) ? 'placeholder' : 'filled';
}

const rule: Rule = {
  id: 'RB204',
  name: 'summary-fields',
  description: 'The Summary fills in Symptom, Impact and Most common causes.',
  rationale: 'The seed\'s template opens with what the operator sees, who is hurt, and the usual causes: it is how a responder picks the right runbook. One finding for the Summary names each field that is missing, empty, or still a placeholder (`<what operators or users see>`, `TBD`); RB208 leaves the Summary to this rule.',
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
    const found = new Map<string, { state: State; line: number }>();
    for (let l = first; l <= last; l++) {
      const m = FIELD_LINE.exec(rb.lines.lineText(l));
      if (!m) continue;
      const f = FIELDS.find((x) => x.re.test(m[2]!.trim()));
      if (!f || found.get(f.label)?.state === 'filled') continue;
      let state = stateOf(m[3]!);
      // The value may continue on indented lines below ("- **Most common causes:**" + sub-list).
      for (let k = l + 1; state !== 'filled' && k <= last; k++) {
        const t = rb.lines.lineText(k);
        if (!/^\s{2,}\S/.test(t) || FIELD_LINE.test(t) && FIELDS.some((x) => x.re.test(FIELD_LINE.exec(t)![2]!.trim()))) break;
        const next = stateOf(t.replace(/^\s*(?:[-*+]\s+)?/, ''));
        if (next !== 'empty') state = next;
      }
      found.set(f.label, { state, line: l });
    }
    // One finding for the Summary, naming the fields that are missing, empty or a placeholder.
    const by: Record<State | 'missing', string[]> = { missing: [], empty: [], placeholder: [], filled: [] };
    let at: { start: number; end: number } | undefined;
    for (const f of FIELDS) {
      const hit = found.get(f.label);
      by[hit?.state ?? 'missing'].push(`"${f.label}"`);
      if (hit && hit.state !== 'filled') at ??= { start: rb.lines.lineStarts[hit.line]!, end: rb.lines.lineEnd(hit.line) };
    }
    const names = (l: string[]) => (l.length > 1 ? `${l.slice(0, -1).join(', ')} and ${l[l.length - 1]}` : l[0]!);
    const parts = [
      ...(by.placeholder.length ? [`${names(by.placeholder)} still ${by.placeholder.length > 1 ? 'hold placeholders' : 'holds a placeholder'}`] : []),
      ...(by.empty.length ? [`${names(by.empty)} ${by.empty.length > 1 ? 'are' : 'is'} empty`] : []),
      ...(by.missing.length ? [`add ${by.missing.map((m) => `a "- **${m.slice(1, -1)}:** …" line`).join(', ')}`] : []),
    ];
    if (!parts.length) return;
    const placeholder = by.placeholder.length > 0;
    ctx.report({
      range: at ?? s.heading.range,
      message: `Fill in the Summary: ${parts.join('; ')}.`,
      ...(placeholder ? { meta: { placeholder: true } } : {}),
    });
  },
};

export default rule;
