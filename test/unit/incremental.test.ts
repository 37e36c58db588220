// Incremental parsing/checking equals a full parse/check of the same text, after any sequence of edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusSample } from '../helpers/corpus.js';
import fc from 'fast-check';
import { parseRunbook, type Runbook } from '../../server/src/core/model/runbook.js';
import { parseRunbookIncremental, parseSteps, IncrementalChecker, PIECE_UNITS, type IncrementalStats } from '../../server/src/core/incremental.js';
import { MARKDOWN_BUDGET, pieceEnd } from '../../server/src/core/budget.js';
import { check } from '../../server/src/core/check.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PATH = 'infra/runbooks/platform/x.md';
const TODAY = '2026-11-27';

const seeds = [
  readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8'),
  readFileSync(join(ROOT, 'test/fixtures/clean/seed-template-filled.md'), 'utf8'),
  ...corpusSample(6),
];

/** Everything a rule can read, with the section tree flattened. */
function model(rb: Runbook) {
  return {
    bodyStart: rb.bodyStart,
    fm: rb.frontMatter && { range: rb.frontMatter.range, content: rb.frontMatter.content, closed: rb.frontMatter.closed, data: rb.frontMatter.data, errors: rb.frontMatter.errors, comments: rb.frontMatter.comments },
    headings: rb.headings,
    h1: rb.h1,
    sections: rb.allSections.map((s) => ({ h: s.heading.range, kind: s.kind, range: s.range, body: s.bodyRange, kids: s.children.map((c) => c.heading.range.start) })),
    roots: rb.sections.map((s) => s.heading.range.start),
    listItems: rb.listItems,
    codeBlocks: rb.codeBlocks,
    inlineCode: rb.inlineCode,
    links: rb.links,
    htmlComments: rb.htmlComments,
    lines: rb.lines.lineStarts,
    degraded: rb.degraded,
  };
}

function assertSame(inc: Runbook, text: string, label: string) {
  const full = parseRunbook(text, PATH);
  assert.deepEqual(model(inc), model(full), `${label}: model`);
  assert.deepEqual(inc.mdast, full.mdast, `${label}: mdast`);
}

// Edits that move block structure around: fences, comments, headings, definitions, front matter, line breaks.
const snippet = fc.constantFrom(
  '\n', '\r\n', '\r', '## ', '# ', '### Step 2 — Diagnose x\n', '\n## Mitigation\n', '```', '```\n', '~~~\n', '    ', '<!--', '-->', '<div>\n',
  '- ', '- [ ] ', '> ', '1. ', '---\n', '---', 'a', ' ', '|', '| a | b |\n|---|---|\n', '[x]: http://example.com\n', '[x]', '[^1]: note\n',
  '`', 'https://example.com ', '\uFEFF', '\0', '\t', 'owner: x\n', '#', '=\n', '*', '<!-- runbook-lint-disable-next-line RB201 -- r -->\n',
  // Labels that match only as micromark folds them (case, whitespace runs, ß/SS, final sigma).
  '[Foo  Bar]', '[foo\nbar][]', '\n[foo bar]: /u\n', '[STRASSE]', '\n[straße]: /s\n', '[^Note]', '\n[^note]: n\n', '[x][ΟΔΟΣ]', '\n[οδος]: /g\n',
);

const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(40), ins: fc.array(snippet, { maxLength: 3 }).map((a) => a.join('')) });

function applyEdit(text: string, e: { at: number; del: number; ins: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
}

test('incremental model equals a full parse after every edit of a random edit sequence', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (si, edits) => {
      let text = seeds[si]!;
      let rb = parseRunbookIncremental(undefined, text, PATH);
      assertSame(rb, text, 'initial');
      for (const [k, e] of edits.entries()) {
        text = applyEdit(text, e);
        rb = parseRunbookIncremental(rb, text, PATH);
        assertSame(rb, text, `after edit ${k}`);
      }
    }),
    { numRuns: 40, seed: 4242 },
  );
});

