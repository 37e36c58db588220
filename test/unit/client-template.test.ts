// Client logic without vscode: the template snippet, its plain-text filling, the snippet file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { fillUserTemplate, frontMatterSnippetLines, newRunbookSnippet, newRunbookText, snippetToText, templateInsertion, templateSnippet, templateSnippetLines, TODAY_VARIABLES } from '../../client/src/logic/template.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SNIPPETS = JSON.parse(readFileSync(join(ROOT, 'snippets/runbook.code-snippets'), 'utf8')) as Record<string, { prefix: string | string[]; body: string[]; description: string }>;

test('the full-template and front-matter snippets in snippets/ are exactly the client template (no drift)', () => {
  assert.deepEqual(SNIPPETS['Runbook: full template']!.body, templateSnippetLines());
  assert.deepEqual(SNIPPETS['Runbook: front matter']!.body, [...frontMatterSnippetLines(), '$0']);
});

test('the snippet file holds the six snippets, each with a prefix and a description', () => {
  assert.deepEqual(Object.keys(SNIPPETS).sort(), ['Runbook: decision branch', 'Runbook: deprecation header', 'Runbook: front matter', 'Runbook: full template', 'Runbook: risky-action fence', 'Runbook: step']);
  for (const [name, s] of Object.entries(SNIPPETS)) {
    assert.ok(s.prefix.length > 0 && s.description.length > 10, name);
  }
  const fence = SNIPPETS['Runbook: risky-action fence']!.body.join('\n');
  assert.match(fence, /\[!CAUTION\]/);
  assert.match(fence, /- \[ \] Confirm /);
  assert.match(fence, /\nRollback: /);
});

