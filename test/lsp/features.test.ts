// Protocol tests of the editor features against the spawned, bundled server: completion at each
// front-matter position (also while the YAML is invalid), hover, outline, definition, rename.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, DocumentSymbol, Hover, LocationLink, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { sharedLsp, startLsp, applyLspEdits } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const WS = 'file:///ws';
/** What VS Code declares for completion: snippets (Neovim 0.7's client does not; see the test below). */
const SNIPPET_CLIENT = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
};
const s = sharedLsp({ rootUri: WS, capabilities: SNIPPET_CLIENT });
let n = 0;



/** Opens `text` with one `|` marking the cursor; returns the uri, the text without it and the position. */
function openAt(marked: string, category = 'platform'): { uri: string; text: string; pos: Position } {
  const i = marked.indexOf('|');
  assert.ok(i >= 0, 'cursor marker');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const lines = marked.slice(0, i).split('\n');
  const uri = `${WS}/infra/runbooks/${category}/doc-${++n}.md`;
  s.open(uri, text);
  return { uri, text, pos: { line: lines.length - 1, character: lines[lines.length - 1]!.length } };
}

async function completeAt(marked: string, category?: string): Promise<{ items: CompletionItem[]; text: string; apply: (label: string) => string }> {
  const { uri, text, pos } = openAt(marked, category);
  const res = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos })) as CompletionList | CompletionItem[] | null;
  const items = Array.isArray(res) ? res : (res?.items ?? []);
  const apply = (label: string) => {
    const it = items.find((x) => x.label === label);
    assert.ok(it, `item ${label} offered; got ${items.map((x) => x.label).join(', ')}`);
    const e = it.textEdit as TextEdit;
    return applyLspEdits(text, [e]);
  };
  return { items, text, apply };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('initialize advertises completion (with trigger characters), hover, symbols, definition and rename with prepare', () => {
  const c = s.init.capabilities;
  assert.ok(c.completionProvider?.triggerCharacters?.includes(':'));
  assert.equal(c.hoverProvider, true);
  assert.ok(c.documentSymbolProvider);
  assert.equal(c.definitionProvider, true);
  assert.deepEqual(c.renameProvider, { prepareProvider: true });
});

test('top-level key completion offers only the missing keys, in template order, as snippets with schema docs', async () => {
  const { items, apply } = await completeAt('---\nrunbook_id: RB-PLAT-001\ntitle: "X"\n|\nseverity: "P2"\n---\n\n# X\n');
  const l = labels(items);
  assert.deepEqual(l, ['owner', 'last_reviewed', 'systems_affected', 'environments', 'related_alerts', 'prerequisites', 'safety', 'audit_notes']);
  const owner = items[0]!;
  assert.equal(owner.insertTextFormat, 2, 'snippet');
  assert.match(String((owner.documentation as { value: string }).value), /Owning team or role/);
  const env = apply('environments');
  assert.match(env, /\nenvironments:\n {2}- "\$1"\n/);
  assert.deepEqual(items.find((i) => i.label === 'environments')!.data, { suggestValues: true });
  const safety = apply('safety');
  assert.match(safety, /\nsafety:\n {2}impact: "\$1"\n {2}rollback: "\$2"\n/);
});

test('a partly typed key is replaced by the chosen key with an empty value; the value (today) is offered next', async () => {
  const { items, apply } = await completeAt('---\nlast|\n---\n');
  assert.ok(labels(items).includes('last_reviewed'));
  assert.equal(apply('last_reviewed'), `---\nlast_reviewed: "$1"\n---\n`);
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const value = await completeAt('---\nlast_reviewed: "|"\n---\n');
  assert.deepEqual(labels(value.items), [today]);
});

test('a key typed in a front matter that is not closed yet comes with the closing --- (an additional edit when a body follows)', async () => {
  const { uri, text, pos } = openAt('---\n|\n\n# Drain a node\n');
  const res = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos })) as CompletionList;
  const owner = res.items.find((i) => i.label === 'owner')!;
  assert.equal(applyLspEdits(text, [owner.textEdit as TextEdit, ...(owner.additionalTextEdits ?? [])]), '---\nowner: "$1"\n---\n\n# Drain a node\n');
});

