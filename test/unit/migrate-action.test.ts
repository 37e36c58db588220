// The editor's migrate action (lsp/migrate-action.ts) over every file of the two alert-runbook
// corpora and the team runbooks: offered exactly where core migrate converts a foreign format, and
// its line-diff edits, applied to the original, give exactly the CLI's migrated text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { applyEdits } from '../../server/src/core/fix.js';
import { migrate } from '../../server/src/core/migrate.js';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { lineDiffEdits, migratableFormat, templateShaped } from '../../server/src/lsp/migrate-action.js';
import { CORPORA, TEAM_RUNBOOKS, corpusFiles } from '../helpers/corpus.js';

const CLEAN = readFileSync(new URL('../fixtures/clean/pod-crashloopbackoff.md', import.meta.url), 'utf8');

const markdown = (_p: string, name: string) => name.endsWith('.md') && name !== 'README.md';
const files = [...corpusFiles(markdown), ...corpusFiles(markdown, TEAM_RUNBOOKS)];

test('over the corpora: offered on every alert runbook; the line-diff edits reproduce the CLI migration; a migrated file is not offered again', { skip: !files.length && 'no corpora' }, () => {
  let offered = 0;
  let alert = 0;
  for (const abs of files) {
    const rel = relative(abs.startsWith(CORPORA) ? CORPORA : TEAM_RUNBOOKS, abs);
    const text = readFileSync(abs, 'utf8');
    const format = migratableFormat(check({ text, path: rel }));
    const m = migrate(text, rel);
    if (m.format === 'alert-runbook') {
      alert++;
      assert.equal(format, 'alert-runbook', `${rel}: offered`);
    }
    if (!format) continue;
    offered++;
    assert.equal(format, m.format, `${rel}: the format core migrate converts from`);
    const edits = lineDiffEdits(text, m.text);
    assert.equal(applyEdits(text, edits), m.text, `${rel}: the edits give the migrated text`);
    // The Refactor Preview lets a person untick any edit: each one alone keeps every line of the
    // author's text (front-matter lines as the comments the migration keeps them as).
    const authors = new Set(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && l !== '---' && !/^#{1,6}(?:\s|$)/.test(l)));
    for (const e of edits) {
      const one = new Set(applyEdits(text, [e]).split(/\r?\n/).map((l) => l.trim().replace(/^#\s*/, '')));
      const lost = [...authors].filter((l) => !one.has(l) && !one.has(l.replace(/^#\s*/, '')));
      assert.deepEqual(lost.slice(0, 1), [], `${rel}: an edit applied alone drops a line`);
    }
    assert.ok(templateShaped(parseRunbook(m.text, rel)), `${rel}: not offered once migrated`);
  }
  assert.ok(alert > 300 && offered >= alert, `${offered} offered, ${alert} alert runbooks`);
});

test('line-diff edits: CRLF and a lone CR are lines; unchanged text gives no edit; edits are trimmed to what differs', () => {
  for (const [a, b] of [
    ['a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\nd\r\n'],
    ['x\ry\rz', 'x\rz'],
    ['', 'new\n'],
    ['only\n', ''],
    ['one line', 'one line changed'],
  ] as const) {
    assert.equal(applyEdits(a, lineDiffEdits(a, b)), b, JSON.stringify([a, b]));
  }
  assert.deepEqual(lineDiffEdits(CLEAN, CLEAN), []);
  const changed = CLEAN.replace('owner: "platform-sre"', 'owner: "platform-oncall"');
  const [edit, ...rest] = lineDiffEdits(CLEAN, changed);
  assert.equal(rest.length, 0);
  assert.equal(edit!.newText, 'oncall');
});

test('not offered on the template, nor on a template draft without its id', () => {
  assert.equal(migratableFormat(check({ text: CLEAN, path: 'runbooks/platform/x.md' })), undefined);
  assert.equal(migratableFormat(check({ text: CLEAN.replace(/^runbook_id: .*\n/m, ''), path: 'runbooks/platform/x.md' })), undefined);
});
