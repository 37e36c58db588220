// .runbook-lint.yaml: validation with positions, merge order, rule names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, resolveConfig } from '../../server/src/core/config.js';
import { check } from '../../server/src/core/check.js';

test('unknown keys, unknown rules and wrong types are positioned errors in plain words', () => {
  const { errors } = parseConfig('include: "**/*.md"\nrules:\n  RB103: loud\n  nope-rule: off\nreview:\n  maxAgeDays: -3\nextra: 1\n');
  const msgs = errors.map((e) => `${e.start.line + 1}:${e.start.character + 1} ${e.message}`);
  assert.ok(msgs.some((m) => /^1:10 `include` should be a list/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^3:\d+ .*RB103/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^4:3 Unknown rule "nope-rule"/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^6:\d+ `review\.maxAgeDays` should be at least 1/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /^7:1 the config has an unknown key `extra`/.test(m)), msgs.join('\n'));
});

test('YAML syntax errors in the config are reported at their position', () => {
  const { errors } = parseConfig('rules:\n  RB103: [warning\n');
  assert.equal(errors.length > 0, true);
  assert.equal(errors[0]!.start.line >= 1, true);
});

test('rules by name and by id; editor settings override the file', () => {
  const file = parseConfig('rules:\n  front-matter-required: warning\n  RB105: off\n').raw;
  const c = resolveConfig(file, { rules: { RB105: 'info' } });
  assert.equal(c.rules['RB103']!.severity, 'warning');
  assert.equal(c.rules['RB105']!.severity, 'info');
});

test('a rule set to off produces no findings', () => {
  const c = resolveConfig({ rules: { RB101: 'off' } });
  const r = check({ text: '# no front matter\n', path: 'infra/runbooks/platform/a.md', config: c });
  assert.ok(!r.findings.some((f) => f.ruleId === 'RB101'));
  assert.ok(r.findings.some((f) => f.ruleId === 'RB201'));
});