/** A first parse in pieces of `pieceChars`, then each edit parsed incrementally: each equals a full parse. */
function piecesThenEdits(text: string, pieceChars: number, later: { at: number; del: number; ins: string }[]): void {
  let rb = parseRunbookIncremental(undefined, text, PATH, undefined, { pieceChars });
  assertSame(rb, text, `pieces of ${pieceChars}`);
  for (const [k, e] of later.entries()) {
    text = applyEdit(text, e);
    rb = parseRunbookIncremental(rb, text, PATH, undefined, { pieceChars });
    assertSame(rb, text, `pieces of ${pieceChars}, then edit ${k}`);
  }
}

test('a long text parsed first in pieces (cut at heading lines, definitions shared) equals a full parse', () => {
  // Small pieces, so the seed-sized runbooks take the path a 1 MB runbook takes with 64 KB pieces.
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.array(edit, { maxLength: 8 }),
      fc.integer({ min: 40, max: 1500 }),
      fc.array(edit, { maxLength: 3 }),
      (si, edits, pieceChars, later) => {
        let text = seeds[si]!;
        for (const e of edits) text = applyEdit(text, e);
        piecesThenEdits(text, pieceChars, later);
      },
    ),
    { numRuns: 60, seed: 777 },
  );
});

test('a first parse in pieces parses each character about once, with definitions resolving references pieces away', () => {
  const text =
    seeds[0]! +
    '\n\n[docs]: https://example.com/docs\n\n```sh\n# not a heading\n[x]: not a definition\n```\n\n' +
    seeds[1]! +
    '\n## Step 9 — More\n\nSee [docs] and [x].\n';
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  const rb = parseRunbookIncremental(undefined, text, PATH, stats, { pieceChars: 500 });
  assertSame(rb, text, 'pieces');
  assert.ok(stats.chunks > 10, `parsed in chunks, not in one fallback parse (${stats.chunks})`);
  assert.ok(stats.parsedChars < text.length * 1.6, `parsed ${stats.parsedChars} characters for ${text.length}`);
  const refs: { identifier: string; offset: number }[] = [];
  const walk = (n: { type: string; identifier?: string; position?: { start: { offset?: number } }; children?: unknown[] }) => {
    if (n.type === 'linkReference') refs.push({ identifier: n.identifier!, offset: n.position!.start.offset! });
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  walk(rb.mdast);
  assert.ok(refs.some((r) => r.identifier === 'docs' && r.offset > text.length - 40), 'the reference at the end resolved to the definition near the top');
  assert.ok(!refs.some((r) => r.identifier === 'x'), 'a definition-looking line in a code block defines nothing');
});

test('a first parse in pieces whose guessed cuts fail (fences closed by their list item, an unclosed fence) parses each character a bounded number of times', () => {
  // Real runbooks concatenated (issue 17): a fence inside a list item ends with its item, which the
  // line-by-line guess does not see, so it guesses cuts inside code and misses real ones. Growing a
  // piece one heading at a time re-parsed the same text over and over (a 1 MB runbook: ~30 s).
  // The guess keeps the list item's fence open, so from there on it takes every fence's opening line
  // for a closing one and the shell comments inside for headings; every guessed cut is wrong.
  let text = seeds[0]! + '\n## Inputs\n\n- Run:\n  ```sh\n  kubectl get pods\n- Then see [the docs][docs].\n';
  for (let n = 0; text.length < 30_000; n++) {
    text += `\n## Step ${n} — Diagnose ${n}\n\nSee [the docs][docs].\n\n\`\`\`sh\n# list the events in ns${n}\nkubectl get events\n\`\`\`\n`;
  }
  text += '\n[docs]: https://example.com/docs\n\n## Tail\n\n```sh\nnever closed\n\n## Inside the fence\n\nmore\n';
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  const rb = parseRunbookIncremental(undefined, text, PATH, stats, { pieceChars: 1000 });
  assertSame(rb, text, 'failing guesses');
  assert.ok(stats.chunks > 100, `parsed in chunks (${stats.chunks})`);
  // Every guess fails here: each piece is parsed once to find its last real heading, then up to it
  // again (~2.1×); growing one heading at a time parsed ~220× the text.
  assert.ok(stats.parsedChars < text.length * 3, `parsed ${stats.parsedChars} characters for ${text.length}`);
});

test('a guessed cut inside an HTML comment keeps what the parse proved even with link definitions in the runbook', () => {
  // The guess takes `# note` inside a comment for a heading. The region's definitions used to go after
  // the guard line, inside the still open comment: they did not parse apart, nothing was kept, and the
  // whole region was parsed again (1.6× the text here; ~25% more of a 1 MB real-text runbook).
  let text = seeds[0]!;
  for (let n = 0; text.length < 30_000; n++) {
    text += `\n## Step ${n} — Diagnose ${n}\n\nSee [the docs][docs].\n\n<!--\n# note ${n}: keep this\nmore notes\n-->\n\nProse after the comment, with enough words to fill the section.\n`;
  }
  text += '\n[docs]: https://example.com/docs\n';
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  const rb = parseRunbookIncremental(undefined, text, PATH, stats, { pieceChars: 1000 });
  assertSame(rb, text, 'cuts guessed inside comments');
  assert.ok(rb.links.some((l) => l.url === 'https://example.com/docs'), 'references resolve to the definition at the end');
  assert.ok(stats.parsedChars < text.length * 1.2, `parsed ${stats.parsedChars} characters for ${text.length}`);
  // A leading BOM stays character 0 of the first piece (its definitions go after the guard there).
  const bom = '\uFEFF' + text.replace(/^---[\s\S]*?\n---\n/, '');
  assertSame(parseRunbookIncremental(undefined, bom, PATH, undefined, { pieceChars: 1000 }), bom, 'with a BOM');
});

test('opening a fence that swallows the rest of a long runbook re-parses the rest a bounded number of times', () => {
  let text = seeds[0]!;
  for (let n = 0; text.length < 60_000; n++) text += `\n## Step ${n} — Diagnose ${n}\n\nProse with \`kubectl get pods\` in it.\n`;
  let rb = parseRunbookIncremental(undefined, text, PATH);
  const at = text.indexOf('\n## Step 10 ') + 1;
  const opened = text.slice(0, at) + '```\n' + text.slice(at);
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  rb = parseRunbookIncremental(rb, opened, PATH, stats);
  assertSame(rb, opened, 'fence opened');
  const rest = opened.length - at;
  // One chunk at a time parsed the rest once per section after the edit (~1,300 times here).
  assert.ok(stats.parsedChars < rest * 3, `parsed ${stats.parsedChars} characters for a rest of ${rest}`);
});

test('incremental check returns the same findings as a full check', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (si, edits) => {
      const checker = new IncrementalChecker();
      let text = seeds[si]!;
      for (const e of [{ at: 0, del: 0, ins: '' }, ...edits]) {
        text = applyEdit(text, e);
        const inc = checker.update({ text, path: PATH, today: TODAY });
        const full = check({ text, path: PATH, today: TODAY });
        assert.deepEqual(inc.findings, full.findings);
        assert.deepEqual(inc.internalErrors, full.internalErrors);
      }
    }),
    { numRuns: 15, seed: 99 },
  );
});

