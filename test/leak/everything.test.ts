// Issue 21 leak test over every output: a detected secret in a runbook's title, H1, headings, front matter,
// body and step names, in LF, CRLF and CR-only files, never appears — not as a piece longer than 4
// characters — in any CLI format (text, json, sarif, github), `--fix --dry-run` (text and json),
// `--print-config`, `report` (html, json), `coverage` (text, json, github), `graph` (mermaid, dot, svg), nor in
// any answer or notification of the language server: diagnostics, code actions and their resolved edits,
// hover and completion at every line, outline, definition, references, rename, and the custom requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp, type LspSession } from '../helpers/lsp-client.js';
import { leakedSubstring } from '../helpers/leak.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist/cli.js');
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
// Built from pieces: the repository holds no secret-looking literal.
const GH = ['ghp_', 'aB3dE6gH9jK2', 'mN5pQ8sT1vW4', 'yZ7bC0eF3hJ6'].join('');
const JWT = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.');
const SECRETS = [GH, JWT];

const EOLS = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;
/** The runbook: secrets in the title, H1 (which also differs from the title: a fix lands next to it), a section heading, a step, the alerts and the body. */
const LF_TEXT = CLEAN.replace(/^title: .*$/m, `title: "Recover ${GH}"`)
  .replace(/^# .*$/m, `# Other heading ${GH}\n\nDeploy token: ${GH} (from the vault).`)
  .replace(/^related_alerts:\n(\s+- .*\n)/m, `related_alerts:\n  - "${JWT}"\n  - KubePodCrashLooping\n`)
  .replace(/^## Summary$/m, `## Summary ${GH}`)
  .replace(/^## Step 2A — .*$/m, `## Step 2A — Diagnose ${GH}`);
const ALERTS = `groups:\n  - name: k8s\n    rules:\n      - alert: KubePodCrashLooping\n        expr: up == 0\n        labels:\n          severity: critical\n        annotations:\n          runbook_url: https://runbooks.example.com/infra/runbooks/platform/lf.md\n          summary: "token ${GH}"\n`;

let dir: string;
const rel = (eol: keyof typeof EOLS) => `infra/runbooks/platform/${eol}.md`;
const textOf = (eol: keyof typeof EOLS) => LF_TEXT.replace(/\n/g, EOLS[eol]);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rb-leak-all-'));
  mkdirSync(join(dir, 'infra/runbooks/platform'), { recursive: true });
  mkdirSync(join(dir, 'alerts'), { recursive: true });
  for (const eol of Object.keys(EOLS) as (keyof typeof EOLS)[]) writeFileSync(join(dir, rel(eol)), textOf(eol));
  writeFileSync(join(dir, 'alerts/rules.yaml'), ALERTS);
  writeFileSync(join(dir, '.runbook-lint.yaml'), 'rules: {}\n');
  spawnSync('git', ['init', '-q'], { cwd: dir });
});
after(() => rmSync(dir, { recursive: true, force: true }));

function noLeak(what: string, out: string): void {
  for (const v of SECRETS) assert.equal(leakedSubstring(out, v), undefined, `${what} reveals a piece of a secret: ${out.slice(0, 300)}`);
}

test('every CLI output (formats, dry-run diffs, --print-config, report, coverage, graph) of LF, CRLF and CR-only runbooks holds no piece of a secret', { timeout: 300_000 }, () => {
  const runs: string[][] = [];
  for (const format of ['text', 'json', 'sarif', 'github']) runs.push(['infra', '--format', format], ['infra', '--fix', '--dry-run', '--format', format]);
  for (const eol of Object.keys(EOLS)) {
    runs.push(['--print-config', rel(eol as keyof typeof EOLS)], ['--print-config', rel(eol as keyof typeof EOLS), '--format', 'json']);
    for (const format of ['mermaid', 'dot', 'svg']) runs.push(['graph', rel(eol as keyof typeof EOLS), '--format', format]);
  }
  runs.push(['report', 'infra', '--format', 'json'], ['report', 'infra', '--output', 'report.html']);
  for (const format of ['text', 'json', 'github']) runs.push(['coverage', '--format', format]);
  let diffs = 0;
  for (const args of runs) {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    assert.ok(r.status !== null && r.status <= 2, `${args.join(' ')}: exit ${r.status} ${r.stderr.slice(0, 200)}`);
    assert.ok(r.stdout.length > 0 || args.includes('--output'), `${args.join(' ')} printed something`);
    noLeak(`runbook-lint ${args.join(' ')}`, r.stdout + r.stderr);
    if (/^[-+]/m.test(r.stdout) && args.includes('--dry-run')) diffs++;
  }
  assert.ok(diffs >= 1, 'the dry runs printed diffs');
  noLeak('report.html', readFileSync(join(dir, 'report.html'), 'utf8'));
});

let s: LspSession;
test('every language-server answer and notification about LF, CRLF and CR-only runbooks holds no piece of a secret', { timeout: 300_000 }, async () => {
  s = await startLsp({ rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true }, textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } }, completion: { completionItem: { snippetSupport: true } } } } });
  try {
    await s.conn.sendRequest('runbooks/summaries', { uris: [] }); // waits for the workspace index
    const uris = (Object.keys(EOLS) as (keyof typeof EOLS)[]).map((eol) => pathToFileURL(join(dir, rel(eol))).href);
    const out: string[] = [];
    const ask = async (method: string, params: unknown) => out.push(`${method} ${JSON.stringify(await s.conn.sendRequest(method, params))}`);
    for (const [i, eol] of (Object.keys(EOLS) as (keyof typeof EOLS)[]).entries()) {
      const uri = uris[i]!;
      const text = textOf(eol);
      s.open(uri, text);
      const diags = await s.diagnostics(uri, (d) => d.length > 0);
      assert.ok(diags.some((d) => d.code === 'RB401'), `${eol}: the secret is detected`);
      const lines = LF_TEXT.split('\n');
      const textDocument = { uri };
      const everything = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      await ask('textDocument/documentSymbol', { textDocument });
      for (const [l, line] of lines.entries()) {
        // Hover at a few columns of every line (the secret's own columns included); completion at the line end.
        for (const character of new Set([0, 2, 8, 14, Math.max(0, line.indexOf(GH) + 3), Math.max(0, line.indexOf(JWT) + 3)])) {
          if (character <= line.length) await ask('textDocument/hover', { textDocument, position: { line: l, character } });
        }
        await ask('textDocument/completion', { textDocument, position: { line: l, character: line.length } });
        if (/^## Step|^#/.test(line)) {
          const position = { line: l, character: 4 };
          await ask('textDocument/definition', { textDocument, position });
          await ask('textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
          await ask('textDocument/prepareRename', { textDocument, position });
          if (/^## Step 2A/.test(line)) await ask('textDocument/rename', { textDocument, position: { line: l, character: 9 }, newName: '2C' });
        }
      }
      const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument, range: everything, context: { diagnostics: diags } })) as { title: string; data?: unknown; edit?: unknown }[];
      out.push(`codeAction ${JSON.stringify(actions)}`);
      assert.ok(actions.length > 0, `${eol}: code actions offered`);
      for (const a of actions) if (!a.edit && a.data !== undefined) await ask('codeAction/resolve', a);
      const fixAll = (await s.conn.sendRequest('textDocument/codeAction', { textDocument, range: everything, context: { diagnostics: [], only: ['source.fixAll'] } })) as unknown[];
      out.push(`fixAll ${JSON.stringify(fixAll)}`);
      for (const a of fixAll) await ask('codeAction/resolve', a);
      await ask('runbooks/dodReport', { uri });
      await ask('runbooks/stepGraph', { uri });
      await ask('runbooks/nextId', { uri: uri.replace(`${eol}.md`, `new-${eol}.md`), taken: [] });
    }
    await ask('runbooks/summaries', { uris });
    await ask('runbooks/healthReport', { uris, nonce: 'abc' });
    for (const line of out) noLeak(line.slice(0, 60), line);
    noLeak('publishDiagnostics', JSON.stringify(s.published));
    noLeak('log and show messages', s.logs.join('\n') + s.stderr.join(''));
  } finally {
    await s.close();
  }
});
