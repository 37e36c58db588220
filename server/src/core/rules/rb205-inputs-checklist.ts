// RB205: Inputs is a checklist covering time window, environment, service/component and recent changes.
import type { Rule, TextEdit } from '../types.js';
import { findSection } from '../sections.js';

export const INPUT_TOPICS: { label: string; item: string; re: RegExp }[] = [
  { label: 'time window', item: 'Time window (UTC + local)', re: /\b(?:time|when|window|since|start(?:ed)?|timestamp|utc)\b/i },
  { label: 'environment', item: 'Environment / namespace / cluster', re: /\b(?:environment|env|namespace|cluster|region|prod|staging)\b/i },
  { label: 'service/component', item: 'Service/component names', re: /\b(?:service|component|deployment|app(?:lication)?|workload|job|pipeline|bucket|database|node)s?\b/i },
  { label: 'recent changes', item: 'Recent changes (deployments, promotions, policy changes)', re: /\b(?:recent|change|changes|changed|deploy(?:ment|ed)?s?|promotion|release|rollout|commit)\b/i },
];

const rule: Rule = {
  id: 'RB205',
  name: 'inputs-checklist',
  description: 'Inputs is a checklist (`- [ ]`) naming the time window, environment, service/component and recent changes.',
  rationale: 'The seed: "Do not skip the Inputs section. It prevents guesswork and improves post-incident analysis."',
  dod: 'structure',
  defaultSeverity: 'warning',
  group: 'structure',
  presets: { strict: 'error', 'existing-repo': 'off' },
  fixable: true,
  check(ctx) {
    const rb = ctx.runbook;
    const s = findSection(rb, 'inputs');
    if (!s) return;
    const eol = rb.lines.eol;
    const items = rb.listItems.filter((li) => li.range.start >= s.bodyRange.start && li.range.start < s.bodyRange.end);
    const plain = items.filter((li) => li.checked === null);
    if (!items.length || plain.length) {
      const edits: TextEdit[] = [];
      for (const li of plain) {
        const m = /^(\s*[-*+]\s+)/.exec(rb.text.slice(li.range.start, li.range.start + 20));
        if (m) edits.push({ range: { start: li.range.start + m[1]!.length, end: li.range.start + m[1]!.length }, newText: '[ ] ' });
      }
      ctx.report({
        range: s.heading.range,
        message: items.length ? 'Inputs should be a checklist: make each item a "- [ ]" box the operator ticks.' : 'Inputs has no checklist: list what to collect first as "- [ ]" items.',
        fix: edits.length ? { title: 'Turn the Inputs list into a checklist', edits } : undefined,
      });
    }
    const text = items.map((i) => i.text).join('\n');
    const missing = INPUT_TOPICS.filter((t) => !t.re.test(text));
    if (!missing.length) return;
    const last = items[items.length - 1];
    const at = last ? rb.lines.lineEnd(rb.lines.positionAt(Math.max(last.range.start, last.range.end - 1)).line) : rb.lines.lineEnd(rb.lines.positionAt(s.heading.range.end).line);
    const indent = last ? /^[ \t]*/.exec(rb.lines.lineText(rb.lines.positionAt(last.range.start).line))![0] : '';
    ctx.report({
      range: s.heading.range,
      message: `Inputs does not ask for ${missing.map((m) => m.label).join(', ')}: add ${missing.length > 1 ? 'those items' : 'that item'} to the checklist.`,
      fix: { title: 'Add the missing Inputs items', edits: [{ range: { start: at, end: at }, newText: missing.map((m) => `${eol}${indent}- [ ] ${m.item}`).join('') }] },
    });
  },
};

export default rule;