test('a one-character edit in a large runbook re-parses only the section it touched', () => {
  const base = seeds[0]!;
  let text = base;
  while (text.length < 60_000) text += '\n## Step 9 — Diagnose more ' + text.length + '\n\nSome prose and `kubectl get pods`.\n\n```sh\nkubectl get pods\n```\n';
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  let rb = parseRunbookIncremental(undefined, text, PATH, stats);
  const at = Math.floor(text.length / 2);
  text = text.slice(0, at) + 'x' + text.slice(at);
  rb = parseRunbookIncremental(rb, text, PATH, stats);
  assert.equal(stats.full, false);
  assert.ok(stats.parsedChars < 1000, `parsed ${stats.parsedChars} characters of ${text.length}`);
  assert.ok(stats.reusedChunks > 30, `reused ${stats.reusedChunks} of ${stats.chunks} chunks`);
  assertSame(rb, text, 'large');
});

test('opening a code fence re-parses down to where the fence closes, and the headings inside stop counting', () => {
  const text = '# T\n\n## A\n\ntext\n\n## B\n\nmore\n\n## C\n\nend\n';
  let rb = parseRunbookIncremental(undefined, text, PATH);
  const opened = text.replace('text\n', 'text\n```\n');
  rb = parseRunbookIncremental(rb, opened, PATH);
  assertSame(rb, opened, 'fence opened');
  assert.deepEqual(rb.headings.map((h) => h.text), ['T', 'A']);
  const closed = opened.replace('more\n', 'more\n```\n');
  rb = parseRunbookIncremental(rb, closed, PATH);
  assertSame(rb, closed, 'fence closed');
  assert.deepEqual(rb.headings.map((h) => h.text), ['T', 'A', 'C']);
});

