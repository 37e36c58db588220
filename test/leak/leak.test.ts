// Never the reason a secret leaks: every labelled positive sample goes through the spawned
// language server (diagnostics, code actions, hover, logs) and the CLI in every format, and no
// output may contain a 5-character piece of a value RB401 detected (SPEC: not even a prefix
// longer than 4 characters). Wording the product prints anyway — the same outputs for the text
// with the values redacted, kind titles — is not a leak (test/helpers/leak.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { check } from '../../server/src/core/check.js';
import { applyEdits } from '../../server/src/core/fix.js';
import { leakedSubstring } from '../helpers/leak.js';
import { SHARED } from '../helpers/corpus.js';
import { startLsp, type LspSession } from '../helpers/lsp-client.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLES = join(SHARED, 'secrets-samples', 'positives.jsonl');
const skip = !existsSync(SAMPLES) && 'no ../shared/secrets-samples';
const TODAY = '2026-11-27';

interface Case {
  rel: string;
  text: string;
  redacted: string;
  values: string[];
  boilerplate: string;
}

const cases: Case[] = [];
let dir = '';
/** The same files with every detected value replaced: what each channel prints anyway. */
let redactedDir = '';

before(() => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'rb-leak-'));
  redactedDir = mkdtempSync(join(tmpdir(), 'rb-leak-redacted-'));
  for (const d of [dir, redactedDir]) writeFileSync(join(d, '.runbook-lint.yaml'), 'rules: {}\n');
  const lines = readFileSync(SAMPLES, 'utf8').split('\n').filter(Boolean);
  lines.forEach((l, i) => {
    const { text } = JSON.parse(l) as { text: string };
    const rel = `infra/runbooks/platform/s${String(i).padStart(3, '0')}.md`;
    const res = check({ text, path: rel, today: TODAY });
    const secrets = res.findings.filter((f) => f.ruleId === 'RB401');
    if (!secrets.length) return;
    const redacted = applyEdits(text, secrets.filter((f) => f.fix).map((f) => f.fix!.edits[0]!));
    const fixed = check({ text: redacted, path: rel, today: TODAY }).findings;
    // What the product says for this file whatever the value: findings of the redacted text,
    // and the RB401 messages/titles themselves minus their fingerprints.
    const boilerplate = [
      ...fixed.flatMap((f) => [f.message, f.fix?.title ?? '', JSON.stringify(f.meta ?? {})]),
      ...secrets.flatMap((f) => [f.message.replace(/[0-9a-f]{12}/g, ''), f.fix?.title ?? '', String(f.meta?.['kind'] ?? '')]),
      rel,
    ].join('\n');
    for (const d of [dir, redactedDir]) mkdirSync(join(d, 'infra/runbooks/platform'), { recursive: true });
    writeFileSync(join(dir, rel), text);
    writeFileSync(join(redactedDir, rel), redacted);
    cases.push({ rel, text, redacted, values: secrets.map((f) => text.slice(f.range.start, f.range.end)), boilerplate });
  });
});

function assertNoLeak(channel: string, outputFor: (c: Case) => string) {
  let checked = 0;
  for (const c of cases) {
    const out = outputFor(c);
    for (const v of c.values) {
      const leak = leakedSubstring(out, v, { boilerplate: c.boilerplate });
      assert.equal(leak, undefined, `${channel}: output for ${c.rel} reveals "${leak}" of a detected secret`);
      checked++;
    }
  }
  assert.ok(checked > 400, `${channel}: only ${checked} detected values checked`);
}

test('the CLI in text, json, sarif and github formats prints no piece of any detected secret', { skip }, () => {
  assert.ok(cases.length > 400, `${cases.length} samples with an RB401 finding`);
  for (const format of ['text', 'json', 'sarif', 'github']) {
    const byFile = runCli(dir, format);
    const plain = runCli(redactedDir, format);
    const withPlain = (c: Case) => ({ ...c, boilerplate: c.boilerplate + '\n' + (plain.get(c.rel) ?? '') + (plain.get('') ?? '') });
    const saved = cases.splice(0, cases.length, ...cases.map(withPlain));
    try {
      assertNoLeak(`cli --format ${format}`, (c) => byFile.get(c.rel) ?? '');
      // Parts of the output that belong to no file (summary, rule metadata) hold no value at all.
      const shared = byFile.get('') ?? '';
      for (const c of cases) for (const v of c.values) assert.equal(leakedSubstring(shared, v, { boilerplate: c.boilerplate }), undefined, `cli --format ${format}: shared output reveals a piece of a secret of ${c.rel}`);
    } finally {
      cases.splice(0, cases.length, ...saved);
    }
  }
});

