// Bulk suppressions in the core: fingerprints, matching, the file's shape (core/baseline.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { fingerprintAt, formatSuppressions, matchSuppressions, readSuppressions, suppressionsFor } from '../../server/src/core/baseline.js';
import { leakedSubstring } from '../helpers/leak.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const PATH = 'infra/runbooks/platform/a.md';
const TODAY = '2026-11-20';
const TOKEN = ['ghp', '_', 'Zq7Kw9Rt2Lm', 'XvB4nP8sYh6', 'JgT3cWd5Fk1', 'aQ9'].join('');

/** Findings of `text` with their fingerprints, as the CLI and the server compute them. */
function fingerprinted(text: string) {
  const r = check({ text, path: PATH, today: TODAY });
  return r.findings.map((f) => {
    const start = r.runbook.lines.positionAt(f.range.start);
    const end = r.runbook.lines.positionAt(f.range.end);
    return { ruleId: f.ruleId, message: f.message, line: start.line, fingerprint: fingerprintAt(r.runbook.lines, f.ruleId, f.message, start, end) };
  });
}

const OLD = CLEAN.replace('## Step 5 — Prevention', 'Remove the stuck pod:\n\n```sh\nkubectl delete pod web-0 -n shop\n```\n\n## Step 5 — Prevention');

test('moving lines does not revive a suppressed finding; editing its line does, and only that one', () => {
  const before = fingerprinted(OLD);
  assert.ok(before.some((f) => f.ruleId === 'RB301'), 'the fixture has a finding to suppress');
  const entries = suppressionsFor(before);
  // Lines moved down by an edit above them: everything still matches.
  const moved = fingerprinted(OLD.replace('# Recover a Deployment', 'Intro paragraph.\n\nAnother one.\n\n# Recover a Deployment'));
  const m1 = matchSuppressions(moved, entries);
  assert.deepEqual(m1.kept.map((f) => f.ruleId), [], 'nothing new after moving lines');
  // The command itself edited: its findings come back, nothing else does.
  const edited = fingerprinted(OLD.replace('kubectl delete pod web-0 -n shop', 'kubectl delete pod web-1 -n shop'));
  const m2 = matchSuppressions(edited, entries);
  assert.ok(m2.kept.length > 0);
  assert.ok(m2.kept.every((f) => f.line === m2.kept[0]!.line && /kubectl delete/.test(f.message)), m2.kept.map((f) => `${f.ruleId} ${f.message}`).join('\n'));
});

test('a fingerprint is fixed by its definition (8 hex of SHA-256 over rule id + trimmed lines, 8 over rule id + message without digits), however often a message repeats', () => {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 8);
  const lines = ['  ## Sümmary  ', '\tkubectl   get pods -n x  🙂'];
  const expected = (message: string) => sha('RB201\0## Sümmary\nkubectl get pods -n x 🙂') + sha(`RB201\0${message.replace(/\d+/g, '')}`);
  // Files written by earlier versions hold these values: a faster hash must give the same ones.
  for (let i = 0; i < 3; i++) {
    for (const message of ['The runbook lacks a Summary section (step 12).', 'Another message', '']) {
      assert.equal(fingerprintAt({ lineText: (l) => lines[l]! }, 'RB201', message, { line: 0, character: 0 }, { line: 1, character: 4 }), expected(message));
    }
  }
  assert.equal(fingerprintAt({ lineText: (l) => lines[l]! }, 'RB201', 'x', { line: 0, character: 0 }, { line: 1, character: 0 }), sha('RB201\0## Sümmary') + sha('RB201\0x'), 'a range ending at a line start leaves that line out');
});

test('several findings of one rule on one line: a new one is reported, the suppressed ones are not', () => {
  const f = (message: string) => ({ ruleId: 'RB201', fingerprint: fingerprintAt({ lineText: () => '# Title' }, 'RB201', message, { line: 0, character: 0 }, { line: 0, character: 7 }), message });
  const entries = suppressionsFor([f('The runbook lacks a Summary.'), f('The runbook lacks an Inputs section.')]);
  const m = matchSuppressions([f('The runbook lacks a Summary.'), f('The runbook lacks a Verification step.'), f('The runbook lacks an Inputs section.')], entries);
  assert.deepEqual(m.kept.map((x) => x.message), ['The runbook lacks a Verification step.']);
});

test('a reworded message (a new tool version) still matches by its line; numbers in messages do not count', () => {
  const at = (message: string) => ({ ruleId: 'RB108', fingerprint: fingerprintAt({ lineText: () => 'last_reviewed: 2024-01-01' }, 'RB108', message, { line: 3, character: 15 }, { line: 3, character: 25 }) });
  const entries = suppressionsFor([at('`last_reviewed` is 300 days old.')]);
  assert.equal(matchSuppressions([at('`last_reviewed` is 301 days old.')], entries).kept.length, 0, 'the age grows every day');
  assert.equal(matchSuppressions([at('Review date too old (301 days): review it.')], entries).kept.length, 0, 'reworded');
});

test('an entry with a count only (ESLint\'s shape) suppresses a rule\'s findings while there are no more than the count', () => {
  const f = (n: number) => ({ ruleId: 'RB211', fingerprint: n.toString(16).padStart(16, '0') });
  const entries = { RB211: { count: 2 } };
  assert.equal(matchSuppressions([f(1), f(2)], entries).kept.length, 0);
  assert.equal(matchSuppressions([f(1), f(2), f(3)], entries).kept.length, 3, 'over the count: all reported, as ESLint does');
});

test('the suppressions file holds fingerprints only: no part of a secret on a suppressed line', () => {
  const text = CLEAN.replace('## Summary', `## Summary\n\nexport GITHUB_TOKEN=${TOKEN}\n`);
  const found = fingerprinted(text);
  assert.ok(found.some((f) => f.ruleId === 'RB401'));
  const json = formatSuppressions({ [PATH]: suppressionsFor(found) });
  assert.equal(leakedSubstring(json, TOKEN), undefined);
  assert.ok(!json.includes('kubectl') && !json.includes('Summary'), 'no line text either');
});

test('a malformed suppressions file is described, not taken as empty', () => {
  for (const bad of [[], { 'a.md': [] }, { 'a.md': { RB101: { count: -1 } } }, { 'a.md': { RB101: { count: 1, fingerprints: ['xyz'] } } }]) {
    const r = readSuppressions(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
  }
  assert.equal(readSuppressions({ 'a.md': { RB101: { count: 1 } } }).ok, true);
});

test('the file is stable: paths and rules sorted, files without entries left out', () => {
  const text = formatSuppressions({ 'b.md': { RB2: { count: 1, fingerprints: ['00000000000000ff'] }, RB1: { count: 1 } }, 'a.md': {}, 'c.md': { RB1: { count: 1 } } });
  assert.deepEqual(Object.keys(JSON.parse(text) as object), ['b.md', 'c.md']);
  assert.deepEqual(Object.keys((JSON.parse(text) as Record<string, object>)['b.md']!), ['RB1', 'RB2']);
  assert.ok(text.endsWith('}\n'));
});