test('a link reference definition in one section resolves references in another', () => {
  const text = '# T\n\n## A\n\nsee [the docs][d]\n\n## B\n\nnothing\n';
  let rb = parseRunbookIncremental(undefined, text, PATH);
  assert.equal(rb.links.length, 0);
  const withDef = text + '\n[d]: https://example.com/docs\n';
  rb = parseRunbookIncremental(rb, withDef, PATH);
  assertSame(rb, withDef, 'definition added');
  assert.ok(JSON.stringify(rb.mdast).includes('"linkReference"'), 'the reference in section A is a link now');
});

test('an edited section is parsed with the definitions its references name, matched as micromark folds labels (lower, then upper case)', () => {
  const defs = '[Foo  Bar]: /a\n\n[straße]: /b\n\n[οδος]: /c\n\n[unused label]: /d\n\n[İstanbul]: /i\n\n[^Note]: n\n';
  const refs = ['see [foo\nbar]', 'see [STRASSE][]', 'a note[^NOTE]', 'road [x][ΟΔΟΣ]', 'city [İSTANBUL]'];
  for (const ref of refs) {
    const text = `# T\n\n## A\n\n${defs}\n## B\n\nplain words here\n\n## C\n\nend\n`;
    let rb = parseRunbookIncremental(undefined, text, PATH);
    const edited = text.replace('plain words here', `plain ${ref} here`);
    const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
    rb = parseRunbookIncremental(rb, edited, PATH, stats);
    assert.equal(stats.full, false, `${ref}: parsed incrementally`);
    assertSame(rb, edited, ref);
    assert.ok(/"(linkReference|footnoteReference)"/.test(JSON.stringify(rb.mdast.children.filter((n) => n.position!.start.offset! > edited.indexOf('## B')))), `${ref}: resolved in section B`);
  }
});

test('the front matter is never handed to the Markdown parser, first parse or edit (issue 21: 5 MB of keys, masked as blank lines, took ~3 s)', () => {
  const seed = seeds[0]!;
  const fmEnd = seed.indexOf('\n---', 4) + 5;
  const keys = Array.from({ length: 4000 }, (_, i) => `key_${i}: v${i}\n`).join('');
  let text = seed.slice(0, fmEnd - 4) + keys + seed.slice(fmEnd - 4);
  const body = text.length - (fmEnd + keys.length);
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  let rb = parseRunbookIncremental(undefined, text, PATH, stats, { pieceChars: 1000 });
  assertSame(rb, text, 'pieces');
  assert.ok(stats.parsedChars < body * 2, `parsed ${stats.parsedChars} characters for a body of ${body} (front matter ${keys.length})`);
  // A keystroke in the front matter re-parses no Markdown at all; one in the body, only its chunk.
  text = text.replace('key_10: v10', 'key_10: v1x');
  rb = parseRunbookIncremental(rb, text, PATH, stats, { pieceChars: 1000 });
  assertSame(rb, text, 'front-matter edit');
  assert.ok(stats.parsedChars < 200, `a front-matter keystroke parsed ${stats.parsedChars} characters of Markdown`);
  const at = text.lastIndexOf('\n## ') - 1;
  text = text.slice(0, at) + 'x' + text.slice(at);
  rb = parseRunbookIncremental(rb, text, PATH, stats, { pieceChars: 1000 });
  assertSame(rb, text, 'body edit');
  assert.ok(stats.parsedChars < body, `a body keystroke parsed ${stats.parsedChars} characters`);
});

