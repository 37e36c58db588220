// Alert coverage never shows a secret: every self-evident token of the labelled secret samples is put
// where an alert rule file or a runbook can carry it into coverage output — a runbook_url's path,
// user-info and query, an alert's summary/description, a related_alerts entry, an alert's name — and
// `runbook-lint coverage` (text, json, github), the RB506/RB507 lint output and the language server
// (alert-file diagnostics, code actions with the "Create runbook" pre-fill, the "Alerts without
// runbooks" node, runbook_url completion, the runbook's diagnostics, actions and DoD report) may
// not show a 5-character piece of any of them. What the same outputs say for the same repository
// with each value replaced by a neutral word is the product's wording, not a leak.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { detectSecrets } from '../../server/src/core/secrets/index.js';
import { leakedSubstring } from '../helpers/leak.js';
import { SHARED } from '../helpers/corpus.js';
import { startLsp } from '../helpers/lsp-client.js';
import { CLEAN, CLI, tempDir } from '../cli/helpers.js';

const SAMPLES = join(SHARED, 'secrets-samples', 'positives.jsonl');
const skip = !existsSync(SAMPLES) && 'no ../shared/secrets-samples';
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The CLI as in the other tests, with room for the text table of a thousand alerts. */
function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr + (r.error ? String(r.error) : '') };
}

/**
 * Values of the samples that the detector recognises on their own (no key name needed around them),
 * three of each kind and shape (an identifier or not): a thousand alerts would only make the test slow.
 */
