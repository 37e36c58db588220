// Fix-all as minimal edits (issue 17, issue 21 D6): the passes' edits composed into edits against the
// original text, each trimmed to what changes, so an editor's fix-all never replaces (and echoes) the
// whole document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyEdits, composedEdits, fixAll } from '../../server/src/core/fix.js';
import type { TextEdit } from '../../server/src/core/types.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const PATH = 'infra/runbooks/platform/pod-crashloopbackoff.md';
const TODAY = '2026-11-27';

/** Disjoint edits of `text` drawn from random numbers (several insertions at one point allowed). */
function editsOf(text: string, raw: { at: number; len: number; ins: string }[]): TextEdit[] {
  const out: TextEdit[] = [];
  let pos = 0;
  for (const r of [...raw].sort((a, b) => a.at - b.at)) {
    const start = Math.max(pos, Math.floor(r.at * text.length));
    const end = Math.min(text.length, start + r.len);
    if (start > text.length) break;
    out.push({ range: { start, end }, newText: r.ins });
    pos = end;
  }
  return out;
}

const rawEdit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(6), ins: fc.constantFrom('', 'x', 'ab', '\n', 'abc\n', 'a') });

test('composed edits do what the passes did one after the other, and never overlap', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), fc.array(fc.array(rawEdit, { maxLength: 5 }), { maxLength: 4 }), (text, rawPasses) => {
      let current = text;
      const passes: TextEdit[][] = [];
      for (const raw of rawPasses) {
        const edits = editsOf(current, raw);
        passes.push(edits);
        current = applyEdits(current, edits);
      }
      const composed = composedEdits(text, passes);
      assert.equal(applyEdits(text, composed), current);
      for (const e of composed) assert.notEqual(text.slice(e.range.start, e.range.end), e.newText, 'an edit that changes nothing is left out');
    }),
    { numRuns: 400, seed: 17 },
  );
});

test('fix-all of a long runbook with two fixes far apart gives two small edits, not the text between them', () => {
  // A value the secret detector may miss sits between the two fixes: it must not come back in an edit.
  const row = '| aws_secret_access_key | Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2Fy |';
  const text = CLEAN.replace('owner: "platform-sre"\n', 'ownr: "platform-sre"\n').replace('## Inputs', `${row}\n\n## Inputs`) + '\n<!-- runbook-lint-disable-next-line RB303 -->\nplain line\n';
  const res = fixAll({ text, path: PATH, today: TODAY });
  assert.ok(res.edits.flat().length >= 2, `two fixes apply (${res.edits.flat().length})`);
  const edits = composedEdits(text, res.edits);
  assert.equal(applyEdits(text, edits), res.text);
  for (const e of edits) {
    assert.ok(e.range.end - e.range.start < 200 && e.newText.length < 200, `a small edit: ${JSON.stringify(e)}`);
    assert.ok(!e.newText.includes('Zm9vYmFy') && !e.newText.includes('## Inputs'), 'nothing between the fixes is repeated');
  }
});