// Blocks after blank lines (issue 21: a text without headings was one piece; a change in 200 KB of it stalled the
// server for seconds). Lists, quotes, fences, HTML blocks and footnotes that span blank lines are where a cut
// after a blank line would be wrong; the guard must reject those and keep the result equal to a full parse.
const paragraphs = fc.constantFrom(
  'Plain words here.\n', 'Another line\n', '\n', '\n\n', '- item\n', '  continued in the item\n', '- [ ] task\n', '1. first\n', '2) second\n',
  '> quoted\n', '>\n', '```\n', '```sh\n', '~~~\n', '    indented code\n', '<!-- open\n', '-->\n', '<div>\n', '</div>\n', '<pre>\n', '</pre>\n',
  '[^n]: footnote\n', '    footnote more\n', '[ref]: https://example.com\n', 'See [ref] and [^n].\n', '| a | b |\n', '|---|---|\n', '***\n', 'Setext\n', '===\n',
  'If it fails → go to Step 2\n', '## Step 2 — Diagnose x\n', '\t tab\n', '\r\n', 'Zebra\n',
);

test('headingless texts are cut after blank lines and still equal a full parse, first parse and edits', () => {
  fc.assert(
    fc.property(fc.array(paragraphs, { minLength: 20, maxLength: 200 }), fc.integer({ min: 16, max: 600 }), fc.array(edit, { maxLength: 4 }), (parts, pieceChars, later) => {
      piecesThenEdits(seeds[0]!.slice(0, seeds[0]!.indexOf('\n---', 4) + 5) + parts.join(''), pieceChars, later);
    }),
    { numRuns: 150, seed: 2121 },
  );
});

