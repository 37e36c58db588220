// `runbook-lint migrate`: shows the change as a diff and writes only with --write.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, remove } from './helpers.js';
import { leakedSubstring } from '../helpers/leak.js';

const made: string[] = [];
after(() => made.forEach(remove));
const TOKEN = ['ghp', '_', 'Zq7Kw9Rt2Lm', 'XvB4nP8sYh6', 'JgT3cWd5Fk1', 'aQ9'].join('');
const ALERT = ['# KubeJobFailed', '', '## Meaning', '', 'A Job did not complete.', '', '## Impact', '', 'The batch work it does is not done.', '', '## Diagnosis', '', 'Read the Job\'s events:', '', '```sh', 'kubectl -n $NS describe job $JOB', '```', '', '## Mitigation', '', 'Delete the Job so its CronJob creates it again:', '', '```sh', `kubectl -n $NS delete job $JOB  # GITHUB_TOKEN=${TOKEN}`, '```', ''].join('\n');

test('migrate prints a diff and what it carried over, writes nothing; --write converts; a second run leaves it', () => {
  const dir = tempDir({ 'runbooks/batch/KubeJobFailed.md': ALERT });
  made.push(dir);
  const file = join(dir, 'runbooks/batch/KubeJobFailed.md');
  const dry = run(['migrate', 'runbooks/batch/KubeJobFailed.md'], dir);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /^--- a\/runbooks\/batch\/KubeJobFailed\.md\n\+\+\+ b\/runbooks\/batch\/KubeJobFailed\.md\n/);
  assert.match(dry.out, /^-## Meaning$/m);
  assert.match(dry.out, /^\+## Step 1 — Triage$/m);
  assert.match(dry.err, /KubeJobFailed\.md: alert-runbook; Meaning → Summary; Impact → Summary; Diagnosis → Step 1 — Triage; Mitigation → Mitigation; placeholders left to fill in: runbook_id, owner, last_reviewed/);
  assert.match(dry.err, /^1 of 1 files would be migrated \(run again with --write\)$/m);
  assert.equal(leakedSubstring(dry.out + dry.err, TOKEN), undefined, 'a line holding a secret is masked in the diff');
  assert.equal(readFileSync(file, 'utf8'), ALERT, 'nothing written without --write');
  const w = run(['migrate', '--write', 'runbooks'], dir);
  assert.equal(w.code, 0, w.err);
  const migrated = readFileSync(file, 'utf8');
  assert.match(migrated, /^related_alerts:\n {2}- "KubeJobFailed"$/m);
  assert.ok(migrated.includes('```sh\nkubectl -n $NS describe job $JOB\n```'));
  assert.match(run(['migrate', 'runbooks'], dir).err, /already follows the template/);
  const lint = run(['--format', 'json', 'runbooks'], dir);
  const rules = (JSON.parse(lint.out) as { files: { findings: { ruleId: string }[] }[] }).files[0]!.findings.map((f) => f.ruleId);
  assert.ok(rules.includes('RB105') && rules.includes('RB301') && rules.includes('RB401'), 'the placeholders, the missing rollback and the token are still reported');
});

test('migrate without paths, or with an unknown option, is a usage error', () => {
  assert.equal(run(['migrate']).code, 2);
  assert.equal(run(['migrate', '--nope', 'x.md']).code, 2);
  assert.match(run(['migrate', '--help']).out, /^Usage: runbook-lint migrate/);
});
