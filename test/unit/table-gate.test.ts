// The table gate (server/src/core/model/table-gate.ts) only declines table attempts the extension
// would decline too: the gated parse equals micromark-extension-gfm-table's own, on the corpora and on
// generated table-like texts (rows, delimiter rows, list and quote prefixes, lazy lines, CR/LF/CRLF).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { parseMarkdown } from '../../server/src/core/model/runbook.js';
import { delimiterRowLines, gatedGfmTable, withTableGate } from '../../server/src/core/model/table-gate.js';
import { corpusSample } from '../helpers/corpus.js';

const MDAST = [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];

/** The parse with the extension itself, no gate (what parseMarkdown did before the gate). */
function reference(text: string) {
  return fromMarkdown(text, { extensions: [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()], mdastExtensions: MDAST });
}

test('delimiterRowLines: the 1-based lines holding only | : - > spaces and tabs, with a dash and a pipe or colon, counted over LF, CR and CRLF', () => {
  const text = ['| a | b |', '| --- | :-: |', 'text', '> |---|', '  - not', '---', '\t:-', '| a |', '--|', '- - -', '> > -:'].join('\n');
  assert.deepEqual([...delimiterRowLines(text)], [2, 4, 7, 9, 11]);
  assert.deepEqual([...delimiterRowLines('a\r\n|-|\rb\r-:\n')], [2, 4]);
  // U+2028 is not a line ending for micromark: the line still counts as one.
  assert.deepEqual([...delimiterRowLines('x\u2028|--\n| a |\n|---|')], [1, 3]);
  // Dashes alone are a thematic break or a setext underline, never a delimiter row.
  assert.deepEqual([...delimiterRowLines('no dashes | here\n| : |\n---\n  - - -')], []);
});

test('the gate is in effect: told that no line may be a delimiter row, it declines a real table', () => {
  const text = '| a | b |\n| - | - |\n| 1 | 2 |\n';
  const parse = () => fromMarkdown(text, { extensions: [gatedGfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  assert.equal(withTableGate(text, parse).children[0]?.type, 'table');
  assert.equal(withTableGate('no table here', parse).children[0]?.type, 'paragraph');
});

test('parseMarkdown (gated) equals the extension’s own parse on corpus runbooks', () => {
  const texts = corpusSample(400).filter((t) => t.charCodeAt(0) !== 0xfeff);
  assert.ok(texts.length >= 300 || texts.length === 0, `${texts.length} corpus runbooks`);
  let tables = 0;
  for (const t of texts) {
    const got = parseMarkdown(t);
    assert.deepEqual(got, reference(t));
    if (JSON.stringify(got).includes('"type":"table"')) tables++;
  }
  // The corpora have few tables; the generated texts below have many.
  if (texts.length) assert.ok(tables >= 3, `${tables} runbooks with a table`);
});

const cell = fc.constantFrom('a', 'b c', '`x|y`', '\\|', '', ' ', 'x\\');
const row = fc.array(cell, { minLength: 1, maxLength: 4 }).chain((cs) =>
  fc.tuple(fc.boolean(), fc.boolean()).map(([lead, trail]) => (lead ? '| ' : '') + cs.join(' | ') + (trail ? ' |' : '')),
);
const delimiter = fc.array(fc.constantFrom('-', '---', ':-', '-:', ':-:', ' - ', '', ':'), { minLength: 1, maxLength: 4 }).chain((cs) =>
  fc.tuple(fc.boolean(), fc.boolean()).map(([lead, trail]) => (lead ? '|' : '') + cs.join('|') + (trail ? '|' : '')),
);
const other = fc.constantFrom('', 'text', '# h', '---', '- item', '1. item', '```', '    code', '<!-- c -->', 'a | b', '***', '===', '- [ ] task', '-|-', ':-', '| - |');
const prefix = fc.constantFrom('', '', '> ', '>', '  ', '   ', '    ', '- ', '> > ', '\t', '1. ');
const line = fc.tuple(prefix, fc.oneof(row, delimiter, other)).map(([p, l]) => p + l);
const doc = fc.tuple(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));

test('parseMarkdown (gated) equals the extension’s own parse on generated table-like texts', () => {
  fc.assert(
    fc.property(doc, (text) => {
      assert.deepEqual(parseMarkdown(text), reference(text));
    }),
    { numRuns: 1500, seed: 20261127 },
  );
});