test('a keystroke in a long text without headings re-parses one block-sized chunk, not the whole text', () => {
  const fm = seeds[0]!.slice(0, seeds[0]!.indexOf('\n---', 4) + 5);
  let text = fm + Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} of a runbook that never uses a heading.\nIt goes on.\n\n`).join('');
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  let rb = parseRunbookIncremental(undefined, text, PATH, stats, { pieceChars: 4096 });
  assertSame(rb, text, 'first parse');
  assert.ok(stats.chunks > 100, `cut into chunks (${stats.chunks})`);
  assert.ok(stats.parsedChars < text.length * 1.5, `first parse: ${stats.parsedChars} characters for ${text.length}`);
  const at = text.indexOf('Paragraph 1500 ') + 4;
  text = text.slice(0, at) + 'x' + text.slice(at);
  rb = parseRunbookIncremental(rb, text, PATH, stats, { pieceChars: 4096 });
  assertSame(rb, text, 'after a keystroke');
  assert.ok(stats.parsedChars < 2000, `a keystroke parsed ${stats.parsedChars} characters of ${text.length}`);
});

// Issue 21: a synchronous parse step is bounded by its estimated cost, and a document over a budget is parsed
// incrementally like any other (every keystroke in a degraded 5 MB document parsed ~1.4 MB again).

/** assertSame for documents of 10,000 nodes: compared as JSON (deepEqual and its diff took seconds each). */
function assertSameJson(inc: Runbook, text: string, label: string) {
  const full = parseRunbook(text, PATH);
  assert.ok(JSON.stringify(model(inc)) === JSON.stringify(model(full)), `${label}: model`);
  assert.ok(JSON.stringify(inc.mdast) === JSON.stringify(full.mdast), `${label}: mdast`);
}

/** The characters parsed between two yields of a first parse of `text`. */
function pieceSizes(text: string): number[] {
  const st: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  const g = parseSteps(undefined, text, PATH, st);
  const sizes: number[] = [];
  let before = 0;
  for (let r = g.next(); ; r = g.next()) {
    sizes.push(st.parsedChars - before);
    before = st.parsedChars;
    if (r.done) return sizes;
  }
}

test('first-parse pieces are sized by parse cost: step headings with list items make smaller pieces than plain text', () => {
  const fm = seeds[0]!.slice(0, seeds[0]!.indexOf('\n---', 4) + 5);
  const steps = fm + Array.from({ length: 2600 }, (_, i) => `## Step ${i + 1} — Diagnose ${i + 1}\n- If it fails → go to Step ${((i * 7) % 2600) + 1}\n\n`).join('');
  const plain = fm + Array.from({ length: 2600 }, (_, i) => `Paragraph ${i} of a runbook, with some words in it.\nAnd a second line.\n\n`).join('');
  const s = pieceSizes(steps);
  const p = pieceSizes(plain);
  // The same length, ~200 KB: plain text in pieces of ~64 KB (the character cap), steps in pieces of ~30 KB.
  assert.ok(Math.abs(steps.length - plain.length) < plain.length / 5, `${steps.length} vs ${plain.length}`);
  assert.ok(Math.max(...s) < 40_000, `step pieces: ${s.join(', ')}`);
  assert.ok(s.filter((x) => x > 0).length >= 5, `step pieces: ${s.join(', ')}`);
  assert.ok(Math.max(...p) > 50_000, `plain pieces: ${p.join(', ')}`);
  // Each step piece stays within about one PIECE_UNITS of estimated cost (a cut waits for the next heading).
  for (let at = steps.indexOf('## Step'), k = 0; k < 3; k++) {
    const end = pieceEnd(steps, at, PIECE_UNITS);
    assert.ok(end - at < 40_000 && end > at, `piece ${k}: ${end - at} characters`);
    at = end;
  }
});

test('a document over the parsing budget is parsed incrementally: an edit before the cut re-parses only its chunk and the moved cut', () => {
  const fm = seeds[0]!.slice(0, seeds[0]!.indexOf('\n---', 4) + 5);
  const n = MARKDOWN_BUDGET.headings + 300;
  let text = fm + Array.from({ length: n }, (_, i) => `## Step ${i + 1} — Diagnose ${i + 1}\n\nSome words ${i}.\n`).join('');
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  let rb = parseRunbookIncremental(undefined, text, PATH, stats);
  assertSameJson(rb, text, 'first parse');
  assert.ok(rb.degraded?.length, 'over the headings budget');
  const edits: [string, (t: string) => string][] = [
    ['a keystroke before the cut', (t) => t.replace('Some words 100.', 'Some words 100x.')],
    ['a heading added before the cut (the cut moves one heading back)', (t) => t.replace('Some words 200.\n', 'Some words 200.\n\n## Added\n')],
    ['a heading removed before the cut (the cut moves one heading on)', (t) => t.replace('## Step 300 — Diagnose 300\n', '')],
    ['a keystroke after the cut', (t) => t.replace(`Some words ${n - 10}.`, `Some words ${n - 10}x.`)],
  ];
  for (const [label, change] of edits) {
    text = change(text);
    rb = parseRunbookIncremental(rb, text, PATH, stats);
    assertSameJson(rb, text, label);
    assert.ok(stats.parsedChars < 1000, `${label}: parsed ${stats.parsedChars} characters of ${text.length}`);
  }
});

