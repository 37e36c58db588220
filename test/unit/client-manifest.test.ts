// The manifest (package.json contributes) against the client code and the shipped files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, TREE_VIEW, WALKTHROUGH } from '../../client/src/logic/ids.js';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const c = pkg.contributes;

test('every command the code registers is contributed under the Runbook category, and nothing else is', () => {
  const declared: string[] = (c.commands as { command: string }[]).map((x) => x.command).sort();
  assert.deepEqual(declared, Object.values(COMMANDS).map(String).sort());
  for (const cmd of c.commands) assert.equal(cmd.category, 'Runbook', cmd.command);
  const menuCommands = Object.values(c.menus as Record<string, { command: string }[]>).flat().map((m) => m.command);
  for (const m of menuCommands) assert.ok(declared.includes(m), `menu refers to unknown command ${m}`);
});

test('the Runbooks tree view lives in the Explorer; snippets are contributed for markdown; validation and problem matcher stay', () => {
  assert.ok(c.views.explorer.some((v: { id: string }) => v.id === TREE_VIEW));
  assert.deepEqual(c.snippets, [{ language: 'markdown', path: './snippets/runbook.code-snippets' }]);
  assert.ok(existsSync(join(ROOT, 'snippets/runbook.code-snippets')));
  assert.ok(c.jsonValidation.length && c.yamlValidation.length && c.problemMatchers.length);
  for (const key of ['include', 'exclude', 'review.maxAgeDays', 'rules', 'defaultOwner', 'validate.onType']) {
    assert.equal(c.configuration.properties[`runbooks.${key}`]?.scope, 'resource', key);
  }
});

test('the walkthrough "Write your first runbook" points at media files the .vsix ships', () => {
  const w = (c.walkthroughs as { id: string; title: string; steps: { media: { markdown: string } }[] }[]).find((x) => x.id === WALKTHROUGH)!;
  assert.equal(w.title, 'Write your first runbook');
  // vsce and npm both pack the `files` of package.json (no .vscodeignore).
  const files: string[] = pkg.files;
  const shipped = (p: string) => files.some((f) => (f.endsWith('/') ? p.startsWith(f) : p === f));
  for (const s of w.steps) {
    assert.ok(existsSync(join(ROOT, s.media.markdown)), s.media.markdown);
    assert.ok(shipped(s.media.markdown), `${s.media.markdown} is not in the files of package.json`);
  }
  assert.ok(!shipped('client/src/extension.ts'), 'sources stay out of the .vsix');
});
