// A rule that copies document text into a fix (RB101's skeleton takes the H1 as the title)
// never carries a detected secret out of the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';
import { redactDetected, scrubDeep, secretScrubber } from '../../server/src/core/scrub.js';

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

test('redactDetected gives the same answer every time a text comes back (remembered answers), short or long', () => {
  const token = ['ghp', '_', 'Zq9XkT2mWb7Lr4Pv8Nc1', 'Hs6Jd3Fg5Ya0Eu2I'].join('');
  const texts = [`Step 2 — rotate ${token}`, `x`.repeat(5000) + ` ${token} ` + `y`.repeat(10), 'selectionRange', 'Step 3 — Verify the rollout'];
  for (let round = 0; round < 3; round++) {
    for (const t of texts) {
      const out = redactDetected(t);
      if (t.includes(token)) {
        assert.ok(!out.includes(token.slice(4, 14)), `round ${round}: the value is gone`);
        assert.match(out, /<REDACTED:github-[a-z-]+>/);
      } else assert.equal(out, t, `round ${round}: a text without a secret is left as it is`);
    }
  }
  // The scrub of an editor feature's answer walks keys and values alike.
  const answer = scrubDeep([{ name: texts[0], children: [{ name: texts[0], detail: 'ok', children: [] }] }], secretScrubber(undefined));
  assert.ok(!JSON.stringify(answer).includes(token.slice(4, 14)));
});
