// The indexed lookups that keep rules linear on long runbooks answer exactly what the linear
// definitions answer: sectionChain (tree descent with binary search) and Cover (merged ranges).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRunbook, sectionChain, sectionAt, labelFlood, MAX_LABELS_PER_BLOCK } from '../../server/src/core/model/runbook.js';
import { Cover } from '../../server/src/core/model/cover.js';
import { LineIndex } from '../../server/src/core/model/text.js';
import { corpusSample } from '../helpers/corpus.js';

const NESTED = [
  '# T',
  '### Loose H3 before any H2',
  'a',
  '## Step 1 — Triage',
  '### Commands/checks',
  '#### Deeper',
  'b',
  '## Step 2 — Next',
  'c',
  '# Second H1',
  '## After',
  'd',
].join('\n');

test('sectionChain equals the sections that contain the offset, outermost first (corpus and nested headings)', () => {
  const texts = [NESTED, ...corpusSample(40)];
  let asked = 0;
  for (const text of texts) {
    const rb = parseRunbook(text, 'infra/runbooks/platform/x.md');
    for (let o = 0; o <= text.length; o += 13) {
      const linear = rb.allSections.filter((s) => s.range.start <= o && o < s.range.end);
      assert.deepEqual(sectionChain(rb, o), linear, `offset ${o}`);
      assert.equal(sectionAt(rb, o), linear[linear.length - 1]);
      asked++;
    }
  }
  assert.ok(asked > 1000, `asked ${asked} offsets`);
});

test('Cover.has equals a linear scan over overlapping, nested, empty and unsorted ranges', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  for (let round = 0; round < 200; round++) {
    const ranges = Array.from({ length: rnd(12) }, () => {
      const start = rnd(100);
      return { start, end: start + rnd(20) };
    });
    const cover = new Cover(ranges);
    for (let o = -1; o <= 121; o++) {
      assert.equal(cover.has(o), ranges.some((r) => r.start <= o && o < r.end), `round ${round} offset ${o} ${JSON.stringify(ranges)}`);
    }
  }
});

test('LineIndex.edited equals a fresh index after any edit of text with LF, CR and CRLF breaks', async () => {
  const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\r', ' ', 'é');
  const str = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
  fc.assert(
    fc.property(str, fc.nat(), fc.nat(), str, fc.nat(), fc.nat(), (old, atRaw, delRaw, ins, pShrink, sShrink) => {
      const at = atRaw % (old.length + 1);
      const text = old.slice(0, at) + ins + old.slice(Math.min(old.length, at + (delRaw % 5)));
      // Any prefix/suffix the two texts really share (not only the longest) must work.
      let p = 0;
      while (p < Math.min(old.length, text.length) && old[p] === text[p]) p++;
      let s = 0;
      while (s < Math.min(old.length, text.length) - p && old[old.length - 1 - s] === text[text.length - 1 - s]) s++;
      p -= pShrink % (p + 1);
      s -= sShrink % (s + 1);
      const got = LineIndex.edited(new LineIndex(old), text, p, s).lineStarts;
      assert.deepEqual(got, new LineIndex(text).lineStarts, JSON.stringify({ old, text, p, s }));
    }),
    { numRuns: 3000, seed: 11 },
  );
});

test('labelFlood: more `[` than one block may hold, in one block only (blank lines separate blocks)', () => {
  const over = MAX_LABELS_PER_BLOCK + 1;
  assert.equal(labelFlood('intro\n' + '[x] '.repeat(over) + '\n'), true, 'one paragraph over the limit');
  assert.equal(labelFlood('[x]\n'.repeat(over)), true, 'one block of many lines');
  assert.equal(labelFlood('[x]\n\n'.repeat(over)), false, 'as many labels, each in its own block');
  assert.equal(labelFlood('[x] '.repeat(MAX_LABELS_PER_BLOCK)), false, 'exactly the limit');
  assert.equal(labelFlood(''), false);
  // CRLF ends a line once: a block of CRLF lines is one block (it was counted line by line).
  assert.equal(labelFlood('[x]\r\n'.repeat(over)), true, 'one block of CRLF lines');
  assert.equal(labelFlood('[x]\r\n \t\r\n'.repeat(over)), false, 'CRLF lines with blank lines between');
});

/** labelFlood by its definition: split into lines, count `[` per run of non-blank lines. */
function labelFloodByLines(text: string): boolean {
  let count = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^[ \t]*$/.test(line)) count = 0;
    for (const c of line) if (c === '[' && ++count > MAX_LABELS_PER_BLOCK) return true;
  }
  return false;
}

test('labelFlood equals counting `[` line by line, over LF, CR, CRLF and blank lines of spaces and tabs', () => {
  const eol = fc.constantFrom('\n', '\r', '\r\n');
  const piece = fc.oneof(
    fc.record({ labels: fc.integer({ min: 0, max: MAX_LABELS_PER_BLOCK + 50 }), per: fc.integer({ min: 1, max: 400 }), eol }).map(({ labels, per, eol }) => {
      let s = '';
      for (let i = 0; i < labels; i++) s += (i % per === per - 1 ? eol : '') + '[';
      return s + 'x';
    }),
    fc.tuple(eol, fc.constantFrom('', ' ', '\t', ' \t '), eol).map(([a, b, c]) => a + b + c),
    fc.constantFrom('\n', '\r', '\r\n', 'text', ' [', '\r\n\n', '\n\r'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(labelFlood(text), labelFloodByLines(text));
    }),
    { numRuns: 400, seed: 2026 },
  );
});
