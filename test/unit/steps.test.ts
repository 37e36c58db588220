// Steps: labels, branch parsing, go-to-step resolution and renumbering with reference rewrite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { branchesIn, findStepReferences, renameStepEdits, renumberSteps, resolveStep, stepHeadings, stepLabelAt } from '../../server/src/core/steps.js';
import { applyEdits } from '../../server/src/core/fix.js';

const GAPPED = `# T

## Step 1 — Triage
### Interpret results
- If the pods restart after a rollout → go to Step 2A
- If \`OOMKilled\` -> Step 2B

## Step 2A — Diagnose a bad release
- If the newest revision is bad then go to Step 4

## Step 2B — Diagnose limits
Run \`echo go to Step 9\` (code is not a reference).

## Step 4 — Mitigation
Text.

## Step 5 — Verification
- [ ] ok
`;

test('renumbers steps 1, 2A, 2B, 4, 5 to 1, 2A, 2B, 3, 4 and rewrites every reference', () => {
  const rb = parseRunbook(GAPPED);
  const refs = findStepReferences(rb);
  assert.deepEqual(refs.map((r) => r.label), ['2A', '2B', '4']);
  const { changes, edits } = renumberSteps(rb);
  assert.deepEqual(changes.map((c) => `${c.from}->${c.to}`), ['4->3', '5->4']);
  const out = applyEdits(rb.text, edits);
  const again = parseRunbook(out);
  assert.deepEqual(stepHeadings(again).map((h) => h.step!.label), ['1', '2A', '2B', '3', '4']);
  assert.deepEqual(findStepReferences(again).map((r) => r.label), ['2A', '2B', '3']);
  assert.match(out, /then go to Step 3\n/);
  assert.match(out, /echo go to Step 9/, 'inline code is left alone');
  assert.deepEqual(renumberSteps(again).edits, [], 'renumbering is idempotent');
});

test('renumbers duplicated and gapped letters and follows references to them', () => {
  const rb = parseRunbook('## Step 1 — Triage\n- If a → go to Step 2A\n- If b → go to Step 2C\n\n## Step 2A — Diagnose a\n\n## Step 2C — Diagnose b\n\n## Step 3 — Mitigation\n\n## Step 3 — Verification\n- See Step 3 again\n');
  const { changes, edits } = renumberSteps(rb);
  assert.deepEqual(changes.map((c) => `${c.from}->${c.to}`), ['2C->2B', '3->4']);
  const out = applyEdits(rb.text, edits);
  assert.match(out, /go to Step 2B/);
  assert.match(out, /## Step 4 — Verification/);
});

test('finds references written with →, ->, "then go to" and "go to", with the label range', () => {
  const text = 'x → Step 1\ny -> step 2a\nz then go to Step 3\nw, go to **Step 4B**\n';
  const rb = parseRunbook(text);
  const refs = findStepReferences(rb);
  assert.deepEqual(refs.map((r) => r.label), ['1', '2A', '3', '4B']);
  assert.deepEqual(refs.map((r) => text.slice(r.labelRange.start, r.labelRange.end)), ['1', '2a', '3', '4B']);
  assert.deepEqual(refs.map((r) => text.slice(r.range.start, r.range.end)), ['Step 1', 'step 2a', 'Step 3', 'Step 4B']);
});

test('resolves a label to its heading, a bare number to the first of its group, and unknown labels to nothing', () => {
  const rb = parseRunbook(GAPPED);
  assert.equal(resolveStep(rb, '2B')?.text, 'Step 2B — Diagnose limits');
  assert.equal(resolveStep(rb, 'step 2a')?.text, 'Step 2A — Diagnose a bad release');
  assert.equal(resolveStep(rb, '2')?.text, 'Step 2A — Diagnose a bad release');
  assert.equal(resolveStep(rb, '3'), undefined);
});

test('parses branches with their condition, action and target; plain bullets are not branches', () => {
  const text = '### Interpret results\n- If `OOMKilled` → go to Step 2B\n- Else → escalate to the on-call DBA\n- Otherwise, then go to Step 3\n- Pods restart → go to Step 2A\n- If nothing else\n';
  const rb = parseRunbook(text);
  const b = branchesIn(rb, { start: 0, end: text.length });
  assert.deepEqual(b.map((x) => [x.condition, x.target?.label ?? null]), [['If `OOMKilled`', '2B'], ['Else', null], ['Otherwise,', '3']]);
  assert.equal(b[1]!.action, 'escalate to the on-call DBA');
});

test('finds the step label under the cursor and renames a step with every reference to it', () => {
  const rb = parseRunbook(GAPPED);
  const at = GAPPED.indexOf('Step 2B\n') + 6;
  assert.deepEqual(stepLabelAt(rb, at)?.label, '2B');
  assert.equal(stepLabelAt(rb, GAPPED.indexOf('## Step 2A') + 9)?.label, '2A');
  assert.equal(stepLabelAt(rb, 0), undefined);
  const out = applyEdits(GAPPED, renameStepEdits(rb, '2A', '2C'));
  assert.match(out, /## Step 2C — Diagnose a bad release/);
  assert.match(out, /rollout → go to Step 2C/);
  assert.match(out, /-> Step 2B/, 'other references stay');
  assert.deepEqual(renameStepEdits(rb, '9', '1'), []);
});


test('renumbering any sequence of step labels yields consecutive steps and is idempotent', () => {
  const label = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('', 'A', 'B', 'C'));
  fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 8 }), (labels) => {
    const text = labels.map(([n, l], i) => `## Step ${n}${l} — Part ${i}\n- If x → go to Step ${labels[(i + 1) % labels.length]![0]}${labels[(i + 1) % labels.length]![1]}\n`).join('\n');
    const rb = parseRunbook(text);
    const once = applyEdits(text, renumberSteps(rb).edits);
    const again = parseRunbook(once);
    assert.deepEqual(renumberSteps(again).edits, [], 'a second renumbering changes nothing');
    const numbers = [...new Set(stepHeadings(again).map((h) => h.step!.number))];
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1), 'numbers run 1..n');
    for (const r of findStepReferences(again)) assert.ok(resolveStep(again, r.label), `reference ${r.label} resolves`);
  }), { numRuns: 200 });
});
