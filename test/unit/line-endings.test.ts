// Issue 21 D17: CR-only line endings (old Mac files) are line endings like LF and CRLF: the same findings at
// the same positions, and fixes insert the file's own line break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { fixAll } from '../../server/src/core/fix.js';
import { LineIndex } from '../../server/src/core/model/text.js';
import { parseConfig } from '../../server/src/core/config.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EX = join(ROOT, 'examples/infra/runbooks');
const examples = readdirSync(EX, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => join(e.parentPath, e.name));
const TODAY = '2026-11-27';
const as = (text: string, eol: string) => text.replace(/\r\n|\r|\n/g, eol);

function findings(text: string, path: string) {
  const r = check({ text, path, today: TODAY });
  return r.findings.map((f) => `${f.ruleId}@${JSON.stringify(r.runbook.lines.positionAt(f.range.start))}-${JSON.stringify(r.runbook.lines.positionAt(f.range.end))}`).sort();
}

test('D17: every example gives the same findings at the same line/character with LF, CRLF and CR-only endings', () => {
  assert.ok(examples.length >= 4);
  for (const file of examples) {
    const lf = as(readFileSync(file, 'utf8'), '\n');
    const path = file.slice(join(ROOT, 'examples').length + 1);
    const expected = findings(lf, path);
    for (const eol of ['\r\n', '\r']) assert.deepEqual(findings(as(lf, eol), path), expected, `${path} with ${JSON.stringify(eol)}`);
  }
});

test('D17: fixes keep the file\'s own line ending (CR-only and CRLF files get no LF)', () => {
  for (const file of examples) {
    const lf = as(readFileSync(file, 'utf8'), '\n');
    const path = file.slice(join(ROOT, 'examples').length + 1);
    const fixedLf = fixAll({ text: lf, path, today: TODAY }).text;
    for (const eol of ['\r\n', '\r']) {
      const fixed = fixAll({ text: as(lf, eol), path, today: TODAY }).text;
      if (eol === '\r') assert.ok(!fixed.includes('\n'), `${path}: an LF was inserted into a CR-only file`);
      else assert.ok(!/(?<!\r)\n/.test(fixed), `${path}: a bare LF was inserted into a CRLF file`);
      assert.equal(as(fixed, '\n'), fixedLf, `${path}: the same fixes as with LF`);
    }
  }
});

test('D17: LineIndex.eol names a CR-only file\'s line break; a CR-only config parses', () => {
  assert.equal(new LineIndex('a\rb\r').eol, '\r');
  assert.equal(new LineIndex('a\r\nb').eol, '\r\n');
  assert.equal(new LineIndex('a\nb').eol, '\n');
  const { errors, raw } = parseConfig('rules:\r  RB108: off\rreview:\r  maxAgeDays: 30\r');
  assert.deepEqual(errors, []);
  assert.equal(raw.review?.maxAgeDays, 30);
});

test('LineIndex line starts (counted, then filled) are where LF, CRLF and lone CR breaks end, also after an edit', () => {
  const pieces = ['a', 'bc', '\n', '\r\n', '\r', '\r\r', '\n\n', 'é😀', ''];
  let seed = 21;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
  for (let run = 0; run < 300; run++) {
    const text = Array.from({ length: run % 40 }, () => pieces[next()]).join('');
    const want = [0, ...[...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length)];
    const li = new LineIndex(text);
    assert.deepEqual(li.lineStarts, want, JSON.stringify(text));
    const at = Math.floor(text.length / 2);
    const edited = text.slice(0, at) + '\r' + text.slice(at);
    assert.deepEqual(LineIndex.edited(li, edited, at, text.length - at).lineStarts, new LineIndex(edited).lineStarts, JSON.stringify(edited));
  }
});
