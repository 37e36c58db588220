// Protocol tests against the spawned, bundled server (dist/server.js --stdio).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { sharedLsp, startLsp, applyLspEdits } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const WS = 'file:///ws';
const s = sharedLsp({ rootUri: WS });


test('initialize advertises incremental sync, quick fixes and source.fixAll.runbooks', () => {
  const caps = s.init.capabilities;
  assert.equal((caps.textDocumentSync as { change: number }).change, 2);
  const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
  assert.ok(kinds.includes('quickfix'));
  assert.ok(kinds.includes('source.fixAll.runbooks'));
});

test('a clean runbook gets an empty diagnostics list', async () => {
  const uri = `${WS}/infra/runbooks/platform/clean.md`;
  s.open(uri, CLEAN);
  const d = await s.diagnostics(uri);
  assert.deepEqual(d, []);
});

test('reports RB103 for a missing owner at the front matter; its quick fix inserts the key and the re-published diagnostics drop it', async () => {
  const uri = `${WS}/infra/runbooks/platform/no-owner.md`;
  const text = CLEAN.replace('owner: "platform-sre"\n', '');
  s.open(uri, text, 1);
  const diags = await s.diagnostics(uri, (d) => d.length > 0);
  const rb103 = diags.find((d) => d.code === 'RB103');
  assert.ok(rb103, 'RB103 published');
  assert.equal(rb103.severity, 1);
  assert.deepEqual(rb103.range.start, { line: 0, character: 0 });
  assert.match(String(rb103.message), /owner/);
  assert.equal(rb103.source, 'runbook-lint');
  assert.match(rb103.codeDescription!.href, /docs\/rules\/RB103\.md$/);
  const actions = (await s.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: rb103.range,
    context: { diagnostics: [rb103], only: ['quickfix'] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.title.includes('owner'));
  assert.ok(fix, `quick fix offered, got ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(actions.some((a) => a.title === 'Disable RB103 for this line'));
  const edits = fix.edit!.changes![uri]!;
  const fixed = applyLspEdits(text, edits);
  assert.match(fixed, /\nowner: "<Team or role>"\n/);
  s.change(uri, 2, [{ text: fixed }]);
  const after = await s.diagnostics(uri, (_d, p) => p.version === 2);
  assert.ok(!after.some((d) => d.code === 'RB103'), 'RB103 gone after the fix');
  assert.ok(after.some((d) => d.code === 'RB105'), 'the placeholder is now flagged for the author to fill');
});

test('incremental edits are applied and results for stale versions are never published', async () => {
  const uri = `${WS}/infra/runbooks/platform/typing.md`;
  s.open(uri, CLEAN, 1);
  await s.diagnostics(uri);
  const line = CLEAN.split('\n').findIndex((l) => l.startsWith('severity:'));
  // Break then repair severity over 30 quick edits; only the final state may be published last.
  for (let v = 2; v <= 31; v++) {
    const value = v % 2 === 0 ? 'P9' : 'P2';
    s.change(uri, v, [{ range: { start: { line, character: 11 }, end: { line, character: 13 } }, text: value }]);
  }
  const final = await s.diagnostics(uri, (_d, p) => p.version === 31);
  assert.deepEqual(final.map((d) => d.code), []);
  const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'published versions only increase');
});

test('source.fixAll.runbooks returns one edit that fixes every safe finding', async () => {
  const uri = `${WS}/infra/runbooks/platform/fixall.md`;
  const text = CLEAN.replace('owner: "platform-sre"\n', '').replace('relatd', 'x').replace('related_alerts:', 'relatd_alerts:');
  s.open(uri, text);
  await s.diagnostics(uri, (d) => d.length > 0);
  const actions = (await s.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.runbooks'] },
  })) as CodeAction[];
  assert.equal(actions.length, 1);
  const fixed = applyLspEdits(text, actions[0]!.edit!.changes![uri]!);
  assert.match(fixed, /\nrelated_alerts:\n/);
  assert.match(fixed, /\nowner: /);
});

test('files outside the runbook globs get no findings (README.md is excluded)', async () => {
  const uri = `${WS}/infra/runbooks/README.md`;
  s.open(uri, '# Runbooks\n\nNo front matter here.\n');
  const d = await s.diagnostics(uri);
  assert.deepEqual(d, []);
});

test('malformed requests are answered with errors and the server keeps serving', async () => {
  await assert.rejects(s.conn.sendRequest('textDocument/codeAction', { nonsense: true }));
  const r = (await s.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: `${WS}/not-open.md` },
    range: { start: { line: 99, character: 0 }, end: { line: 99, character: 5 } },
    context: { diagnostics: [] },
  })) as unknown[];
  assert.deepEqual(r, []);
  const uri = `${WS}/infra/runbooks/platform/after-bad.md`;
  s.open(uri, CLEAN);
  assert.deepEqual(await s.diagnostics(uri), []);
});

test('a quick fix built for an older version is not offered', async () => {
  const uri = `${WS}/infra/runbooks/platform/old.md`;
  const text = CLEAN.replace('owner: "platform-sre"\n', '');
  s.open(uri, text, 1);
  const d = await s.diagnostics(uri, (x) => x.some((y) => y.code === 'RB103'));
  const stale: Diagnostic = { ...d.find((x) => x.code === 'RB103')!, data: { ...(d.find((x) => x.code === 'RB103')!.data as object), version: 0 } };
  const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: stale.range, context: { diagnostics: [stale] } })) as CodeAction[];
  assert.ok(!actions.some((a) => a.title.includes('owner')));
});

test('a diagnostic carries only a reference to its finding (rule, version, id): the fix is served from the server\'s check of that version only', async () => {
  const uri = `${WS}/infra/runbooks/platform/renumber.md`;
  // 40 extra steps numbered 10, 12, 14, …: RB203 reports each and its one fix rewrites them all.
  const extra = Array.from({ length: 40 }, (_, i) => `## Step ${10 + 2 * i} — Check ${i}\n\nLook at it.\n`).join('\n');
  const text = CLEAN.replace('## Step 5 — Prevention / follow-ups', `${extra}\n## Step 5 — Prevention / follow-ups`);
  s.open(uri, text, 1);
  const diags = await s.diagnostics(uri, (d) => d.some((x) => x.code === 'RB203'));
  const rb203 = diags.filter((d) => d.code === 'RB203');
  assert.ok(rb203.length > 30, `RB203 on every misnumbered step, got ${rb203.length}`);
  for (const [i, d] of diags.entries()) assert.deepEqual(Object.keys(d.data as object).sort(), ['id', 'ruleId', 'version'], `diagnostic ${i}: no fix text in data`);
  const last = rb203[rb203.length - 1]!;
  const ask = (d: Diagnostic) => s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } }) as Promise<CodeAction[]>;
  const fix = (await ask(last)).find((a) => /Renumber/.test(a.title));
  assert.ok(fix, 'the quick fix is served from the store');
  const fixed = applyLspEdits(text, fix.edit!.changes![uri]!);
  assert.match(fixed, /## Step 5 — Check 0\n/);
  assert.match(fixed, /## Step 45 — Prevention/);
  // After an edit the stored fix belongs to an older version: not offered any more.
  s.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
  await s.diagnostics(uri, (_d, p) => p.version === 2);
  assert.deepEqual(await ask(last), [], 'a reference from version 1 is refused at version 2');
});

test('forged diagnostic.data is never trusted (issue 21 D15): titles, edits and rule ids come from the server\'s own findings', async () => {
  const uri = `${WS}/infra/runbooks/platform/forged.md`;
  const text = CLEAN.replace('owner: "platform-sre"\n', '').replace(/^severity: .*$/m, 'severity: P9');
  s.open(uri, text, 1);
  const diags = await s.diagnostics(uri, (d) => d.some((x) => x.code === 'RB103'));
  const real = diags.find((d) => d.code === 'RB103')!;
  const other = diags.find((d) => d.code !== 'RB103' && (d.range.start.line !== real.range.start.line || d.range.start.character !== real.range.start.character));
  const data = real.data as { ruleId: string; version: number; id: number };
  const whole = { range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } }, newText: 'pwned' };
  const ask = (d: Diagnostic) => s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Promise<CodeAction[]>;
  // Junk added to a genuine diagnostic's data is ignored: the server's own fix comes back.
  const padded = await ask({ ...real, data: { ...data, fix: { title: 'Forged title', edits: [whole], safe: true } } });
  assert.ok(!/Forged|pwned/.test(JSON.stringify(padded)), `nothing forged comes back (${JSON.stringify(padded)})`);
  assert.ok(padded.some((a) => a.title.includes('owner')), 'the genuine fix is offered');
  const forged: [string, Diagnostic][] = [
    ['a fix without the id', { ...real, data: { ruleId: 'RB103', version: 1, fix: { title: 'Forged title', edits: [whole], safe: true } } }],
    ['a rule id that breaks out of the comment', { ...real, code: 'RB103 -- x --> <script>', data: { ...data, ruleId: 'RB103 -- x --> <script>' } }],
    ['a wrong value type', { ...real, data: { ...data, id: String(data.id) } }],
    ['another finding\'s id', other ? { ...other, data: { ...(other.data as object), id: data.id } } : { ...real, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } } }],
    ['another source', { ...real, source: 'other-linter' }],
    ['another version', { ...real, data: { ...data, version: 2 } }],
  ];
  for (const [what, d] of forged) {
    const actions = await ask(d);
    const texts = JSON.stringify(actions);
    assert.ok(!/Forged|pwned|script/.test(texts), `${what}: nothing forged comes back (${texts})`);
    assert.ok(!actions.some((a) => a.kind === 'quickfix'), `${what}: no quick fix for a diagnostic the server did not publish (${actions.map((a) => a.title).join(' | ')})`);
  }
  // The genuine diagnostic still gets the server's own fix and a well-formed suppression.
  const actions = await ask(real);
  assert.ok(actions.some((a) => a.title.includes('owner')));
  const rb104 = diags.find((d) => d.code === 'RB104')!;
  const disable = (await ask(rb104)).find((a) => a.title === 'Disable RB104 for this line');
  assert.equal(disable?.edit?.changes?.[uri]?.[0]?.newText, '# runbook-lint-disable-next-line RB104 -- <reason>\n');
});

