// RB206: a triage/diagnose step has "Commands/checks" with a command and "Interpret results"
// with at least one "If … → go to Step X" branch (seed: Inputs → Commands/Checks → Interpretation → Next step).
import type { Rule } from '../types.js';
import type { Section } from '../model/runbook.js';
import type { Runbook } from '../model/runbook.js';
import { branchesIn } from '../steps.js';
import { isTemplatePlaceholder } from '../placeholders.js';

const COMMANDS = /^(?:commands?|checks?)\b/i;
const INTERPRET = /^interpret/i;

function subsection(s: Section, re: RegExp): Section | undefined {
  return s.children.find((c) => re.test(c.heading.text.replace(/^\d+[.)]\s*/, '')));
}

function hasCommand(rb: Runbook, s: Section): boolean {
  const inside = (r: { start: number }) => r.start >= s.bodyRange.start && r.start < s.bodyRange.end;
  return rb.codeBlocks.some((c) => inside(c.range) && c.value.trim() !== '' && !isTemplatePlaceholder(c.value))
    || rb.inlineCode.some((c) => inside(c.range) && c.value.trim() !== '' && !isTemplatePlaceholder(c.value));
}

const rule: Rule = {
  id: 'RB206',
  name: 'step-structure',
  description: 'A triage or diagnose step has a "Commands/checks" part with at least one command and an "Interpret results" part with at least one "If … → go to Step X" branch.',
  rationale: 'The seed\'s runbook format is Inputs → Commands/Checks → Interpretation → Next step: each check says what to run, how to read it and where to go next.',
  dod: 'structure',
  defaultSeverity: 'error',
  group: 'structure',
  presets: { 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    for (const s of rb.allSections) {
      if (!s.heading.step || (s.kind !== 'triage' && s.kind !== 'diagnose')) continue;
      const name = `Step ${s.heading.step.label}`;
      const cmds = subsection(s, COMMANDS);
      if (!cmds) ctx.report({ range: s.heading.range, message: `${name} has no "Commands/checks" part: add a "### Commands/checks" heading with the read-only commands to run.` });
      else if (!hasCommand(rb, cmds)) ctx.report({ range: cmds.heading.range, message: `"Commands/checks" of ${name} holds no command: add at least one command in a code block or inline code.` });
      const interp = subsection(s, INTERPRET);
      if (!interp) ctx.report({ range: s.heading.range, message: `${name} has no "Interpret results" part: add a "### Interpret results" heading with branches like "If … → go to Step X".` });
      else if (!branchesIn(rb, interp.bodyRange).length) ctx.report({ range: interp.heading.range, message: `"Interpret results" of ${name} has no branch: add at least one "If <what you saw> → go to Step X".` });
    }
  },
};

export default rule;
