// A rule that copies document text into a fix (RB101's skeleton takes the H1 as the title)
// never carries a detected secret out of the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';

test('a token in the H1 does not travel into RB101\'s skeleton fix: it becomes <REDACTED:kind>', () => {
  const token = 'ghp_' + 'Zq9XkT2mWb7Lr4Pv8Nc1Hs6Jd3Fg5Ya0Eu2I';
  const text = `# Rotate ${token} now\n\n## Summary\n`;
  const r = check({ text, path: 'infra/runbooks/security/rotate.md', today: '2026-11-27' });
  assert.ok(r.findings.some((f) => f.ruleId === 'RB401'), 'the token is detected');
  const rb101 = r.findings.find((f) => f.ruleId === 'RB101')!;
  const out = JSON.stringify(r.findings);
  assert.ok(!out.includes(token.slice(4, 12)), 'no finding holds the value');
  assert.match(rb101.fix!.edits[0]!.newText, /title: "Rotate <REDACTED:github-[a-z-]+> now"/);
});
