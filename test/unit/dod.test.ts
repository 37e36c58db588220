// DoD report: the seven items from findings and the model; RB108's today and changed-files mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { dodReport, DOD_ORDER } from '../../server/src/core/dod.js';
import { DOD_LABELS } from '../../server/src/core/docs.js';
import { defaultConfig } from '../../server/src/core/config.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const CLEAN = readFileSync(join(fixtures, 'clean', 'pod-crashloopbackoff.md'), 'utf8');
const PATH = 'infra/runbooks/platform/pod-crashloopbackoff.md';
const TODAY = '2026-11-27';

function report(text: string, path = PATH, extra: Partial<Parameters<typeof check>[0]> = {}) {
  const r = check({ text, path, today: TODAY, ...extra });
  return dodReport(r.findings, r.runbook);
}
const status = (rep: ReturnType<typeof dodReport>) => Object.fromEntries(rep.items.map((i) => [i.item, i.status]));

test('a clean runbook passes six items and leaves owner review as a manual item: DoD 6/7 with 1 manual (a manual item is not counted as done)', () => {
  const rep = report(CLEAN);
  assert.deepEqual(rep.items.map((i) => i.item), DOD_ORDER);
  assert.deepEqual(rep.items.map((i) => i.label), DOD_ORDER.map((i) => DOD_LABELS[i]));
  assert.deepEqual(status(rep), { structure: 'pass', rollback: 'pass', 'no-sensitive-data': 'pass', verification: 'pass', audit: 'pass', 'owner-review': 'manual', 'last-reviewed': 'pass' });
  assert.equal(rep.manual, 1);
  assert.equal(rep.failed, 0);
  assert.equal(rep.text, 'DoD 6/7');
});

test('each failing item carries the findings behind it', () => {
  const text = CLEAN
    .replace('last_reviewed: "2026-11-02"', 'last_reviewed: "2025-01-02"')
    .replace(/> \[!CAUTION\]\n> .*\n\n/, '')
    .replace('- [ ] Confirm the namespace, the Deployment and the target revision with the incident lead\n\n', '')
    .replace(/## Step 4 — Verification\n(?:- \[ \] .*\n)+/, '## Step 4 — Verification\nLook at the dashboard.\n\n')
    .replace('  - "Record the incident id, the deployment sha before and after, and the rollout revision numbers in the incident ticket."', '  - "n/a"');
  const rep = report(text);
  const by = (i: string) => rep.items.find((x) => x.item === i)!;
  assert.deepEqual(status(rep), { structure: 'pass', rollback: 'fail', 'no-sensitive-data': 'pass', verification: 'fail', audit: 'fail', 'owner-review': 'manual', 'last-reviewed': 'fail' });
  assert.deepEqual(by('rollback').findings.map((f) => f.ruleId), ['RB302']);
  assert.deepEqual(by('verification').findings.map((f) => f.ruleId), ['RB209']);
  assert.deepEqual(by('audit').findings.map((f) => f.ruleId), ['RB504']);
  assert.deepEqual(by('last-reviewed').findings.map((f) => f.ruleId), ['RB108']);
  assert.equal(rep.text, 'DoD 2/7');
  assert.equal(rep.failed, 4);
});

test('owner review fails when the owner is unset or RB503 fires', () => {
  const noOwner = report(CLEAN.replace('owner: "platform-sre"\n', ''));
  assert.equal(status(noOwner)['owner-review'], 'fail');
  assert.match(noOwner.items.find((i) => i.item === 'owner-review')!.note ?? '', /owner/);
  const sec = report(CLEAN.replace('RB-PLAT-001', 'RB-SEC-001'), 'infra/runbooks/security/x.md', {
    workspace: { runbooks: [], alerts: [], codeowners: { path: 'CODEOWNERS', rules: [{ pattern: '/docs/', owners: ['@d'], line: 0 }] } },
  });
  assert.equal(status(sec)['owner-review'], 'fail');
  assert.deepEqual(sec.items.find((i) => i.item === 'owner-review')!.findings.map((f) => f.ruleId), ['RB503']);
});

test('structure fails on structure findings; info findings are listed but do not fail', () => {
  const noWhy = CLEAN.replace('Why: compare the current revision with the previous one.\n\n', '');
  const rep = report(noWhy);
  const s = rep.items.find((i) => i.item === 'structure')!;
  assert.deepEqual(s.findings.map((f) => [f.ruleId, f.severity]), [['RB211', 'info']]);
  assert.equal(s.status, 'pass');
  const broken = report(CLEAN.replace('## Step 2B — Diagnose resource limits', '## Step 2C — Diagnose resource limits'));
  assert.equal(status(broken).structure, 'fail');
});

test('items fail on missing facts even when no rule of theirs fired', () => {
  const text = CLEAN.replace('last_reviewed: "2026-11-02"\n', '').replace(/ {2}rollback: .*\n/, '').replace(/## Step 4 — Verification\n(?:- \[ \] .*\n)+\n/, '');
  const rep = report(text);
  assert.equal(status(rep)['last-reviewed'], 'fail');
  assert.equal(status(rep).rollback, 'fail');
  assert.equal(status(rep).verification, 'fail');
  assert.equal(report('no front matter at all\n').items.find((i) => i.item === 'structure')!.status, 'fail');
});

test('RB108 uses the injected today and, in changed-files mode, wants last_reviewed moved', () => {
  const at = (today: string, changed?: { lastReviewedChanged: boolean }) => check({ text: CLEAN, path: PATH, today, changed, only: ['RB108'] }).findings;
  assert.equal(at('2027-04-30').length, 0, '179 days is within the limit');
  assert.equal(at('2027-05-02').length, 1, '181 days is stale');
  const stale = at('2027-05-02')[0]!;
  assert.equal(stale.fix?.edits[0]?.newText, '"2027-05-02"');
  assert.equal(at(TODAY, { lastReviewedChanged: true }).length, 0);
  const changed = at(TODAY, { lastReviewedChanged: false });
  assert.equal(changed.length, 1);
  assert.match(changed[0]!.message, /changed but `last_reviewed` did not/);
  assert.equal(check({ text: CLEAN, path: PATH, today: '2027-05-02', only: ['RB108'], config: defaultWith(400) }).findings.length, 0, 'review.maxAgeDays is honoured');
});

function defaultWith(maxAgeDays: number) {
  const c = defaultConfig();
  c.review.maxAgeDays = maxAgeDays;
  return c;
}