test('a client without snippet support gets `key: ` only, never the key with a first suggested value', async () => {
  const plain = await startLsp({ rootUri: WS });
  try {
    const uri = `${WS}/infra/runbooks/gitops/plain.md`;
    plain.open(uri, '---\nrunbook_id: RB-GITOPS-001\n\n---\n');
    const res = (await plain.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 0 } })) as CompletionList;
    const owner = res.items.find((i) => i.label === 'owner')!;
    assert.equal(owner.insertTextFormat, 1, 'plain text');
    assert.equal((owner.textEdit as TextEdit).newText, 'owner: ');
    for (const i of res.items) assert.match((i.textEdit as TextEdit).newText, /^[a-z_]+: $/, i.label);
  } finally {
    await plain.close();
  }
});

test('severity value completion lists P0-P4 with what each means, and keeps the quote the author opened', async () => {
  const { items, apply } = await completeAt('---\nseverity: "P|\n---\n');
  assert.deepEqual(labels(items), ['P0', 'P1', 'P2', 'P3', 'P4']);
  const p0 = items.find((i) => i.label === 'P0')!;
  assert.match(String((p0.documentation as { value: string }).value), /critical/);
  assert.equal(apply('P1'), '---\nseverity: "P1"\n---\n');
});

test('a value right after the colon gets its separating space', async () => {
  const { apply } = await completeAt('---\nseverity:|\n---\n');
  assert.equal(apply('P3'), '---\nseverity: "P3"\n---\n');
});

test('environments in a block list offers the values not listed yet, and a new line under the key gets its dash', async () => {
  const block = await completeAt('---\nenvironments:\n  - "prod"\n  - |\n---\n');
  assert.deepEqual(labels(block.items), ['dev', 'staging']);
  assert.equal(block.apply('staging'), '---\nenvironments:\n  - "prod"\n  - "staging"\n---\n');
  const bare = await completeAt('---\nenvironments:\n  - "prod"\n  |\nowner: x\n---\n');
  assert.equal(bare.apply('dev'), '---\nenvironments:\n  - "prod"\n  - "dev"\nowner: x\n---\n');
});

test('environments in a flow list completes the token under the cursor and skips listed values', async () => {
  const { items, apply } = await completeAt('---\nenvironments: [dev, st|]\n---\n');
  assert.deepEqual(labels(items), ['staging', 'prod']);
  assert.equal(apply('staging'), '---\nenvironments: [dev, staging]\n---\n');
});

test('inside safety: only the missing nested key is offered, indented as the line', async () => {
  const { items, apply } = await completeAt('---\nsafety:\n  impact: "x"\n  |\nowner: y\n---\n');
  assert.deepEqual(labels(items), ['rollback']);
  assert.match(apply('rollback'), /\n {2}rollback: "\$1"\nowner: y/);
});

test('completion works while the YAML is invalid mid-typing (open quote above, unclosed flow list, no closing ---)', async () => {
  const open = await completeAt('---\ntitle: "Restart the\nsev|\n');
  assert.ok(labels(open.items).includes('severity'));
  assert.ok(!labels(open.items).includes('title'), 'title is present');
  const flow = await completeAt('---\nrunbook_id: RB-PLAT-001\nenvironments: [prod, |\nowner: x\n');
  assert.deepEqual(labels(flow.items), ['dev', 'staging']);
});

test('runbook_id value completion offers the next free id for the file\'s category area', async () => {
  const { items } = await completeAt('---\nrunbook_id: |\n---\n', 'security');
  assert.deepEqual(labels(items), ['RB-SEC-001']);
});

test('no completion in the Markdown body except step labels after "go to Step"', async () => {
  const body = await completeAt(CLEAN.replace('## Summary', '## Summary|'));
  assert.deepEqual(body.items, []);
  const go = await completeAt(CLEAN.replace('→ go to Step 2A', '→ go to Step |'));
  assert.deepEqual(labels(go.items), ['1', '2A', '2B', '3', '4', '5']);
});

async function hoverAt(marked: string): Promise<Hover | null> {
  const { uri, pos } = openAt(marked);
  return (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos })) as Hover | null;
}