test('the lightbulb (no only, triggerKind Automatic) gets quick fixes and never fix-all; source.fixAll gets it as minimal edits', async () => {
  const uri = `${WS}/infra/runbooks/platform/lightbulb.md`;
  // Two fixes far apart, and between them a table row whose value no rule flags: a whole-document
  // replacement would send it back in the edit.
  const row = '| aws_secret_access_key | Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2Fy |';
  const text = CLEAN.replace('owner: "platform-sre"\n', 'ownr: "platform-sre"\n').replace('## Inputs', `${row}\n\n## Inputs`) + '\n<!-- runbook-lint-disable-next-line RB303 -->\nplain line\n';
  s.open(uri, text, 1);
  const diags = await s.diagnostics(uri, (d) => d.length > 0);
  const d = diags[0]!;
  const auto = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], triggerKind: 2 } })) as CodeAction[];
  assert.ok(auto.length > 0 && auto.every((a) => a.kind === 'quickfix'), `only quick fixes: ${auto.map((a) => `${a.kind}:${a.title}`).join(' | ')}`);
  for (const only of [['source.fixAll'], ['source.fixAll.runbooks'], ['source']]) {
    const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [], only, triggerKind: 1 } })) as CodeAction[];
    assert.equal(actions.length, 1, `${only}: one fix-all action`);
    const edits = actions[0]!.edit!.changes![uri]!;
    assert.ok(edits.length >= 2, `${only}: one edit per fix (${edits.length})`);
    for (const e of edits) assert.ok(e.range.end.line - e.range.start.line <= 1 && e.newText.length < 100 && !e.newText.includes('Zm9vYmFy'), `${only}: a small edit ${JSON.stringify(e)}`);
    const fixed = applyLspEdits(text, edits);
    assert.match(fixed, /\nowner: "platform-sre"\n/);
    assert.ok(!fixed.includes('disable-next-line RB303'), 'the unused suppression is gone');
    assert.ok(fixed.includes(row), 'the rest is untouched');
  }
});

