// Core hover and navigation (in memory): alert rules, ids used elsewhere, outline, step
// definition, references and rename.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hover } from '../../server/src/core/hover.js';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { documentSymbols, prepareStepRename, renameStep, stepDefinition, stepReferencesAt } from '../../server/src/core/symbols.js';
import { applyEdits } from '../../server/src/core/fix.js';
import type { WorkspaceFacts } from '../../server/src/core/types.js';

const CLEAN = readFileSync(join(import.meta.dirname, '..', 'fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const PATH = 'infra/runbooks/platform/pod-crashloopbackoff.md';
const WS: WorkspaceFacts = {
  runbooks: [
    { path: PATH, runbookId: 'RB-PLAT-001' },
    { path: 'infra/runbooks/platform/other.md', runbookId: 'RB-PLAT-001', title: 'Other' },
    { path: 'infra/runbooks/platform/third.md', runbookId: 'RB-PLAT-007' },
  ],
  alerts: [{ name: 'KubePodCrashLooping', expr: 'max_over_time(kube_pod_container_status_waiting_reason[5m]) >= 1', severity: 'warning', path: 'infra/alerts/platform.rules.yaml', line: 4 }],
};

function hoverAt(marked: string) {
  const i = marked.indexOf('|');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const lines = text.slice(0, i).split('\n');
  return hover({ text, position: { line: lines.length - 1, character: lines[lines.length - 1]!.length }, path: PATH, workspace: WS, runbook: () => parseRunbook(text, PATH) });
}

test('hover on runbook_id lists the other files using it and suggests the next free id', () => {
  const h = hoverAt(CLEAN.replace('RB-PLAT-001', 'RB-PLAT-0|01'))!;
  assert.match(h.contents, /Also used by:\n- `infra\/runbooks\/platform\/other\.md` — Other/);
  assert.match(h.contents, /`RB-PLAT-008`/);
  assert.ok(!h.contents.includes('pod-crashloopbackoff.md'), 'not the file itself');
  assert.deepEqual(h.range, { line: 1, start: 12, end: 23 });
});

test('hover on a placeholder runbook_id says to fill it in, not that other runbooks use it (issue 14)', () => {
  const text = CLEAN.replace('RB-PLAT-001', 'RB-PLAT-<NNN>');
  const i = text.indexOf('<NNN>') + 2;
  const ws: WorkspaceFacts = { ...WS, runbooks: [...WS.runbooks, { path: 'infra/runbooks/platform/new.md', runbookId: 'RB-PLAT-<NNN>' }] };
  const h = hover({ text, position: { line: 1, character: i - text.lastIndexOf('\n', i) - 1 }, path: PATH, workspace: ws, runbook: () => parseRunbook(text, PATH) })!;
  assert.match(h.contents, /a placeholder runbook id: fill in a real one \(the next free id here is `RB-PLAT-008`\)/);
  assert.ok(!h.contents.includes('Also used by') && !h.contents.includes('new.md'), h.contents);
});

test('hover on an alert name shows its rule: expression, severity label and file, in related_alerts and in the body', () => {
  const fm = hoverAt(CLEAN.replace('  - "KubePodCrashLooping"', '  - "KubePod|CrashLooping"'))!;
  assert.match(fm.contents, /\*\*KubePodCrashLooping\*\* — Prometheus alert \(severity: `warning`\)/);
  assert.match(fm.contents, /```promql\nmax_over_time/);
  assert.match(fm.contents, /platform\.rules\.yaml` line 5/);
  const body = hoverAt(CLEAN.replace('## Summary', 'Fires as KubePod|CrashLooping.\n\n## Summary'))!;
  assert.match(body.contents, /Prometheus alert/);
  const unknown = hoverAt(CLEAN.replace('  - "KubePodCrashLooping"', '  - "Nope|Alert"'))!;
  assert.match(unknown.contents, /No alerting rule named `NopeAlert`/);
});

test('hover on environments values and on plain prose gives the enum meaning or nothing', () => {
  assert.match(hoverAt(CLEAN.replace('  - "prod"', '  - "pr|od"'))!.contents, /Production/);
  assert.equal(hoverAt(CLEAN.replace('Pods of one', 'Pods o|f one')), undefined);
});

test('the outline nests the subsections of each step and names the front matter by its id', () => {
  const syms = documentSymbols(parseRunbook(CLEAN, PATH));
  assert.equal(syms[0]!.detail, 'RB-PLAT-001');
  assert.equal(syms[0]!.children.length, 11);
  const steps = syms.filter((s) => s.kind === 'step');
  assert.deepEqual(steps.map((s) => s.name.split(" — ")[0]), ["Step 1", "Step 2A", "Step 2B", "Step 3", "Step 4", "Step 5"]);
  assert.deepEqual(syms.filter((s) => s.kind === 'section').map((s) => s.detail), ['summary', 'inputs']);
});

test('definition, references and rename of a step work from a reference as well as from the heading', () => {
  const rb = parseRunbook(CLEAN, PATH);
  const refAt = CLEAN.indexOf('go to Step 3') + 'go to Step '.length;
  const def = stepDefinition(rb, refAt)!;
  assert.equal(def.heading.text, 'Step 3 — Mitigation (safe-first)');
  const refs = stepReferencesAt(rb, def.heading.range.start + 3)!;
  assert.equal(refs.references.length, 2);
  assert.deepEqual(prepareStepRename(rb, refAt), { range: { start: refAt, end: refAt + 1 }, label: '3' });
  const r = renameStep(rb, refAt, 'step 6');
  assert.ok('edits' in r);
  const out = applyEdits(CLEAN, r.edits);
  assert.match(out, /## Step 6 — Mitigation/);
  assert.equal((out.match(/go to Step 6/g) ?? []).length, 2);
  assert.match((renameStep(rb, refAt, 'abc') as { error: string }).error, /not a step label/);
  assert.match((renameStep(rb, 0, '4') as { error: string }).error, /Put the cursor/);
});
