// RB207 judges only what the runbook's own numbering can resolve (issue 15): "continue to Step 2"
// in a runbook without `Step N — …` headings names its own plain-text or numbered steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';

const rb207 = (body: string) => check({ text: `# T\n\n${body}\n`, path: 'infra/runbooks/platform/x.md', only: ['RB207'] }).findings.filter((f) => f.severity !== 'info').map((f) => f.message);

test('without Step headings a step reference is not judged', () => {
  assert.deepEqual(rb207('## Diagnosis\n\nIf any node is not ready, continue to Step 2.\n\nStep 2: Inspect node events:\n'), []);
  assert.deepEqual(rb207('## Diagnosis\n\nIf the disk is full, see step 4 above.\n'), []);
});

test('with Step headings, a missing step is reported unless a numbered heading, list item or "Step N:" line has that label', () => {
  const steps = '## Step 1 — Triage\n\n- If it is a bad release → go to Step 2\n\n## Step 2 — Roll back\n\nDone.\n';
  assert.deepEqual(rb207(steps), []);
  assert.equal(rb207(`${steps}\n- Else → go to Step 7\n`).length, 1);
  assert.deepEqual(rb207(`${steps}\n- Else → go to Step 3\n\n### 3. Collect logs\n`), []);
  assert.deepEqual(rb207(`${steps}\n- Else → go to Step 4\n\n4. Escalate to the owning team\n`), []);
  assert.equal(rb207(`${steps}\n- Else → go to Step 5\n\n\`\`\`\n5. not a step (code)\n\`\`\`\n`).length, 1);
});