test('hover on a front-matter key shows its schema description; on a severity value what it means', async () => {
  const key = await hoverAt(CLEAN.replace('last_reviewed:', 'last_rev|iewed:'));
  assert.ok(key);
  assert.match((key.contents as { value: string }).value, /Date of the last review/);
  assert.deepEqual(key.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 13 } });
  const nested = await hoverAt(CLEAN.replace('  rollback:', '  roll|back:'));
  assert.match((nested!.contents as { value: string }).value, /How to revert/);
  const sev = await hoverAt(CLEAN.replace('severity: "P2"', 'severity: "P|2"'));
  assert.match((sev!.contents as { value: string }).value, /medium/);
});

test('hover on runbook_id says whether other runbooks use it; on a "go to Step" reference names the heading', async () => {
  const id = await hoverAt(CLEAN.replace('runbook_id: RB-PLAT-001', 'runbook_id: RB-PL|AT-001'));
  assert.match((id!.contents as { value: string }).value, /RB-PLAT-001.*\n\nNo other runbook/);
  const step = await hoverAt(CLEAN.replace('→ go to Step 2A', '→ go to Step 2|A'));
  assert.match((step!.contents as { value: string }).value, /Step 2A — Diagnose a bad release/);
});

test('document symbols outline the front matter, title, Summary, Inputs and every step with its subsections', async () => {
  const { uri } = openAt('|' + CLEAN);
  const syms = (await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  assert.deepEqual(
    syms.map((x) => x.name),
    ['Front matter', 'Recover a Deployment stuck in CrashLoopBackOff', 'Summary', 'Inputs (what to collect first)', 'Step 1 — Triage', 'Step 2A — Diagnose a bad release', 'Step 2B — Diagnose resource limits', 'Step 3 — Mitigation (safe-first)', 'Step 4 — Verification', 'Step 5 — Prevention / follow-ups'],
  );
  assert.deepEqual(syms[4]!.children!.map((c) => c.name), ['Commands/checks', 'Interpret results']);
  assert.ok(syms[0]!.children!.some((c) => c.name === 'runbook_id'));
  const step2a = syms[5]!;
  assert.equal(CLEAN.split('\n')[step2a.selectionRange.start.line], '## Step 2A — Diagnose a bad release');
});

test('go-to-definition jumps from "go to Step 2A" to the Step 2A heading', async () => {
  const { uri } = openAt('|' + CLEAN);
  const lines = CLEAN.split('\n');
  const line = lines.findIndex((l) => l.includes('→ go to Step 2A'));
  const character = lines[line]!.indexOf('Step 2A') + 5;
  const res = (await s.conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character } })) as LocationLink[];
  assert.equal(res.length, 1);
  assert.equal(lines[res[0]!.targetRange.start.line], '## Step 2A — Diagnose a bad release');
  assert.equal(res[0]!.originSelectionRange!.start.character, lines[line]!.indexOf('Step 2A'));
  const none = (await s.conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: line - 5, character: 0 } })) as LocationLink[] | null;
  assert.ok(!none || none.length === 0);
});

test('renaming a step number from its heading updates every "go to Step" reference', async () => {
  const { uri } = openAt('|' + CLEAN);
  const lines = CLEAN.split('\n');
  const line = lines.indexOf('## Step 2B — Diagnose resource limits');
  const position = { line, character: 9 };
  const prep = (await s.conn.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position })) as { placeholder: string };
  assert.equal(prep.placeholder, '2B');
  const edit = (await s.conn.sendRequest('textDocument/rename', { textDocument: { uri }, position, newName: '2C' })) as WorkspaceEdit;
  const out = applyLspEdits(CLEAN, edit.changes![uri]!);
  assert.match(out, /## Step 2C — Diagnose resource limits/);
  assert.equal((out.match(/go to Step 2C/g) ?? []).length, 2);
  assert.ok(!/Step 2B/.test(out));
});

test('renaming to a label another step has is refused with a reason', async () => {
  const { uri } = openAt('|' + CLEAN);
  const lines = CLEAN.split('\n');
  const line = lines.indexOf('## Step 2B — Diagnose resource limits');
  await assert.rejects(s.conn.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line, character: 9 }, newName: '3' }), /Step 3 already exists/);
});

