// RB206: a triage/diagnose step has "Commands/checks" with a command and "Interpret results"
// with at least one "If … → go to Step X" branch (seed: Inputs → Commands/Checks → Interpretation → Next step).
import type { Rule } from '../types.js';
import type { Section } from '../model/runbook.js';
import type { Runbook } from '../model/runbook.js';
import type { OffsetRange } from '../model/text.js';
import { branchesIn } from '../steps.js';
import { startingIn } from '../model/cover.js';
import { isPlaceholderText, isTemplatePlaceholder } from '../placeholders.js';

const COMMANDS = /^(?:commands?|checks?)\b/i;
const INTERPRET = /^interpret/i;
const CONDITION_WORD = /^(?:if|when|unless)\s+/i;

function subsection(s: Section, re: RegExp): Section | undefined {
  return s.children.find((c) => re.test(c.heading.text.replace(/^\d+[.)]\s*/, '')));
}

/** 'real' when the part holds a command, 'placeholder' when only placeholder commands (`<read-only command>`). */
function commandIn(rb: Runbook, s: Section): 'real' | 'placeholder' | 'none' {
  const values = [...startingIn(rb.codeBlocks, s.bodyRange), ...startingIn(rb.inlineCode, s.bodyRange)].map((c) => c.value.trim()).filter(Boolean);
  if (values.some((v) => !isTemplatePlaceholder(v))) return 'real';
  return values.length ? 'placeholder' : 'none';
}

interface Part {
  text: string;
  range: OffsetRange;
  placeholder?: boolean;
}

const rule: Rule = {
  id: 'RB206',
  name: 'step-structure',
  description: 'A triage or diagnose step has a "Commands/checks" part with at least one command and an "Interpret results" part with at least one "If … → go to Step X" branch.',
  rationale: 'The seed\'s runbook format is Inputs → Commands/Checks → Interpretation → Next step: each check says what to run, how to read it and where to go next. One finding per step names everything it lacks; a placeholder command (`<read-only command>`), a placeholder condition (`If <condition> →`) or a placeholder in the heading (`<cause A>`) is reported as "fill in" until a person writes the real one.',
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
      const parts: Part[] = [];
      // The raw text: `<cause A>` parses as inline HTML, which the heading text leaves out.
      if (isTemplatePlaceholder(rb.text.slice(s.heading.textRange.start, s.heading.textRange.end))) parts.push({ text: 'its heading still holds a template placeholder', range: s.heading.range, placeholder: true });
      const cmds = subsection(s, COMMANDS);
      const cmd = cmds ? commandIn(rb, cmds) : 'none';
      if (!cmds) parts.push({ text: 'it has no "Commands/checks" part: add a "### Commands/checks" heading with the read-only commands to run', range: s.heading.range });
      else if (cmd === 'none') parts.push({ text: 'its "Commands/checks" holds no command: add at least one command in a code block or inline code', range: cmds.heading.range });
      else if (cmd === 'placeholder') parts.push({ text: 'its "Commands/checks" holds only a placeholder command', range: cmds.heading.range, placeholder: true });
      const interp = subsection(s, INTERPRET);
      const branches = interp ? branchesIn(rb, interp.bodyRange) : [];
      if (!interp) parts.push({ text: 'it has no "Interpret results" part: add a "### Interpret results" heading with branches like "If … → go to Step X"', range: s.heading.range });
      else if (!branches.length) parts.push({ text: 'its "Interpret results" has no branch: add at least one "If <what you saw> → go to Step X"', range: interp.heading.range });
      else if (branches.some((b) => isPlaceholderText(b.condition.replace(CONDITION_WORD, '')))) parts.push({ text: 'its "Interpret results" branches on a placeholder condition', range: interp.heading.range, placeholder: true });
      if (!parts.length) continue;
      const placeholder = parts.some((p) => p.placeholder);
      ctx.report({
        range: parts.length === 1 ? parts[0]!.range : s.heading.range,
        message: `${placeholder ? 'Fill in ' : ''}${name}: ${parts.map((p) => p.text).join('; ')}.`,
        ...(placeholder ? { meta: { placeholder: true } } : {}),
      });
    }
  },
};

export default rule;
