// Honest fixes (issue 14): a placeholder never passes a rule, no fix invents a fact, no fix adds a
// finding, a confirmation covers only the command it precedes, one mistake gives one finding, and
// "fixable" means what `--fix` applies. Each test reproduces one observation of the issue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { fixAll } from '../../server/src/core/fix.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const PATH = 'infra/runbooks/platform/pod-crashloopbackoff.md';
const TODAY = '2026-11-27';

const lastReviewed = (text: string) => /^last_reviewed:.*$/m.exec(text)?.[0];

// --- 2. facts are never invented ----------------------------------------------------------------

test('fix-all keeps a stale last_reviewed: setting it to today is a suggestion, applied only when RB108 is named', () => {
  const stale = CLEAN.replace('last_reviewed: "2026-11-02"', 'last_reviewed: "2025-01-02"');
  const r = check({ text: stale, path: PATH, today: TODAY });
  const rb108 = r.findings.find((f) => f.ruleId === 'RB108')!;
  assert.equal(rb108.fix?.safe, false, 'RB108 offers its fix as a suggestion');
  assert.equal(lastReviewed(fixAll({ text: stale, path: PATH, today: TODAY }).text), 'last_reviewed: "2025-01-02"');
  assert.equal(lastReviewed(fixAll({ text: stale, path: PATH, today: TODAY, changed: { lastReviewedChanged: false } }).text), 'last_reviewed: "2025-01-02"', 'changed-files mode too');
  assert.equal(lastReviewed(fixAll({ text: stale, path: PATH, today: TODAY, only: ['RB108'] }, { namedRules: ['RB108'] }).text), `last_reviewed: "${TODAY}"`);
});

test('renaming a misspelt or look-alike key keeps its value (last_reviewed_on: 2025-07-15)', () => {
  const text = CLEAN.replace('last_reviewed: "2026-11-02"', 'last_reviewed_on: 2025-07-15');
  const fixed = fixAll({ text, path: PATH, today: TODAY }).text;
  assert.equal(lastReviewed(fixed), 'last_reviewed: 2025-07-15');
  assert.ok(!fixed.includes('last_reviewed_on'));
});

test('the inserted front matter writes no date, id number, owner, severity or alerts the author did not choose', () => {
  const body = CLEAN.slice(CLEAN.indexOf('\n---\n', 4) + 5);
  const fixed = fixAll({ text: body, path: PATH, today: TODAY }).text;
  assert.ok(!fixed.includes(TODAY), 'no today');
  assert.match(fixed, /^runbook_id: RB-PLAT-<NNN>$/m, 'the area comes from the folder, the number is left to the author');
  assert.match(fixed, /^last_reviewed: "YYYY-MM-DD"$/m);
  assert.match(fixed, /^title: "Recover a Deployment stuck in CrashLoopBackOff"$/m, 'the title is the runbook\'s own H1');
  assert.doesNotMatch(fixed, /^related_alerts: \[\]$/m, '"no alerts" is a claim only the author can make');
  const missing = CLEAN.replace('last_reviewed: "2026-11-02"\n', '').replace('owner: "platform-sre"\n', '');
  const one = fixAll({ text: missing, path: PATH, today: TODAY }).text;
  assert.match(one, /^last_reviewed: "YYYY-MM-DD"$/m);
  assert.match(one, /^owner: "<Team or role>"$/m);
});