test('random edits of a document over the parsing budget equal a full parse', () => {
  const fm = seeds[0]!.slice(0, seeds[0]!.indexOf('\n---', 4) + 5);
  const base = fm + Array.from({ length: MARKDOWN_BUDGET.headings + 20 }, (_, i) => (i % 50 === 7 ? '```\n## in code\n```\n' : `## H ${i}\nwords ${i}\n`)).join('');
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      let text = base;
      let rb = parseRunbookIncremental(undefined, text, PATH);
      for (const [k, e] of edits.entries()) {
        text = applyEdit(text, e);
        rb = parseRunbookIncremental(rb, text, PATH);
        assertSameJson(rb, text, `after edit ${k}`);
      }
    }),
    { numRuns: 8, seed: 2104 },
  );
});

test('a document flooded with labels (links not parsed) is parsed in pieces too, and a change of that decision parses it again', () => {
  const fm = seeds[0]!.slice(0, seeds[0]!.indexOf('\n---', 4) + 5);
  // 1,400 task-list items with a link each in one block (no blank line): 2,800 `[` in a block, so links are not parsed.
  let text = fm + Array.from({ length: 1400 }, (_, i) => `## Step ${i + 1} — Check ${i + 1}\n- [ ] check ${i + 1} [see](https://example.com/${i})\n`).join('');
  const sizes = pieceSizes(text);
  assert.ok(sizes.filter((x) => x > 0).length >= 3 && Math.max(...sizes) < 40_000, `pieces: ${sizes.join(', ')}`);
  let rb = parseRunbookIncremental(undefined, text, PATH);
  assertSameJson(rb, text, 'flooded');
  assert.equal(rb.links.length, 0, 'no links parsed');
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  text = text.replace('check 100 ', 'check 100x ');
  rb = parseRunbookIncremental(rb, text, PATH, stats);
  assertSameJson(rb, text, 'a keystroke');
  assert.ok(stats.parsedChars < 1000, `a keystroke parsed ${stats.parsedChars}`);
  // A blank line in the middle: two blocks of 1,400 labels each, links parsed again everywhere.
  text = text.replace('## Step 701 ', '\n## Step 701 ');
  rb = parseRunbookIncremental(rb, text, PATH, stats);
  assertSameJson(rb, text, 'no longer flooded');
  assert.ok(rb.links.length >= 1400, `links parsed again (${rb.links.length})`);
});

test('fenced code blocks without blank lines between them are cut after closed fences, first parse and edits', () => {
  const fm = seeds[0]!.slice(0, seeds[0]!.indexOf('\n---', 4) + 5);
  let text = fm + Array.from({ length: 6000 }, (_, i) => (i % 2 ? `~~~\nkubectl get pods -n ns${i}\n~~~\n` : `\`\`\`sh\nkubectl get events -n ns${i}\n\`\`\`\n`)).join('');
  const sizes = pieceSizes(text);
  assert.ok(sizes.filter((x) => x > 0).length >= 3 && Math.max(...sizes) < 70_000, `pieces: ${sizes.join(', ')}`);
  const stats: IncrementalStats = { parsedChars: 0, chunks: 0, reusedChunks: 0, full: false };
  let rb = parseRunbookIncremental(undefined, text, PATH, stats);
  assertSameJson(rb, text, 'first parse');
  assert.ok(stats.chunks > 20, `cut into chunks (${stats.chunks})`);
  text = text.replace('ns3001\n', 'ns3001x\n');
  rb = parseRunbookIncremental(rb, text, PATH, stats);
  assertSameJson(rb, text, 'a keystroke');
  assert.ok(stats.parsedChars < 10_000, `a keystroke parsed ${stats.parsedChars}`);
  // Opening a fence inside that swallows the rest: parsed again to the end, still equal.
  text = text.replace('ns3001x\n```\n', 'ns3001x\n');
  rb = parseRunbookIncremental(rb, text, PATH, stats);
  assertSameJson(rb, text, 'a closing fence removed');
});
