// The fuzz/budget suite (issue 21 D1 D2 D9): every adversarial input of test/helpers/hostile-inputs.ts — the
// shapes that used to take a parser or a rule quadratic or worse, or crash it — is checked to the end, in
// process and by the language server, and each one over a parsing budget says so with RB004 (never a silent
// half-check, never a crash). Sizes stay moderate so `npm test` stays fast; the same inputs at 5 MB, with
// time and memory, are `npm run bench` case group `hostile` (bench/hostile.ts). The test timeouts are hang
// detectors, not speed targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { check, MAX_FINDINGS_PER_RULE } from '../../server/src/core/check.js';
import { MARKDOWN_BUDGET } from '../../server/src/core/budget.js';
import { replaceClosedHtmlComments } from '../../server/src/core/placeholders.js';
import { HOSTILE } from '../helpers/hostile-inputs.js';
import { sharedLspInTempDir } from '../helpers/lsp-client.js';

const SIZE = 150_000;
/** Inputs that are over a budget at SIZE, and so must carry RB004 (the others must not). */
const OVER = new Set(['html-comments', 'task-lists', 'blank-lines', 'many-fm-keys', 'wide-table', 'many-headings', 'step-chain', 'dash-run', 'emphasis-run', 'nested-lists', 'deepening-quotes', 'deep-yaml-flow', 'deep-yaml-block', 'deep-yaml-seq']);
const PATH = 'infra/runbooks/platform/hostile.md';

for (const h of HOSTILE) {
  test(`${h.name} (${h.what}): checked to the end${OVER.has(h.name) ? ', degraded with RB004' : ''}`, { timeout: 120_000 }, () => {
    const r = check({ text: h.build(SIZE), path: PATH });
    assert.deepEqual(r.internalErrors, [], 'no rule crashed');
    const rb004 = r.findings.filter((f) => f.ruleId === 'RB004');
    if (OVER.has(h.name)) assert.ok(rb004.length > 0, `RB004 expected; got ${[...new Set(r.findings.map((f) => f.ruleId))].join(', ')}`);
    else assert.equal(rb004.length, 0, rb004.map((f) => f.message).join('\n'));
    for (const f of rb004) assert.match(f.message, /budget|more than|deeper than/, 'RB004 says which budget');
  });
}

