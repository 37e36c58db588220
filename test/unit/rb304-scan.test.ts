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