test('runbooks/dodReport lists the seven DoD items; a runbook without an owner fails the owner review', async () => {
  const { uri } = openAt('|' + CLEAN);
  const r = (await s.conn.sendRequest('runbooks/dodReport', { uri })) as { passed: number; total: number; items: { id: string; pass: boolean; manual: boolean; findings: unknown[] }[] };
  assert.equal(r.total, 7);
  assert.deepEqual(r.items.map((i) => i.id), ['structure', 'rollback', 'no-sensitive-data', 'verification', 'audit', 'owner-review', 'last-reviewed']);
  assert.equal(r.items.find((i) => i.id === 'owner-review')!.manual, true);
  const { uri: noOwner } = openAt('|' + CLEAN.replace('owner: "platform-sre"\n', ''));
  const r2 = (await s.conn.sendRequest('runbooks/dodReport', { uri: noOwner })) as typeof r;
  const item = r2.items.find((i) => i.id === 'owner-review')!;
  assert.equal(item.pass, false);
  // A manual item counts in neither score: the clean runbook reads 6/7 (owner review to confirm).
  assert.equal(r.passed, 6);
  assert.ok(r2.passed < r.passed, `DoD ${r2.passed}/7 without an owner, ${r.passed}/7 with one`);
  assert.ok(r.items.every((i) => i.pass) && r2.items.some((i) => !i.pass), 'the owner review fails only without an owner');
});

test('runbooks/summaries reads front-matter facts and DoD scores of open and unopened files; unreadable ones carry an error', async () => {
  const { uri } = openAt('|' + CLEAN);
  const onDisk = `file://${join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md')}`;
  const missing = `${WS}/infra/runbooks/platform/does-not-exist.md`;
  const res = (await s.conn.sendRequest('runbooks/summaries', { uris: [uri, onDisk, missing] })) as { uri: string; runbookId?: string; owner?: string; severity?: string; category?: string; error?: string; dod: { passed: number; total: number } }[];
  assert.equal(res.length, 3);
  assert.deepEqual([res[0]!.runbookId, res[0]!.owner, res[0]!.severity, res[0]!.category], ['RB-PLAT-001', 'platform-sre', 'P2', 'platform']);
  assert.equal(res[0]!.dod.total, 7);
  assert.equal(res[1]!.runbookId, 'RB-PLAT-001');
  assert.match(res[2]!.error!, /does not exist/);
});

test('runbooks/summaries lists each step with its kind, heading line and the findings inside it (the Runbooks tree shows them)', async () => {
  const broken = CLEAN.replace(/(## Step 3[^\n]*\n)/, '$1\n```bash\nkubectl delete pod web-0 -n shop\n```\n');
  const { uri } = openAt('|' + broken);
  const [r] = (await s.conn.sendRequest('runbooks/summaries', { uris: [uri] })) as { steps: { title: string; kind: string; line: number; errors: number; ruleIds: string[] }[] }[];
  const lines = broken.split('\n');
  assert.deepEqual(r!.steps.map((x) => x.kind), ['triage', 'diagnose', 'diagnose', 'mitigation', 'verification', 'prevention']);
  for (const st of r!.steps) assert.equal(lines[st.line], `## ${st.title}`);
  const mitigation = r!.steps.find((x) => x.kind === 'mitigation')!;
  assert.ok(mitigation.errors > 0 && mitigation.ruleIds.includes('RB302'), JSON.stringify(mitigation));
  assert.ok(r!.steps.filter((x) => x !== mitigation).every((x) => x.errors === 0));
});

test('runbooks/nextId counts the ids the client reports as taken', async () => {
  const id = await s.conn.sendRequest('runbooks/nextId', { uri: `${WS}/infra/runbooks/storage/new.md`, usedIds: ['RB-STOR-004', 'RB-PLAT-009'] });
  assert.equal(id, 'RB-STOR-005');
});

test('on a real workspace, completion offers alert names from Prometheus rules, owners from other runbooks and CODEOWNERS teams; hover names the other file using an id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-features-'));
  cpSync(join(ROOT, 'test/e2e/workspace'), dir, { recursive: true });
  writeFileSync(join(dir, 'infra/runbooks/platform/pod-crashloopbackoff.md'), CLEAN);
  const root = pathToFileURL(dir).href;
  const w = await startLsp({ rootUri: root });
  try {
    const uri = `${root}/infra/runbooks/platform/new.md`;
    const text = '---\nrunbook_id: RB-PLAT-001\nowner: \nrelated_alerts:\n  - \n---\n';
    w.open(uri, text);
    const ask = async (line: number, character: number) => {
      const r = (await w.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionList;
      return r.items.map((i) => i.label);
    };
    // The index is built in the background: wait until the alerts are known.
    let alerts: string[] = [];
    for (let i = 0; i < 100 && alerts.length < 3; i++) {
      alerts = await ask(4, 4);
      if (alerts.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual([...alerts].sort(), ['KubePodCrashLooping', 'NodeDiskPressure', 'ObjectStoreDiskFull']);
    const owners = await ask(2, 7);
    assert.ok(owners.includes('platform-sre'), `owners: ${owners.join(', ')}`);
    assert.ok(owners.includes('security-reviewers'), `CODEOWNERS team offered: ${owners.join(', ')}`);
    const id = (await w.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 15 } })) as Hover;
    assert.match((id.contents as { value: string }).value, /Also used by:\n- `infra\/runbooks\/platform\/pod-crashloopbackoff\.md`/);
    w.open(`${root}/infra/runbooks/platform/pod-crashloopbackoff.md`, CLEAN);
    const rule = (await w.conn.sendRequest('textDocument/hover', { textDocument: { uri: `${root}/infra/runbooks/platform/pod-crashloopbackoff.md` }, position: { line: 13, character: 8 } })) as Hover;
    assert.match((rule.contents as { value: string }).value, /KubePodCrashLooping.*severity: `warning`[\s\S]*kube_pod_container_status_waiting_reason[\s\S]*infra\/alerts\/platform\.rules\.yaml/);
  } finally {
    await w.close();
  }
});

