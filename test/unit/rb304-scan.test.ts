// RB304 finds its phrases in one pass; it must find exactly what one global scan per phrase finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHRASES, phraseMatches } from '../../server/src/core/rules/rb304-fail-closed.js';
import { corpusSample } from '../helpers/corpus.js';

const ROOT = join(import.meta.dirname, '..', '..');

function reference(text: string) {
  const out: { at: number; text: string; i: number }[] = [];
  PHRASES.forEach((p, i) => {
    const re = new RegExp(p.source, p.flags);
    for (const m of text.matchAll(re)) out.push({ at: m.index, text: m[0], i });
  });
  return out;
}

test('the one-pass phrase scan equals a global scan per phrase (fixture, corpus, overlapping phrases)', () => {
  const texts = [
    readFileSync(join(ROOT, 'test/fixtures/RB304/widen-exposure.md'), 'utf8'),
    'Temporarily open to the world, then just allow all. Make it public; make public; disable the auth and bypass the policy. Turn off mTLS, remove the network policy, skip authz, delete the firewall, bypass access checks.',
    'TEMPORARILY OPEN it up to everyone — opening, allowance, disabled, makeshift, unjust open-ended',
    ...corpusSample(60),
  ];
  let total = 0;
  for (const t of texts) {
    const want = reference(t);
    total += want.length;
    assert.deepEqual(phraseMatches(t), want);
  }
  assert.ok(total >= 15, `the texts hold phrases to compare (${total})`);
});

test('RB304 reports advice to widen exposure, not descriptions of what is (issue 15)', async () => {
  const { check } = await import('../../server/src/core/check.js');
  const found = (line: string) => check({ text: `# T\n\n## Mitigation\n\n${line}\n`, path: 'infra/runbooks/platform/x.md', only: ['RB304'] }).findings.length;
  for (const advice of ['Make it public to unblock the release.', 'If the API is unreachable, temporarily open the ingress.', 'You can just allow all traffic for now.', 'Update or remove the webhook policy so leases are allowed.', '- [ ] Disable auth on the endpoint', 'To unblock, make the bucket public']) {
    assert.ok(found(advice) >= 1, advice);
  }
  for (const description of ['The ACL is configured to allow all traffic from the VPC.', 'Applications that just expose an API are not affected.', 'The default policy allows all egress.', 'Never disable auth to unblock.']) {
    assert.equal(found(description), 0, description);
  }
});
