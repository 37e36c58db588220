// Presets (`extends`), rule groups (`groups`) and front-matter `aliases` of .runbook-lint.yaml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, resolveConfig } from '../../server/src/core/config.js';
import { check } from '../../server/src/core/check.js';
import { rules } from '../../server/src/core/rules/index.js';
import { PRESETS, RULE_GROUPS, presetSeverity } from '../../server/src/core/presets.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const PATH = 'infra/runbooks/platform/a.md';
const TODAY = '2026-11-20';

const sev = (yaml: string, id: string) => {
  const { raw, errors } = parseConfig(yaml);
  assert.deepEqual(errors, []);
  return resolveConfig(raw).rules[id]!.severity;
};

test('every rule names a known group, and its preset severities are valid', () => {
  for (const r of rules) {
    assert.ok(RULE_GROUPS.includes(r.group), `${r.id} group ${r.group}`);
    for (const p of PRESETS) assert.ok(['off', 'info', 'warning', 'error'].includes(presetSeverity(r, p)), `${r.id} ${p}`);
  }
});

test('extends: existing-repo keeps safety, sensitive-data and link rules and turns the template structure off or to warnings', () => {
  const c = resolveConfig(parseConfig('extends: existing-repo\n').raw);
  for (const r of rules.filter((x) => x.group === 'safety' || x.group === 'sensitive-data' || x.group === 'links')) {
    assert.equal(c.rules[r.id]!.severity, r.defaultSeverity, r.id);
  }
  for (const id of ['RB101', 'RB103', 'RB201', 'RB206', 'RB502', 'RB504']) assert.equal(c.rules[id]!.severity, 'off', id);
  for (const r of rules.filter((x) => x.group === 'structure')) assert.notEqual(c.rules[r.id]!.severity, 'error', r.id);
});

test('extends: strict raises warnings to errors and infos to warnings; recommended is the default', () => {
  for (const r of rules) {
    const want = r.defaultSeverity === 'warning' ? 'error' : r.defaultSeverity === 'info' ? 'warning' : 'error';
    assert.equal(sev('extends: strict\n', r.id), want, r.id);
    assert.equal(sev('extends: recommended\n', r.id), r.defaultSeverity, r.id);
  }
});

test('groups set a whole group after the preset, and single rules win over both', () => {
  const yaml = 'extends: existing-repo\ngroups:\n  structure: warning\n  safety: off\nrules:\n  RB301: error\n  section-order: off\n';
  assert.equal(sev(yaml, 'RB201'), 'warning', 'the group overrides the preset');
  assert.equal(sev(yaml, 'RB202'), 'off', 'a rule by name overrides the group');
  assert.equal(sev(yaml, 'RB302'), 'off');
  assert.equal(sev(yaml, 'RB301'), 'error');
});

test('groups: { structure: off } silences every structure finding of a headingless note, not its secret', () => {
  const token = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0', 'k1L2m3N4o5P6q7R8s9T0'].join('');
  const text = `# Restart the worker\n\nRun it again.\n\n\`\`\`sh\nexport GITHUB_TOKEN=${token}\n\`\`\`\n`;
  const c = resolveConfig(parseConfig('groups:\n  structure: off\n').raw);
  const ids = new Set(check({ text, path: PATH, config: c, today: TODAY }).findings.map((f) => f.ruleId));
  assert.ok(ids.has('RB401'), [...ids].join(' '));
  for (const id of ids) assert.notEqual(rules.find((r) => r.id === id)!.group, 'structure', id);
  const all = new Set(check({ text, path: PATH, today: TODAY }).findings.map((f) => f.ruleId));
  assert.ok(all.has('RB101') && all.has('RB201'), 'without the group setting the structure rules report');
});

test('an unknown preset, group or alias target is a positioned config error', () => {
  const { errors } = parseConfig('extends: loose\ngroups:\n  styling: off\naliases:\n  review_date: reviewed\n  owner: owner\n');
  const msgs = errors.map((e) => `${e.start.line + 1} ${e.message}`);
  assert.ok(msgs.some((m) => m.startsWith('1 ')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.startsWith('3 ') && m.includes('styling')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.startsWith('5 ')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.startsWith('6 ') && m.includes('template key itself')), msgs.join('\n'));
});

test('aliases: a foreign key is read as the template key, reported by that name at the author\'s key, and kept', () => {
  const text = CLEAN.replace(/^last_reviewed: .*$/m, 'last_reviewed_on: "2024-01-15"').replace(/^owner: .*$/m, 'owner_team: "platform-sre"');
  const plain = check({ text, path: PATH, today: TODAY });
  assert.ok(plain.findings.some((f) => f.ruleId === 'RB103' && f.message.includes('`last_reviewed`')), 'without aliases the key is missing');
  const config = resolveConfig(parseConfig('aliases:\n  last_reviewed_on: last_reviewed\n  owner_team: owner\n').raw);
  const r = check({ text, path: PATH, config, today: TODAY });
  assert.ok(!r.findings.some((f) => f.ruleId === 'RB103' || f.ruleId === 'RB104'), r.findings.map((f) => f.message).join('\n'));
  const stale = r.findings.find((f) => f.ruleId === 'RB108');
  assert.ok(stale, 'the aliased date is checked for age');
  assert.match(stale.message, /`last_reviewed` \(2024-01-15\)/);
  assert.equal(text.slice(stale.range.start, stale.range.end), '"2024-01-15"', 'the range is the author\'s value');
  assert.ok(stale.fix && stale.fix.edits.every((e) => !e.newText.includes('last_reviewed')), 'the fix changes the date, not the key');
  assert.equal(r.runbook.frontMatter!.data!['last_reviewed_on'], '2024-01-15', 'the parsed model keeps the author\'s key');
});

test('aliases: when the template key is written too, it wins and the alias stays an unknown key', () => {
  const text = CLEAN.replace(/^(last_reviewed: .*)$/m, '$1\nreview_date: "2020-01-01"');
  const config = resolveConfig(parseConfig('aliases:\n  review_date: last_reviewed\n').raw);
  const r = check({ text, path: PATH, config, today: TODAY });
  assert.ok(!r.findings.some((f) => f.ruleId === 'RB108'), 'the real last_reviewed is recent');
  assert.ok(r.findings.some((f) => f.ruleId === 'RB104' && f.message.includes('review_date')));
});