test('the template snippet has last_reviewed as today through snippet variables and a tab stop for every front-matter field', () => {
  const s = templateSnippet();
  assert.ok(s.includes(`last_reviewed: "\${4:${TODAY_VARIABLES}}"`));
  const fm = frontMatterSnippetLines().slice(1, -1).filter((l) => /:\s*\S|^\s+- /.test(l));
  for (const line of fm) assert.match(line, /\$\{\d+[:|]/, `tab stop in ${line}`);
  const stops = new Set([...s.matchAll(/\$\{(\d+)/g)].map((m) => Number(m[1])));
  for (let i = 1; i <= 12; i++) assert.ok(stops.has(i), `tab stop ${i}`);
});

test('snippetToText takes defaults, first choices and mirrors, and undoes escapes', () => {
  assert.equal(snippetToText('a ${1:x\\}y} b ${2|P0,P1|} c $1 d \\$e $0'), 'a x}y b P0 c x}y d $e ');
  assert.equal(snippetToText('# ${2}\ntitle: "${2:Hello}"'), '# Hello\ntitle: "Hello"');
  assert.equal(snippetToText('s: ${1|a,b\\,c|}', { choices: 'placeholder' }), 's: <a|b,c>');
});

test('a new runbook from the template has the id, title (front matter and H1), owner and today filled in', () => {
  const text = newRunbookText({ id: 'RB-NET-007', title: 'Restore DNS for $service', owner: 'net-ops', today: '2026-11-27' });
  assert.match(text, /^---\nrunbook_id: RB-NET-007\ntitle: "Restore DNS for \$service"\nowner: "net-ops"\nlast_reviewed: "2026-11-27"\nseverity: "<P0\|P1\|P2\|P3\|P4>"\n/);
  assert.match(text, /\nenvironments:\n {2}- "<dev\|staging\|prod>"\n/, 'choices stay for the author to make');
  assert.match(text, /\n# Restore DNS for \$service\n/);
  assert.ok(!text.includes('${'), 'no snippet syntax left');
  assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
  // The filled template is a well-formed runbook: front matter parses, required sections are there.
  const r = check({ text, path: 'infra/runbooks/networking/restore-dns.md', today: '2026-11-27' });
  const codes = new Set(r.findings.map((f) => f.ruleId));
  for (const id of ['RB101', 'RB102', 'RB103', 'RB201', 'RB202', 'RB203']) assert.ok(!codes.has(id), `${id} not reported`);
});

test('a workspace template gets the id, date, title and owner but keeps its other placeholders', () => {
  const tpl = 'runbook_id: RB-<AREA>-<NNN>\ntitle: "<Short, action-oriented title>"\nowner: "<Team or role>"\nlast_reviewed: "YYYY-MM-DD"\n# <Title>\n- **Symptom:** <x>\nsee YYYY-MM-DD\n';
  const out = fillUserTemplate(tpl, { id: 'RB-SEC-002', title: 'Rotate "the" key', today: '2026-11-27', owner: 'sec' });
  assert.equal(out, 'runbook_id: RB-SEC-002\ntitle: "Rotate \\"the\\" key"\nowner: "sec"\nlast_reviewed: "2026-11-27"\n# Rotate "the" key\n- **Symptom:** <x>\nsee YYYY-MM-DD\n');
  assert.match(fillUserTemplate(tpl, { id: 'x', title: 't', today: 'd' }), /owner: "<Team or role>"/, 'no owner setting: the placeholder stays');
});

test('no choice in the template picks a value for the author: each list starts with the seed placeholder', () => {
  const choices = [...templateSnippet().matchAll(/\$\{\d+\|((?:\\.|[^\\|])*)\|\}/g)].map((m) => m[1]!.split(/(?<!\\),/)[0]!.replace(/\\(.)/g, '$1'));
  assert.deepEqual(choices, ['<P0|P1|P2|P3|P4>', '<dev|staging|prod>']);
  const text = snippetToText(templateSnippet());
  assert.match(text, /\nseverity: "<P0\|P1\|P2\|P3\|P4>"\n/);
});

test('New Runbook\'s snippet walks every placeholder with Tab and is the file\'s text when nothing is typed', () => {
  const v = { id: 'RB-PLAT-004', title: 'Drain a node', today: '2026-11-27' };
  const snippet = newRunbookSnippet(v);
  assert.equal(snippetToText(snippet), newRunbookText(v));
  const placeholders = [...snippet.matchAll(/\$\{(\d+):([^}]*)\}/g)].map((m) => [Number(m[1]), m[2]] as const);
  // Every <…> of the template and every seed checklist item of mitigation, verification and prevention is a tab stop.
  for (const t of ['<what operators or users see>', '<read-only command>', '<condition>', 'Lowest-risk mitigation first', 'Smoke checks', 'Add/adjust alert']) {
    assert.ok(placeholders.some(([, d]) => d === t), `${t} is a tab stop`);
  }
  const text = newRunbookText(v).split('\n');
  const lines = snippet.split('\n');
  assert.equal(text.length, lines.length);
  text.forEach((l, i) => /<[^>]+>/.test(l) && assert.match(lines[i]!, /\$\{\d+[:|]/, `placeholder line without a tab stop: ${l}`));
  assert.equal(text[text.length - 2], '- [ ] Update this runbook with what you learned');
});

test('Insert Runbook Template: refused where the template is already, else at the start of a line', () => {
  const refused = templateInsertion(['---', 'runbook_id: RB-PLAT-001', '---', '', '# T'], 4);
  assert.ok('refuse' in refused && /New Runbook/.test(refused.refuse));
  assert.ok('refuse' in templateInsertion(['# Notes', '', '## Summary', '- x'], 1), 'its sections count too');
  assert.deepEqual(templateInsertion([''], 0), { line: 0, newlineFirst: false });
  assert.deepEqual(templateInsertion(['some notes', '', 'more'], 0), { line: 1, newlineFirst: false }, 'mid-line cursor: the next line');
  assert.deepEqual(templateInsertion(['some notes', '', 'more'], 1), { line: 1, newlineFirst: false });
  assert.deepEqual(templateInsertion(['some notes'], 0), { line: 0, newlineFirst: true }, 'last line with text: a new line first');
});
