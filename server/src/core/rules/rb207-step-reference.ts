// RB207: every "go to Step X" names a step that exists; a diagnose step that no reference reaches
// is reported as info (nobody will ever be sent there).
import type { Rule } from '../types.js';
import { codeCover, findStepReferences, resolveStep, stepHeadings } from '../steps.js';
import type { Runbook } from '../model/runbook.js';
import { perModel } from '../model/cover.js';

/** A numbered heading line, list item or "Step N:" line: its step label (`2A`, upper case) or its number (`2.`). */
const NUMBERED_LINE = /^\s*(?:#{1,6}\s+)?(?:[*_]{1,2})?(?:step\s+(\d{1,4}[A-Za-z]?)\b|(\d{1,4})[.)]\s)/i;

/**
 * The labels numbered somewhere outside code: `step 2A` as `S:2A`, `2.` / `2)` as `N:2` — from heading texts and
 * from every line, in one pass (per reference, a scan of every line was quadratic: 550 steps each naming 550
 * others, 5 MB, took 10 s).
 */
const numberedLabels = perModel((rb: Runbook): Set<string> => {
  const out = new Set<string>();
  const add = (line: string) => {
    const m = NUMBERED_LINE.exec(line);
    if (m) out.add(m[1] ? `S:${m[1].toUpperCase()}` : `N:${m[2]}`);
  };
  for (const h of rb.headings) add(h.text);
  const skip = codeCover(rb);
  for (let line = 0; line < rb.lines.lineCount; line++) if (!skip.has(rb.lines.lineStarts[line]!)) add(rb.lines.lineText(line));
  return out;
});

/** A numbered heading, list item or "Step N:" line with this label (`2`, `2A`), outside code. */
function numberedElsewhere(rb: Runbook, label: string): boolean {
  const l = label.replace(/^step\s*/i, '').trim();
  if (!/^\d{1,4}[A-Za-z]?$/.test(l)) return false;
  const labels = numberedLabels(rb);
  return labels.has(`S:${l.toUpperCase()}`) || labels.has(`N:${l.replace(/[A-Za-z]$/, '')}`);
}

const rule: Rule = {
  id: 'RB207',
  name: 'step-reference',
  description: 'Every "go to Step X" names an existing step (judged where the runbook numbers its steps as `Step N — …` headings; a numbered heading, list item or "Step N:" line of that label counts); every diagnose step is reached by some branch (info).',
  rationale: 'A branch that points nowhere strands the operator mid-incident. Go-to-definition on "Step 2A" uses the same resolution.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'warning' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const steps = stepHeadings(rb);
    const refs = findStepReferences(rb);
    const labels = steps.map((h) => h.step!.label);
    const list = labels.length > 12 ? `${labels.slice(0, 12).join(', ')}, … (${labels.length} in all)` : labels.join(', ');
    // Each step heading with the references that reach it (one resolution per reference).
    const reaching = new Map<object, typeof refs>();
    for (const r of refs) {
      const target = resolveStep(rb, r.label);
      if (target) {
        const l = reaching.get(target);
        if (l) l.push(r);
        else reaching.set(target, [r]);
        continue;
      }
      // Only the runbook's own numbering can say a step is missing: without `Step N — …` headings a
      // reference names another numbering (`### 1. Collect logs`, a numbered list, a "Step 2:" line).
      if (!steps.length || numberedElsewhere(rb, r.label)) continue;
      ctx.report({
        range: r.range,
        message: `"Step ${r.label}" does not exist${labels.length ? ` (steps: ${list})` : ''}: point the branch at an existing step.`,
      });
    }
    for (const s of rb.allSections) {
      if (s.kind !== 'diagnose' || !s.heading.step) continue;
      const h = s.heading;
      const reached = (reaching.get(h) ?? []).some((r) => !(r.range.start >= s.range.start && r.range.start < s.range.end));
      if (reached) continue;
      ctx.report({
        range: h.range,
        severity: 'info',
        message: `No branch leads to Step ${h.step!.label}: add "If … → go to Step ${h.step!.label}" where this diagnosis applies, or remove the step.`,
      });
    }
  },
};

export default rule;
