/* global document */
// Records what VS Code really sends while a person types in a runbook (issue 17), so the bench's
// lsp.editor.* cases replay the real mix (bench/lib/editor.ts). Not part of `npm run bench`:
//
//   npm run package && node --import tsx bench/record-editor-session.mjs
//
// Starts code-server (test/e2e/lib: installed into ~/.cache/runbook-e2e) with the packaged extension
// and `editor.codeActionsOnSave: {"source.fixAll": "explicit"}`, opens a 100 KB runbook of real text,
// types a sentence in the middle, moves the cursor down a few lines and saves. The installed
// extension's dist/server.js is replaced by a relay that starts the real server and writes every
// message of both directions with its time to a file (`runbooks.trace.server: verbose` traces in the
// output channel, whose log file code-server leaves empty when it is stopped). Writes
// bench/editor-session.json: every message with its time, method, the code action context (`only`,
// trigger kind, diagnostics sent) and, for requests, the time to the server's answer. No document text.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CODE_SERVER_ENTRY, codeServerCli, ensureCodeServer, freePort, startDetached } from '../test/e2e/lib/codeserver.mjs';
import { command, gotoLine, keybindingsJson, openFile, waitForWorkbench } from '../test/e2e/lib/workbench.mjs';
import { corpusFiles, realRunbook } from './lib/inputs.js';
import { SENTENCE } from './lib/editor.js';

const REPO = join(import.meta.dirname, '..');
const VSIX = join(REPO, 'dist', 'runbook-authoring.vsix');
const REL = 'infra/runbooks/platform/real-100kb.md';
const log = (...a) => console.log('[record]', ...a);

/** Replaces the installed extension's server with a relay that records every message (IPC transport). */
function installRelay(extensions, recordFile) {
  const dir = readdirSync(extensions).find((d) => d.startsWith('runbook-authoring.'));
  if (!dir) throw new Error(`the extension is not installed in ${extensions}`);
  const dist = join(extensions, dir, 'dist');
  renameSync(join(dist, 'server.js'), join(dist, 'server-recorded.js'));
  writeFileSync(
    join(dist, 'server.js'),
    `// Relay written by bench/record-editor-session.mjs: records every LSP message with its time.
const { fork } = require('child_process');
const fs = require('fs');
const out = fs.openSync(${JSON.stringify(recordFile)}, 'a');
const rec = (dir, m) => fs.writeSync(out, JSON.stringify({ t: performance.timeOrigin + performance.now(), dir, m }) + '\\n');
const child = fork(require('path').join(__dirname, 'server-recorded.js'), process.argv.slice(2), { stdio: 'inherit' });
process.on('message', (m) => { rec('in', m); child.send(m); });
child.on('message', (m) => { rec('out', m); process.send(m); });
child.on('exit', (code) => process.exit(code ?? 0));
`,
  );
}

/** The recorded messages, without document text: time (ms since the first), direction, method, context. */
function summarize(jsonl) {
  const raw = jsonl.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const t0 = raw[0]?.t ?? 0;
  const pending = new Map();
  const out = [];
  for (const { t, dir, m } of raw) {
    const at = Math.round((t - t0) * 10) / 10;
    if (m.method) {
      const msg = { t: at, dir, method: m.method, ...(m.id !== undefined ? { id: m.id } : {}) };
      const p = m.params ?? {};
      if (p.context?.only) msg.only = p.context.only;
      if (p.context?.triggerKind) msg.triggerKind = p.context.triggerKind;
      if (Array.isArray(p.context?.diagnostics)) msg.diagnostics = p.context.diagnostics.length;
      if (m.method === 'textDocument/didChange') msg.change = p.contentChanges.map((c) => (c.text.length <= 2 ? c.text : `<${c.text.length} chars>`)).join('|');
      if (m.method === 'textDocument/publishDiagnostics') msg.count = p.diagnostics?.length;
      if (p.textDocument?.version !== undefined) msg.version = p.textDocument.version;
      if (m.method === 'textDocument/publishDiagnostics' && p.version !== undefined) msg.version = p.version;
      if (m.id !== undefined) pending.set(`${dir}:${m.id}`, msg);
      out.push(msg);
    } else if (m.id !== undefined) {
      const req = pending.get(`${dir === 'in' ? 'out' : 'in'}:${m.id}`);
      if (req) {
        req.ms = Math.round((at - req.t) * 10) / 10;
        if (m.error) req.error = m.error.code;
        else if (Array.isArray(m.result)) req.results = m.result.length;
      }
    }
  }
  return out;
}

async function main() {
  ensureCodeServer(log);
  const root = mkdtempSync(join(tmpdir(), 'runbook-record-'));
  const ws = join(root, 'workspace');
  mkdirSync(join(ws, 'infra/runbooks/platform'), { recursive: true });
  const text = realRunbook(100 * 1024, corpusFiles());
  writeFileSync(join(ws, REL), text);
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'git.enabled': false,
      'editor.codeActionsOnSave': { 'source.fixAll': 'explicit' },
    }),
  );
  writeFileSync(join(userData, 'User', 'keybindings.json'), keybindingsJson());
  const env = { XDG_CONFIG_HOME: join(root, 'xdg-config'), XDG_DATA_HOME: join(root, 'xdg-data'), XDG_CACHE_HOME: join(root, 'xdg-cache') };
  codeServerCli(['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', VSIX], env);
  const recordFile = join(root, 'messages.jsonl');
  installRelay(extensions, recordFile);
  const port = await freePort();
  const server = startDetached(
    CODE_SERVER_ENTRY,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--config', join(root, 'cs.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions, ws],
    { env, ready: /HTTP server listening on/ },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await server.started;
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(60_000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await waitForWorkbench(page);
    await openFile(page, REL);
    // Wait for the first diagnostics (the status bar's problem counter leaves 0).
    await page.waitForFunction(() => /[1-9]/.test(document.querySelector('#status\\.problems')?.textContent ?? ''), undefined, { timeout: 300_000 });
    const lines = text.split('\n');
    let line = Math.floor(lines.length / 2);
    while (!/^[A-Za-z].{20,}/.test(lines[line])) line++;
    await gotoLine(page, line + 1, lines[line].length + 1);
    log('typing');
    await page.keyboard.type(SENTENCE, { delay: 150 });
    await page.waitForTimeout(2000);
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(400);
    }
    log('saving');
    await command(page, 'workbench.action.files.save');
    await page.waitForTimeout(4000);
  } finally {
    await browser.close();
    await server.stop();
  }
  const messages = summarize(readFileSync(recordFile, 'utf8'));
  if (!messages.length) throw new Error(`nothing recorded in ${recordFile}`);
  const out = join(REPO, 'bench', 'editor-session.json');
  writeFileSync(out, JSON.stringify({ recorded: new Date().toISOString(), editor: 'code-server (VS Code) with the packaged extension', document: `${REL} (${text.length} chars of real runbook text)`, typed: SENTENCE, messages }, null, 1) + '\n');
  const byMethod = {};
  for (const m of messages) if (m.dir === 'in') byMethod[m.method] = (byMethod[m.method] ?? 0) + 1;
  log(`wrote ${out}: ${messages.length} messages`, byMethod);
  rmSync(root, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
