// `runbook-lint migrate` (core/migrate.ts) over every file of the two alert-runbook corpora: the
// result parses, keeps every command block byte for byte and every line of the original, and its
// only structure findings are the placeholders a person still has to fill in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { migrate } from '../../server/src/core/migrate.js';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { ruleByIdOrName } from '../../server/src/core/rules/index.js';
import { CORPORA, corpusFiles } from '../helpers/corpus.js';

const TODAY = '2026-12-07';
const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/;

/** Lines of a text outside code blocks that must survive (headings may move a level; blank lines do not count). */
function proseLines(text: string): string[] {
  const rb = parseRunbook(text);
  const inCode = new Set<number>();
  for (const c of rb.codeBlocks) for (let l = rb.lines.positionAt(c.range.start).line; l <= rb.lines.positionAt(Math.max(c.range.start, c.range.end - 1)).line; l++) inCode.add(l);
  const body = rb.lines.positionAt(rb.bodyStart).line;
  return text.split(/\r?\n/).filter((l, i) => i >= body && !inCode.has(i) && l.trim() !== '' && !HEADING.test(l));
}

const files = existsSync(CORPORA) ? corpusFiles((p, name) => name !== 'README.md' && name !== 'LICENSE') : [];

test('every file of the two alert-runbook corpora migrates: it parses, keeps every code block and line, and has no structure finding but placeholders', { skip: !files.length && 'no corpora' }, () => {
  assert.ok(files.length >= 389, `${files.length} files`);
  const formats = new Map<string, number>();
  for (const abs of files) {
    const rel = relative(CORPORA, abs);
    const text = readFileSync(abs, 'utf8');
    const m = migrate(text, rel);
    formats.set(m.format, (formats.get(m.format) ?? 0) + 1);
    const before = parseRunbook(text);
    const after = parseRunbook(m.text);
    assert.ok(after.frontMatter?.closed && after.frontMatter.errors.length === 0, `${rel}: the new front matter parses`);
    assert.deepEqual(
      after.codeBlocks.map((c) => c.value),
      before.codeBlocks.map((c) => c.value),
      `${rel}: every code block, in order, byte for byte`,
    );
    for (const c of before.codeBlocks) {
      const raw = text.slice(c.range.start, c.range.end);
      // A fence the source never closed is closed by the migration; its code is the same (above).
      if (c.fenced && /(?:```|~~~)\s*$/.test(raw)) assert.ok(m.text.includes(raw), `${rel}: the block as written, fences included`);
    }
    const kept = m.text.split(/\r?\n/).map((l) => l.trim());
    for (const line of proseLines(text)) assert.ok(kept.includes(line.trim()), `${rel}: the line ${JSON.stringify(line)} is kept`);
    if (before.frontMatter) {
      const yaml = text.slice(before.frontMatter.content.start, before.frontMatter.content.end).split(/\r?\n/).filter((l) => l.trim());
      for (const l of yaml) assert.ok(m.text.includes(`# ${l}`), `${rel}: the original front-matter line ${l} is kept as a comment`);
    }
    const r = check({ text: m.text, path: rel, today: TODAY });
    const structure = r.findings.filter((f) => ruleByIdOrName(f.ruleId)?.group === 'structure');
    assert.deepEqual(
      structure.filter((f) => f.meta?.['placeholder'] !== true).map((f) => `${f.ruleId} ${f.message}`),
      [],
      `${rel}: only placeholder findings among the structure rules`,
    );
    assert.ok(structure.some((f) => f.ruleId === 'RB105'), `${rel}: the front matter's placeholders are reported`);
    assert.equal(migrate(m.text, rel).text, m.text, `${rel}: a migrated runbook follows the template`);
  }
  assert.ok((formats.get('alert-runbook') ?? 0) > 300, JSON.stringify([...formats]));
});

test('docs-site front matter: facts stated under other keys are carried over, nothing is made up, the original keys stay as comments', () => {
  const src = ['---', 'title: Rotate the TLS certificate', 'owner_team: edge-sre', 'owner_slack: "#edge"', 'last_reviewed_on: 2026-03-02', 'review_in: 6 months', '---', '', '# Rotate the TLS certificate', '', '## Overview', '', 'The ingress certificate expires every 90 days.', '', '## Procedure', '', '```sh', 'kubectl -n edge get certificate ingress-tls', '```', '', '## References', '', '- [cert-manager](https://cert-manager.io/docs/)', ''].join('\n');
  const m = migrate(src, 'docs/runbooks/edge/rotate-tls.md');
  assert.equal(m.format, 'docs-site');
  const fm = parseRunbook(m.text).frontMatter!.data!;
  assert.equal(fm['title'], 'Rotate the TLS certificate');
  assert.equal(fm['owner'], 'edge-sre');
  assert.equal(fm['last_reviewed'], '2026-03-02');
  assert.equal(fm['runbook_id'], 'RB-<AREA>-<NNN>', 'no id number is made up');
  assert.equal(fm['severity'], '<P0|P1|P2|P3|P4>', 'no severity is made up');
  assert.deepEqual(fm['related_alerts'], ['<alert name/id, or [] if none>']);
  assert.match(m.text, /^# owner_slack: "#edge"$/m);
  assert.match(m.text, /^# review_in: 6 months$/m);
  assert.match(m.text, /## Step 2 — Mitigation \(safe-first\)[\s\S]*kubectl -n edge get certificate ingress-tls[\s\S]*## Step 3 — Verification/);
  assert.match(m.text, /## Step 4 — Prevention \/ follow-ups[\s\S]*## References\n\n- \[cert-manager\]/, 'a section with no template home follows the steps, as written');
  assert.ok(m.notes.some((n) => n === 'front matter: last_reviewed_on → last_reviewed'));
});

test('a how-to without headings becomes the Mitigation step; no review date is invented; CRLF stays CRLF', () => {
  const src = 'Restart the worker when the queue is stuck.\r\n\r\n```sh\r\nsystemctl restart worker\r\n```\r\n';
  const m = migrate(src, 'runbooks/platform/restart.md');
  assert.equal(m.format, 'how-to');
  assert.ok(!/[^\r]\n/.test(m.text), 'every line break is CRLF');
  assert.match(m.text, /last_reviewed: "YYYY-MM-DD"/);
  assert.match(m.text, /## Step 2 — Mitigation \(safe-first\)\r\n(?:.*\r\n)*Restart the worker when the queue is stuck\.\r\n\r\n```sh\r\nsystemctl restart worker\r\n```/);
  assert.match(m.text, /^# <Short, action-oriented title>$/m, 'no title to take: the placeholder');
  const r = check({ text: m.text, path: 'runbooks/platform/restart.md', today: TODAY });
  assert.ok(r.findings.some((f) => f.ruleId === 'RB211' && f.meta?.['placeholder'] === true), 'the inserted "Expected output: <…>" is reported as a placeholder');
});

test('a runbook that already follows the template is left as it is', () => {
  const text = readFileSync(new URL('../fixtures/clean/pod-crashloopbackoff.md', import.meta.url), 'utf8');
  const m = migrate(text, 'runbooks/platform/pod-crashloopbackoff.md');
  assert.equal(m.format, 'template');
  assert.equal(m.text, text);
});

test('a second H1 after the sections (a page in two parts) keeps its text after the steps, its heading as an H2', () => {
  // Found over ../shared/team-runbooks (agglayer's deploy-outpost.md lost 11 lines of "# Audit Requirements").
  const src = ['# Deploy an outpost', '', '## Steps', '', 'Run the deploy job.', '', '# Audit Requirements', '', '- Track the audit in a GitHub issue', '  - Example format: a project board', '', '## Audit Scope', '', '- contracts', ''].join('\n');
  const m = migrate(src, 'runbooks/ops/deploy-outpost.md');
  assert.match(m.text, /## Step 4 — Prevention \/ follow-ups[\s\S]*\n## Audit Requirements\n\n- Track the audit in a GitHub issue\n {2}- Example format: a project board\n/);
  for (const line of proseLines(src)) assert.ok(m.text.split('\n').some((l) => l.trim() === line.trim()), `kept: ${line}`);
});