function tokens(): string[] {
  const all = new Map<string, string>();
  for (const line of readFileSync(SAMPLES, 'utf8').split('\n').filter(Boolean)) {
    const { text } = JSON.parse(line) as { text: string };
    for (const s of detectSecrets(text)) {
      const v = text.slice(s.start, s.end);
      if (/[\s"\\]/.test(v) || v.length < 8) continue;
      const alone = detectSecrets(v);
      if (alone.length === 1 && alone[0]!.start === 0 && alone[0]!.end === v.length) all.set(v, `${alone[0]!.kind} ${IDENT.test(v)}`);
    }
  }
  const taken = new Map<string, number>();
  return [...all.keys()].sort().filter((v) => {
    const n = taken.get(all.get(v)!) ?? 0;
    taken.set(all.get(v)!, n + 1);
    return n < 3;
  });
}

/** A repository whose rule file and runbooks carry `values` in every place coverage reads. */
function repository(values: string[]): Record<string, string> {
  const q = JSON.stringify;
  const rules = ['groups:', '  - name: leak', '    rules:'];
  const alert = (name: string, annotations: Record<string, string>, severity = 'critical') => {
    rules.push(`      - alert: ${name}`, '        expr: up == 0', '        labels:', `          severity: ${severity}`);
    if (Object.keys(annotations).length) rules.push('        annotations:', ...Object.entries(annotations).map(([k, v]) => `          ${k}: ${q(v)}`));
  };
  values.forEach((v, i) => {
    alert(`LeakPath${i}`, { runbook_url: `../runbooks/storage/${v}.md` });
    alert(`LeakUserInfo${i}`, { runbook_url: `https://ci:${v}@git.example.com/acme/infra/-/blob/main/infra/runbooks/storage/x${i}.md` });
    alert(`LeakQuery${i}`, { runbook_url: `https://github.com/acme/infra/blob/main/infra/runbooks/storage/y${i}.md?token=${v}` });
    alert(`LeakText${i}`, { summary: `Object store full: ${v}`, description: `Rotate ${v} on {{ $labels.instance }}`, runbook_url: `../runbooks/storage/gone-${i}.md` });
    if (IDENT.test(v)) alert(v, {});
  });
  const related = values.map((v) => `  - ${q(v)}`).join('\n');
  const runbook = CLEAN.replace(/related_alerts:[^\n]*(\n {2}- [^\n]*)*/, `related_alerts:\n${related}\n  - "LeakPath0"`);
  assert.notEqual(runbook, CLEAN, 'the fixture runbook has a related_alerts list to replace');
  return {
    '.runbook-lint.yaml': 'alerts:\n  repository: acme/infra\n',
    'infra/alerts/leak.rules.yaml': rules.join('\n') + '\n',
    'infra/runbooks/platform/pod-crashloopbackoff.md': runbook,
  };
}

const values = skip ? [] : tokens();
/** Same length as the value, so that columns stay alike; an identifier exactly when the value is one, so the same alerts exist. */
const neutral = values.map((v, i) => (IDENT.test(v) ? `Neutral${i}x` : `neutral-${i}-x`).padEnd(v.length, 'x'));
/** What a redaction prints for these values: the product's wording too. */
const marks = () => ['<redacted>', ...new Set(values.flatMap((v) => detectSecrets(v).map((s) => `<REDACTED:${s.kind}>`)))].join('\n');
let dir = '';
let neutralDir = '';

before(() => {
  if (skip) return;
  dir = tempDir(repository(values));
  neutralDir = tempDir(repository(neutral));
});
after(() => {
  for (const d of [dir, neutralDir]) if (d) rmSync(d, { recursive: true, force: true });
});

function assertNoLeak(channel: string, shown: string, wording: string) {
  // RB401's fingerprints are hex digests of the values: five of their digits may match a value by chance.
  const out = shown.replace(/fingerprint [0-9a-f]{12}/g, 'fingerprint');
  for (const v of values) {
    const leak = leakedSubstring(out, v, { boilerplate: wording });
    assert.equal(leak, undefined, `${channel} shows "${leak}" of ${v.slice(0, 4)}…, in: ${leak && out.slice(Math.max(0, out.indexOf(leak) - 150), out.indexOf(leak) + 50)}`);
  }
}

test('the samples give enough self-evident tokens of many kinds, some of them usable as alert names', { skip }, () => {
  assert.ok(values.length > 80, `${values.length} tokens`);
  assert.ok(values.filter((v) => IDENT.test(v)).length > 20, `${values.filter((v) => IDENT.test(v)).length} identifiers`);
  const kinds = new Set(values.flatMap((v) => detectSecrets(v).map((s) => s.kind)));
  assert.ok(kinds.size > 30, `${kinds.size} kinds`);
});

test('runbook-lint coverage (text, json, github) and the RB506/RB507 lint output show no piece of any token', { skip }, () => {
  const outputs = (root: string) => {
    const o: Record<string, string> = {};
    for (const format of ['text', 'json', 'github']) {
      const r = run(['coverage', root, '--format', format], root);
      assert.equal(r.code, 0, r.err);
      o[`coverage --format ${format}`] = r.out + r.err;
    }
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = run(['--format', format, '--rule', 'RB506', '--rule', 'RB507', join(root, 'infra/runbooks')], root);
      o[`lint --format ${format}`] = r.out + r.err;
    }
    return o;
  };
  const real = outputs(dir);
  const wording = Object.values(outputs(neutralDir)).join('\n') + marks();
  const json = JSON.parse(real['coverage --format json']!) as { alerts: { status: string }[]; summary: { unknownRelated: number } };
  assert.ok(json.alerts.filter((a) => a.status === 'dangling').length >= values.length * 2, 'the path and text alerts dangle: their links are printed');
  assert.equal(json.summary.unknownRelated, values.filter((v) => !IDENT.test(v)).length, 'every token that names no alert is an unknown related alert: its name is printed');
  assert.match(real['lint --format json']!, /RB506/);
  for (const [channel, out] of Object.entries(real)) assertNoLeak(channel, out, wording);
});

test('the language server shows no piece of any token on the rule file or the runbook', { skip, timeout: 300_000 }, async () => {
  const outputs = async (root: string) => {
    const base = pathToFileURL(root).href;
    const s = await startLsp({ rootUri: base });
    const o: string[] = [];
    try {
      const rulesUri = `${base}/infra/alerts/leak.rules.yaml`;
      const rulesText = readFileSync(join(root, 'infra/alerts/leak.rules.yaml'), 'utf8');
      void s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: rulesUri, languageId: 'yaml', version: 1, text: rulesText } });
      const diags = await s.diagnostics(rulesUri, (x) => x.length > 0, 120_000);
      assert.ok(diags.filter((d) => d.code === 'RB601').length >= values.length * 2, `${diags.length} diagnostics on the rule file`);
      o.push(JSON.stringify(diags));
      const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: rulesUri }, range: { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }, context: { diagnostics: diags } });
      o.push(JSON.stringify(actions));
      const lines = rulesText.split('\n');
      const urlLine = lines.findIndex((l) => l.includes('runbook_url:'));
      o.push(JSON.stringify(await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: rulesUri }, position: { line: urlLine, character: lines[urlLine]!.length - 1 } })));
      o.push(JSON.stringify(await s.conn.sendRequest('runbooks/alertsWithoutRunbooks', {})));
      const rbUri = `${base}/infra/runbooks/platform/pod-crashloopbackoff.md`;
      s.open(rbUri, readFileSync(join(root, 'infra/runbooks/platform/pod-crashloopbackoff.md'), 'utf8'));
      const rbDiags = await s.diagnostics(rbUri, (x) => x.some((d) => d.code === 'RB506'), 120_000);
      o.push(JSON.stringify(rbDiags));
      o.push(JSON.stringify(await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: rbUri }, range: { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }, context: { diagnostics: rbDiags } })));
      o.push(JSON.stringify(await s.conn.sendRequest('runbooks/dodReport', { uri: rbUri })));
      o.push(s.logs.join('\n'), s.stderr.join(''));
    } finally {
      await s.close();
    }
    return o.join('\n');
  };
  const real = await outputs(dir);
  assert.ok((real.match(/runbooks\.createRunbookForAlert/g) ?? []).length >= values.length * 2, 'the create action and its pre-fill were offered for every dangling link');
  assertNoLeak('language server', real, (await outputs(neutralDir)) + marks());
});
