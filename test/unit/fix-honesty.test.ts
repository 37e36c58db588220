// Honest fixes (issue 14): a placeholder never passes a rule, no fix invents a fact, no fix adds a
// finding, a confirmation covers only the command it precedes, one mistake gives one finding, and
// "fixable" means what `--fix` applies. Each test reproduces one observation of the issue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { applyEdits, fixAll } from '../../server/src/core/fix.js';
import { dodReport } from '../../server/src/core/dod.js';
import { isPlaceholderText } from '../../server/src/core/placeholders.js';
import { rules } from '../../server/src/core/rules/index.js';
import { newRunbookText } from '../../client/src/logic/template.js';
import { fixtureFiles, loadFixture } from '../helpers/fixtures.js';

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

// --- 1. a placeholder never passes --------------------------------------------------------------

/** A line a fix inserts that a person still has to replace: `<…>`, `YYYY-MM-DD`, the template's wording. */
const placeholderLine = (l: string) => /[A-Za-z0-9]/.test(l.replace(/\[[ xX]\]/g, '')) && isPlaceholderText(l) && !/^\s*(?:---|#+ |>\s*\[!)/.test(l);

test('every fix that inserts a placeholder leaves a "fill in" finding and keeps its DoD item failed (each fixture, each fix alone)', () => {
  let tried = 0;
  for (const file of fixtureFiles()) {
    const fx = loadFixture(file);
    const input = { text: fx.text, path: fx.path, today: TODAY, workspace: fx.workspace };
    const before = check(input);
    for (const f of before.findings) {
      // A redaction (`<REDACTED:kind>`, `<token>`) is the fix itself, not a placeholder to fill in.
      if (!f.fix || f.fix.safe === false || f.ruleId.startsWith('RB4')) continue;
      if (!f.fix.edits.some((e) => e.newText.split(/\r?\n/).some(placeholderLine))) continue;
      tried++;
      const after = check({ ...input, text: applyEdits(fx.text, f.fix.edits) });
      const label = `${fx.name}: ${f.ruleId} "${f.fix.title}"`;
      assert.ok(after.findings.some((x) => x.meta?.['placeholder'] === true), `${label} leaves a "fill in" finding`);
      const item = rules.find((r) => r.id === f.ruleId)?.dod;
      if (!item) continue;
      const status = (r: typeof before) => dodReport(r.findings, r.runbook).items.find((i) => i.item === item)!.status;
      assert.equal(status(after), 'fail', `${label}: DoD item ${item} still fails`);
    }
  }
  assert.ok(tried >= 8, `fixes inserting placeholders were tried (${tried})`);
});

test('the New Runbook template shows one "fill in" finding per unfilled section and fails verification, audit and rollback', () => {
  const text = newRunbookText({ id: 'RB-PLAT-001', title: 'Relieve node disk pressure', today: TODAY });
  const r = check({ text, path: 'infra/runbooks/platform/node-disk.md', today: TODAY });
  const byRule = (id: string) => r.findings.filter((f) => f.ruleId === id);
  assert.equal(byRule('RB105').length, 1, 'one finding for the front matter');
  assert.equal(byRule('RB204').length, 1, 'one for the Summary');
  assert.equal(byRule('RB206').length, 3, 'one per triage/diagnose step');
  assert.deepEqual(r.findings.map((f) => f.ruleId).sort(), ['RB105', 'RB204', 'RB206', 'RB206', 'RB206', 'RB208', 'RB209', 'RB210']);
  for (const f of r.findings) {
    assert.equal(f.meta?.['placeholder'], true, `${f.ruleId} is a "fill in" finding`);
    assert.match(f.message, /^Fill in /, f.message);
  }
  const dod = dodReport(r.findings, r.runbook);
  const status = Object.fromEntries(dod.items.map((i) => [i.item, i.status]));
  for (const item of ['structure', 'rollback', 'verification', 'audit', 'owner-review']) assert.equal(status[item], 'fail', item);
});

test('RB204 calls a placeholder a placeholder, and an empty field empty (issue 18, item 9)', () => {
  const text = CLEAN.replace(/- \*\*Symptom:\*\* .*/, '- **Symptom:** <what operators or users see>').replace(/- \*\*Impact:\*\* .*/, '- **Impact:**');
  const [f, ...more] = check({ text, path: PATH, today: TODAY, only: ['RB204'] }).findings;
  assert.equal(more.length, 0, 'one finding for the Summary');
  assert.equal(f!.message, 'Fill in the Summary: "Symptom" still holds a placeholder; "Impact" is empty.');
  assert.doesNotMatch(f!.message, /"Symptom" is empty/);
});

// --- 5. one mistake, one finding ----------------------------------------------------------------

test('a misspelt required key is one finding at the key, with a rename fix that keeps the value', () => {
  const text = CLEAN.replace('related_alerts:', 'relatd_alerts:');
  const r = check({ text, path: PATH, today: TODAY });
  const about = r.findings.filter((f) => /relatd_alerts|related_alerts/.test(f.message));
  assert.deepEqual(about.map((f) => f.ruleId), ['RB103']);
  assert.equal(r.runbook.text.slice(about[0]!.range.start, about[0]!.range.end), 'relatd_alerts');
  const fixed = applyEdits(text, about[0]!.fix!.edits);
  assert.equal(fixed, CLEAN);
  const safety = check({ text: CLEAN.replace('  rollback:', '  rollbak:'), path: PATH, today: TODAY }).findings.filter((f) => /rollba/.test(f.message));
  assert.deepEqual(safety.map((f) => f.ruleId), ['RB103'], 'under safety: too');
});

test('a missing audit_notes is one finding (RB103), and the audit DoD item fails', () => {
  const text = CLEAN.replace(/audit_notes:\n {2}- ".*"\n/, '');
  const r = check({ text, path: PATH, today: TODAY });
  assert.deepEqual(r.findings.map((f) => f.ruleId), ['RB103']);
  assert.equal(dodReport(r.findings, r.runbook).items.find((i) => i.item === 'audit')!.status, 'fail');
});

test('an empty front matter is one finding listing what is missing, with one fix', () => {
  for (const fm of ['---\n---\n', '---\n\n---\n', '---\n# comment only\n---\n']) {
    const text = fm + CLEAN.slice(CLEAN.indexOf('\n---\n', 4) + 5);
    const r = check({ text, path: PATH, today: TODAY });
    const line1 = r.findings.filter((f) => r.runbook.lines.positionAt(f.range.start).line === 0);
    assert.deepEqual(line1.map((f) => f.ruleId), ['RB103'], JSON.stringify(fm));
    assert.match(line1[0]!.message, /runbook_id.*title.*owner.*audit_notes/);
    const fixed = applyEdits(text, line1[0]!.fix!.edits);
    assert.deepEqual(check({ text: fixed, path: PATH, today: TODAY, only: ['RB103'] }).findings, [], 'the one fix inserts every key');
  }
});

// --- 1 (rollback) and 4. a placeholder rollback never passes; a confirmation covers only what it precedes

const STEP3 = /## Step 3 — Mitigation \(safe-first\)\n[\s\S]*?(?=\n## Step 4)/;
const withStep3 = (body: string) => CLEAN.replace(STEP3, `## Step 3 — Mitigation (safe-first)\n${body}`);
/** The findings of the safety rules (the test steps leave out RB211's "why" and "expected output"). */
const SAFETY = ['RB301', 'RB302', 'RB303'];
const safetyFindings = (text: string) => check({ text, path: PATH, today: TODAY }).findings.filter((f) => SAFETY.includes(f.ruleId));

test('a write command without rollback: the fix inserts a placeholder, RB301 stays as "fill in" and the rollback DoD item fails', () => {
  const text = withStep3('> [!CAUTION]\n> Deletes the stuck pod; its ReplicaSet recreates it.\n\n```bash\nkubectl delete pod <pod> -n <namespace>\n```\n');
  assert.deepEqual(safetyFindings(text).map((f) => f.ruleId), ['RB301']);
  const fixed = fixAll({ text, path: PATH, today: TODAY });
  assert.match(fixed.text, /^Rollback: <how to revert this change>$/m);
  const after = fixed.remaining.findings.filter((f) => SAFETY.includes(f.ruleId));
  assert.deepEqual(after.map((f) => f.ruleId), ['RB301'], 'the finding stays');
  assert.match(after[0]!.message, /^Fill in the rollback/);
  assert.equal(after[0]!.fix, undefined, 'no fix for a placeholder: a person writes it');
  assert.equal(dodReport(after, fixed.remaining.runbook).items.find((i) => i.item === 'rollback')!.status, 'fail');
  const written = fixed.text.replace('Rollback: <how to revert this change>', 'Rollback: nothing to undo, the ReplicaSet recreates the pod.');
  assert.deepEqual(safetyFindings(written), [], 'real content passes');
});

test('a confirmation that is still a placeholder does not fence the command (RB302 "fill in")', () => {
  for (const fence of ['> [!CAUTION]\n> <what this changes, and what to check before running it>\n', '- [ ] Confirm <the target: environment, namespace, resource>\n', '- [ ] Confirm the environment, the namespace and the target with the incident lead\n']) {
    const text = withStep3(`${fence}\n\`\`\`bash\nkubectl delete pod <pod> -n <namespace>\n\`\`\`\n\nRollback: nothing to undo, the ReplicaSet recreates the pod.\n`);
    const fs = safetyFindings(text);
    assert.deepEqual(fs.map((f) => f.ruleId), ['RB302'], fence);
    assert.match(fs[0]!.message, /^Fill in the confirmation/);
  }
});

test('a confirmation covers only the command it directly precedes: a second destructive command in the step gets RB302', () => {
  const text = withStep3([
    '> [!CAUTION]',
    '> Deletes the claim of the stuck volume; the data stays on the PV.',
    '',
    '```bash',
    'kubectl delete pvc data-0 -n db',
    '```',
    '',
    'Then make sure the volume is removed with it:',
    '',
    '```bash',
    'kubectl patch pv pv-0 -p \'{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}\'',
    '```',
    '',
    'Rollback: recreate the claim from the manifest in git.',
    '',
  ].join('\n'));
  const fs = safetyFindings(text);
  assert.deepEqual(fs.map((f) => [f.ruleId, text.slice(f.range.start, f.range.end).split(' ').slice(0, 2).join(' ')]), [['RB302', 'kubectl patch']]);
  // Read-only commands and prose between a confirmation and its command do not break the fence.
  const between = withStep3('- [ ] Confirm the claim name with the incident lead\n\n```bash\nkubectl get pvc -n db\n```\n\n```bash\nkubectl delete pvc data-0 -n db\n```\n\nRollback: recreate the claim from the manifest in git.\n');
  assert.deepEqual(safetyFindings(between), []);
  // Several commands in one block share its confirmation.
  const oneBlock = withStep3('> [!WARNING]\n> Removes both claims.\n\n```bash\nkubectl delete pvc data-0 -n db\nkubectl delete pvc data-1 -n db\n```\n\nRollback: recreate the claims from the manifests in git.\n');
  assert.deepEqual(safetyFindings(oneBlock), []);
});

// --- 3. fixes never add findings ------------------------------------------------------------------

test('the confirmation fix never quotes the command, so RB303 does not double (mc mirror)', () => {
  const text = withStep3('Why: copy the restored objects back.\n\n```bash\nmc mirror --overwrite backup/bucket prod/bucket\n```\n\nRollback: remove the copied prefix with the object store\'s versioning.\n');
  const count = (t: string) => check({ text: t, path: PATH, today: TODAY, only: ['RB303'] }).findings.length;
  const fixed = fixAll({ text, path: PATH, today: TODAY }).text;
  assert.notEqual(fixed, text, 'a confirmation was inserted');
  assert.ok(count(text) >= 1, 'mc mirror to a bucket is RB303');
  assert.equal(count(fixed), count(text));
  assert.ok(!fixed.slice(text.indexOf('## Step 3')).includes('`mc mirror`'));
});

test('fixes insert beside a list item or after the list, never between items (ordered and bullet lists stay whole)', () => {
  for (const [marker, next] of [['1.', '2.'], ['-', '-']] as const) {
    const text = withStep3(`${marker} Check the rollout: \`kubectl rollout status deploy/<app> -n <namespace>\`\n${next} Restart it: \`kubectl rollout restart deploy/<app> -n <namespace>\`\n${next} Watch the pods come back.\n`);
    const r = fixAll({ text, path: PATH, today: TODAY });
    const lists = (t: string) => check({ text: t, path: PATH, today: TODAY }).runbook.mdast.children.filter((n) => n.type === 'list').length;
    assert.equal(lists(r.text), lists(text), `${marker}: no list split\n${r.text.slice(r.text.indexOf('## Step 3'), r.text.indexOf('## Step 4'))}`);
    assert.match(r.text, new RegExp(`^${next.replace('.', '\\.')} \\[ \\] Confirm <the target: environment, namespace, resource>\\n${next.replace('.', '\\.')} Restart it`, 'm'));
    assert.match(r.text, /Watch the pods come back\.\n\nRollback: <how to revert this change>\n/);
  }
});
