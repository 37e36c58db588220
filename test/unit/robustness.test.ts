// The core never throws: real corpora, empty, binary-ish and malformed inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { fixAll } from '../../server/src/core/fix.js';
import { CORPORA, corpusFiles } from '../helpers/corpus.js';


function assertSane(text: string, path: string) {
  const r = check({ text, path });
  assert.deepEqual(r.internalErrors, [], `${path}: no rule threw`);
  for (const f of r.findings) {
    assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end, `${path}: ${f.ruleId} range inside the text`);
    for (const e of f.fix?.edits ?? []) assert.ok(e.range.start >= 0 && e.range.end <= text.length, `${path}: ${f.ruleId} fix inside the text`);
  }
  return r;
}

test('every file of ../shared/corpora (389 real runbooks) is checked without a throw', { skip: !existsSync(CORPORA) && 'no ../shared/corpora' }, () => {
  // Every file, the one runbook without an extension too; not the licences or the corpora README.
  const all = corpusFiles((p, name) => name !== 'LICENSE' && p !== join(CORPORA, 'README.md'));
  assert.ok(all.length >= 389, `found ${all.length} corpus files`);
  let findings = 0;
  for (const f of all) findings += assertSane(readFileSync(f, 'utf8'), `infra/runbooks/platform/${f.split('/').pop()}`).findings.length;
  assert.ok(findings > 0, 'structure rules fire on runbooks of another format');
});

test('empty, whitespace-only, BOM-only and binary-looking texts do not throw', () => {
  for (const t of ['', ' ', '\n\n', '\uFEFF', '\uFEFF---\n', '\0\0\0\x01\x02PNG', '---', '---\n---', '---\r\n---\r\n', '\r\r\r', 'a'.repeat(100000)]) {
    const r = assertSane(t, 'infra/runbooks/platform/x.md');
    assert.ok(r.findings.some((f) => f.ruleId === 'RB101' || f.ruleId === 'RB201' || f.ruleId === 'RB103'), `something is reported for ${JSON.stringify(t.slice(0, 10))}`);
  }
});

test('unclosed front matter is RB101 at the opening line and the body is still checked as Markdown', () => {
  const text = '---\nrunbook_id: RB-PLAT-001\ntitle: x\n\n# X\n\n## Summary\n';
  const r = assertSane(text, 'infra/runbooks/platform/x.md');
  const rb101 = r.findings.find((f) => f.ruleId === 'RB101')!;
  assert.equal(rb101.range.start, 0);
  assert.ok(r.runbook.headings.some((h) => h.text === 'Summary'));
  const fixed = fixAll({ text, path: 'infra/runbooks/platform/x.md', today: '2026-11-27' });
  assert.ok(fixed.text.startsWith('---\nrunbook_id: RB-PLAT-001\ntitle: x\n'), fixed.text.slice(0, 80));
  assert.match(fixed.text, /\n---\n\n?# X\n/, 'the block is closed before the H1');
  assert.ok(!fixed.remaining.findings.some((f) => f.ruleId === 'RB101' || f.ruleId === 'RB102'));
});

test('CRLF documents: positions count UTF-16 units per line and fixes keep CRLF', () => {
  const text = '---\r\nrunbook_id: RB-PLAT-001\r\ntitle: "é😀"\r\n---\r\n# é😀\r\n';
  const r = assertSane(text, 'infra/runbooks/platform/x.md');
  const rb103 = r.findings.find((f) => f.ruleId === 'RB103' && f.message.includes('owner'))!;
  const edit = rb103.fix!.edits[0]!;
  assert.ok(edit.newText.endsWith('\r\n') && !/[^\r]\n/.test(edit.newText), 'inserted text uses CRLF');
  assert.deepEqual(r.runbook.lines.positionAt(text.indexOf('# é')), { line: 4, character: 0 });
  assert.deepEqual(r.runbook.lines.positionAt(text.length - 2), { line: 4, character: 5 }, '😀 is two UTF-16 units');
});

test('files over 5 MB get RB003 and only the large-file rules', () => {
  const big = '# x\n' + 'lorem ipsum dolor\n'.repeat(320000);
  const r = assertSane(big, 'infra/runbooks/platform/big.md');
  assert.ok(r.findings.some((f) => f.ruleId === 'RB003'));
  assert.ok(!r.findings.some((f) => f.ruleId === 'RB101'), 'structure rules are skipped');
});

test('10,000 levels of nested block quotes and lists do not overflow the stack', () => {
  assertSane('> '.repeat(10000) + 'deep\n', 'infra/runbooks/platform/deep.md');
  assertSane(Array.from({ length: 3000 }, (_, i) => '  '.repeat(i) + '- x').join('\n'), 'infra/runbooks/platform/deep2.md');
});