test('after Check All Runbooks, closing a runbook publishes its saved version\'s findings again, not none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-checkall-close-'));
  const rel = 'infra/runbooks/platform/no-owner.md';
  const saved = CLEAN.replace('owner: "platform-sre"\n', '');
  mkdirSync(join(dir, 'infra/runbooks/platform'), { recursive: true });
  writeFileSync(join(dir, rel), saved);
  const root = pathToFileURL(dir).href;
  const w = await startLsp({ rootUri: root });
  try {
    const uri = `${root}/${rel}`;
    await w.conn.sendRequest('runbooks/summaries', { uris: [uri], publish: true });
    const fromDisk = await w.diagnostics(uri, (x) => x.length > 0);
    // Opened and edited (the owner typed in, the severity broken), then closed without saving.
    w.open(uri, saved, 1);
    w.change(uri, 2, [{ text: saved.replace('severity: "P2"', 'severity: "P9"').replace('title:', 'owner: "x"\ntitle:') }]);
    const edited = await w.diagnostics(uri, (_x, p) => p.version === 2);
    assert.notDeepEqual(edited.map((d) => d.code).sort(), fromDisk.map((d) => d.code).sort(), 'the edit changed the findings');
    const before = w.published.length;
    void w.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    // The saved version's findings carry no document version (the file is not open).
    const after = await w.diagnostics(uri, (_x, p) => w.published.indexOf(p) >= before && p.version === undefined);
    assert.deepEqual(after.map((d) => `${d.code} ${d.range.start.line} ${d.message}`).sort(), fromDisk.map((d) => `${d.code} ${d.range.start.line} ${d.message}`).sort());
  } finally {
    await w.close();
  }
});

test('without Check All Runbooks, closing a runbook clears its findings', async () => {
  const uri = `${WS}/infra/runbooks/platform/closed.md`;
  s.open(uri, CLEAN.replace('owner: "platform-sre"\n', ''));
  await s.diagnostics(uri, (x) => x.length > 0);
  void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await s.diagnostics(uri, (x) => x.length === 0);
});

test('runbooks/summaries with publish (Check All Runbooks) publishes diagnostics for files that are not open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-checkall-'));
  const rel = 'infra/runbooks/platform/no-owner.md';
  mkdirSync(join(dir, 'infra/runbooks/platform'), { recursive: true });
  writeFileSync(join(dir, rel), CLEAN.replace('owner: "platform-sre"\n', ''));
  const root = pathToFileURL(dir).href;
  const w = await startLsp({ rootUri: root });
  try {
    const uri = `${root}/${rel}`;
    const res = (await w.conn.sendRequest('runbooks/summaries', { uris: [uri], publish: true })) as { errors: number }[];
    assert.ok(res[0]!.errors > 0);
    const d = await w.diagnostics(uri, (x) => x.length > 0, 5000);
    assert.ok(d.some((x) => x.code === 'RB103' && /owner/.test(String(x.message))));
  } finally {
    await w.close();
  }
});