function runCli(cwd: string, format: string): Map<string, string> {
  {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'infra', '--format', format], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.ok(r.status === 1, `${format}: exit ${r.status} ${r.stderr.slice(0, 200)}`);
    const all = r.stdout + r.stderr;
    // Per file: the lines/objects naming that file (the whole output for the structured formats'
    // shared parts, e.g. SARIF rule metadata, is checked once with every file's boilerplate).
    const byFile = new Map<string, string>();
    if (format === 'text' || format === 'github') {
      for (const line of all.split('\n')) {
        const m = /(infra\/runbooks\/platform\/s\d{3}\.md)/.exec(line);
        const key = m ? m[1]! : '';
        byFile.set(key, (byFile.get(key) ?? '') + line + '\n');
      }
    } else if (format === 'json') {
      const j = JSON.parse(r.stdout) as { files: { path: string }[] } & Record<string, unknown>;
      for (const f of j.files) byFile.set(f.path.replace(/^.*?(infra\/)/, '$1'), JSON.stringify(f));
      byFile.set('', JSON.stringify({ ...j, files: [] }) + r.stderr);
    } else {
      const j = JSON.parse(r.stdout) as { runs: ({ results: { locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] } & Record<string, unknown>)[] };
      for (const run of j.runs) {
        for (const res of run.results) {
          const uri = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
          const m = /(infra\/runbooks\/platform\/s\d{3}\.md)/.exec(uri);
          const key = m ? m[1]! : '';
          byFile.set(key, (byFile.get(key) ?? '') + JSON.stringify(res));
        }
      }
      byFile.set('', (byFile.get('') ?? '') + JSON.stringify(j.runs.map((run) => ({ ...run, results: [] }))) + r.stderr);
    }
    return byFile;
  }
}

let lsp: LspSession | undefined;
after(async () => {
  await lsp?.close();
});

test('the language server publishes, offers and hovers no piece of any detected secret', { skip }, async () => {
  const root = pathToFileURL(dir).href;
  lsp = await startLsp({ rootUri: root });
  const outputs = new Map<string, string>();
  const plain = new Map<string, string>();
  for (const c of cases) {
    for (const [map, text] of [[outputs, c.text], [plain, c.redacted]] as const) map.set(c.rel, await serverOutputs(lsp, `${root}/${c.rel}`, text));
  }
  const saved = cases.splice(0, cases.length, ...cases.map((c) => ({ ...c, boilerplate: c.boilerplate + '\n' + (plain.get(c.rel) ?? '') })));
  try {
    assertNoLeak('server diagnostics/code actions/hover', (c) => outputs.get(c.rel) ?? '');
  } finally {
    cases.splice(0, cases.length, ...saved);
  }
  const logs = lsp.logs.join('\n') + lsp.stderr.join('');
  for (const c of cases) for (const v of c.values) assert.equal(leakedSubstring(logs, v, { boilerplate: c.boilerplate }), undefined, `server logs reveal a piece of a secret of ${c.rel}`);
});

async function serverOutputs(lsp: LspSession, uri: string, text: string): Promise<string> {
  {
    lsp.open(uri, text);
    const diags = await lsp.diagnostics(uri, (d) => d.length > 0, 20000);
    let out = JSON.stringify(diags);
    const actions = (await lsp.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } },
      context: { diagnostics: diags },
    })) as CodeAction[];
    // Titles, kinds and diagnostics of the actions (their edits touch the document's own text).
    out += JSON.stringify(actions.map((a) => ({ title: a.title, kind: a.kind, diagnostics: a.diagnostics })));
    for (const d of diags.filter((x) => x.code === 'RB401')) {
      const hover = (await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start })) as Hover | null;
      out += JSON.stringify(hover ?? {});
    }
    void lsp.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await lsp.diagnostics(uri, (d) => d.length === 0, 20000);
    return out;
  }
}