test('work budgets are counted, not timed: headings, weighted characters and findings per rule (the same cut every run)', () => {
  const head = HOSTILE[0]!.build(0);
  // Headings: the 5,001st heading line and what follows are not parsed as Markdown.
  const many = head + '\n' + Array.from({ length: MARKDOWN_BUDGET.headings + 50 }, (_, i) => `## H ${i}\n`).join('');
  const r1 = check({ text: many, path: PATH });
  assert.equal(r1.runbook.headings.length, MARKDOWN_BUDGET.headings, 'headings parsed up to the budget');
  assert.ok(r1.findings.some((f) => f.ruleId === 'RB004' && /more than 5,000 headings/.test(f.message)));
  // A backtick weighs 20 units: 130,000 of them (260 KB) are over the 2.5 M budget, 260 KB of letters are not.
  const ticks = check({ text: head + '\n' + '`a``b\n'.repeat(43_000), path: PATH });
  assert.ok(ticks.findings.some((f) => f.ruleId === 'RB004' && /parsing budget/.test(f.message)), 'backticks over the budget');
  assert.equal(check({ text: head + '\n' + 'aaaaa\n'.repeat(43_000), path: PATH }).findings.filter((f) => f.ruleId === 'RB004').length, 0, 'plain letters within it');
  // Findings: one rule reports at most MAX_FINDINGS_PER_RULE; RB004 says how many more and from where.
  const steps = head + '\n' + Array.from({ length: MAX_FINDINGS_PER_RULE + 300 }, (_, i) => `## Step ${i + 1} — Diagnose ${i + 1}\n\n`).join('');
  const r3 = check({ text: steps, path: PATH });
  const counts = new Map<string, number>();
  for (const f of r3.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const capped = [...counts].filter(([, c]) => c === MAX_FINDINGS_PER_RULE).map(([id]) => id);
  assert.ok(capped.length > 0, `some rule reached the findings budget: ${JSON.stringify([...counts])}`);
  for (const [id, c] of counts) assert.ok(c <= MAX_FINDINGS_PER_RULE || id === 'RB004', `${id}: ${c}`);
  for (const id of capped) {
    const note = r3.findings.find((f) => f.ruleId === 'RB004' && f.message.startsWith(`${id} (`));
    assert.ok(note, `RB004 for ${id}`);
    assert.match(note.message, /found more than 1,000 problems, the findings budget of one rule: [\d,]+ more, from line [\d,]+ on, are not reported/);
  }
  assert.deepEqual(check({ text: steps, path: PATH }).findings.map((f) => [f.ruleId, f.range.start]), r3.findings.map((f) => [f.ruleId, f.range.start]), 'identical run to run');
});

test('one block holds at most 5,000 table cells, and a comment or fence never closed is parsed 16 KB on (one node each: no parse step can be cut inside)', () => {
  const head = HOSTILE[0]!.build(0);
  const rb004 = (text: string) => check({ text, path: PATH }).findings.filter((f) => f.ruleId === 'RB004').map((f) => f.message);
  const table = (cells: number) => {
    const row = '|' + ' a |'.repeat(50) + '\n';
    return head + '\n' + row + '|' + '---|'.repeat(50) + '\n' + row.repeat(Math.ceil(cells / 51) - 1);
  };
  const within = check({ text: table(MARKDOWN_BUDGET.cellsPerBlock - 200), path: PATH });
  assert.deepEqual(within.findings.filter((f) => f.ruleId === 'RB004'), []);
  assert.ok(within.runbook.mdast.children.some((n) => n.type === 'table'), 'a table within the budget stays a table');
  const over = check({ text: table(MARKDOWN_BUDGET.cellsPerBlock + 200), path: PATH });
  assert.ok(over.findings.some((f) => f.ruleId === 'RB004' && /more than 5,000 table cells \(\|\) in one block/.test(f.message)));
  assert.ok(!over.runbook.mdast.children.some((n) => n.type === 'table'), 'over it: read as text');
  assert.ok(over.runbook.text.includes('| a |'), 'the text itself is unchanged');
  const filler = (kb: number) => 'Words after it, on and on.\n'.repeat(Math.ceil((kb * 1024) / 27));
  // Never closed, with more than 16 KB after: cut there; with less, or closed at the end: whole.
  for (const opener of ['<!-- a note\n', '```sh\n', '~~~\n']) {
    const cut = rb004(head + '\n' + opener + filler(20));
    assert.equal(cut.length, 1, opener);
    assert.match(cut[0]!, /is never closed, so the rest of the document would be one block: past the budget of 16 KB after it, from line [\d,]+ on,/);
    assert.deepEqual(rb004(head + '\n' + opener + filler(12)), [], `${opener}: less than 16 KB after it`);
  }
  assert.deepEqual(rb004(head + '\n<!-- a note\n' + filler(20) + '-->\n'), [], 'a comment closed at the end');
  assert.deepEqual(rb004(head + '\n```sh\n' + filler(20) + '```\n'), [], 'a fence closed at the end');
  assert.deepEqual(rb004(head + '\n- Run:\n  ```sh\n  kubectl get pods\n\n' + filler(20)), [], 'a fence in a list item, closed by its item');
});

test('random concatenations of hostile pieces: never a crash, RB004 only with a reason', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(fc.array(fc.record({ h: fc.constantFrom(...HOSTILE), n: fc.integer({ min: 200, max: 6000 }) }), { minLength: 1, maxLength: 4 }), (parts) => {
      const text = parts.map((p, i) => (i === 0 ? p.h.build(p.n) : p.h.build(p.n).slice(200))).join('\n');
      const r = check({ text, path: PATH });
      assert.deepEqual(r.internalErrors, []);
      for (const f of r.findings.filter((x) => x.ruleId === 'RB004')) assert.ok(f.message.length > 20);
    }),
    { numRuns: 25 },
  );
});

test('closed HTML comments are replaced as /<!--[\\s\\S]*?-->/g does, without its quadratic scan from each unclosed `<!--`', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('<!--', '-->', '-', '>', '<', '!', 'a', '\n'), { maxLength: 24 }), (a) => {
      const text = a.join('');
      assert.equal(replaceClosedHtmlComments(text, ' '), text.replace(/<!--[\s\S]*?-->/g, ' '), JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
});

const { s, dir } = sharedLspInTempDir('rb-budget-');

test('the language server checks every hostile input, keeps answering, and publishes RB004 where a budget was hit', { timeout: 600_000 }, async () => {
  for (const h of HOSTILE) {
    const uri = pathToFileURL(join(dir, `infra/runbooks/platform/${h.name}.md`)).href;
    s.open(uri, h.build(SIZE));
    // A request sent while the document is being checked is answered (the server does not block on it).
    const hover = s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
    const diags = await s.diagnostics(uri, () => true, 120_000);
    await hover;
    assert.equal(diags.some((d) => d.code === 'RB004'), OVER.has(h.name), `${h.name}: ${[...new Set(diags.map((d) => d.code))].join(', ')}`);
    // An edit at the end, then one in the middle, are checked too, and a request sent meanwhile is answered.
    const lines = h.build(SIZE).split(/\r\n|\r|\n/).length;
    for (const [version, line] of [[2, lines], [3, Math.floor(lines / 2)]] as const) {
      s.change(uri, version, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\nmore\n' }]);
      const answered = s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
      await s.diagnostics(uri, (_d, p) => p.version === version, 120_000);
      await answered;
    }
    void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  assert.equal(s.proc.exitCode, null, 'the server is still running');
});