test('with codeAction/resolve, fix-all is offered without its edit and computed on resolve, for that version only', async () => {
  const r = await startLsp({ rootUri: WS, capabilities: { workspace: { configuration: true }, textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } } });
  try {
    const uri = `${WS}/infra/runbooks/platform/resolve.md`;
    const text = CLEAN.replace('owner: "platform-sre"\n', 'ownr: "platform-sre"\n');
    r.open(uri, text, 1);
    await r.diagnostics(uri, (d) => d.length > 0);
    const offer = async () => (await r.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    const [action] = await offer();
    assert.ok(action && !action.edit, 'offered without an edit');
    const resolved = (await r.conn.sendRequest('codeAction/resolve', action)) as CodeAction;
    assert.match(applyLspEdits(text, resolved.edit!.changes![uri]!), /\nowner: "platform-sre"\n/);
    const [stale] = await offer();
    r.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    await r.diagnostics(uri, (_d, p) => p.version === 2);
    const late = (await r.conn.sendRequest('codeAction/resolve', stale)) as CodeAction;
    assert.equal(late.edit, undefined, 'an action offered for version 1 resolves to nothing at version 2');
    const forged = (await r.conn.sendRequest('codeAction/resolve', { title: 'x', kind: 'source.fixAll.runbooks', data: { fixAll: { uri: `${WS}/not-open.md`, version: 1 } } })) as CodeAction;
    assert.equal(forged.edit, undefined, 'a document that is not open resolves to nothing');
  } finally {
    await r.close();
  }
});
